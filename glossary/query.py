"""Looking a concept up by any of its forms, Japanese or English."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

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


def lookup(glossary: Glossary, query: str, limit: int = FUZZY_LIMIT) -> list[LookupResult]:
    """Concepts with a form equal to ``query`` first, then up to ``limit`` fuzzy suggestions."""
    forms = [*glossary.ja_forms(), *glossary.en_forms()]
    keys = [lookup_key(form.text) for form in forms]
    wanted = lookup_key(query)
    results: list[LookupResult] = []
    seen: set[str] = set()
    for form, key in zip(forms, keys):
        if key == wanted and form.concept.id not in seen:
            owners = rightful_owners(glossary, form) if form.status == "forbidden" else []
            results.append(LookupResult(form.concept, "exact", 100.0, form, owners))
            seen.add(form.concept.id)
    # Accepted owners of a form come before the concepts that forbid it.
    results.sort(key=lambda result: result.form.status == "forbidden")
    fuzzy = process.extract(wanted, keys, scorer=suggestion_score, score_cutoff=fuzzy_cutoff(wanted), limit=None)
    for _, score, index in sorted(fuzzy, key=lambda hit: (-hit[1], hit[2])):
        form = forms[index]
        if form.concept.id in seen:
            continue
        if len([r for r in results if r.match == "fuzzy"]) >= limit:
            break
        owners = rightful_owners(glossary, form) if form.status == "forbidden" else []
        results.append(LookupResult(form.concept, "fuzzy", float(score), form, owners))
        seen.add(form.concept.id)
    return results


def suggestion_score(query: str, key: str, **_: object) -> float:
    """How close a form's key is to the query, 0-100: the edit similarity of the whole
    strings, or, when the query (three characters or more) is a word inside the form, a
    score that grows with how much of the form the query is (NATO in NATO拡大: 87).
    WRatio's partial matching scored a short query 90 inside any long name (US in
    Two-Plus-Four, Putin in "dissolution of the Soviet Union")."""
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
