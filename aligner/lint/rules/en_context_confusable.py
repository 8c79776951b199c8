"""en-context-confusable (error): an English rendering that is wrong in its context.

For English articles (``yakugo lint --lang en``), the English counterpart of
context-confusable. The same ``terms.tsv`` columns say when, carried over
from the Japanese through their concepts: on the concept that is right in the
context (安全の約束, security assurances), each ``context_avoid`` form names a
concept (安全の保証) whose English renderings (``en``, ``en_variants``: "security
guarantees", "security guarantee") are wrong there, and each ``context_cues``
form names a concept (ブダペスト覚書) whose renderings mark the context
("Budapest Memorandum"); a cue written in Latin letters is matched as words.
So a text saying the Budapest Memorandum gave Ukraine "security guarantees" is
told to write "security assurances".

A rendering to avoid is reported when a cue is in its window: its sentence,
extended to the sentence before when it opens by referring back (This, That,
These, Those, It, Its, They, Such, The same), or, when it says "the" + the
cue's last word ("the memorandum"), to the nearest of the five sentences
before that names the cue. Sentences end at . ! ? (not after an abbreviation
such as U.S. or Jan.) and at every line end.

No finding where the text does not use the wrong term for the cue's thing:

* a mention of the phrase: the rendering alone in quotation marks, with "the
  phrase", "the term", "the word(s)", "the wording", "the expression", "the
  language", "called" or "so-called" before it, or "wording", "phrase",
  "language" or "clause" after it (the phrase "security guarantees");
* a contrast: the sentence also renders the right concept ("security
  assurances, not security guarantees"; "the difference between security
  guarantees and security assurances");
* a negation or a different referent just before it (within four words): not,
  no, never, nor, without, rather than, instead of, short of, or a rendering
  sought, wanted, demanded, needed or new, future, binding, genuine, credible
  ("Ukraine now seeks legally binding security guarantees");
* a turn to what is sought now between the cue and the rendering, or just
  after it (now, today, currently, new, future, again, seek, want, demand,
  call for, push for, press for, ask for, binding: "after the Budapest
  Memorandum, security guarantees are what Kyiv wants today").

Severity: error where the rule is confident, that is where the cue and the
rendering stand within 60 characters in one sentence, or the sentence says
what the document gave (gave, provided, offered, granted, extended, received,
obtained, contained, included, pledged, promised); otherwise, when only the
window around the sentence holds the cue, warning. A severity set in the
configuration applies to every finding of the rule.

The suggested replacement is the right concept's ``en``; it is not applied by
``--fix``, because the context is a judgement a person confirms.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import partial
from typing import Iterator, cast

from yakugo.aligner.core.script import is_latin_text
from yakugo.aligner.lint.english_model import EnglishDocument, EnglishTerm
from yakugo.aligner.lint.model import Finding, Rule, Sentence
from yakugo.glossary.cache import compiled_part
from yakugo.glossary.model import Concept, Glossary
from yakugo.glossary.normalize import fold

# How far back "the memorandum" may point for its antecedent.
ANTECEDENT_SENTENCES = 5
# Words before a rendering that look back at it.
LOOKBACK_WORDS = 4
_REFERS_BACK = re.compile(r"^[\s\"'“‘(\[]*(?:this|that|these|those|it|its|they|their|such|the same)\b", re.IGNORECASE)
_QUOTES = {'"': '"', "“": "”", "‘": "’", "'": "'"}
_MENTION_BEFORE = re.compile(
    r"(?:\b(?:phrase|term|terms|word|words|wording|expression|language|label|called|so-called|dubbed|termed))\s*[,:]?\s*$",
    re.IGNORECASE,
)
_MENTION_AFTER = re.compile(r"^\s*(?:wording|phrase|language|clause|formula|label)\b", re.IGNORECASE)
_NOT_THIS_USE = frozenset(
    """not no never nor without rather instead short seek seeks seeking sought want wants wanted wanting
    demand demands demanded demanding need needs needed new future binding genuine credible""".split()
)  # just before the rendering: a negation, or a guarantee other than the document's
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")


@dataclass(frozen=True)
class _Context:
    right: Concept  # the concept to use in this context
    cue_concepts: frozenset[str]  # ids of the concepts whose renderings are cues
    cue_words: tuple[str, ...]  # cues the Japanese column writes in Latin letters
    cue_heads: tuple[str, ...]  # the last words of multi-word cue renderings (memorandum)


def contexts_of(glossary: Glossary) -> dict[str, list[_Context]]:
    """Id of a concept whose renderings are wrong somewhere → the contexts where they are."""
    contexts: dict[str, list[_Context]] = {}
    for concept in glossary:
        if not concept.context_avoid:
            continue
        cue_ids: dict[str, Concept] = {}
        words: list[str] = []
        for cue in concept.context_cues:
            owner = glossary.concept_of_ja(cue)
            if owner is not None:
                cue_ids[owner.concept.id] = owner.concept
            elif is_latin_text(cue):
                words.append(cue)
        if not cue_ids and not words:
            continue
        heads = tuple(
            dict.fromkeys(
                rendering.split()[-1].lower()
                for cue_concept in cue_ids.values()
                for rendering in cue_concept.accepted_en
                if len(rendering.split()) > 1
            )
        )
        context = _Context(concept, frozenset(cue_ids), tuple(words), heads)
        wrong_ids: dict[str, None] = {}
        for form in concept.context_avoid:
            owner = glossary.concept_of_ja(form)
            if owner is not None and owner.concept is not concept:
                wrong_ids[owner.concept.id] = None
        for wrong in wrong_ids:
            contexts.setdefault(wrong, []).append(context)
    return contexts


def check(document: EnglishDocument) -> Iterator[Finding]:
    # Only this rule writes its entry of rule_state: the contexts_of() of the glossary.
    contexts = cast("dict[str, list[_Context]] | None", document.rule_state.get(RULE.id))
    if contexts is None:
        glossary = document.glossary
        contexts = document.rule_state[RULE.id] = compiled_part(glossary, f"contexts {RULE.id}", partial(contexts_of, glossary))
    accepted = [term for term in document.renderings if term.status in ("preferred", "variant")]
    candidates = [(term, contexts[term.concept.id]) for term in accepted if term.concept.id in contexts]
    if not candidates:
        return
    sentences = document.sentences
    starts = [(sentence.line, sentence.start) for sentence in sentences]
    # Per sentence: the concepts it renders, each with its first rendering as written.
    rendered: list[dict[str, str]] = [{} for _ in sentences]
    for term in accepted:
        rendered[bisect_right(starts, (term.line, term.column - 1)) - 1].setdefault(term.concept.id, term.text)
    for term, wanted in candidates:
        line = document.lines[term.line - 1]
        if is_mention(line, term) or not_this_use(line, term):
            continue
        index = bisect_right(starts, (term.line, term.column - 1)) - 1
        for context in wanted:
            if context.right.id in rendered[index]:
                continue  # both terms in one sentence: a contrast or a distinction
            cue = cue_in_window(sentences, rendered, index, context)
            if cue is None:
                continue
            sentence = sentences[index]
            if about_something_else(sentence, cue, term):
                break
            wrong, right = term.concept, context.right
            finding = document.finding(
                RULE,
                term,
                f"{term.text} ({wrong.ja}) is wrong where the text is about {cue}: write {right.en} ({right.ja})",
                right,
                replacement=right.en,
            )
            yield finding if confident(sentence, cue, term) else replace(finding, severity="warning")
            break


# Between the cue and the rendering, or just after it: the writer turns to what is sought now.
_SOMETHING_ELSE = re.compile(
    r"\b(?:now|today|currently|future|new|again|seeks?|sought|seeking|wants?|wanted|demands?|demanded|"
    r"calls? for|called for|push(?:es|ed)? for|press(?:es|ed)? for|asks? for|asked for|binding)\b",
    re.IGNORECASE,
)
# The sentence says what the cue's document gave.
_WHAT_IT_GAVE = re.compile(
    r"\b(?:gave|give[sn]?|giving|provided?|provides|offer(?:s|ed)?|grant(?:s|ed)?|extended|received|obtained|got|"
    r"contain(?:s|ed)?|includ(?:es|ed)|pledged|promised)\b",
    re.IGNORECASE,
)
CONFIDENT_DISTANCE = 60  # characters: about the 30 of the Japanese rule, in English letters
AFTER = 40


def _cue_at(sentence: Sentence, cue: str) -> int:
    return fold(sentence.text).find(fold(cue))


def about_something_else(sentence: Sentence, cue: str, term: EnglishTerm) -> bool:
    """Whether, between the cue (when it is in this sentence) and the rendering, or just after
    the rendering, the writer turns to what is sought now ("Ukraine now seeks binding …")."""
    start = term.column - 1 - sentence.start
    end = term.end_column - 1 - sentence.start
    at = _cue_at(sentence, cue)
    between = sentence.text[at + len(cue) : max(start, at + len(cue))] if at >= 0 else sentence.text[:start]
    return bool(_SOMETHING_ELSE.search(between) or _SOMETHING_ELSE.search(sentence.text[end : end + AFTER]))


def confident(sentence: Sentence, cue: str, term: EnglishTerm) -> bool:
    """Error where the cue and the rendering stand close in one sentence, or the sentence says
    what the document gave; warning where only the window around the sentence holds the cue."""
    at = _cue_at(sentence, cue)
    if at < 0:
        return False
    start = term.column - 1 - sentence.start
    return abs(start - at) <= CONFIDENT_DISTANCE or bool(_WHAT_IT_GAVE.search(sentence.text))


def is_mention(line: str, term: EnglishTerm) -> bool:
    """Whether the rendering is quoted as a phrase (the phrase "security guarantees") rather than used."""
    start, end = term.column - 1, term.end_column - 1
    opening = line[start - 1] if start > 0 else ""
    closing = _QUOTES.get(opening)
    if closing is None or not line[end:].startswith(closing):
        return False
    return bool(_MENTION_BEFORE.search(line[: start - 1]) or _MENTION_AFTER.match(line[end + len(closing) :]))


def not_this_use(line: str, term: EnglishTerm) -> bool:
    """Whether a negation or a different referent (sought, new, binding…) is in the words just before."""
    before = _WORD.findall(line[: term.column - 1])[-LOOKBACK_WORDS:]
    return any(word.lower() in _NOT_THIS_USE for word in before)


def cue_in_window(sentences: list[Sentence], rendered: list[dict[str, str]], index: int, context: _Context) -> str | None:
    """The first cue found in the window of sentence ``index`` (see the module docstring)."""
    found = _cue_in(sentences, rendered, index, context)
    if found:
        return found
    current = index
    while current > 0 and _REFERS_BACK.match(sentences[current].text):
        current -= 1
        found = _cue_in(sentences, rendered, current, context)
        if found:
            return found
    text = sentences[index].text
    for head in context.cue_heads:
        if re.search(rf"\bthe {re.escape(head)}\b", text, re.IGNORECASE):
            for earlier in range(index - 1, max(-1, index - 1 - ANTECEDENT_SENTENCES), -1):
                found = _cue_in(sentences, rendered, earlier, context)
                if found:
                    return found
    return None


def _cue_in(sentences: list[Sentence], rendered: list[dict[str, str]], index: int, context: _Context) -> str | None:
    """The cue as the sentence writes it, or None."""
    cue_id = next((concept_id for concept_id in rendered[index] if concept_id in context.cue_concepts), None)
    if cue_id is not None:
        return rendered[index][cue_id]
    folded = fold(sentences[index].text)
    return next((word for word in context.cue_words if re.search(rf"\b{re.escape(fold(word))}\b", folded)), None)


RULE = Rule(
    id="en-context-confusable",
    severity="error",
    summary="An English rendering that is wrong in its context (security guarantees for what the Budapest Memorandum gave).",
    check=check,
    doc=__doc__ or "",
)
