"""Bilingual terminology QA: does the translation render the glossary terms of its source?

Segments come in either direction (``Segment.direction``). Japanese→English
first; English→Japanese is described after it.

For each ja→en segment, the Japanese side goes through the ``Recognizer`` (terms at
morpheme boundaries, any form of a concept) and the English side through the
``EnglishMatcher``, restricted to the concepts the Japanese contains. Then:

* ``term-forbidden`` (error): the English has one of the concept's
  ``en_forbidden`` renderings, unless that span is (inside) an accepted
  rendering of a concept present in the same segment — in "a security
  guarantee and security assurances", "security guarantee" belongs to 安全の保証
  when 安全の保証 is there, and is not a wrong rendering of 安全の約束;
* ``term-missing`` (warning): none of the concept's accepted renderings is
  there (and no forbidden one: that is reported as forbidden instead). With
  ``count=True`` each Japanese occurrence needs an English rendering of its own;
* ``term-inconsistent`` (info): over the whole input, a concept rendered in
  rival accepted ways; each use of a minority rendering is reported, except in
  segments that also have the rendering it rivals. A short form is no rival of
  its long form ("KCNA", "Korean Central News Agency"; "Russia", "Russian").

An accepted rendering inside a longer accepted rendering of another concept
present in the segment does not count for its own concept ("Russia" in
"US-Russia relations" when the Japanese has both 米ロ and ロシア).

For each en→ja segment, the English source goes through the ``EnglishMatcher``
(every concept: its accepted renderings at each place, the longest, none
inside a longer rendering of another concept) and the Japanese target through
the ``Recognizer``. A place whose rendering several concepts share is one
place, satisfied by any of them. Then:

* ``term-forbidden`` (error): the source renders C and the target has no form
  of C but a Japanese form of a concept D the source does not render, where D
  is confusable with C (``confusables`` of either) or lists the source's
  rendering in its ``en_forbidden`` ("security assurances" → 安全の保証: write
  安全の約束);
* ``term-missing`` (warning): the target has no Japanese form of C (preferred,
  variant or deprecated) and no such wrong form either; ``count=True`` counts
  occurrences as for ja→en;
* ``term-deprecated`` (warning): the target writes a ``ja_deprecated`` form;
* ``term-inconsistent`` (info): over the whole input, the target writes a
  concept in rival admitted forms, weighed as lint's mixed-variants weighs them
  (``dominant_rivals``); each use of a minority form is reported, except in
  segments that also have the form it rivals.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Collection, Iterable, Mapping

from yakugo.aligner.core import jmdict
from yakugo.aligner.lint.rules.mixed_variants import dominant_rivals
from yakugo.aligner.core.english import (
    EnglishMatch,
    EnglishMatcher,
    blank_web_addresses,
    rendering_key,
    tokenize,
    word_key,
)
from yakugo.aligner.core.recognize import Recognizer, TermMatch
from yakugo.aligner.core.segment import morphemes
from yakugo.glossary.model import Concept, Glossary
from yakugo.glossary.normalize import fold
from yakugo.glossary.query import rightful_owners
from yakugo.aligner.core.findings import Rule
from yakugo.aligner.qa.rules import REGISTRY, RULES

if TYPE_CHECKING:  # the readers bring lxml and defusedxml, which ``yakugo lint`` has no use for
    from yakugo.aligner.qa.readers import Direction, Segment

# The JSON/CSV contract: exactly these keys, in this order (docs/commands/check.md).
FIELDS = (
    "segment",
    "rule",
    "severity",
    "concept",
    "ja_text",
    "ja_column",
    "target_text",
    "expected",
    "message",
    "direction",
    "source_text",
    "source_column",
)
_STATUS_RANK = {"preferred": 0, "variant": 1, "forbidden": 2}


@dataclass
class Finding:
    """One finding. ``ja_text``/``ja_column`` are the Japanese as written (the source term for
    ja→en; for en→ja the target's span, None when the target has none); ``source_text``/
    ``source_column`` the source term as written (for ja→en the same as ``ja_text``/``ja_column``;
    None for an en→ja deprecated form whose concept the source does not render);
    ``target_text`` the offending target span or None; ``expected`` the target's accepted forms."""

    segment: str
    rule: str
    severity: str
    concept: str
    ja_text: str | None
    ja_column: int | None
    target_text: str | None
    expected: list[str]
    message: str
    direction: Direction = "ja-en"
    source_text: str | None = None
    source_column: int | None = None
    # For display only (not part of the JSON contract): the pair, and where the
    # spans are in its source and target (0-based, end exclusive).
    pair: Segment | None = field(default=None, repr=False, compare=False)
    source_start: int | None = field(default=None, repr=False, compare=False)
    source_end: int | None = field(default=None, repr=False, compare=False)
    target_start: int | None = field(default=None, repr=False, compare=False)
    target_end: int | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in FIELDS}


