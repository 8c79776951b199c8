"""en-deprecated (warning, fixable): an English rendering the glossary marks as deprecated (``en_deprecated``).

For English articles (``yakugo lint --lang en``). The replacement is the
concept's ``en``, e.g. ``Kiev is deprecated: write Kyiv (キーウ)``; ``--fix``
applies it where the text is the deprecated form as the glossary writes it (a
possessive ``'s`` is kept: Kiev's → Kyiv's; case and inflection other than
that are left for the writer, so an inflected or re-cased match is reported
without a replacement). A deprecated form inside a longer rendering the
glossary lists for another concept is that other name, not reported.
"""

from __future__ import annotations

import re
from typing import Iterator

from yakugo.aligner.lint.english_model import EnglishDocument, EnglishTerm
from yakugo.aligner.lint.model import Finding, Rule

_POSSESSIVE = re.compile(r"['’]s$")


def check(document: EnglishDocument) -> Iterator[Finding]:
    for term in document.renderings:
        if term.status != "deprecated":
            continue
        concept = term.concept
        yield document.finding(
            RULE,
            term,
            f"{term.text} is deprecated: write {concept.en} ({concept.ja})",
            concept,
            replacement=replacement(term),
        )


def replacement(term: EnglishTerm) -> str | None:
    """``en`` in place of the deprecated form when the text is that form as written (and a possessive)."""
    possessive = _POSSESSIVE.search(term.text)
    bare = term.text[: possessive.start()] if possessive else term.text
    if bare != term.form.text:
        return None
    return term.concept.en + (possessive.group() if possessive else "")


RULE = Rule(
    id="en-deprecated",
    severity="warning",
    summary="A deprecated English rendering (en_deprecated); write the concept's en.",
    check=check,
    doc=__doc__ or "",
    fixable=True,
)
