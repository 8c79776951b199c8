"""Bilingual terminology QA in both directions: readers, the checker, its rules and formatters."""
