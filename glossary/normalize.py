"""Width and case folding that keeps every character in place.

Recognition reports positions against the original text, so the folded text
must have exactly as many code points as the original: each character is
folded on its own (NFKC, then lower case) and kept as it was when folding
would turn it into more or fewer than one character (㈱, ﾞ).
"""

from __future__ import annotations

import re
import unicodedata


_table: str | None = None


def _fold_table() -> str:
    """Character ``i`` of the table is what code point ``i`` folds to (the BMP only;
    ``str.translate`` leaves characters past the table as they are). A sequence
    indexes about twice as fast as a dict here."""
    global _table
    if _table is None:
        _table = build_fold_table()
    return _table


def fold_table_in_use() -> str:
    """The table ``fold`` uses (built now if need be), for the compiled-glossary cache."""
    return _fold_table()


def use_fold_table(table: str) -> None:
    """Use a table ``build_fold_table`` made earlier (the compiled-glossary cache keeps one:
    building it costs some 20-40 ms of every command's start-up)."""
    global _table
    if len(table) == 0x10000:
        _table = table


def build_fold_table() -> str:
    table = []
    for code in range(0x10000):  # characters past the table are folded by _fold_one
        char = chr(code)
        # Surrogates, and CJK ideographs through Hangul, which NFKC leaves alone:
        # skipping them makes start-up cheaper.
        if 0x3400 <= code < 0xA640 or 0xAC00 <= code < 0xE000:
            table.append(char)
            continue
        folded = unicodedata.normalize("NFKC", char).lower()
        table.append(folded if len(folded) == 1 else char)
    return "".join(table)


def fold(text: str) -> str:
    """Fold full-width/half-width forms and Latin case, one character at a time.

    ``len(fold(text)) == len(text)`` always holds, so offsets carry over.
    """
    if text.isascii() or _lower_is_enough(text):
        return text.lower()
    folded = text.translate(_fold_table())
    if _PAST_THE_TABLE.search(folded):
        folded = "".join(_fold_one(char) if char > "\uffff" else char for char in folded)
    return folded


_PAST_THE_TABLE = re.compile("[\U00010000-\U0010ffff]")


def _fold_one(char: str) -> str:
    folded = unicodedata.normalize("NFKC", char).lower()
    return folded if len(folded) == 1 else char


def _lower_is_enough(text: str) -> bool:
    """Whether ``str.lower`` folds ``text`` as the table would (and about three times faster).

    In NFKC-normalised text every character is its own NFKC form, so only case
    is left; unless ``lower`` turns a character into two (İ) or looks at its
    neighbours (final Σ).
    """
    return unicodedata.is_normalized("NFKC", text) and "Σ" not in text and "İ" not in text
