"""unlisted-variant (info, off by default): one word spelt two ways, and the glossary lists neither.

Sudachi (split mode C) reads every content word of the document: nouns,
verbs, adjectives, adjectival nouns and adverbs. Two occurrences whose
``normalized_form()`` is the same but whose dictionary forms differ (after
width and case folding) are spellings of one word, e.g. シュミレーション and
シミュレーション, 行う and 行なう, つながる and 繋がる. As with mixed-variants, the
spelling used most (on a tie, first) is dominant and every occurrence of the
others is reported; there is no replacement, since an inflected word cannot be
swapped safely. Words inside glossary terms are left to the other rules, and
so is a word whose spellings are all admitted forms of one concept (繋がる with
つながる as its variant: the inflected つながった is beyond the recognizer, and
the glossary admits both).

Guarded false friends, which Sudachi normalises together but which are not
spellings of one word:

* Latin words normalised to katakana (START → スタート, Budapest → ブダペスト):
  a group with a Latin letter in it is skipped;
* kana/kanji pairs of function words: formal nouns and counters (ため/為,
  うえ/上, 年/歳: Sudachi's 副詞可能/助数詞可能 nouns), auxiliary-like verbs
  (ある/有る, できる/出来る: 非自立可能), and two-kana basic verbs and nouns
  (いう/言う, とる/取る, みる/見る, もの/物, こと/事), whose kana spelling is
  kept for their function-word and abstract uses (という, 措置をとる, …というもの);
* two spellings in hiragana (やっぱ/やっぱり, そっ/そう): a colloquial or
  shortened form of the word, not another spelling of it (katakana pairs such
  as シュミレーション/シミュレーション are still reported);
* different kanji of one reading (当てる/宛てる, 計る/測る): Sudachi merges
  these homophones, but they are different words, not spellings of one;
* different conjugation classes of one stem (禁じる/禁ずる, 思える/思う), which
  are different verbs or merely Sudachi's guess for an ambiguous form;
* the last word of a line that does not end in punctuation, which is often a
  word cut by a hard line break (狙 + い).

Turn it on with ``--select unlisted-variant`` (or ``--select ALL``).
"""

from __future__ import annotations

import re
from functools import lru_cache, partial
from typing import Iterator, NamedTuple, cast

from yakugo.aligner.lint.model import Document, Finding, Rule
from yakugo.aligner.core.segment import morphemes, sudachi_dictionary
from yakugo.glossary.cache import compiled_part
from yakugo.glossary.model import Glossary
from yakugo.glossary.normalize import fold

CONTENT_POS = frozenset({"名詞", "動詞", "形容詞", "形状詞", "副詞"})
FUNCTION_SUBCLASSES = frozenset({"非自立可能", "副詞可能", "助数詞可能", "数詞"})
_LATIN = re.compile(r"[A-Za-z]")
_HIRAGANA = re.compile(r"[\u3041-\u309f]+")
_KANJI = re.compile(r"[\u3400-\u9fff\uf900-\ufaff々]")
_LINE_END_PUNCTUATION = re.compile(r"[。．！？!?」』）)、，:：…]\s*$")


class _Word(NamedTuple):  # a tuple: hundreds of thousands are made per megabyte of text
    line: int
    column: int
    end_column: int
    surface: str
    spelling: str  # the folded dictionary form
    conjugation: str  # Sudachi's conjugation class ("*" for words that do not inflect)
    part_of_speech: str  # Sudachi's first level: 名詞, 動詞, 形容詞, 形状詞 or 副詞


@lru_cache(maxsize=None)
def _content_word_class(pos_id: int) -> tuple[str, str] | None:
    """``(conjugation class, first level)`` for a part of speech of content words, else None;
    decided once per part-of-speech id (Sudachi has a few thousand) instead of per word."""
    part_of_speech = sudachi_dictionary().pos_of(pos_id)
    if part_of_speech[0] not in CONTENT_POS or part_of_speech[1] in FUNCTION_SUBCLASSES:
        return None
    if part_of_speech[2] in FUNCTION_SUBCLASSES:
        return None
    return part_of_speech[4], part_of_speech[0]


@lru_cache(maxsize=1 << 16)
def _spelling(dictionary_form: str) -> str:
    return fold(dictionary_form)


def is_false_friend(spellings: list[str], part_of_speech: str) -> bool:
    """Spellings Sudachi merges that are not one word written two ways (see the module docstring)."""
    kanji = [_KANJI.findall(spelling) for spelling in spellings]
    written_in_kanji = [letters for letters in kanji if letters]
    if len({"".join(letters) for letters in written_in_kanji}) > 1:
        return True  # 当てる/宛てる: different kanji, different words of one reading
    if sum(1 for spelling in spellings if _HIRAGANA.fullmatch(spelling)) > 1:
        return True  # やっぱ/やっぱり, そっ/そう: another form of the word, not another spelling
    short_kana = any(_HIRAGANA.fullmatch(spelling) and len(spelling) <= 2 for spelling in spellings)
    return part_of_speech in ("動詞", "名詞") and short_kana and bool(written_in_kanji)  # とる/取る, もの/物


