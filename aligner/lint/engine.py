"""The consistency lint engine behind ``yakugo lint``.

A document is read once: Markdown parts that are not prose are blanked
(``yakugo.aligner.core.markdown_mask``), glossary terms are recognised on the masked
lines, and every enabled rule (``yakugo.aligner.lint.rules``) looks at the same
``Document`` and yields ``Finding``s. Suppression directives
(``yakugo.aligner.lint.suppress``) then drop what the writer silenced, and severities are
those of the rule unless the options override them.

``lint_document`` is the entry point for callers holding a ``TextFile``;
``lint_text`` lints a string; ``fix_text`` applies every fixable finding.
A ``Linter`` does the per-glossary work (rule choice, glossary checks) once
for many documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import partial
from typing import Collection, Iterable, Mapping

from yakugo.aligner.core.markdown_mask import is_markdown, mask_markdown
from yakugo.aligner.core.recognize import Recognizer, TermMatch, cached_recognizer
from yakugo.aligner.lint.suppress import read_directives
from yakugo.glossary.cache import compiled_part
from yakugo.glossary.errors import InputError
from yakugo.glossary.model import Glossary
from yakugo.glossary.textfile import TextFile
from yakugo.aligner.core.findings import SEVERITIES, Rule
from yakugo.aligner.core.findings import fails as severities_fail
from yakugo.aligner.lint.model import Document, Finding, Sentence, Watch
from yakugo.aligner.lint.english_engine import EnglishLinter
from yakugo.aligner.lint.english_model import EnglishDocument
from yakugo.aligner.lint.registry import ENGLISH_RULES, REGISTRY

# --fix runs again on its own result until nothing fixable is left, so that a
# second --fix never changes anything; a glossary whose replacement brings in
# another deprecated form settles in a couple of passes.
MAX_FIX_PASSES = 5


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
    lang: str = "auto"  # en, ja, or auto: a document of mostly Latin script is English (english_engine)


def all_rules() -> dict[str, Rule]:
    """Every lint rule by id, in registry order."""
    return REGISTRY.rules


def enabled_rules(options: LintOptions) -> list[Rule]:
    """The rules ``options`` turn on, in registry order; an unknown id is an ``InputError``."""
    return REGISTRY.choose(options.select, options.ignore, options.severity)


def _rule_findings(rule: Rule, document: Document | EnglishDocument) -> Iterable[Finding]:
    """What a lint rule's ``check`` finds in ``document`` (only QA rules leave ``check`` unset)."""
    if rule.check is None:
        raise TypeError(f"lint rule '{rule.id}' has no check")
    return rule.check(document)


def _prepared(rule: Rule, glossary: Glossary) -> bool:
    """Runs a rule's set-up check (an ``InputError`` when the glossary fails it)."""
    if rule.prepare is not None:
        rule.prepare(glossary)
    return True


class Linter:
    """The rules chosen and the glossary checked once; then any number of texts linted."""

    def __init__(self, glossary: Glossary, recognizer: Recognizer | None = None, options: LintOptions | None = None):
        self.glossary = glossary
        # A glossary loaded through the compiled-glossary cache keeps its recognizer there.
        self.recognizer = recognizer or cached_recognizer(glossary)
        self.options = options or LintOptions()
        self.rules = enabled_rules(self.options)
        self._japanese_rules = [rule for rule in self.rules if rule.id not in ENGLISH_RULES]
        self._english = EnglishLinter(glossary, [rule for rule in self.rules if rule.id in ENGLISH_RULES], self.options.lang)
        for rule in self._japanese_rules:
            if rule.prepare is not None:
                # A set-up check depends on the glossary alone: once passed, the cache says so.
                compiled_part(glossary, f"prepared {rule.id}", partial(_prepared, rule, glossary))
        self._order = {rule.id: index for index, rule in enumerate(self.rules)}
        self._known_rules = REGISTRY.known()  # what a directive may name, enabled or not
        self._rule_state: dict[str, object] = {}
        self._watch = combined_watch(self._japanese_rules, glossary)

    def lint_text(self, text: str, path: str = "-") -> list[Finding]:
        """Every finding in ``text`` (line endings LF or CRLF), sorted by position."""
        markdown = is_markdown(path) if self.options.markdown is None else self.options.markdown
        suppressions = read_directives(text, markdown, self._known_rules, path)
        masked = mask_markdown(text) if markdown else text
        lines = [line[:-1] if line.endswith("\r") else line for line in masked.split("\n")]
        english = self._english.reads(lines)
        document = (
            self._english.document(path, lines)
            if english
            else Document(path, lines, self.glossary, self.recognizer, self._rule_state, self._watch)
        )
        # A rule may grade its own findings (context-confusable: error or warning); a severity
        # the user configured for the rule applies to all of them.
        findings = [
            finding if finding.severity == rule.severity or rule.id not in self.options.severity
            else replace(finding, severity=rule.severity)
            for rule in (self._english.rules if english else self._japanese_rules)
            for finding in _rule_findings(rule, document)
            if not suppressions.silences(finding.line, finding.rule)
        ]
        # A fixable rule's fix is safe unless the rule said otherwise.
        findings = [
            replace(f, fixable="safe") if f.fixable is None and f.replacement is not None and REGISTRY[f.rule].fixable else f
            for f in findings
        ]
        return sorted(findings, key=lambda f: (f.line, f.column, self._order[f.rule]))

    def lint_document(self, file: TextFile) -> list[Finding]:
        return self.lint_text(file.text, file.path)

    def fix_text(self, text: str, path: str = "-", unsafe: bool = False) -> tuple[str, list[Finding]]:
        """``text`` with every safe fix applied (with ``unsafe``, the unsafe ones too), and the
        findings that were fixed."""
        fixed: list[Finding] = []
        for _ in range(MAX_FIX_PASSES):
            todo = fixable(self.lint_text(text, path), unsafe)
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
        # Kept in the compiled-glossary cache under the rule's id: a rule's forms depend on
        # the glossary alone, and another configuration combines other rules' parts.
        watches.append(compiled_part(glossary, f"watched-forms {rule.id}", partial(rule.watched_forms, glossary)))
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
    unsafe: bool = False,
) -> tuple[str, list[Finding]]:
    """``text`` with every safe fix applied (``unsafe``: unsafe ones too), and the findings fixed."""
    return Linter(glossary, recognizer, options).fix_text(text, path, unsafe)


def fixable(findings: Iterable[Finding], unsafe: bool = False) -> list[Finding]:
    """The findings ``--fix`` applies: the safe ones (with ``unsafe``, the unsafe ones too)."""
    allowed = ("safe", "unsafe") if unsafe else ("safe",)
    return [f for f in findings if f.replacement is not None and REGISTRY[f.rule].fixable and f.fixable in allowed]


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
    return severities_fail((f.severity for f in findings), fail_on)
