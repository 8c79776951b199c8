"""SudachiPy segmentation: one shared dictionary, tokenizers per split mode.

Term recognition uses split mode A, the finest units, as its word
boundaries: compounds are looked into (拡大抑止 is found in 拡大抑止力,
国防省 in 米国防省), while a word Sudachi never splits (日露, 暴露, 披露)
is never entered. Sudachi refuses inputs over 49,149 bytes, so long lines
are cut at sentence ends first.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from typing import Collection, Iterator

from sudachipy import Dictionary, MorphemeList, SplitMode

# Comfortably under Sudachi's 49,149-byte limit even at 4 bytes a character.
MAX_CHUNK_CHARS = 8000
_SENTENCE_END = re.compile(r"[。．！？!?\n]")


@cache
def sudachi_dictionary() -> Dictionary:
    return Dictionary(dict="core")


@cache
def tokenizer(mode: str = "A"):
    return sudachi_dictionary().tokenizer({"A": SplitMode.A, "B": SplitMode.B, "C": SplitMode.C}[mode])


def chunks(text: str, limit: int = MAX_CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """``(offset, piece)`` pairs covering ``text``, each piece at most ``limit`` characters,
    cut after a sentence end where there is one."""
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = 0
        for match in _SENTENCE_END.finditer(window):
            cut = match.end()
        if cut == 0:
            cut = limit
        yield start, text[start : start + cut]
        start += cut
    if start < len(text) or not text:
        yield start, text[start:]


def morphemes(text: str, mode: str = "A") -> Iterator[tuple[int, MorphemeList]]:
    """Sudachi's morphemes of ``text`` as ``(offset, MorphemeList)`` per chunk;
    a morpheme's position in ``text`` is ``offset + m.begin()``."""
    tokenize = tokenizer(mode).tokenize
    for offset, piece in chunks(text):
        if piece:
            yield offset, tokenize(piece)


def boundaries_at(text: str, positions: Collection[int], mode: str = "A") -> set[int]:
    """Those of ``boundaries(text)`` that a membership test of ``positions`` can see: only the
    chunks with one of ``positions`` strictly inside are segmented. Chunks are segmented
    independently and every chunk's end is a boundary, so the answer for each position is
    that of ``boundaries``; a long line with few candidates costs a few chunks, not the line."""
    inside = sorted(positions)
    edges = {0, len(text)}
    tokenize = tokenizer(mode).tokenize
    for offset, piece in chunks(text):
        end = offset + len(piece)
        edges.add(end)
        first = bisect_right(inside, offset)
        if first < len(inside) and inside[first] < end and piece:
            edges.update(offset + morpheme.end() for morpheme in tokenize(piece))
    return edges


def boundaries(text: str, mode: str = "A") -> set[int]:
    """Every offset in ``text`` where a morpheme starts or ends."""
    edges = {0, len(text)}
    for offset, morpheme_list in morphemes(text, mode):
        if offset:
            edges.update(offset + morpheme.end() for morpheme in morpheme_list)
        else:
            edges.update(morpheme.end() for morpheme in morpheme_list)
    return edges
