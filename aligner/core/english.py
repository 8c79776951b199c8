"""Finding the glossary's English renderings in an English sentence.

Built once per glossary: every English form (accepted and forbidden) becomes
one or two token patterns, indexed by the possible keys of their first token.
A sentence is tokenised once, each token turned into a set of keys (the word
lower-cased plus its lemmas from lemminflect, read from a table kept in the cache
folder and cached per word), and only the
patterns indexed under a token's keys are tried there. So the work per
sentence grows with its length, not with the size of the glossary.

What counts as the same rendering:

* case-insensitive (NATO, Nato), except that a one-word form written in
  capitals that is also an English word (US, START, WHO) needs the capitals,
  so that "told us" is not the United States; a matcher built with
  ``acronyms_in_capitals`` (for English read against the whole glossary:
  an en→ja source, an English article) needs the capitals for every such
  form, so that "etc" is not ETC nor "att" ATT;
* inflection-aware on every word (guarantee, guarantees, guaranteed;
  deterrent, deterrents), through lemminflect's lemmas, not a suffix list;
* hyphen and space are the same separator, and a hyphenated form also
  matches written solid (non-proliferation, non proliferation,
  nonproliferation);
* ``U.S.`` is ``US`` (any run of single letters with dots);
* a possessive ``'s`` is ignored (NATO's expansion is NATO expansion);
* whole words only: tokens are compared, never substrings (deter is not in
  deterrence, US is not in USSR).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, NamedTuple

from yakugo.glossary.model import Form, FormMatch, Glossary
from yakugo.glossary.normalize import fold

# A run of single letters each followed by a dot (U.S., U.K., U.S.A.), or a word.
_TOKEN = re.compile(r"(?<![\w.])(?:[^\W\d_]\.)+[^\W\d_](?!\w)\.?(?:['’]s\b)?|[^\W_]+(?:['’][^\W_]+)*")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_HYPHENS = "-‐‑‒–"  # hyphen-minus, hyphen, non-breaking hyphen, figure dash, en dash
# At most this many hyphen-joined pieces are read as one solid word.
_MAX_JOINED = 3


# A web address is not prose (gaza in .../killing-in-gaza-has-been...): as the Japanese
# recogniser does, an English text read against the whole glossary has its addresses blanked.
_WEB_ADDRESS = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]{0,31}://|www\.)[!-~]*")


def blank_web_addresses(text: str) -> str:
    """``text`` with every web address replaced by as many spaces (offsets unchanged)."""
    if "://" not in text and "www." not in text:
        return text
    return _WEB_ADDRESS.sub(lambda match: " " * len(match.group()), text)


class Token(NamedTuple):  # a tuple: sentences make tens of thousands of them
    text: str  # normalised: dots of abbreviations and a possessive 's removed
    start: int
    end: int
    keys: frozenset[str]
    hyphen_after: bool  # joined to the next token by a hyphen


@dataclass(frozen=True)
class EnglishMatch(FormMatch):
    """One rendering found in a sentence; ``start``/``end`` are 0-based code-point offsets."""

    start: int
    end: int
    text: str
    form: Form

    def contains(self, other: EnglishMatch) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True)
class _PatternWord:
    keys: frozenset[str]
    exact: str | None  # the capitals a word must be written in, or None


@dataclass(frozen=True)
class _Pattern:
    words: tuple[_PatternWord, ...]
    form: Form


@lru_cache(maxsize=200_000)
def word_keys(word: str) -> frozenset[str]:
    """The word lower-cased and every lemma lemminflect gives it (``guaranteed`` →
    {guaranteed, guarantee}); unknown words get the rule-based noun lemma (ICBMs → icbm)."""
    lower = fold(word)
    keys = {lower}
    lemmas = _lemmas_of(lower.lower())
    if lemmas is None:
        if lower.endswith("s"):
            from lemminflect import getAllLemmasOOV

            for forms in getAllLemmasOOV(lower, upos="NOUN").values():
                keys.update(lemma.lower() for lemma in forms if lemma)
    else:
        keys.update(lemmas)
    return frozenset(keys)


@lru_cache(maxsize=4096)
def _is_english_word(lower: str) -> bool:
    return _lemmas_of(lower.lower()) is not None


def _lemmas_of(lower: str) -> frozenset[str] | None:
    """The lemmas lemminflect's dictionary gives a lower-case word, None for a word it
    does not know: from the table in the cache folder, or (cache off) from lemminflect."""
    table = _lemma_table()
    if table is not None:
        return table.get(lower)
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(lower)
    return frozenset(lemma.lower() for forms in lemmas.values() for lemma in forms if lemma) if lemmas else None


@lru_cache(maxsize=1)
def _lemma_table() -> dict[str, frozenset[str]] | None:
    """Every word lemminflect's dictionary knows → its lemmas lower-cased (what
    ``getAllLemmas`` gives), kept in yakugo's cache folder: lemminflect parses its
    table of 80,000 words on first use, 0.8 s of every English lint. None when the
    cache is off (building the table costs more than lemminflect's own loading)."""
    from yakugo.glossary.cache import cached_table, enabled

    if not enabled():
        return None

    # lemminflect brings numpy (about 0.1 s): imported only when the table is built, or for
    # the rule-based lemma of an unknown word, so that a Japanese ``yakugo lint`` never pays for it.
    from importlib.metadata import version

    return cached_table("lemmas", f"lemminflect {version('lemminflect')}", _build_lemma_table)


def _build_lemma_table() -> dict[str, frozenset[str]]:
    from lemminflect import Lemmatizer, getAllLemmas

    lemmatizer = Lemmatizer()
    # lemminflect lists its words only through these two tables; each word's lemmas are
    # still asked of its public getAllLemmas, so the table gives exactly what it would.
    words = {*lemmatizer._getLemmaDict(), *lemmatizer._getOverridesDict()}
    table: dict[str, frozenset[str]] = {}
    for word in words:
        if word != word.lower():
            continue
        lemmas = getAllLemmas(word)
        if lemmas:
            table[word] = frozenset(lemma.lower() for forms in lemmas.values() for lemma in forms if lemma)
    return table


def word_key(token: Token) -> str:
    """The word's lemma (ceremonies → ceremony, took → take), or the word lower-cased."""
    lemmas = token.keys - {fold(token.text)}
    return min(lemmas) if lemmas else fold(token.text)


def rendering_key(text: str) -> tuple[str, ...]:
    """One lemma per word: the same for inflected forms of a rendering
    (security guarantee, security guarantees), different for other wordings."""
    return tuple(word_key(token) for token in tokenize(text))


def tokenize(text: str) -> list[Token]:
    """The words of ``text`` with their offsets and keys (see the module docstring)."""
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text):
        raw = match.group()
        word = raw
        if "'" in word or "’" in word:
            word = _POSSESSIVE.sub("", word)
        if "." in word:
            word = word.replace(".", "")
        if not word:
            continue
        end = match.end()
        hyphen_after = end < len(text) - 1 and text[end] in _HYPHENS and text[end + 1].isalnum()
        tokens.append(Token(word, match.start(), end, word_keys(word), hyphen_after))
    return tokens


