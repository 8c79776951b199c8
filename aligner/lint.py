"""The consistency lint engine behind ``yakugo lint``.

A document is read once: Markdown parts that are not prose are blanked
(``aligner.markdown_mask``), glossary terms are recognised on the masked
lines, and every enabled rule (``aligner.rules``) looks at the same
``Document`` and yields ``Finding``s. Suppression directives
(``aligner.suppress``) then drop what the writer silenced, and severities are
those of the rule unless the options override them.

``lint_document`` is the entry point for callers holding a ``TextFile``;
``lint_text`` lints a string; ``fix_text`` applies every fixable finding.
A ``Linter`` does the per-glossary work (rule choice, glossary checks) once
for many documents.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from functools import cached_property
from typing import Callable, Collection, Iterable, Mapping

from aligner.markdown_mask import is_markdown, mask_markdown
from aligner.recognize import Recognizer, TermMatch
from aligner.suppress import read_directives
from glossary.errors import InputError
from glossary.model import Glossary
from glossary.textfile import TextFile

SEVERITIES = ("error", "warning", "info")
# Given the folded forms present in a document as substrings, those a rule reads.
Watch = Callable[[set[str]], Collection[str]]
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}
# --fix runs again on its own result until nothing fixable is left, so that a
# second --fix never changes anything; a glossary whose replacement brings in
# another deprecated form settles in a couple of passes.
MAX_FIX_PASSES = 5


@dataclass(frozen=True)
class Finding:
    """One lint finding; its fields are the JSON keys of ``yakugo lint --format json``.

    ``line``, ``column`` and ``end_column`` follow ``yakugo terms``: 1-based,
    code points of the original file, ``end_column`` exclusive. ``concept`` is
    the id of the concept the finding is about (None for a word the glossary
    does not list); ``replacement`` the suggested text (applied by ``--fix``
    for fixable rules only).
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

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class Rule:
    """A lint rule: a stable id, a default severity and a check over a ``Document``.

    ``prepare`` (optional) checks the glossary once and raises ``InputError``
    when the rule's columns are inconsistent. ``watched_forms`` (optional),
    given the glossary once, returns a function that takes the folded forms
    (``Form.key``) occurring in a document as substrings and names those
    whose matches ``check`` reads in ``Document.matches``; without it the
    rule sees every term. Most lines of an article hold no watched form, and
    those are never segmented. The
    module docstring of the rule is its documentation (``yakugo lint
    --list-rules``).
    """

    id: str
    severity: str
    summary: str
    check: Callable[["Document"], Iterable[Finding]]
    doc: str = ""
    fixable: bool = False
    enabled_by_default: bool = True
    prepare: Callable[[Glossary], None] | None = None
    watched_forms: Callable[[Glossary], "Watch"] | None = None


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

    def finding(self, rule: Rule, match: TermMatch, message: str, concept: str | None, replacement: str | None = None) -> Finding:
        return Finding(
            self.path, match.line, match.column, match.end_column, rule.id, rule.severity, message, concept, match.text, replacement
        )


@dataclass
class LintOptions:
    """Which rules run and how loud they are.

    ``select`` None means the rules on by default; ``ALL`` in it means every
    rule. ``markdown`` None decides by the path's suffix.
    """

    select: Collection[str] | None = None
    ignore: Collection[str] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    markdown: bool | None = None


def all_rules() -> dict[str, Rule]:
    from aligner.rules import RULES

    return RULES


def enabled_rules(options: LintOptions) -> list[Rule]:
    """The rules ``options`` turn on, in registry order; an unknown id is an ``InputError``."""
    rules = all_rules()
    named = [*(options.select or ()), *options.ignore, *options.severity]
    unknown = sorted({name for name in named if name not in rules and name != "ALL"})
    if unknown:
        raise InputError(f"unknown rule {', '.join(unknown)} (known: {', '.join(rules)})")
    bad = sorted(f"{rule}={level}" for rule, level in options.severity.items() if level not in SEVERITIES)
    if bad:
        raise InputError(f"bad severity {', '.join(bad)} (use {', '.join(SEVERITIES)})")
    if options.select is None:
        chosen = [rule for rule in rules.values() if rule.enabled_by_default]
    elif "ALL" in options.select:
        chosen = list(rules.values())
    else:
        chosen = [rule for rule in rules.values() if rule.id in options.select]
    chosen = [rule for rule in chosen if rule.id not in options.ignore]
    return [replace(rule, severity=options.severity.get(rule.id, rule.severity)) for rule in chosen]