@dataclass
class _Use:
    """One accepted rendering of a concept in one segment, kept for the consistency rule."""

    order: int
    segment: Segment
    term: TermMatch
    match: EnglishMatch


@dataclass
class _JapaneseUse:
    """One admitted Japanese form of a concept in an en→ja target, kept for the consistency rule."""

    order: int
    segment: Segment
    term: TermMatch
    source: EnglishMatch | None  # the source's rendering of the concept, if any


@dataclass(frozen=True)
class _Place:
    """One place of the English source rendering a concept (or several sharing the rendering)."""

    match: EnglishMatch  # the rendering, of the first concept
    concepts: tuple[Concept, ...]  # the concepts it renders, preferred renderings first


class Checker:
    """Built once per glossary (a Japanese automaton and an English index); ``check`` then
    runs over any number of segments."""

    def __init__(
        self,
        glossary: Glossary,
        *,
        count: bool = False,
        select: Collection[str] | None = None,
        ignore: Collection[str] = (),
        severity: Mapping[str, str] | None = None,
    ):
        self.glossary = glossary
        self.count = count
        # The rules on (all three by default) with their severities; an unknown id is an InputError.
        self.rules: list[Rule] = REGISTRY.choose(select, ignore, severity)
        self._levels = {rule.id: rule.severity for rule in self.rules}
        self.recognizer = Recognizer(glossary)
        self.english = EnglishMatcher(glossary)
        self._english_source: EnglishMatcher | None = None  # en→ja sources: built on the first one

    def check(self, segments: Iterable[Segment]) -> list[Finding]:
        """Every finding, in input order (segment, then source column)."""
        findings: list[tuple[int, Finding]] = []
        uses: dict[str, list[_Use]] = defaultdict(list)
        japanese_uses: dict[str, list[_JapaneseUse]] = defaultdict(list)
        self._spelled_out: set[str] = set()  # en→ja: concepts the sources so far named in full
        for order, segment in enumerate(segments):
            if segment.direction == "en-ja":
                found = self._check_english_source(segment, order, japanese_uses)
            else:
                found = self._check_segment(segment, order, uses)
            for finding in found:
                findings.append((order, finding))
        findings.extend(_inconsistencies(uses))
        findings.extend(_japanese_inconsistencies(japanese_uses))
        rule_order = list(RULES)
        findings.sort(key=lambda item: (item[0], _column(item[1]), rule_order.index(item[1].rule)))
        return [
            finding if finding.severity == self._levels[finding.rule] else replace(finding, severity=self._levels[finding.rule])
            for _, finding in findings
            if finding.rule in self._levels
        ]

    def _check_segment(self, segment: Segment, order: int, uses: dict[str, list[_Use]]) -> list[Finding]:
        if not segment.source.strip() or not segment.target.strip():
            return []  # untranslated: nothing to check yet
        occurrences: dict[str, list[TermMatch]] = {}
        for term in self.recognizer.find_in_line(segment.source, segment.line or 1):
            occurrences.setdefault(term.concept.id, []).append(term)
        if not occurrences:
            return []
        matches = self.english.find(segment.target, set(occurrences))
        accepted = [m for m in matches if m.status != "forbidden"]
        counted = _counted_renderings(accepted)
        forbidden = [m for m in matches if m.status == "forbidden"]
        if forbidden:
            forbidden = _forbidden_renderings(forbidden, accepted + self._names_around(segment.target, forbidden))
        findings: list[Finding] = []
        for concept_id, terms in occurrences.items():
            concept = self.glossary[concept_id]
            renderings = [m for m in counted if m.concept is concept]
            wrong = [m for m in forbidden if m.concept is concept]
            for match in renderings:
                uses[concept_id].append(_Use(order, segment, terms[0], match))
            for index, match in enumerate(wrong):
                findings.append(self._forbidden(segment, terms[min(index, len(terms) - 1)], match))
            attempts = len(renderings) + len(wrong)
            if attempts >= (len(terms) if self.count else 1):
                continue
            expected = [term for term in terms if self._needs_rendering(segment.source, term)]
            unrendered = expected[attempts:] if self.count else expected[:1]
            for term in unrendered:
                findings.append(self._missing(segment, term, len(expected), attempts))
        return findings

    def _needs_rendering(self, source: str, term: TermMatch) -> bool:
        """False for a term inside a longer word (Sudachi mode C) that JMdict translates, in one
        of its senses, without naming the concept: 日本 in 日本酒 ("sake") or 東日本大震災
        ("Tohoku earthquake"). Such a word is translated as a whole; 日本刀 ("Japanese sword"
        in every sense), 冷戦後 or トランプ政権 (not JMdict words) still need the term."""
        start, end = term.column - 1, term.end_column - 1
        word = next((text for begin, stop, text in _long_units(source) if begin <= start and end <= stop and stop - begin > end - start), None)
        if word is None:
            return True
        glosses = jmdict.entry(word).glosses
        return all(self._renders(gloss, term.concept) for gloss in glosses)

    def _renders(self, english: str, concept: Concept) -> bool:
        return any(match.status != "forbidden" for match in self.english.find(english, {concept.id}))

    def _names_around(self, target: str, forbidden: list[EnglishMatch]) -> list[EnglishMatch]:
        """Names in the glossary (renderings written with a capital) strictly longer than a
        forbidden span they contain, whatever the Japanese has: "Non-Proliferation" in "the
        Non-Proliferation Treaty", "Foreign Minister" in "Deputy Foreign Minister" name
        something else, not a wrong rendering. "nuclear non-proliferation" is no name."""
        return [
            name
            for name in self.english.find(target)
            if name.status != "forbidden"
            and name.form.text[:1].isupper()
            and any(name.contains(match) and name.end - name.start > match.end - match.start for match in forbidden)
        ]

    def _forbidden(self, segment: Segment, term: TermMatch, match: EnglishMatch) -> Finding:
        concept = term.concept
        owners = rightful_owners(self.glossary, match.form)
        belongs = f" ('{match.form.text}' renders {' / '.join(f'{c.ja} [{c.id}]' for c in owners)})" if owners else ""
        message = (
            f"'{match.text}' is a forbidden rendering of {term.text} [{concept.id}]{belongs}; "
            f"use {_alternatives(concept)}"
        )
        return _finding(segment, "term-forbidden", term, match, message)

    def _missing(self, segment: Segment, term: TermMatch, occurrences: int, rendered: int) -> Finding:
        concept = term.concept
        if self.count and occurrences > 1:
            message = (
                f"{term.text} [{concept.id}] occurs {occurrences} times but the English renders it "
                f"{rendered} time{'s' if rendered != 1 else ''}; expected {_alternatives(concept)}"
            )
        else:
            message = f"{term.text} [{concept.id}] is not rendered; expected {_alternatives(concept)}"
        return _finding(segment, "term-missing", term, None, message)


    # -- en→ja ---------------------------------------------------------------

    def _check_english_source(self, segment: Segment, order: int, uses: dict[str, list[_JapaneseUse]]) -> list[Finding]:
        if not segment.source.strip() or not segment.target.strip():
            return []  # untranslated: nothing to check yet
        targets = self.recognizer.find_in_line(segment.target, segment.line or 1)
        if self._english_source is None:
            # Every concept is tried on an English source: an acronym matches in capitals only.
            self._english_source = EnglishMatcher(self.glossary, acronyms_in_capitals=True)
        source_tokens = tokenize(blank_web_addresses(segment.source))
        source_matches = self._english_source.find_in_tokens(segment.source, source_tokens)
        source_words = frozenset().union(*(token.keys for token in source_tokens))
        places = self._defined(_places(source_matches), segment.target)
        rendered_ids = {concept.id for place in places for concept in place.concepts}
        first_place = {concept.id: place for place in reversed(places) for concept in place.concepts}
        findings: list[Finding] = []
        for term in targets:
            place = first_place.get(term.concept.id)
            if term.status == "deprecated":
                findings.append(self._deprecated_target(segment, term, place))
            else:
                uses[term.concept.id].append(_JapaneseUse(order, segment, term, place.match if place else None))
        groups: dict[tuple[str, ...], list[_Place]] = {}
        for place in places:
            groups.setdefault(tuple(concept.id for concept in place.concepts), []).append(place)
        # A target form of a concept the source does not render, available as a wrong rendering once.
        strays = [term for term in targets if term.concept.id not in rendered_ids]
        forbidden_in_source = [m for m in source_matches if m.status == "forbidden"]
        for ids, group in groups.items():
            written = [term for term in targets if term.concept.id in ids]
            needed = len(group) if self.count else 1
            if len(written) >= needed:
                continue
            if not self.count and _written_inside(group[0].concepts, segment.target):
                continue  # inside a longer term of the target: EU in EU理事会, ロシア in ロシア語
            wrong: list[tuple[_Place, Concept, TermMatch]] = []
            for term in list(strays):
                if len(written) + len(wrong) >= needed:
                    break
                place = group[min(len(wrong), len(group) - 1)]
                right = next(
                    (c for c in place.concepts if _confused(c, term.concept, place, forbidden_in_source, source_words)), None
                )
                if right is not None:
                    wrong.append((place, right, term))
                    strays.remove(term)
            for place, right, term in wrong:
                findings.append(self._forbidden_target(segment, place, right, term))
            attempts = len(written) + len(wrong)
            if attempts >= needed:
                continue
            unrendered = group[attempts:] if self.count else group[:1]
            for place in unrendered:
                findings.append(self._missing_target(segment, place, len(group), attempts))
        return findings

    def _defined(self, places: list[_Place], target: str) -> list[_Place]:
        """The places that name their concept: a bare acronym (AG, WA, NCO: two to five capitals,
        no dots) that is not the concept's ``en`` names it only once the input has named the
        concept otherwise (the Australia Group, then AG), in this segment or an earlier one, or
        when the target writes the acronym too. U.S. (with dots) and a concept's own acronym
        (``en`` NATO) always name it."""
        named = {concept.id for place in places if not _bare_acronym(place.match.text) for concept in place.concepts}
        self._spelled_out |= named
        kept = []
        for place in places:
            text = _POSSESSIVE_END.sub("", place.match.text)
            if (
                not _bare_acronym(place.match.text)
                or any(fold(concept.en) == fold(text) or concept.id in self._spelled_out for concept in place.concepts)
                or text in target
            ):
                kept.append(place)
        return kept

    def _deprecated_target(self, segment: Segment, term: TermMatch, place: _Place | None) -> Finding:
        concept = term.concept
        message = f"{term.text} is deprecated for {concept.en} [{concept.id}]: write {concept.ja}"
        return _target_finding(segment, "term-deprecated", concept, term, place.match if place else None, message)

    def _forbidden_target(self, segment: Segment, place: _Place, right: Concept, term: TermMatch) -> Finding:
        wrong = term.concept
        message = (
            f"{term.text} is {wrong.en} [{wrong.id}], but the source's '{place.match.text}' is {right.en} "
            f"[{right.id}]: write {_japanese_alternatives(right)}"
        )
        return _target_finding(segment, "term-forbidden", right, term, place.match, message)

    def _missing_target(self, segment: Segment, place: _Place, occurrences: int, rendered: int) -> Finding:
        concept = place.concepts[0]
        names = " / ".join(c.id for c in place.concepts)
        expected = _admitted_japanese(place.concepts)
        if self.count and occurrences > 1:
            message = (
                f"'{place.match.text}' [{names}] occurs {occurrences} times but the Japanese renders it "
                f"{rendered} time{'s' if rendered != 1 else ''}; expected {' / '.join(expected)}"
            )
        else:
            message = f"'{place.match.text}' [{names}] is not rendered; expected {' / '.join(expected)}"
        return _target_finding(segment, "term-missing", concept, None, place.match, message, expected)


