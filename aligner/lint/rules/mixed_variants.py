"""mixed-variants (warning): one document writes a concept in two or more admitted forms.

The admitted forms are the concept's ``ja`` and ``ja_variants`` (width and
Latin case do not make a different form: ＮＡＴＯ拡大 is NATO拡大). The form used
most often in the document is the one to write; on a tie, the glossary's
preferred form (``ja``) when the document uses it, else the one used first.
Every occurrence of a rival form is reported, naming the form to write and the
counts, e.g. ``米ロ mixed with 米露 in this document (米露 ×1, 米ロ ×1): write one
form (米露)``; when the form to write is not the glossary's, the message names
the glossary's too. The suggested replacement is not applied by ``--fix``, since
either form may be the house style. Deprecated forms are left to
deprecated-variant; one-kanji country abbreviations (露 in 露政権) are not
forms of a concept and never count.

Only rival spellings are weighed against each other. A form that shortens
another is the ordinary first-mention/later-mention pattern of news writing
and is not reported: an acronym beside its full name (NPT, 核兵器不拡散条約),
or a form whose characters all appear, in order, in the other (エリツィン in
ボリス・エリツィン, ソ連 in ソビエト連邦, NATO拡大 in NATOの拡大). So each
less frequent form is measured against the most frequent form it rivals.

Naming patterns are not rival spellings either, and such occurrences are not
counted: a 旧- or 元- form (旧ソ連 beside ソビエト連邦); a form in a headline (a
Markdown heading, or a first line without 。) beside the body's full name; a
form in parentheses right after another form of the concept (在欧米軍（EUCOM）,
NATO（北大西洋条約機構）); and a form just after an alias explanation (通称,
略称, 正式名称, いわゆる, 別名, 以下).
"""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from yakugo.aligner.lint.model import Document, Finding, Rule, Watch
from yakugo.aligner.core.recognize import TermMatch
from yakugo.glossary.model import Glossary
from yakugo.glossary.normalize import fold


# Words that introduce another name of the same thing: what follows is an alias, not a rival.
ALIAS_MARKERS = ("通称", "略称", "正式名称", "正式名", "いわゆる", "別名", "以下", "英語名", "英称")
ALIAS_WINDOW = 8
_OPEN_PAREN = "（("
_CLOSE_PAREN = "）)"


def naming_pattern(document: Document, match: TermMatch, previous: TermMatch | None) -> bool:
    """Whether ``match`` names its concept in one of the patterns that are no rival spelling."""
    line = document.lines[match.line - 1]
    start, end = match.column - 1, match.end_column - 1
    if document.is_headline(match.line):
        return True
    before = line[max(0, start - ALIAS_WINDOW) : start]
    if any(marker in before for marker in ALIAS_MARKERS):
        return True
    if start > 0 and line[start - 1] in _OPEN_PAREN and line[end : end + 1] in tuple(_CLOSE_PAREN):
        if previous is not None and previous.line == match.line and previous.end_column - 1 == start - 1:
            return True
    return False


def check(document: Document) -> Iterator[Finding]:
    by_concept: dict[str, list[TermMatch]] = {}
    previous: TermMatch | None = None
    for match in document.matches:
        same_concept_before = previous if previous is not None and previous.concept is match.concept else None
        if match.status not in ("deprecated", "abbreviation") and not naming_pattern(document, match, same_concept_before):
            by_concept.setdefault(match.concept.id, []).append(match)
        previous = match
    for matches in by_concept.values():
        counts = Counter(match.form.text for match in matches)  # first use first
        if len(counts) < 2:
            continue
        preferred = matches[0].concept.ja
        rival_of = dominant_rivals(counts, preferred=next((form for form in counts if fold(form) == fold(preferred)), None))
        for match in matches:
            dominant = rival_of[match.form.text]
            if dominant is None:
                continue
            dominant_count = counts[dominant]
            others = ", ".join(f"{form} ×{count}" for form, count in counts.items() if form != dominant)
            # The dominant form is the document's own choice; say so when the glossary prefers another.
            aside = f"; the glossary prefers {preferred}" if fold(dominant) != fold(preferred) else ""
            yield document.finding(
                RULE,
                match,
                f"{match.form.text} mixed with {dominant} in this document "
                f"({dominant} ×{dominant_count}, {others}): write one form ({dominant}) for {match.concept.en}{aside}",
                match.concept.id,
                replacement=dominant,
            )


def dominant_rivals(counts: Counter[str], preferred: str | None = None) -> dict[str, str | None]:
    """For each admitted form of one concept in one document (``counts``: occurrences, in
    order of first use), the higher-ranked form it rivals, or None when it rivals none
    (``yakugo survey`` weighs an archive's documents with the same logic). Forms rank by
    use; on a tie ``preferred`` (the glossary's ``ja``, when the document uses it) comes first."""
    ranked = sorted(counts, key=lambda form: (-counts[form], form != preferred))  # stable: then first use first
    return {
        form: next((other for other in ranked[:rank] if are_rivals(form, other)), None)
        for rank, form in enumerate(ranked)
    }


def are_rivals(one: str, other: str) -> bool:
    """Whether two admitted forms are competing spellings rather than a long and a short form."""
    one, other = _without_former(one), _without_former(other)
    short, long = sorted((one, other), key=len)
    if short.isascii() and not long.isascii():
        return False
    remaining = iter(long)
    return not all(char in remaining for char in short)


def _without_former(form: str) -> str:
    """旧ソ連 → ソ連, 元首相 → 首相: "former" is no part of a spelling."""
    return form[1:] if len(form) > 2 and form[0] in "旧元前" else form


def forms_with_rivals(glossary: Glossary) -> Watch:
    """Every present form of a concept when two rival forms of it are present."""
    rivals: dict[str, tuple[frozenset[str], frozenset[str]]] = {}  # folded form → its rivals, all its concept's forms
    for concept in glossary:
        forms = concept.admitted_ja
        folded = {form: fold(form) for form in forms}  # each form folded once, not once per pair
        keys = frozenset(folded.values())
        for form in forms:
            key = folded[form]
            rival_keys = frozenset(folded[other] for other in forms if folded[other] != key and are_rivals(form, other))
            if rival_keys:
                rivals[key] = (rival_keys, keys)

    return _RivalsPresent(rivals)


class _RivalsPresent:
    """The watch of ``forms_with_rivals``: an object rather than a closure, so that the
    compiled-glossary cache can keep it (building it reads every concept)."""

    def __init__(self, rivals: dict[str, tuple[frozenset[str], frozenset[str]]]):
        self.rivals = rivals
        self.having_rivals = frozenset(rivals)

    def __call__(self, present: set[str]) -> set[str]:
        found: set[str] = set()
        for key in self.having_rivals.intersection(present):
            if not self.rivals[key][0].isdisjoint(present):
                found |= self.rivals[key][1] & present
        return found


RULE = Rule(
    id="mixed-variants",
    severity="warning",
    summary="A concept written in two or more admitted forms in one document.",
    check=check,
    doc=__doc__ or "",
    watched_forms=forms_with_rivals,
)