class Linter:
    """The rules chosen and the glossary checked once; then any number of texts linted."""

    def __init__(self, glossary: Glossary, recognizer: Recognizer | None = None, options: LintOptions | None = None):
        self.glossary = glossary
        self.recognizer = recognizer or Recognizer(glossary)
        self.options = options or LintOptions()
        self.rules = enabled_rules(self.options)
        for rule in self.rules:
            if rule.prepare is not None:
                rule.prepare(glossary)
        self._order = {rule.id: index for index, rule in enumerate(self.rules)}
        self._known_rules = frozenset(all_rules())  # what a directive may name, enabled or not
        self._rule_state: dict[str, object] = {}
        self._watch = combined_watch(self.rules, glossary)

    def lint_text(self, text: str, path: str = "-") -> list[Finding]:
        """Every finding in ``text`` (line endings LF or CRLF), sorted by position."""
        markdown = is_markdown(path) if self.options.markdown is None else self.options.markdown
        suppressions = read_directives(text, markdown, self._known_rules, path)
        masked = mask_markdown(text) if markdown else text
        lines = [line[:-1] if line.endswith("\r") else line for line in masked.split("\n")]
        document = Document(path, lines, self.glossary, self.recognizer, self._rule_state, self._watch)
        findings = [
            finding if finding.severity == rule.severity else replace(finding, severity=rule.severity)
            for rule in self.rules
            for finding in rule.check(document)
            if not suppressions.silences(finding.line, finding.rule)
        ]
        return sorted(findings, key=lambda f: (f.line, f.column, self._order[f.rule]))

    def lint_document(self, file: TextFile) -> list[Finding]:
        return self.lint_text(file.text, file.path)

    def fix_text(self, text: str, path: str = "-") -> tuple[str, list[Finding]]:
        """``text`` with every fixable finding fixed, and the findings that were fixed."""
        fixed: list[Finding] = []
        for _ in range(MAX_FIX_PASSES):
            todo = fixable(self.lint_text(text, path))
            if not todo:
                break
            updated = apply_fixes(text, todo)
            if updated == text:
                break
            fixed.extend(todo)
            text = updated
        return text, fixed


def combined_watch(rules: Iterable[Rule], glossary: Glossary) -> Watch | None:
    """The forms any of ``rules`` reads, or None when one of them reads every term."""
    watches = []
    for rule in rules:
        if rule.watched_forms is None:
            return None
        watches.append(rule.watched_forms(glossary))
    return lambda present: set().union(*(watch(present) for watch in watches))


def lint_text(
    text: str,
    glossary: Glossary,
    recognizer: Recognizer | None = None,
    options: LintOptions | None = None,
    path: str = "-",
) -> list[Finding]:
    """Every finding in ``text``, sorted by position (build a ``Linter`` to lint many texts)."""
    return Linter(glossary, recognizer, options).lint_text(text, path)


def lint_document(
    file: TextFile, glossary: Glossary, recognizer: Recognizer | None = None, options: LintOptions | None = None
) -> list[Finding]:
    """Every finding in a file read with ``glossary.textfile.read_text``."""
    return Linter(glossary, recognizer, options).lint_document(file)


def fix_text(
    text: str,
    glossary: Glossary,
    recognizer: Recognizer | None = None,
    options: LintOptions | None = None,
    path: str = "-",
) -> tuple[str, list[Finding]]:
    """``text`` with every fixable finding fixed, and the findings that were fixed."""
    return Linter(glossary, recognizer, options).fix_text(text, path)


def fixable(findings: Iterable[Finding]) -> list[Finding]:
    rules = all_rules()
    return [f for f in findings if f.replacement is not None and rules[f.rule].fixable]


def apply_fixes(text: str, findings: Iterable[Finding]) -> str:
    """``text`` with each finding's span replaced by its replacement.

    Only the span changes: line endings and everything else stay as they
    are. Overlapping or stale findings are skipped (the next pass sees them).
    """
    line_starts = [0]
    for index, char in enumerate(text):
        if char == "\n":
            line_starts.append(index + 1)
    pieces: list[str] = []
    cursor = 0
    for finding in sorted(findings, key=lambda f: (f.line, f.column)):
        start = line_starts[finding.line - 1] + finding.column - 1
        end = line_starts[finding.line - 1] + finding.end_column - 1
        if start < cursor or text[start:end] != finding.text:
            continue
        pieces += [text[cursor:start], finding.replacement or ""]
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def fails(findings: Iterable[Finding], fail_on: str) -> bool:
    """Whether any finding is at or above the ``fail_on`` severity."""
    threshold = SEVERITY_RANK[fail_on]
    return any(SEVERITY_RANK[f.severity] >= threshold for f in findings)
