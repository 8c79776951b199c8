"""Looking a concept up by any of its forms, Japanese or English."""

from __future__ import annotations

import math
import re
from array import array
from bisect import bisect_right
from dataclasses import dataclass, field

from yakugo.glossary.model import Concept, Form, Glossary
from yakugo.glossary.normalize import fold
from yakugo.glossary.stored import ConceptRows, joined_lines, line_at

FUZZY_CUTOFF = 70.0
FUZZY_LIMIT = 5


@dataclass
class LookupResult:
    concept: Concept
    match: str  # "exact" or "fuzzy"
    score: float
    form: Form  # the form that matched the query
    # For a forbidden English rendering: the concepts it rightly belongs to.
    use_instead: list[Concept] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        record = self.concept.to_dict()
        record.update(
            match=self.match,
            score=round(self.score, 1),
            form=self.form.text,
            form_status=self.form.status,
            use_instead=[concept.id for concept in self.use_instead],
        )
        return record


def lookup_key(text: str) -> str:
    """Folded width and case, hyphens and runs of spaces as one space, U.S. as US."""
    key = fold(text).replace("u.s.", "us")
    return re.sub(r"[\s\-‐–]+", " ", key).strip()


_STATUSES = ("preferred", "variant", "deprecated", "forbidden")


class LookupIndex:
    """Every form of a glossary by its lookup key, built once, so that a lookup reads the
    forms with the query's key instead of folding every form again.

    It stands alone: ``yakugo lookup`` keeps it in a cache file of its own
    (``yakugo.glossary.cache.cached_lookup_index``) and reads only that, not the whole
    glossary. So that reading it costs little at 100,000 concepts, it is a few flat
    values (strings and arrays, no dictionary of every key): a key's forms are found
    in the one string of every key, and each concept is kept pickled apart, turned
    back into a ``Concept`` only when a result names it."""

    def __init__(self, glossary: Glossary):
        ja_forms = list(glossary.ja_forms())
        forms = [*ja_forms, *glossary.en_forms()]
        self.ja_count = len(ja_forms)  # positions from ja_count on are English forms
        keys = [lookup_key(form.text) for form in forms]
        # One string of every key, one per line, so that the keys holding a query are found
        # by str.find rather than by a Python call per key (lookup_key leaves no line break).
        self.joined, self.starts = joined_lines(keys)
        # The keys again by length (joined likewise, with their positions): a fuzzy lookup
        # compares only the lengths that can reach its cutoff.
        by_length: dict[int, tuple[list[str], array]] = {}
        for position, key in enumerate(keys):
            group = by_length.setdefault(len(key), ([], array("q")))
            group[0].append(key)
            group[1].append(position)
        self._length_groups = {length: ("\n".join(group[0]), group[1]) for length, group in sorted(by_length.items())}
        self._texts, self._text_starts = joined_lines(form.text for form in forms)  # a form holds no line break either
        self._statuses = bytes(_STATUSES.index(form.status) for form in forms)
        row_of = {id(concept): row for row, concept in enumerate(glossary.concepts)}
        self._rows = array("q", (row_of[id(form.concept)] for form in forms))
        self._ids = "\n" + "\n".join(concept.id for concept in glossary.concepts) + "\n"
        self._concepts = ConceptRows(glossary.concepts)
        self._forms: dict[int, Form] = {}
        self._framed: str | None = None

    def __getstate__(self) -> dict[str, object]:
        return {**self.__dict__, "_forms": {}, "_framed": None}

    def concept(self, row: int) -> Concept:
        return self._concepts[row]

    def concept_by_id(self, concept_id: str) -> Concept | None:
        at = self._ids.find(f"\n{concept_id}\n") if "\n" not in concept_id else -1
        return None if at < 0 else self.concept(self._ids.count("\n", 0, at))

    def form(self, position: int) -> Form:
        """The form at ``position`` (the same object each time: matchers compare by identity)."""
        form = self._forms.get(position)
        if form is None:
            text = line_at(self._texts, self._text_starts, position)
            concept = self.concept(self._rows[position])
            form = self._forms[position] = Form(text, concept, _STATUSES[self._statuses[position]])
        return form

    def positions(self, key: str) -> list[int]:
        """The positions of the forms whose key is ``key``."""
        if not key or "\n" in key:
            return []
        found: list[int] = []
        wanted = f"\n{key}\n"
        if self._framed is None:  # every key between line breaks, made once per process
            self._framed = f"\n{self.joined}\n"
        joined = self._framed
        at = joined.find(wanted)
        while at >= 0:
            found.append(bisect_right(self.starts, at) - 1)
            at = joined.find(wanted, at + 1)
        return found

    def exact(self, key: str) -> list[Form]:
        return [self.form(position) for position in self.positions(key)]

    def rightful_owners(self, form: Form) -> list[Concept]:
        """``rightful_owners(glossary, form)`` read from the index."""
        english = (self.form(position) for position in self.positions(lookup_key(form.text)) if position >= self.ja_count)
        return [other.concept for other in english if other.status != "forbidden" and other.concept is not form.concept]

    def key_at(self, position: int) -> str:
        return line_at(self.joined, self.starts, position)

    def containing(self, text: str) -> list[int]:
        """The positions of the keys with ``text`` inside them, in order."""
        found: list[int] = []
        start = self.joined.find(text)
        while start != -1:
            position = bisect_right(self.starts, start) - 1
            key_end = self.starts[position] + len(self.key_at(position))
            if start + len(text) <= key_end:
                found.append(position)
                start = key_end  # the next key
            else:
                start += 1
            start = self.joined.find(text, start)
        return found

    def fuzzy(self, wanted: str) -> list[tuple[int, float]]:
        """``(position, suggestion_score)`` of every key scoring at least ``fuzzy_cutoff``."""
        from rapidfuzz import fuzz, process

        cutoff = fuzzy_cutoff(wanted)
        scores: dict[int, float] = {}
        # fuzz.ratio is at most 200·min(a, b)/(a + b) for lengths a and b, so only keys of
        # lengths within these bounds can reach the cutoff: the others are not compared.
        share = cutoff / 100  # between 0 and 1 (fuzzy_cutoff)
        shortest = math.ceil(len(wanted) * share / (2 - share))
        longest = math.floor(len(wanted) * (2 - share) / share)
        for length in range(shortest, longest + 1):
            group = self._keys_of_length(length)
            if group is None:
                continue
            keys, positions = group
            for _, score, index in process.extract(wanted, keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None):
                scores[positions[index]] = score
        if len(wanted) >= 3:  # suggestion_score's bonus for a query inside a form
            for position in self.containing(wanted):
                score = suggestion_score(wanted, self.key_at(position))
                if score >= cutoff:
                    scores[position] = score
        return list(scores.items())

    def _keys_of_length(self, length: int) -> tuple[list[str], array] | None:
        group = self._length_groups.get(length)
        return None if group is None else (group[0].split("\n"), group[1])


