"""en-mixed-renderings (warning): one English document renders a concept in rival accepted ways.

For English articles (``yakugo lint --lang en``). The accepted renderings are
the concept's ``en`` and ``en_variants``, in any inflection, case or U.S./US
spelling (security guarantee and security guarantees are one rendering). They
are weighed as ``yakugo check``'s term-inconsistent weighs a translation's:
ranked by use (on a tie the glossary's ``en``, then the one seen first), each
measured against the highest-ranked rendering it rivals. A short form is no
rival of its long form or of its derived forms (NATO and North Atlantic Treaty
Organization; Trump and Donald Trump; Russia and Russian), so introducing a
name in full and shortening it later is not reported; Zelensky / Zelenskyy and
Ministry of Defence / Ministry of Defense are rivals. Nor is a name's adjective
or demonym a rival of a name: one capitalised word ending in -an, -ian, -ese,
-ish, -i or -ch (a plural -s too) that shares its first letters with a word of
another rendering of the concept (British and Britain or UK; Ukrainian and
Ukraine; German and Germany; Americans and United States) says something else
in the sentence than the name does. A name after a compass or qualifier word
(North America, New Mexico, East Germany) is another place and not counted.
A sentence that writes
both rivals ("Zelenskyy, also spelled Zelensky") is not reported. The
suggested replacement is the dominant rendering; it is not applied by
``--fix``, since either may be the house style; when the glossary prefers
another rendering that rivals the dominant one, the message says so.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from os.path import commonprefix
from collections import defaultdict
from typing import Iterator

from yakugo.aligner.core.english import rendering_key, tokenize
from yakugo.glossary.normalize import fold
from yakugo.aligner.lint.english_model import EnglishDocument, EnglishTerm
from yakugo.aligner.lint.model import Finding, Rule


def check(document: EnglishDocument) -> Iterator[Finding]:
    # The QA checker shares its rival logic; imported here, so a Japanese lint never loads it.
    from yakugo.aligner.qa.checker import are_rival_renderings, rival_renderings

    by_concept: dict[str, list[EnglishTerm]] = {}
    for term in document.renderings:
        if term.status in ("preferred", "variant") and not _qualified_place(document.lines[term.line - 1], term):
            by_concept.setdefault(term.concept.id, []).append(term)
    starts = [(sentence.line, sentence.start) for sentence in document.sentences]
    for terms in by_concept.values():
        concept = terms[0].concept
        adjectives = _adjectives(concept.accepted_en)
        rivalry = rival_renderings(
            [term.form.text for term in terms],
            concept.en,
            lambda one, other: ((one in adjectives) == (other in adjectives)) and are_rival_renderings(one, other),
        )
        if rivalry is None:
            continue
        sentence_of = [bisect_right(starts, (term.line, term.column - 1)) - 1 for term in terms]
        sentences_with: dict[tuple[str, ...], set[int]] = defaultdict(set)
        for key, sentence in zip(rivalry.keys, sentence_of):
            sentences_with[key].add(sentence)
        preferred = rendering_key(concept.en)
        for term, key, sentence in zip(terms, rivalry.keys, sentence_of):
            rival = rivalry.rival_of[key]
            if rival is None or sentence in sentences_with[rival]:
                continue
            dominant = rivalry.name[rival]
            # The dominant rendering is the document's choice; say so when it rivals the glossary's en.
            aside = f"; the glossary prefers {concept.en}" if rival != preferred and are_rival_renderings(dominant, concept.en) else ""
            yield document.finding(
                RULE,
                term,
                f"{term.text} mixed with {dominant} in this document ({dominant} ×{rivalry.counts[rival]}, "
                f"{rivalry.name[key]} ×{rivalry.counts[key]}): write one rendering ({dominant}) for {concept.ja}{aside}",
                concept,
                replacement=dominant,
            )


# A capitalised compass or qualifier word before a place name makes another place (North America).
_PLACE_QUALIFIER = re.compile(
    r"\b(?:North|South|East|West|Northern|Southern|Eastern|Western|Central|Latin|New|Upper|Lower|Greater)[ -]$"
)


# The longest qualifier and its separator (Northern ) with room for the character before, which
# ``\b`` reads: searching that tail finds what searching the whole line before the term finds,
# in constant time (the whole line per term was quadratic on a long line).
_QUALIFIER_REACH = 12


def _qualified_place(line: str, term: EnglishTerm) -> bool:
    end = term.column - 1
    return bool(_PLACE_QUALIFIER.search(line[max(0, end - _QUALIFIER_REACH) : end]))


_DEMONYM = re.compile(r"[A-Z][a-z]+(?:an|ese|ish|i|ch)s?")


def _adjectives(renderings: list[str]) -> frozenset[str]:
    """The renderings that are a name's adjective or demonym (see the module docstring)."""
    words = {fold(token.text) for rendering in renderings for token in tokenize(rendering)}
    found = set()
    for rendering in renderings:
        if not _DEMONYM.fullmatch(rendering):
            continue
        stem = fold(rendering).removesuffix("s")
        for word in words - {stem, fold(rendering)}:
            if word.startswith(stem) and word[len(stem) :] not in ("", "y"):
                break  # Japan beside Japanese: the name, not its adjective (Germany: German + y)
            shared = len(commonprefix([word, stem]))
            if shared >= 4 and shared * 2 >= len(word):
                found.add(rendering)
                break
    return frozenset(found)


RULE = Rule(
    id="en-mixed-renderings",
    severity="warning",
    summary="An English document renders one concept in rival accepted ways (Zelensky / Zelenskyy).",
    check=check,
    doc=__doc__ or "",
)
