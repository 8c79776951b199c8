"""deprecated-variant (warning, fixable): a form listed in a concept's ``ja_deprecated``.

The replacement is the concept's preferred Japanese (``ja``); ``--fix``
applies it. The message names the deprecated form, the replacement and the
concept's English, e.g. ``イェルツィン is deprecated: write エリツィン (Boris
Yeltsin)``.
"""

from __future__ import annotations

from typing import Iterator

from yakugo.aligner.lint.model import Document, Finding, Rule, Watch
from yakugo.glossary.model import Glossary


def check(document: Document) -> Iterator[Finding]:
    for match in document.matches:
        if match.status == "deprecated":
            concept = match.concept
            yield document.finding(
                RULE,
                match,
                f"{match.text} is deprecated: write {concept.ja} ({concept.en})",
                concept.id,
                replacement=concept.ja,
            )


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
