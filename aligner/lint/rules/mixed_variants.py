"""mixed-variants (warning): one document writes a concept in two or more admitted forms.

The admitted forms are the concept's ``ja`` and ``ja_variants`` (width and
Latin case do not make a different form: ＮＡＴＯ拡大 is NATO拡大). The form
used most often in the document is dominant; on a tie, the one used first.
Every occurrence of the other forms is reported, naming the dominant form and
the counts, e.g. ``米露 ×1 here, but 米ロ ×7 in this document: write one form
(米ロ)``. The suggested replacement is the dominant form; it is not applied by
``--fix``, since either form may be the house style; when the glossary's
preferred form (``ja``) is not the dominant one, the message says so.
Deprecated forms are left to deprecated-variant.

Only rival spellings are weighed against each other. A form that shortens
another is the ordinary first-mention/later-mention pattern of news writing
and is not reported: an acronym beside its full name (NPT, 核兵器不拡散条約),
or a form whose characters all appear, in order, in the other (エリツィン in
ボリス・エリツィン, ソ連 in ソビエト連邦, NATO拡大 in NATOの拡大). So each
less frequent form is measured against the most frequent form it rivals.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from yakugo.aligner.lint.model import Document, Finding, Rule, Watch
from yakugo.aligner.core.recognize import TermMatch
from yakugo.glossary.model import Glossary
from yakugo.glossary.normalize import fold


def check(document: Document) -> Iterator[Finding]:
    by_concept: dict[str, list[TermMatch]] = {}
    for match in document.matches:
        if match.status != "deprecated":
            by_concept.setdefault(match.concept.id, []).append(match)
    for matches in by_concept.values():
        counts = Counter(match.form.text for match in matches)  # first use first
        if len(counts) < 2:
            continue
        rival_of = dominant_rivals(counts)
        for match in matches:
            dominant = rival_of[match.form.text]
            if dominant is None:
                continue
            dominant_count = counts[dominant]
            others = ", ".join(f"{form} ×{count}" for form, count in counts.items() if form != dominant)
            # The dominant form is the document's own choice; say so when the glossary prefers another.
            preferred = match.concept.ja
            aside = f"; the glossary prefers {preferred}" if fold(dominant) != fold(preferred) else ""
            yield document.finding(
                RULE,
                match,
                f"{match.form.text} mixed with {dominant} in this document "
                f"({dominant} ×{dominant_count}, {others}): write one form ({dominant}) for {match.concept.en}{aside}",
                match.concept.id,
                replacement=dominant,
            )


def dominant_rivals(counts: Counter[str]) -> dict[str, str | None]:
    """For each admitted form of one concept in one document (``counts``: occurrences, in
    order of first use), the more frequent form it rivals, or None when it rivals none
    (``yakugo survey`` weighs an archive's documents with the same logic)."""
    ranked = sorted(counts, key=lambda form: -counts[form])  # stable: a tie keeps first use first
    return {
        form: next((other for other in ranked[:rank] if are_rivals(form, other)), None)
        for rank, form in enumerate(ranked)
    }


def are_rivals(one: str, other: str) -> bool:
    """Whether two admitted forms are competing spellings rather than a long and a short form."""
    short, long = sorted((one, other), key=len)
    if short.isascii() and not long.isascii():
        return False
    remaining = iter(long)
    return not all(char in remaining for char in short)


def forms_with_rivals(glossary: Glossary) -> Watch:
    """Every present form of a concept when two rival forms of it are present."""
    rivals: dict[str, tuple[frozenset[str], frozenset[str]]] = {}  # folded form → its rivals, all its concept's forms
    for concept in glossary:
        forms = concept.admitted_ja
        keys = frozenset(map(fold, forms))
        for form in forms:
            rival_keys = frozenset(fold(other) for other in forms if fold(other) != fold(form) and are_rivals(form, other))
            if rival_keys:
                rivals[fold(form)] = (rival_keys, keys)

    having_rivals = frozenset(rivals)

    def watched(present: set[str]) -> set[str]:
        found: set[str] = set()
        for key in having_rivals.intersection(present):
            if not rivals[key][0].isdisjoint(present):
                found |= rivals[key][1] & present
        return found

    return watched


RULE = Rule(
    id="mixed-variants",
    severity="warning",
    summary="A concept written in two or more admitted forms in one document.",
    check=check,
    doc=__doc__ or "",
    watched_forms=forms_with_rivals,
)