_POSSESSIVE_END = re.compile(r"['’]s$")
_ACRONYM = re.compile(r"[A-Z]{2,5}")


def _bare_acronym(text: str) -> bool:
    return bool(_ACRONYM.fullmatch(_POSSESSIVE_END.sub("", text)))


def _written_inside(concepts: Iterable[Concept], target: str) -> bool:
    """Whether a Japanese form (two characters or more) of one of ``concepts`` is in the target
    inside a longer term the recogniser took as a whole (folded substring)."""
    folded = fold(target)
    return any(len(form) >= 2 and fold(form) in folded for concept in concepts for form, _ in concept.ja_forms())


def _column(finding: Finding) -> int:
    """Where a finding sorts in its segment: the source term's column (for ja→en, ``ja_column``)."""
    if finding.source_column is not None:
        return finding.source_column
    return finding.ja_column or 0


def _places(matches: list[EnglishMatch]) -> list[_Place]:
    """The accepted renderings of an English source by place: one per span, naming every
    concept that has that rendering (preferred renderings first, then glossary order).
    Spans do not overlap: the leftmost, then the longest, wins ("United States" in "the
    United States Department of Justice", not "States Department")."""
    counted = _counted_renderings([m for m in matches if m.status != "forbidden"])
    by_span: dict[tuple[int, int], list[EnglishMatch]] = {}
    for match in counted:
        by_span.setdefault((match.start, match.end), []).append(match)
    kept: list[tuple[int, int]] = []
    for start, end in sorted(by_span, key=lambda span: (span[0], -span[1])):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    places = []
    for span in kept:
        shared = sorted(by_span[span], key=lambda m: _STATUS_RANK[m.status])
        concepts = tuple({m.concept.id: m.concept for m in reversed(shared)}[i] for i in dict.fromkeys(m.concept.id for m in shared))
        places.append(_Place(shared[0], concepts))
    return places