class EnglishMatcher:
    """Built once per glossary; ``find`` tokenises a sentence once and tries only
    the patterns whose first word shares a key with a token."""

    def __init__(self, glossary: Glossary, forms: Iterable[Form] | None = None, acronyms_in_capitals: bool = False):
        self.glossary = glossary
        # By the keys of a pattern's first two words (None for a one-word pattern): by the
        # first alone, a token such as "a" or "the" tried every pattern starting with it,
        # tens of thousands in a glossary of dictionary glosses.
        self._index: dict[tuple[str, str | None], list[_Pattern]] = {}
        for form in forms if forms is not None else glossary.en_forms():
            for pattern in _patterns(form, acronyms_in_capitals):
                seconds: Iterable[str | None] = pattern.words[1].keys if len(pattern.words) > 1 else (None,)
                for key in pattern.words[0].keys:
                    for second in seconds:
                        self._index.setdefault((key, second), []).append(pattern)

    def find(self, text: str, concepts: set[str] | None = None) -> list[EnglishMatch]:
        """Every rendering in ``text`` (overlaps included, sorted by position, longest first);
        with ``concepts``, only renderings of those concept ids."""
        return self.find_in_tokens(text, tokenize(text), concepts)

    def find_in_tokens(self, text: str, tokens: list[Token], concepts: set[str] | None = None) -> list[EnglishMatch]:
        found: dict[tuple[int, int, int], EnglishMatch] = {}
        for index in range(len(tokens)):
            for pattern in self._candidates(tokens, index):
                if concepts is not None and pattern.form.concept.id not in concepts:
                    continue
                end = _match(tokens, index, pattern.words)
                if end is None:
                    continue
                start, stop = tokens[index].start, tokens[end - 1].end
                found.setdefault((start, stop, id(pattern.form)), EnglishMatch(start, stop, text[start:stop], pattern.form))
        return sorted(found.values(), key=lambda m: (m.start, -m.end))

    def _candidates(self, tokens: list[Token], index: int) -> list[_Pattern]:
        # A second word starts after the first token or after a hyphenated run read as one word.
        after_first = {index + 1, *(index + used for _, used in _joined_words(tokens, index))}
        seconds: set[str | None] = {None}
        for position in after_first:
            if position < len(tokens):
                seconds |= _keys_at(tokens, position)
        seen: dict[int, _Pattern] = {}
        for key in _keys_at(tokens, index):
            for second in seconds:
                for pattern in self._index.get((key, second), ()):
                    seen.setdefault(id(pattern), pattern)
        return list(seen.values())


