"""What English lint rules read: an ``EnglishDocument``, the glossary's English renderings found in it.

The English counterpart of ``yakugo.aligner.lint.model.Document``. Its terms are
found by the ``EnglishMatcher`` (inflection-aware, case-insensitive but for
capitalised acronyms that are English words, U.S. = US, hyphen = space), over the
glossary's accepted renderings (``en``, ``en_variants``), its forbidden ones and its
``en_deprecated`` ones; rules yield the same lint ``Finding`` as the Japanese rules,
so formatters, suppressions and ``--fix`` treat both languages alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from yakugo.aligner.core.english import EnglishMatcher, blank_web_addresses, tokenize
from yakugo.aligner.core.findings import Rule
from yakugo.aligner.lint.model import Finding, Sentence, quoted
from yakugo.glossary.model import Concept, Form, FormMatch, Glossary

__all__ = ["EnglishDocument", "EnglishTerm", "english_matcher", "english_sentences"]


@dataclass(frozen=True)
class EnglishTerm(FormMatch):
    """A rendering found in a line: ``line``, ``column`` 1-based, ``end_column`` exclusive (code points)."""

    line: int
    column: int
    end_column: int
    text: str
    form: Form


def english_matcher(glossary: Glossary) -> EnglishMatcher:
    """Every English form the English rules read: accepted, forbidden and deprecated."""
    return EnglishMatcher(glossary, [*glossary.en_forms(), *glossary.en_deprecated_forms()], acronyms_in_capitals=True)


# Words after which a full stop does not end a sentence (titles, months, Latin abbreviations).
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt sgt adm cmdr sen rep gov pres st jr sr rev hon
    jan feb mar apr jun jul aug sep sept oct nov dec vs etc al fig approx dept est inc ltd co corp""".split()
)
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s|$)")
_WORD_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.")


def _word_before(line: str, end: int) -> str:
    """The letters and dots that end at ``end``, from their first letter ('' when none):
    read backwards from ``end``, so that a long line costs the word's length, not the line's."""
    start = end
    while start > 0 and line[start - 1] in _WORD_CHARACTERS:
        start -= 1
    while start < end and line[start] == ".":
        start += 1
    return line[start:end]


def english_sentences(lines: list[str]) -> list[Sentence]:
    """The sentences of English lines: each ends at ``.``, ``!`` or ``?`` (with closing quotes
    or brackets) before a space, except after an abbreviation (Mr., Jan., U.S.) or an initial;
    a line end always ends one."""
    found: list[Sentence] = []
    for number, line in enumerate(lines, start=1):
        start = 0
        for mark in _SENTENCE_END.finditer(line):
            if mark.group().startswith(".") and _abbreviation_before(line, mark.start()):
                continue
            found.append(Sentence(number, start, mark.end(), line[start : mark.end()]))
            start = mark.end()
        if line[start:].strip():
            found.append(Sentence(number, start, len(line), line[start:]))
    return found


def _abbreviation_before(line: str, dot: int) -> bool:
    text = _word_before(line, dot)
    if not text:
        return False
    if "." in text or (len(text) == 1 and text.isupper()):
        return True  # U.S. / J. Smith
    return text.lower() in _ABBREVIATIONS


@dataclass
class EnglishDocument:
    """What every English rule sees: the masked lines and the renderings found in them."""

    path: str
    lines: list[str]  # masked, without line endings
    glossary: Glossary
    matcher: EnglishMatcher
    # Per-glossary state a rule builds once and keeps for the next document, keyed by rule id.
    rule_state: dict[str, object] = field(default_factory=dict)

    @cached_property
    def matches(self) -> list[EnglishTerm]:
        """Every rendering of the glossary, overlaps included, in order (longest first at a place)."""
        found: list[EnglishTerm] = []
        for number, line in enumerate(self.lines, start=1):
            if not line.strip():
                continue
            for match in self.matcher.find_in_tokens(line, tokenize(blank_web_addresses(line))):
                found.append(EnglishTerm(number, match.start + 1, match.end + 1, match.text, match.form))
        return found

    @cached_property
    def renderings(self) -> list[EnglishTerm]:
        """The renderings a reader sees: at each place the longest, and none inside a longer
        rendering of another concept ("Kiev" in a name "Kiev Rus" the glossary lists is that name)."""
        kept: list[EnglishTerm] = []
        by_line: dict[int, list[EnglishTerm]] = {}
        for term in self.matches:
            by_line.setdefault(term.line, []).append(term)
        for terms in by_line.values():
            kept.extend(sorted(_outermost(terms), key=lambda t: t.column))
        return kept

    @cached_property
    def sentences(self) -> list[Sentence]:
        return english_sentences(self.lines)

    def finding(self, rule: Rule, term: EnglishTerm, message: str, concept: Concept, replacement: str | None = None) -> Finding:
        """A finding at ``term``; its fix is unsafe inside quotation marks (a quoted headline keeps its words)."""
        fixable = None
        if rule.fixable and replacement is not None:
            line = self.lines[term.line - 1]
            fixable = "unsafe" if quoted(line, term.column - 1, term.end_column - 1) else "safe"
        return Finding(
            self.path, term.line, term.column, term.end_column, rule.id, rule.severity, message, concept.id, term.text,
            replacement, fixable,
        )


def _outermost(terms: list[EnglishTerm]) -> list[EnglishTerm]:
    """The terms of one line not inside a longer kept term, nor repeating a kept one of the same
    concept at the same span; longest first, then by column.

    Terms are taken longest first, so a term can only be covered by a strictly longer one already
    kept or by one of its own length at the very same span. The longer ones kept so far sit in a
    Fenwick tree over the line's start columns holding the furthest end starting at or before a
    column: one logarithmic query per term instead of a comparison with every kept term (which was
    quadratic on a long line)."""
    starts = sorted({term.column for term in terms})
    slot = {column: index + 1 for index, column in enumerate(starts)}
    furthest = [0] * (len(starts) + 1)

    def furthest_end_from(column: int) -> int:
        best, index = 0, slot[column]
        while index:
            best = max(best, furthest[index])
            index -= index & -index
        return best

    def keep_longer(term: EnglishTerm) -> None:
        index = slot[term.column]
        while index < len(furthest):
            furthest[index] = max(furthest[index], term.end_column)
            index += index & -index

    chosen: list[EnglishTerm] = []
    same_length: list[EnglishTerm] = []
    same_span: set[tuple[int, int, int]] = set()
    length = None
    for term in sorted(terms, key=lambda t: (t.column - t.end_column, t.column)):
        if term.end_column - term.column != length:
            for longer in same_length:
                keep_longer(longer)
            same_length, length = [], term.end_column - term.column
        span = (term.column, term.end_column, id(term.concept))
        if span in same_span or furthest_end_from(term.column) >= term.end_column:
            continue
        same_span.add(span)
        same_length.append(term)
        chosen.append(term)
    return chosen
