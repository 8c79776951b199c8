"""context-confusable (error): a term that is wrong in its context.

Two ``terms.tsv`` columns on the concept that is *right* in that context say
when another concept's form is wrong:

* ``context_avoid``: Japanese forms (of other concepts in the glossary) that
  must not be used in the context; e.g. on 安全の約束 (security assurances):
  ``安全の保証|安全保障の保証``.
* ``context_cues``: words that mark the context; e.g. ``ブダペスト覚書|ブダペスト・メモランダム``
  (the Budapest Memorandum gave security *assurances*).

A form to avoid is reported when a cue occurs in its window: the sentence
holding it, extended to the sentence before when it refers back (it opens
with これ/それ/この/その/同, as in 「これは、…安全保障の保証を得るという内容だった」 after
a sentence naming the memorandum), or, when it says 同 + the cue's last word
(同覚書), to the nearest of the five sentences before that names the cue.
Sentences end at 。！？ outside brackets and at every line end.

A quoted mention of the phrase is not a use of it and is never reported:
the form alone in 「」『』“” (a parenthetical gloss may follow it inside)
followed by という, との, と言う/呼ぶ/表現, の文言 and the like, as in
「安全の保証」という文言が盛り込まれなかった.

Nor is a sentence that contrasts or juxtaposes the two terms, which names the
right concept too: 安全の保証ではなく安全の約束, 安全の保証と安全の約束の違い,
安全の保証か安全の約束か, 安全の保証（安全の約束）. Nor a sentence in which the form
is about something else than what the cue's document gave: after the cue, a
word of the present or of seeking (今回, 現在, 今後, 新たな, 改めて, 求め, 要求,
模索) or 法的拘束力のある (a binding guarantee is exactly what the memorandum
was not) says the writer means the guarantee sought now.

Severity: error where the rule is confident, that is where the cue and the
form stand within 30 characters in one sentence, or the sentence says what
the document gave (与え, 提供, 約束し, 得た, 受け, 盛り込); otherwise, when
only the window around the sentence holds the cue, warning. A severity set in
the configuration applies to every finding of the rule.

The suggested replacement is the right concept's ``ja``; it is not applied by
``--fix``, because the context is a judgement a person confirms.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import cache, partial
from typing import Iterator, cast

from yakugo.aligner.lint.model import Document, Finding, Rule, Sentence
from yakugo.aligner.core.recognize import TermMatch
from yakugo.aligner.core.segment import morphemes
from yakugo.glossary.cache import compiled_part
from yakugo.glossary.errors import InputError, located
from yakugo.glossary.model import Concept, Glossary
from yakugo.glossary.normalize import fold

# How far back 同覚書 may point for its antecedent.
ANTECEDENT_SENTENCES = 5
_REFERS_BACK = re.compile(r"^[\s\u3000「『（(]*(?:これ|それ|この|その|同)")
_QUOTES = {"「": "」", "『": "』", "“": "”", '"': '"'}
_GLOSS = re.compile(r"[(（][^()（）]*[)）]")
# What follows a quoted phrase that is talked about rather than used.
_MENTION_MARKER = re.compile(
    r"(?:という|といった|との|とは|って|と(?:言|い|呼|表現|記|書|明記|訳|称)"
    r"|なる(?:語|言葉|文言|表現)|の(?:文言|語|表現|言葉|字句|訳語|文字))"
)


@dataclass(frozen=True)
class _Context:
    right: Concept  # the concept to use in this context
    cues: tuple[str, ...]


def prepare(glossary: Glossary) -> None:
    """Every ``context_avoid`` form must be another concept's Japanese form, with cues to go with it."""
    path = glossary.path or "<glossary>"
    problems = []
    for concept in glossary:
        def problem(message: str) -> None:
            problems.append(located(path, concept.line, message))

        for form in concept.context_avoid:
            owner = glossary.concept_of_ja(form)
            if owner is None:
                problem(f"context_avoid of '{concept.id}': '{form}' is not a Japanese form in the glossary")
            elif owner.concept is concept:
                problem(f"context_avoid of '{concept.id}': '{form}' is one of its own forms")
        if concept.context_avoid and not concept.context_cues:
            problem(f"'{concept.id}' has context_avoid but no context_cues")
        if concept.context_cues and not concept.context_avoid:
            problem(f"'{concept.id}' has context_cues but no context_avoid")
    if problems:
        raise InputError(problems)