def _confused(
    right: Concept, wrong: Concept, place: _Place, forbidden_in_source: list[EnglishMatch], source_words: frozenset[str]
) -> bool:
    """Whether a target form of ``wrong`` stands where the source's ``right`` belongs: the two
    are confusables (of either), or ``wrong`` forbids the source's rendering at that place; and
    the source has none of the words that set ``wrong``'s English apart from ``right``'s (a
    source saying "Soviet singer" translated ソ連の歌手 names the Soviet Union, if loosely)."""
    if _distinctive_words(wrong, right) & source_words:
        return False
    if wrong.id in right.confusables or right.id in wrong.confusables:
        return True
    return any(
        m.concept is wrong and m.start <= place.match.start and place.match.end <= m.end for m in forbidden_in_source
    )


@lru_cache(maxsize=4096)
def _words_of(renderings: tuple[str, ...]) -> frozenset[str]:
    return frozenset(word_key(token) for rendering in renderings for token in tokenize(rendering))


def _distinctive_words(wrong: Concept, right: Concept) -> frozenset[str]:
    """The lemmas of ``wrong``'s accepted renderings that no accepted rendering of ``right`` has
    (guarantee for security guarantees beside security assurances)."""
    return _words_of(tuple(wrong.accepted_en)) - _words_of(tuple(right.accepted_en))


