"""What the lint tests share: the lint fixture glossary and a one-call linter."""

from __future__ import annotations

from functools import cache

from yakugo.aligner.core.recognize import Recognizer
from yakugo.aligner.lint.engine import Finding, LintOptions, lint_text
from yakugo.glossary import Glossary, load_glossary

from support import FIXTURES

LINT_GLOSSARY = FIXTURES / "lint.tsv"


@cache
def fixture_glossary() -> Glossary:
    return load_glossary(LINT_GLOSSARY)


@cache
def fixture_recognizer() -> Recognizer:
    return Recognizer(fixture_glossary())


def lint(text: str, *rules: str, path: str = "article.txt", glossary: Glossary | None = None) -> list[Finding]:
    """Findings of ``rules`` (default: the rules on by default) in ``text``."""
    glossary = glossary or fixture_glossary()
    recognizer = fixture_recognizer() if glossary is fixture_glossary() else None
    return lint_text(text, glossary, recognizer, LintOptions(select=list(rules) or None), path=path)


def spans(findings: list[Finding]) -> list[tuple[int, int, int, str]]:
    """``(line, column, end_column, text)`` of each finding."""
    return [(f.line, f.column, f.end_column, f.text) for f in findings]
