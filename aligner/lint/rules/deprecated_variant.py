"""deprecated-variant (warning, fixable): a form listed in a concept's ``ja_deprecated``.

The replacement is the admitted form that corresponds to the deprecated one:
the one the concept's ``ja_replacements`` states (``NATOの東方拡張=NATOの東方拡大``),
else an admitted form that differs from it in one short run (so qualifiers
such as 東方 stay: NATOの東方拡張 → NATOの東方拡大), else the concept's ``ja``.
The message names the deprecated form, the replacement and the concept's
English, e.g. ``イェルツィン is deprecated: write エリツィン (Boris Yeltsin)``.

The fix replaces exactly the span. It is *safe* (``--fix`` applies it) unless
the span is quoted or cited — inside 「」『』“”《》〈〉【】 or "…", or on a line
such as ``出典：`` — or the replacement would repeat the text just before the
span (NATO の更なる東方拡張 fixed to NATO拡大 would write NATO twice): then it is
*unsafe*, applied only with ``--unsafe-fixes``. A citation of a 2008 Reuters
headline keeps its グルジア.
"""

from __future__ import annotations

from typing import Iterator

from yakugo.aligner.lint.model import Document, Finding, Rule, Watch
from yakugo.glossary.model import Glossary


# How far back a replacement's beginning is looked for (NATO の更なる東方拡張).
REPEAT_WINDOW = 15


def check(document: Document) -> Iterator[Finding]:
    for match in document.matches:
        if match.status == "deprecated":
            concept = match.concept
            replacement = concept.replacement_for(match.form.text)
            yield document.finding(
                RULE,
                match,
                f"{match.text} is deprecated: write {replacement} ({concept.en})",
                concept.id,
                replacement=replacement,
                safe=not repeats_text_before(document.lines[match.line - 1], match.column - 1, match.text, replacement),
            )


def repeats_text_before(line: str, start: int, deprecated: str, replacement: str) -> bool:
    """Whether the replacement brings in a beginning (two characters) that the deprecated
    form does not have and that the text just before the span already holds."""
    lead = replacement[:2]
    return len(lead) == 2 and not deprecated.startswith(lead) and lead in line[max(0, start - REPEAT_WINDOW) : start]


def deprecated_forms(glossary: Glossary) -> Watch:
    return frozenset(form.key for form in glossary.ja_forms() if form.status == "deprecated").intersection


RULE = Rule(
    id="deprecated-variant",
    severity="warning",
    summary="A deprecated Japanese form; write the concept's preferred form.",
    check=check,
    doc=__doc__ or "",
    fixable=True,
    watched_forms=deprecated_forms,
)