def _keys_at(tokens: list[Token], index: int) -> set[str]:
    """The keys a pattern word may match at ``index``: the token's, and those of the
    hyphenated runs starting there written solid."""
    keys = set(tokens[index].keys)
    for joined, _ in _joined_words(tokens, index):
        keys |= word_keys(joined)
    return keys


def _patterns(form: Form, acronyms_in_capitals: bool = False) -> list[_Pattern]:
    """The form split at spaces and hyphens and, when it has hyphens, also written solid."""
    tokens = tokenize(form.text)
    if not tokens:
        return []
    split = tuple(_pattern_word(token, len(tokens) == 1, acronyms_in_capitals) for token in tokens)
    patterns = [_Pattern(split, form)]
    if any(token.hyphen_after for token in tokens):
        solid: list[_PatternWord] = []
        piece = ""
        for token in tokens:
            piece += token.text
            if not token.hyphen_after:
                solid.append(_PatternWord(word_keys(piece), None))
                piece = ""
        patterns.append(_Pattern(tuple(solid), form))
    return patterns


def _pattern_word(token: Token, single: bool, acronyms_in_capitals: bool = False) -> _PatternWord:
    word = token.text
    capitals = single and len(word) >= 2 and word.isupper() and (acronyms_in_capitals or _is_english_word(word.lower()))
    return _PatternWord(token.keys, word if capitals else None)


def _joined_words(tokens: list[Token], index: int) -> Iterable[tuple[str, int]]:
    """``(solid word, tokens used)`` for hyphenated runs starting at ``index``: non-proliferation → nonproliferation."""
    word = tokens[index].text
    used = 1
    while used < _MAX_JOINED and tokens[index + used - 1].hyphen_after and index + used < len(tokens):
        word += tokens[index + used].text
        used += 1
        yield word, used


def _word_matches(token_text: str, keys: frozenset[str], word: _PatternWord) -> bool:
    if word.exact is not None and token_text != word.exact:
        return False
    return not keys.isdisjoint(word.keys)


def _match(tokens: list[Token], index: int, words: tuple[_PatternWord, ...]) -> int | None:
    """The token index just after ``words`` matched from ``index``, or None."""
    position = index
    for word in words:
        if position >= len(tokens):
            return None
        token = tokens[position]
        if _word_matches(token.text, token.keys, word):
            position += 1
            continue
        for joined, used in _joined_words(tokens, position):
            if _word_matches(joined, word_keys(joined), word):
                position += used
                break
        else:
            return None
    return position