def check(document: Document) -> Iterator[Finding]:
    admitted: dict[str, str] | None = None  # read only when a word has two spellings (rare)
    # normalized form → spelling → its words, spellings in order of first use
    groups: dict[str, dict[str, list[_Word]]] = {}
    for word, normalized in content_words(document):
        spellings = groups.get(normalized)
        if spellings is None:
            groups[normalized] = {word.spelling: [word]}
        else:
            spellings.setdefault(word.spelling, []).append(word)
    for normalized, spellings in groups.items():
        if len(spellings) < 2 or any(_LATIN.search(spelling) for spelling in spellings):
            continue
        words = sorted((word for same in spellings.values() for word in same), key=lambda word: (word.line, word.column))
        if len({word.conjugation for word in words}) > 1 or is_false_friend(list(spellings), words[0].part_of_speech):
            continue
        if admitted is None:
            admitted = glossary_admitted_forms(document)
        if len({admitted.get(spelling) for spelling in spellings} - {None}) == 1 and all(spelling in admitted for spelling in spellings):
            continue  # every spelling an admitted form of one concept (繋がる|つながる, inflected out of the recognizer's reach)
        counts = {spelling: len(same) for spelling, same in spellings.items()}
        dominant, dominant_count = max(counts.items(), key=lambda item: item[1])
        others = ", ".join(f"{spelling} ×{count}" for spelling, count in counts.items() if spelling != dominant)
        for word in words:
            if word.spelling == dominant:
                continue
            yield Finding(
                document.path,
                word.line,
                word.column,
                word.end_column,
                RULE.id,
                RULE.severity,
                f"{word.spelling} and {dominant} are one word (Sudachi: {normalized}) spelt two ways in this document "
                f"({dominant} ×{dominant_count}, {others}) and the glossary lists neither: choose one",
                None,
                word.surface,
                None,
            )


def glossary_admitted_forms(document: Document) -> dict[str, str]:
    """``admitted_forms`` of the document's glossary, made once per glossary (kept in the
    compiled-glossary cache and, for this process, in the linter's rule state)."""
    # Only this rule writes its entry of rule_state.
    admitted = cast("dict[str, str] | None", document.rule_state.get(RULE.id))
    if admitted is None:
        glossary = document.glossary
        admitted = document.rule_state[RULE.id] = compiled_part(glossary, f"admitted-forms {RULE.id}", partial(admitted_forms, glossary))
    return admitted


def admitted_forms(glossary: Glossary) -> dict[str, str]:
    """Folded admitted Japanese form → its concept's id."""
    return {fold(form.text): form.concept.id for form in glossary.ja_forms() if form.status != "deprecated"}


# The start of check()'s message.
_SPELLINGS = re.compile(r"^(\S+) and (\S+) are one word \(Sudachi: ")


def spellings_of(message: str) -> tuple[str, str] | None:
    """``(the reported spelling, the dominant one)`` from a finding's message, for a reader
    of published findings (the editor's code actions) that has only the message to go on."""
    found = _SPELLINGS.match(message)
    return (found.group(1), found.group(2)) if found else None


def content_words(document: Document) -> Iterator[tuple[_Word, str]]:
    """``(word, normalized form)`` for each content word outside glossary terms."""
    covered: dict[int, list[tuple[int, int]]] = {}
    for match in document.matches:
        covered.setdefault(match.line, []).append((match.column - 1, match.end_column - 1))
    for number, line in enumerate(document.lines, start=1):
        if not line.strip():
            continue
        # A word reaching this offset may be cut by a hard line break.
        cut_from = len(line.rstrip()) if not _LINE_END_PUNCTUATION.search(line) else len(line) + 1
        spans = covered.get(number)
        for offset, chunk in morphemes(line, "C"):
            for morpheme in chunk:
                word_class = _content_word_class(morpheme.part_of_speech_id())
                if word_class is None:
                    continue
                start, end = offset + morpheme.begin(), offset + morpheme.end()
                if end >= cut_from:
                    continue
                if spans and any(s < end and start < e for s, e in spans):
                    continue
                yield (
                    _Word(number, start + 1, end + 1, line[start:end], _spelling(morpheme.dictionary_form()), *word_class),
                    morpheme.normalized_form(),
                )


RULE = Rule(
    id="unlisted-variant",
    severity="info",
    summary="One word spelt two ways (Sudachi's normalized form), neither listed in the glossary.",
    check=check,
    doc=__doc__ or "",
    enabled_by_default=False,
)
