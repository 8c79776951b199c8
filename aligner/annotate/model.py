"""What ``yakugo annotate`` shows of one article, as plain data.

``annotate_document`` reads nothing itself: it takes a ``TextFile`` and
returns an ``Annotation`` holding the lines, the glossary terms found in them,
the lint findings, and per concept how often each spelling was used. The
renderers (terminal: ``cli.annotate``; HTML: ``yakugo.aligner.annotate.html``) only
lay that out; ``Annotation.spans`` cuts a line into the pieces they style.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from yakugo.aligner.core.markdown_mask import is_markdown
from yakugo.aligner.lint.engine import Finding, LintOptions, lint_document
from yakugo.aligner.core.recognize import Recognizer, TermMatch
from yakugo.glossary.model import Concept, Glossary
from yakugo.glossary.textfile import TextFile
from yakugo.aligner.core.wording import counted  # noqa: F401  (re-exported for the renderers)


@dataclass
class ConceptUse:
    """One concept of the article: its occurrences and the spellings written.

    ``spellings`` counts the text exactly as written (so 米ロ ×3 and 米露 ×1
    are two entries), in order of first use; ``statuses`` says whether each
    spelling is the preferred form, an admitted variant or a deprecated one.
    """

    concept: Concept
    matches: list[TermMatch] = field(default_factory=list)
    spellings: Counter[str] = field(default_factory=Counter)
    statuses: dict[str, str] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.matches)

    @property
    def first_line(self) -> int:
        return self.matches[0].line

    def to_dict(self) -> dict[str, object]:
        return {
            "concept": self.concept.id,
            "ja": self.concept.ja,
            "en": self.concept.en,
            "count": self.count,
            "spellings": [
                {"text": text, "count": count, "status": self.statuses[text]} for text, count in self.spellings.items()
            ],
            "note": self.concept.note,
        }


@dataclass(frozen=True)
class Span:
    """A piece of one line: plain text, or one whole term, with the findings on it.

    ``start``/``end`` are 0-based code-point offsets in the line. A term is
    never cut: a finding overlapping part of a term is attached to all of it.
    """

    start: int
    end: int
    text: str
    match: TermMatch | None = None
    findings: tuple[Finding, ...] = ()


@dataclass
class Annotation:
    path: str
    lines: list[str]
    matches: list[TermMatch]
    findings: list[Finding]
    concepts: list[ConceptUse]  # most used first; a tie goes to the concept met first
    markdown: bool = False  # read as Markdown: the HTML page renders it

    def __post_init__(self) -> None:
        self._terms_by_line: dict[int, list[TermMatch]] = {}
        for match in self.matches:
            self._terms_by_line.setdefault(match.line, []).append(match)
        self._findings_by_line: dict[int, list[Finding]] = {}
        for finding in self.findings:
            self._findings_by_line.setdefault(finding.line, []).append(finding)

    def spans(self, number: int) -> list[Span]:
        """Line ``number`` (1-based) cut into plain text, terms and flagged text."""
        line = self.lines[number - 1]
        terms = self.terms_on(number)
        findings = self.findings_on(number)
        # Cut points: every term edge, and every finding edge outside a term.
        inside_term: set[int] = set()
        for match in terms:
            inside_term.update(range(match.column, match.end_column - 1))  # 0-based offsets strictly inside
        cuts = {0, len(line)}
        for match in terms:
            cuts.update((match.column - 1, match.end_column - 1))
        for finding in findings:
            for edge in (finding.column - 1, finding.end_column - 1):
                if 0 < edge < len(line) and edge not in inside_term:
                    cuts.add(edge)
        term_at = {match.column - 1: match for match in terms}
        spans: list[Span] = []
        points = sorted(cuts)
        for start, end in zip(points, points[1:]):
            on = tuple(f for f in findings if f.column - 1 < end and f.end_column - 1 > start)
            spans.append(Span(start, end, line[start:end], term_at.get(start), on))
        return spans

    def terms_on(self, number: int) -> list[TermMatch]:
        return self._terms_by_line.get(number, [])

    def findings_on(self, number: int) -> list[Finding]:
        return self._findings_by_line.get(number, [])

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "terms": [match.to_dict() for match in self.matches],
            "findings": [finding.to_dict() for finding in self.findings],
            "concepts": [use.to_dict() for use in self.concepts],
        }


def concept_uses(matches: list[TermMatch]) -> list[ConceptUse]:
    """The concepts of ``matches``, most frequent first (ties: first met first)."""
    uses: dict[str, ConceptUse] = {}
    for match in matches:
        use = uses.setdefault(match.concept.id, ConceptUse(match.concept))
        use.matches.append(match)
        use.spellings[match.text] += 1
        use.statuses.setdefault(match.text, match.status)
    return sorted(uses.values(), key=lambda use: -use.count)  # sorted is stable: first met wins a tie


def annotate_document(
    file: TextFile,
    glossary: Glossary,
    recognizer: Recognizer | None = None,
    lint: bool = True,
    options: LintOptions | None = None,
) -> Annotation:
    """Terms, lint findings and concept counts of one file read with ``read_text``.

    ``options`` choose the lint rules, and whether the file is Markdown (by
    default: by its suffix)."""
    recognizer = recognizer or Recognizer(glossary)
    lines = file.lines()
    markdown = is_markdown(file.path) if options is None or options.markdown is None else options.markdown
    matches = recognizer.find_in_file(file, markdown)
    findings = lint_document(file, glossary, recognizer, options) if lint else []
    return Annotation(file.path, lines, matches, findings, concept_uses(matches), markdown)