def lookup(glossary: Glossary | None, query: str, limit: int = FUZZY_LIMIT, index: LookupIndex | None = None) -> list[LookupResult]:
    """Concepts with a form equal to ``query`` first, then up to ``limit`` fuzzy suggestions.
    ``index`` is ``LookupIndex(glossary)``, built here when not given (with an index,
    ``glossary`` may be None)."""
    if index is None:
        if glossary is None:
            raise ValueError("lookup needs a glossary or its LookupIndex")
        index = LookupIndex(glossary)
    wanted = lookup_key(query)
    results: list[LookupResult] = []
    seen: set[str] = set()
    for form in index.exact(wanted):
        if form.concept.id not in seen:
            owners = index.rightful_owners(form) if form.status == "forbidden" else []
            results.append(LookupResult(form.concept, "exact", 100.0, form, owners))
            seen.add(form.concept.id)
    # Accepted owners of a form come before the concepts that forbid it.
    results.sort(key=lambda result: result.form.status == "forbidden")
    for position, score in sorted(index.fuzzy(wanted), key=lambda hit: (-hit[1], hit[0])):
        form = index.form(position)
        if form.concept.id in seen:
            continue
        if len([r for r in results if r.match == "fuzzy"]) >= limit:
            break
        owners = index.rightful_owners(form) if form.status == "forbidden" else []
        results.append(LookupResult(form.concept, "fuzzy", float(score), form, owners))
        seen.add(form.concept.id)
    return results


def suggestion_score(query: str, key: str, **_: object) -> float:
    """How close a form's key is to the query, 0-100: the edit similarity of the whole
    strings, or, when the query (three characters or more) is a word inside the form, a
    score that grows with how much of the form the query is (NATO in NATO拡大: 87).
    WRatio's partial matching scored a short query 90 inside any long name (US in
    Two-Plus-Four, Putin in "dissolution of the Soviet Union")."""
    from rapidfuzz import fuzz  # rapidfuzz is imported by the commands that look up, not by lint

    score = fuzz.ratio(query, key)
    if len(query) >= 3 and query != key and _contains_as_word(key, query):
        score = max(score, 60 + 40 * len(query) / len(key))
    return score


def _contains_as_word(key: str, query: str) -> bool:
    if not query.isascii():
        return query in key  # Japanese has no spaces between words: any substring
    return re.search(rf"(?<![a-z0-9]){re.escape(query)}(?![a-z0-9])", key) is not None


def fuzzy_cutoff(key: str) -> float:
    """The lowest fuzzy score suggested: ``FUZZY_CUTOFF``, or lower for a query of three
    or four characters, so that one mistyped character still finds 核の傘 from 核の笠
    (two of three characters right scores 67)."""
    if len(key) < 3:
        return FUZZY_CUTOFF
    return min(FUZZY_CUTOFF, 100 * (len(key) - 1) / len(key) - 0.5)


def rightful_owners(glossary: Glossary, form: Form) -> list[Concept]:
    """The concepts that accept a rendering which ``form.concept`` forbids."""
    key = lookup_key(form.text)
    return [
        other.concept
        for other in glossary.en_forms()
        if other.status != "forbidden" and other.concept is not form.concept and lookup_key(other.text) == key
    ]