def check(document: Document) -> Iterator[Finding]:
    # Only this rule writes its entry of rule_state: the contexts_of() of the glossary.
    contexts = cast("dict[str, list[_Context]] | None", document.rule_state.get(RULE.id))
    if contexts is None:
        glossary = document.glossary
        contexts = document.rule_state[RULE.id] = compiled_part(glossary, f"contexts {RULE.id}", partial(contexts_of, glossary))
    candidates = [(match, contexts[match.form.key]) for match in document.matches if match.form.key in contexts]
    if not candidates:
        return
    sentences = document.sentences
    starts = [(sentence.line, sentence.start) for sentence in sentences]
    for match, wanted in candidates:
        if is_mention(document.lines[match.line - 1], match):
            continue
        index = bisect_right(starts, (match.line, match.column - 1)) - 1
        sentence = sentences[index]
        for context in wanted:
            cue = cue_in_window(sentences, index, context.cues)
            if cue is None or context.right.id == match.concept.id:
                continue  # no cue; or a shared form already read as the right concept (NPT texts)
            wrong, right = match.concept, context.right
            if contrasts(sentence.text, right) or about_something_else(sentence.text, cue, match, sentence):
                break
            finding = document.finding(
                RULE,
                match,
                f"{match.text} ({wrong.en}) is wrong where the text is about {cue}: write {right.ja} ({right.en})",
                right.id,
                replacement=right.ja,
            )
            yield finding if confident(sentence, cue, match) else replace(finding, severity="warning")
            break


# After the cue, these say the form is about what is sought now, not what the document gave.
_SOMETHING_ELSE = re.compile(r"今回|現在|今後|新たな|新しい|改めて|求め|要求|模索|法的拘束力のある|法的拘束力を持つ")
_WHAT_IT_GAVE = re.compile(r"与え|提供|約束し|得た|受け|盛り込")
CONFIDENT_DISTANCE = 30


def contrasts(sentence: str, right: Concept) -> bool:
    """Whether the sentence names the right concept too: a contrast or juxtaposition of the two."""
    folded = fold(sentence)
    return any(fold(form) in folded for form in right.admitted_ja)


def about_something_else(sentence: str, cue: str, match: TermMatch, where: Sentence) -> bool:
    """Whether, between the cue (when it is in this sentence) and the form, the writer turns to
    what is sought now (今回…求めている)."""
    start = match.column - 1 - where.start
    at = sentence.find(cue)
    between = sentence[at + len(cue) : max(start, at + len(cue))] if at >= 0 else sentence[:start]
    return bool(_SOMETHING_ELSE.search(between) or _SOMETHING_ELSE.search(sentence[start : start + 40]))


def confident(where: Sentence, cue: str, match: TermMatch) -> bool:
    at = where.text.find(cue)
    if at < 0:
        return False  # the cue is in a sentence before: a reading, not a certainty
    start = match.column - 1 - where.start
    return abs(start - at) <= CONFIDENT_DISTANCE or bool(_WHAT_IT_GAVE.search(where.text))


def contexts_of(glossary: Glossary) -> dict[str, list[_Context]]:
    """Folded form to avoid → the contexts where it is wrong."""
    contexts: dict[str, list[_Context]] = {}
    for concept in glossary:
        for form in concept.context_avoid:
            contexts.setdefault(fold(form), []).append(_Context(concept, tuple(concept.context_cues)))
    return contexts


def is_mention(line: str, match: TermMatch) -> bool:
    """Whether the term is quoted as a phrase (「安全の保証」という文言) rather than used."""
    start, end = match.column - 1, match.end_column - 1
    opening = line[start - 1] if start > 0 else ""
    closing = _QUOTES.get(opening)
    if closing is None:
        return False
    rest = line[end:]
    gloss = _GLOSS.match(rest)
    if gloss:
        rest = rest[gloss.end():]
    return rest.startswith(closing) and bool(_MENTION_MARKER.match(rest, len(closing)))


def cue_in_window(sentences: list[Sentence], index: int, cues: tuple[str, ...]) -> str | None:
    """The first cue found in the window of sentence ``index`` (see the module docstring)."""
    found = _cue_in(sentences[index].text, cues)
    if found:
        return found
    # これは… / その… : the sentence before (and further while those refer back too).
    current = index
    while current > 0 and _REFERS_BACK.match(sentences[current].text):
        current -= 1
        found = _cue_in(sentences[current].text, cues)
        if found:
            return found
    # 同覚書: the nearest earlier sentence naming a cue whose last word is 覚書.
    text = sentences[index].text
    for cue in cues:
        head = cue_head(cue)
        if head and "同" + head in text:
            for earlier in range(index - 1, max(-1, index - 1 - ANTECEDENT_SENTENCES), -1):
                if fold(cue) in fold(sentences[earlier].text):
                    return cue
    return None


def _cue_in(text: str, cues: tuple[str, ...]) -> str | None:
    folded = fold(text)
    return next((cue for cue in cues if fold(cue) in folded), None)


@cache
def cue_head(cue: str) -> str:
    """The last word of a cue (覚書 of ブダペスト覚書), as Sudachi splits it finest."""
    words = [m.surface() for _, chunk in morphemes(cue, "A") for m in chunk]
    return words[-1] if len(words) > 1 else ""


RULE = Rule(
    id="context-confusable",
    severity="error",
    summary="A term that is wrong in its context (e.g. 安全の保証 for what the Budapest Memorandum gave).",
    check=check,
    doc=__doc__ or "",
    prepare=prepare,
    watched_forms=lambda glossary: frozenset(contexts_of(glossary)).intersection,
)
