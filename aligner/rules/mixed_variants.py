"""mixed-variants (warning): one document writes a concept in two or more admitted forms.

The admitted forms are the concept's ``ja`` and ``ja_variants`` (width and
Latin case do not make a different form: ＮＡＴＯ拡大 is NATO拡大). The form
used most often in the document is dominant; on a tie, the one used first.
Every occurrence of the other forms is reported, naming the dominant form and
the counts, e.g. ``米露 ×1 here, but 米ロ ×7 in this document: write one form
(米ロ)``. The suggested replacement is the dominant form; it is not applied by
``--fix``, since either form may be the house style. Deprecated forms are left
to deprecated-variant.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from aligner.lint import Document, Finding, Rule
from aligner.recognize import TermMatch


def check(document: Document) -> Iterator[Finding]:
    by_concept: dict[str, list[TermMatch]] = {}
    for match in document.matches:
        if match.status != "deprecated":
            by_concept.setdefault(match.concept.id, []).append(match)
    for matches in by_concept.values():
        counts = Counter(match.form.text for match in matches)  # first use first
        if len(counts) < 2:
            continue
        dominant, dominant_count = max(counts.items(), key=lambda item: item[1])  # max keeps the first of a tie
        others = ", ".join(f"{form} ×{count}" for form, count in counts.items() if form != dominant)
        for match in matches:
            if match.form.text == dominant:
                continue
            yield document.finding(
                RULE,
                match,
                f"{match.form.text} mixed with {dominant} in this document "
                f"({dominant} ×{dominant_count}, {others}): write one form ({dominant}) for {match.concept.en}",
                match.concept.id,
                replacement=dominant,
            )


RULE = Rule(
    id="mixed-variants",
    severity="warning",
    summary="A concept written in two or more admitted forms in one document.",
    check=check,
    doc=__doc__ or "",
)
