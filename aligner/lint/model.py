"""What lint rules are written against: the ``Document`` they read and the ``Finding`` they yield.

Rules import this module and nothing of the engine, so the engine can import
the rule registry without a cycle.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Callable, Collection

from yakugo.aligner.core.findings import SEVERITIES, Rule
from yakugo.aligner.core.recognize import Recognizer, TermMatch
from yakugo.glossary.model import Glossary

# Given the folded forms present in a document as substrings, those a rule reads.
Watch = Callable[[set[str]], Collection[str]]

__all__ = ["SEVERITIES", "Document", "Finding", "Rule", "Sentence", "Watch"]


@dataclass(frozen=True)
class Finding:
    """One lint finding; its fields are the JSON keys of ``yakugo lint --format json``.

    ``line``, ``column`` and ``end_column`` follow ``yakugo terms``: 1-based,
    code points of the original file, ``end_column`` exclusive. ``concept`` is
    the id of the concept the finding is about (None for a word the glossary
    does not list); ``replacement`` the suggested text (applied by ``--fix``
    for fixable rules only). ``fixable`` says how: ``"safe"`` (``--fix``
    applies it), ``"unsafe"`` (inside quotation marks, a title or a citation,
    or where the replacement could repeat the text before it: applied only with
    ``--unsafe-fixes``) or None (no fix).
    """

    path: str
    line: int
    column: int
    end_column: int
    rule: str
    severity: str
    message: str
    concept: str | None
    text: str
    replacement: str | None = None
    fixable: str | None = None

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class Sentence:
    """A sentence of one line: ``start``/``end`` are 0-based offsets in that line."""

    line: int
    start: int
    end: int
    text: str


# A sentence ends after 。！？ (with any closing brackets), outside 「」『』（）.
_OPENING = "「『（("
_CLOSING = "」』）)"
_SENTENCE_MARK = re.compile(r"[。．！？!?][」』）)]*|[「『（(」』）)]")


@dataclass
class Document:
    """What every rule sees: the masked lines and the glossary terms found in them."""

    path: str
    lines: list[str]  # masked, without line endings
    glossary: Glossary
    recognizer: Recognizer
    # Per-glossary state a rule builds once and keeps for the next document
    # (shared by every document of one Linter), keyed by rule id.
    rule_state: dict[str, object] = field(default_factory=dict)
    # Which folded forms the enabled rules read (None: all of them).
    watch: Watch | None = None

    @cached_property
    def matches(self) -> list[TermMatch]:
        """The terms of the watched forms, in order."""
        return list(self.recognizer.find_lines(self.lines, wanted=self.watch))

    @cached_property
    def headlines(self) -> frozenset[int]:
        """Line numbers of headlines: Markdown headings, and a first line without 。 that is
        shorter than a paragraph (a title above the body)."""
        found = {number for number, line in enumerate(self.lines, start=1) if line.lstrip().startswith("#")}
        first = next((number for number, line in enumerate(self.lines, start=1) if line.strip()), None)
        if first is not None:
            text = self.lines[first - 1].strip()
            if "。" not in text.rstrip("。")[:-1] and len(text) <= 80 and not text.endswith("。"):
                found.add(first)
        return frozenset(found)

    def is_headline(self, number: int) -> bool:
        return number in self.headlines

    @cached_property
    def sentences(self) -> list[Sentence]:
        """Every sentence of the document in order; a line end always ends one."""
        found: list[Sentence] = []
        for number, line in enumerate(self.lines, start=1):
            start = depth = 0
            for mark in _SENTENCE_MARK.finditer(line):
                char = mark.group()[0]
                if char in _OPENING:
                    depth += 1
                elif char in _CLOSING:
                    depth = max(0, depth - 1)
                elif depth == 0:
                    found.append(Sentence(number, start, mark.end(), line[start : mark.end()]))
                    start = mark.end()
            if line[start:].strip():
                found.append(Sentence(number, start, len(line), line[start:]))
        return found

    def finding(
        self, rule: Rule, match: TermMatch, message: str, concept: str | None, replacement: str | None = None, safe: bool = True
    ) -> Finding:
        """A finding at ``match``; a fix is unsafe where the span is quoted or cited (``quoted``)
        or where the rule says so (``safe=False``)."""
        fixable = None
        if rule.fixable and replacement is not None:
            line = self.lines[match.line - 1] if 0 < match.line <= len(self.lines) else ""
            fixable = "safe" if safe and not quoted(line, match.column - 1, match.end_column - 1) else "unsafe"
        return Finding(
            self.path, match.line, match.column, match.end_column, rule.id, rule.severity, message, concept, match.text,
            replacement, fixable,
        )


_QUOTE_PAIRS = {"「": "」", "『": "』", "“": "”", "《": "》", "〈": "〉", "【": "】", '"': '"'}
# Lines that cite: a source line (出典：…), a reference list entry, a quoted headline.
_CITATION_LINE = re.compile(r"^\s*(?:[-*・※]\s*)?(?:出典|引用|参考|参照|原題|見出し|Source|Sources|References?)\s*[:：]", re.I)


def quoted(line: str, start: int, end: int) -> bool:
    """Whether ``line[start:end]`` is inside quotation marks or brackets that enclose titles
    (「」『』“”《》〈〉【】"…") or on a citation line: text the writer reproduces, so a fix
    there changes a quotation, a title or a reference."""
    if _CITATION_LINE.match(line):
        return True
    stack: list[str] = []
    for char in line[:start]:
        if stack and char == _QUOTE_PAIRS[stack[-1]]:
            stack.pop()
        elif char in _QUOTE_PAIRS:
            stack.append(char)
    return bool(stack)