def _admitted_japanese(concepts: Iterable[Concept]) -> list[str]:
    return list(dict.fromkeys(form for concept in concepts for form in concept.admitted_ja))


def _japanese_alternatives(concept: Concept) -> str:
    return " / ".join(concept.admitted_ja)


def _target_finding(
    segment: Segment,
    rule: str,
    concept: Concept,
    term: TermMatch | None,
    source: EnglishMatch | None,
    message: str,
    expected: list[str] | None = None,
) -> Finding:
    """An en→ja finding: the Japanese is the target's (``term``), the source term the English."""
    return Finding(
        segment=segment.id,
        rule=rule,
        severity=RULES[rule].severity,
        concept=concept.id,
        ja_text=term.text if term else None,
        ja_column=term.column if term else None,
        target_text=term.text if term else None,
        expected=expected if expected is not None else concept.admitted_ja,
        message=message,
        direction="en-ja",
        source_text=source.text if source else None,
        source_column=source.start + 1 if source else None,
        pair=segment,
        source_start=source.start if source else None,
        source_end=source.end if source else None,
        target_start=term.column - 1 if term else None,
        target_end=term.end_column - 1 if term else None,
    )


def _japanese_inconsistencies(uses: dict[str, list[_JapaneseUse]]) -> list[tuple[int, Finding]]:
    """Each use of a minority Japanese form of a concept written in rival forms over the whole
    en→ja input (``dominant_rivals``, as lint's mixed-variants), except in segments with its rival."""
    findings: list[tuple[int, Finding]] = []
    for concept_uses in uses.values():
        counts = Counter(use.term.form.text for use in concept_uses)
        if len(counts) < 2:
            continue
        rival_of = dominant_rivals(counts, concept_uses[0].term.concept.ja)
        segments_with: dict[str, set[int]] = defaultdict(set)
        for use in concept_uses:
            segments_with[use.term.form.text].add(use.order)
        total = len(concept_uses)
        for use in concept_uses:
            form = use.term.form.text
            rival = rival_of[form]
            if rival is None or use.order in segments_with[rival]:
                continue
            concept = use.term.concept
            message = (
                f"{concept.en} [{concept.id}] is written {form} here ({counts[form]} of {total}) "
                f"but {rival} elsewhere ({counts[rival]} of {total})"
            )
            findings.append((use.order, _target_finding(use.segment, "term-inconsistent", concept, use.term, use.source, message)))
    return findings


