"""Looking a concept up by any of its forms, Japanese or English."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from yakugo.glossary.model import Concept, Form, Glossary
from yakugo.glossary.normalize import fold

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


class LookupIndex:
    """Every form of a glossary by its lookup key, built once (and kept in the
    compiled-glossary cache, ``yakugo.glossary.cache``), so that a lookup reads the
    forms with the query's key instead of folding every form again."""

    def __init__(self, glossary: Glossary):
        ja_forms = list(glossary.ja_forms())
        self.forms: list[Form] = [*ja_forms, *glossary.en_forms()]
        self.ja_count = len(ja_forms)  # forms[ja_count:] are the English ones
        self.keys: list[str] = [lookup_key(form.text) for form in self.forms]
        self.by_key: dict[str, list[int]] = {}
        for position, key in enumerate(self.keys):
            self.by_key.setdefault(key, []).append(position)
        # One string of every key, one per line, so that the keys holding a query are found
        # by str.find rather than by a Python call per key (lookup_key leaves no line break).
        self.joined = "\n".join(self.keys)
        self.starts: list[int] = []
        offset = 0
        for key in self.keys:
            self.starts.append(offset)
            offset += len(key) + 1

    def exact(self, key: str) -> list[Form]:
        return [self.forms[position] for position in self.by_key.get(key, ())]

    def containing(self, text: str) -> list[int]:
        """The positions of the keys with ``text`` inside them, in order."""
        found: list[int] = []
        start = self.joined.find(text)
        while start != -1:
            position = bisect_right(self.starts, start) - 1
            if start + len(text) <= self.starts[position] + len(self.keys[position]):
                found.append(position)
                start = self.starts[position] + len(self.keys[position])  # the next key
            else:
                start += 1
            start = self.joined.find(text, start)
        return found

    def fuzzy(self, wanted: str) -> list[tuple[int, float]]:
        """``(position, suggestion_score)`` of every key scoring at least ``fuzzy_cutoff``."""
        from rapidfuzz import fuzz, process

        cutoff = fuzzy_cutoff(wanted)
        scores = {index: score for _, score, index in process.extract(wanted, self.keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)}
        if len(wanted) >= 3:  # suggestion_score's bonus for a query inside a form
            for position in self.containing(wanted):
                score = suggestion_score(wanted, self.keys[position])
                if score >= cutoff:
                    scores[position] = score
        return list(scores.items())


def lookup(glossary: Glossary, query: str, limit: int = FUZZY_LIMIT, index: LookupIndex | None = None) -> list[LookupResult]:
    """Concepts with a form equal to ``query`` first, then up to ``limit`` fuzzy suggestions.
    ``index`` is ``LookupIndex(glossary)``, built here when not given."""
    index = index or LookupIndex(glossary)
    wanted = lookup_key(query)
    results: list[LookupResult] = []
    seen: set[str] = set()
    for form in index.exact(wanted):
        if form.concept.id not in seen:
            owners = rightful_owners(glossary, form, index) if form.status == "forbidden" else []
            results.append(LookupResult(form.concept, "exact", 100.0, form, owners))
            seen.add(form.concept.id)
    # Accepted owners of a form come before the concepts that forbid it.
    results.sort(key=lambda result: result.form.status == "forbidden")
    for position, score in sorted(index.fuzzy(wanted), key=lambda hit: (-hit[1], hit[0])):
        form = index.forms[position]
        if form.concept.id in seen:
            continue
        if len([r for r in results if r.match == "fuzzy"]) >= limit:
            break
        owners = rightful_owners(glossary, form, index) if form.status == "forbidden" else []
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


def rightful_owners(glossary: Glossary, form: Form, index: LookupIndex | None = None) -> list[Concept]:
    """The concepts that accept a rendering which ``form.concept`` forbids."""
    key = lookup_key(form.text)
    if index is not None:
        english = (index.forms[position] for position in index.by_key.get(key, ()) if position >= index.ja_count)
        return [other.concept for other in english if other.status != "forbidden" and other.concept is not form.concept]
    return [
        other.concept
        for other in glossary.en_forms()
        if other.status != "forbidden" and other.concept is not form.concept and lookup_key(other.text) == key
    ]
