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
    """Every form of a glossary by its lookup key, built once, so that a lookup reads the
    forms with the query's key instead of folding every form again.

    It stands alone: ``yakugo lookup`` keeps it in a cache file of its own
    (``yakugo.glossary.cache.cached_lookup_index``) and reads only that, not the whole
    glossary. Pickled, each concept is a separate blob, turned back into a ``Concept``
    only when a result names it: at 100,000 concepts, unpickling every concept cost
    most of a lookup."""

    def __init__(self, glossary: Glossary):
        ja_forms = list(glossary.ja_forms())
        forms = [*ja_forms, *glossary.en_forms()]
        self.ja_count = len(ja_forms)  # positions from ja_count on are English forms
        self.keys: list[str] = [lookup_key(form.text) for form in forms]
        self._texts = [form.text for form in forms]
        self._statuses = [form.status for form in forms]
        row_of = {id(concept): row for row, concept in enumerate(glossary.concepts)}
        self._rows = [row_of[id(form.concept)] for form in forms]
        self._row_of_id = {concept.id: row for row, concept in enumerate(glossary.concepts)}
        self._concepts: list[Concept | None] = list(glossary.concepts)
        self._blobs: list[bytes] = []
        self._forms: dict[int, Form] = {}
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

    def __getstate__(self) -> dict[str, object]:
        import pickle

        blobs = self._blobs or [pickle.dumps(concept, protocol=pickle.HIGHEST_PROTOCOL) for concept in self._concepts]
        return {**self.__dict__, "_concepts": None, "_blobs": blobs, "_forms": {}}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._concepts = [None] * len(self._blobs)

    def concept(self, row: int) -> Concept:
        concept = self._concepts[row]
        if concept is None:
            import pickle

            concept = self._concepts[row] = pickle.loads(self._blobs[row])
        return concept

    def concept_by_id(self, concept_id: str) -> Concept | None:
        row = self._row_of_id.get(concept_id)
        return None if row is None else self.concept(row)

    def form(self, position: int) -> Form:
        """The form at ``position`` (the same object each time: matchers compare by identity)."""
        form = self._forms.get(position)
        if form is None:
            form = self._forms[position] = Form(self._texts[position], self.concept(self._rows[position]), self._statuses[position])
        return form

    def exact(self, key: str) -> list[Form]:
        return [self.form(position) for position in self.by_key.get(key, ())]

    def rightful_owners(self, form: Form) -> list[Concept]:
        """``rightful_owners(glossary, form)`` read from the index."""
        english = (self.form(position) for position in self.by_key.get(lookup_key(form.text), ()) if position >= self.ja_count)
        return [other.concept for other in english if other.status != "forbidden" and other.concept is not form.concept]

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