def check_segments(
    glossary: Glossary,
    segments: Iterable[Segment],
    *,
    count: bool = False,
    select: Collection[str] | None = None,
    ignore: Collection[str] = (),
) -> list[Finding]:
    """Check bilingual segments against ``glossary`` (see ``Checker``)."""
    return Checker(glossary, count=count, select=select, ignore=ignore).check(segments)


def _finding(segment: Segment, rule: str, term: TermMatch, match: EnglishMatch | None, message: str) -> Finding:
    return Finding(
        segment=segment.id,
        rule=rule,
        severity=RULES[rule].severity,
        concept=term.concept.id,
        ja_text=term.text,
        ja_column=term.column,
        target_text=match.text if match else None,
        expected=term.concept.accepted_en,
        message=message,
        direction="ja-en",
        source_text=term.text,
        source_column=term.column,
        pair=segment,
        source_start=term.column - 1,
        source_end=term.end_column - 1,
        target_start=match.start if match else None,
        target_end=match.end if match else None,
    )


def _alternatives(concept: Concept) -> str:
    return " / ".join(f"'{rendering}'" for rendering in concept.accepted_en)


def _longest_first(match: EnglishMatch) -> tuple[int, int, int]:
    return (match.start - match.end, match.start, _STATUS_RANK[match.status])


def _overlaps(a: EnglishMatch, b: EnglishMatch) -> bool:
    return a.start < b.end and b.start < a.end


def _counted_renderings(accepted: list[EnglishMatch]) -> list[EnglishMatch]:
    """The accepted renderings that count: one per place for each concept (the longest),
    and none inside a longer rendering of another concept."""
    kept: list[EnglishMatch] = []
    for match in sorted(accepted, key=_longest_first):
        length = match.end - match.start
        if any(
            (other.concept is match.concept and _overlaps(other, match))
            or (other.contains(match) and other.end - other.start > length)
            for other in kept
        ):
            continue
        kept.append(match)
    return sorted(kept, key=lambda m: m.start)


def _forbidden_renderings(forbidden: list[EnglishMatch], accepted: list[EnglishMatch]) -> list[EnglishMatch]:
    """Forbidden renderings that are not (inside) an accepted rendering of a concept
    present in the segment, the longest where several of one concept overlap."""
    kept: list[EnglishMatch] = []
    for match in sorted(forbidden, key=_longest_first):
        if any(rendering.contains(match) for rendering in accepted):
            continue
        if any(other.concept is match.concept and _overlaps(other, match) for other in kept):
            continue
        kept.append(match)
    return sorted(kept, key=lambda m: m.start)


def _inconsistencies(uses: dict[str, list[_Use]]) -> list[tuple[int, Finding]]:
    """Each use of a minority rendering of a concept rendered in rival ways (``rival_renderings``)."""
    findings: list[tuple[int, Finding]] = []
    for concept_uses in uses.values():
        concept = concept_uses[0].term.concept
        rivalry = rival_renderings([use.match.form.text for use in concept_uses], concept.en)
        if rivalry is None:
            continue
        keys, name, counts, rival_of = rivalry.keys, rivalry.name, rivalry.counts, rivalry.rival_of
        total = len(concept_uses)
        segments_with = defaultdict(set)
        for key, use in zip(keys, concept_uses):
            segments_with[key].add(use.order)
        for key, use in zip(keys, concept_uses):
            rival = rival_of[key]
            # A segment that has the rival rendering too is consistent (both written side by side).
            if rival is None or use.order in segments_with[rival]:
                continue
            message = (
                f"{concept.ja} [{concept.id}] is rendered '{name[key]}' here ({counts[key]} of {total} renderings) "
                f"but '{name[rival]}' elsewhere ({counts[rival]} of {total})"
            )
            findings.append((use.order, _finding(use.segment, "term-inconsistent", use.term, use.match, message)))
    return findings


RenderingKey = tuple[str, ...]


