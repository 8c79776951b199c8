"""Counts in messages: "1 term", "2 terms", "1 entry", "3 entries" (never "1 terms", "2 error")."""

from __future__ import annotations


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """``number`` and ``noun``, in the plural unless ``number`` is 1 (``plural`` when the
    plural is not noun + s)."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"
