"""Bilingual terminology QA: does the English render the glossary terms of the Japanese?

For each segment, the Japanese side goes through the ``Recognizer`` (terms at
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
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Collection, Iterable, Mapping

from yakugo.aligner.core import jmdict
from yakugo.aligner.qa.readers import Segment
from yakugo.aligner.core.english import EnglishMatch, EnglishMatcher, rendering_key, tokenize
from yakugo.aligner.core.recognize import Recognizer, TermMatch
from yakugo.aligner.core.segment import morphemes
from yakugo.glossary.model import Concept, Glossary
from yakugo.glossary.normalize import fold
from yakugo.glossary.query import rightful_owners
from yakugo.aligner.core.findings import Rule
from yakugo.aligner.qa.rules import REGISTRY, RULES

# The JSON/CSV contract: exactly these keys, in this order.
FIELDS = ("segment", "rule", "severity", "concept", "ja_text", "ja_column", "target_text", "expected", "message")
_STATUS_RANK = {"preferred": 0, "variant": 1, "forbidden": 2}


@dataclass
class Finding:
    segment: str
    rule: str
    severity: str
    concept: str
    ja_text: str
    ja_column: int
    target_text: str | None
    expected: list[str]
    message: str
    # For display only (not part of the JSON contract): the pair, and where the
    # English span is in its target (0-based, end exclusive).
    pair: Segment | None = field(default=None, repr=False, compare=False)
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

    def check(self, segments: Iterable[Segment]) -> list[Finding]:
        """Every finding, in input order (segment, then Japanese column)."""
        findings: list[tuple[int, Finding]] = []
        uses: dict[str, list[_Use]] = defaultdict(list)
        for order, segment in enumerate(segments):
            for finding in self._check_segment(segment, order, uses):
                findings.append((order, finding))
        findings.extend(_inconsistencies(uses))
        rule_order = list(RULES)
        findings.sort(key=lambda item: (item[0], item[1].ja_column, rule_order.index(item[1].rule)))
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
        pair=segment,
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
    """Each use of a minority rendering of a concept rendered in rival ways. Renderings are
    ranked by use (on a tie the glossary's ``en``, then the one seen first); each is measured
    against the highest-ranked rendering it rivals (see ``are_rival_renderings``)."""
    findings: list[tuple[int, Finding]] = []
    for concept_uses in uses.values():
        keys = [rendering_key(use.match.form.text) for use in concept_uses]
        counts = Counter(keys)
        if len(counts) < 2:
            continue
        name: dict[tuple[str, ...], str] = {}
        first_seen: dict[tuple[str, ...], int] = {}
        for index, (key, use) in enumerate(zip(keys, concept_uses)):
            name.setdefault(key, use.match.form.text)
            first_seen.setdefault(key, index)
        concept = concept_uses[0].term.concept
        preferred = rendering_key(concept.en)
        ranked = sorted(counts, key=lambda key: (-counts[key], key != preferred, first_seen[key]))
        rival_of = {
            key: next((other for other in ranked[:rank] if are_rival_renderings(name[key], name[other])), None)
            for rank, key in enumerate(ranked)
        }
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