@dataclass(frozen=True)
class Rivalry:
    """One concept's renderings in order of use: each use's ``rendering_key``, a name per key
    (the form first used), the count per key and the key each is measured against (or None)."""

    keys: list[RenderingKey]
    name: dict[RenderingKey, str]
    counts: Counter[RenderingKey]
    rival_of: dict[RenderingKey, RenderingKey | None]


def rival_renderings(
    forms: list[str], preferred: str, rivals: Callable[[str, str], bool] | None = None
) -> Rivalry | None:
    """How the accepted renderings of one concept (``forms``: the glossary forms used, in order)
    compete, or None with fewer than two renderings. Renderings are ranked by use (on a tie the
    glossary's ``preferred``, then the one seen first); each is measured against the
    highest-ranked rendering it rivals (``rivals``, by default ``are_rival_renderings``).
    ``yakugo check`` and lint's en-mixed-renderings weigh renderings with it."""
    rivals = rivals or are_rival_renderings
    keys = [rendering_key(form) for form in forms]
    counts = Counter(keys)
    if len(counts) < 2:
        return None
    name: dict[RenderingKey, str] = {}
    first_seen: dict[RenderingKey, int] = {}
    for index, (key, form) in enumerate(zip(keys, forms)):
        name.setdefault(key, form)
        first_seen.setdefault(key, index)
    preferred_key = rendering_key(preferred)
    ranked = sorted(counts, key=lambda key: (-counts[key], key != preferred_key, first_seen[key]))
    rival_of = {
        key: next((other for other in ranked[:rank] if rivals(name[key], name[other])), None)
        for rank, key in enumerate(ranked)
    }
    return Rivalry(keys, name, counts, rival_of)


# Endings that make a name's plural, adjective or demonym, or a people's land, out of it
# (Russia → Russian, Japan → Japanese, Belarus → Belarusian, Kazakh → Kazakhstan).
_DERIVING_ENDINGS = frozenset({"s", "es", "n", "an", "ian", "ese", "i", "ish", "stan"})


@lru_cache(maxsize=64)
def _long_units(source: str) -> tuple[tuple[int, int, str], ...]:
    """``(start, end, surface)`` of the Sudachi mode-C words of a segment's source, read
    only for a segment with a term left unrendered (and once for all its terms)."""
    return tuple(
        (offset + unit.begin(), offset + unit.end(), unit.surface()) for offset, units in morphemes(source, "C") for unit in units
    )


def are_rival_renderings(one: str, other: str) -> bool:
    """Whether two accepted renderings compete, rather than one being a short form of the other.

    Writers introduce a name in full and shorten it later, so these are not rivals (the
    English counterpart of lint's mixed-variants): an acronym (one word, two capitals or more)
    whose letters are in order in the other ("EU", "European Union"; "DoD"), and a rendering
    whose words each stand, in order, for a word of the other: the same word, a word it
    derives by a plural, adjective or demonym ending, or (a word in capitals) the initials of
    consecutive words ("Trump", "Donald Trump"; "parade", "military parade"; "Russia",
    "Russian"; "US-Russia", "U.S.-Russian"; "UN Security Council", "United Nations Security
    Council"). "NATO enlargement" / "NATO expansion", "Ministry of Defence" / "Ministry of
    Defense" and "Zelensky" / "Zelenskyy" are rivals.
    """
    short, long = sorted((one, other), key=len)
    short_tokens = [token.text for token in tokenize(short)]
    long_words = [fold(token.text) for token in tokenize(long)]
    if len(short_tokens) == 1 and len(long_words) > 1 and sum(char.isupper() for char in short) >= 2:
        letters = iter("".join(long_words))
        if all(letter in letters for letter in fold(short_tokens[0])):
            return False  # an acronym
    return not _stands_for(short_tokens, long_words)


def _stands_for(tokens: list[str], words: list[str]) -> bool:
    """Whether each of ``tokens`` stands, in order, for a word or (capitals) the initials of words."""
    position = 0
    for token in tokens:
        part = fold(token)
        capitals = len(token) > 1 and token.isalpha() and token.isupper()
        for start in range(position, len(words)):
            word = words[start]
            if word == part or (word.startswith(part) and word[len(part):] in _DERIVING_ENDINGS):
                position = start + 1
                break
            if capitals and "".join(initial[0] for initial in words[start : start + len(part)]) == part:
                position = start + len(part)
                break
        else:
            return False
    return True
