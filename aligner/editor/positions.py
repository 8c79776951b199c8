"""Columns as yakugo counts them (code points) and as an LSP client counts them.

Findings and term matches carry 1-based code-point columns. The Language
Server Protocol counts characters in a *position encoding* negotiated at
start-up: UTF-16 code units unless the client offers another. Japanese text is
mostly in the Basic Multilingual Plane, where the two agree, but a rare kanji
(𠮟, 𩸽) or an emoji takes two UTF-16 units, and every column after it on that
line shifts; these functions do that arithmetic for one line at a time.
"""

from __future__ import annotations

from typing import Literal

Encoding = Literal["utf-8", "utf-16", "utf-32"]
ENCODINGS: tuple[Encoding, ...] = ("utf-8", "utf-16", "utf-32")
# What the server asks for, best first: code points need no conversion at all.
PREFERRED: tuple[Encoding, ...] = ("utf-32", "utf-16")


def choose_encoding(offered: list[str] | None) -> Encoding:
    """UTF-32 when the client offers it, else UTF-16 (which every client must accept)."""
    for encoding in PREFERRED:
        if offered and encoding in offered:
            return encoding
    return "utf-16"


def _units(char: str, encoding: Encoding) -> int:
    point = ord(char)
    if encoding == "utf-32":
        return 1
    if encoding == "utf-16":
        return 2 if point > 0xFFFF else 1
    return 1 if point < 0x80 else 2 if point < 0x800 else 3 if point < 0x10000 else 4


def to_client(line: str, offset: int, encoding: Encoding) -> int:
    """The client's character for 0-based code-point ``offset`` in ``line``."""
    if encoding == "utf-32" or line.isascii():
        return offset
    prefix = line[:offset]
    if encoding == "utf-16":
        return len(prefix.encode("utf-16-le", "surrogatepass")) // 2
    return len(prefix.encode("utf-8", "surrogatepass"))


def from_client(line: str, character: int, encoding: Encoding) -> int:
    """The 0-based code-point offset of the client's ``character`` in ``line``
    (a position inside a character, or past the end, moves to the nearest one before)."""
    if encoding == "utf-32" or line.isascii():
        return min(character, len(line))
    units = 0
    for offset, char in enumerate(line):
        units += _units(char, encoding)
        if units > character:
            return offset
    return len(line)
