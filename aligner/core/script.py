"""Which script a text is written in: Japanese (kana, kanji) or Latin.

Both directions of translation QA tell a file's direction from which side is
Japanese, and ``yakugo lint --lang auto`` tells an English article from a
Japanese one. A Japanese character carries about as much as three Latin
letters (ロシア is Russia, 米ロ is US-Russia), so it weighs three here:
NATO拡大 is Japanese, "Kiev (キエフ) is the capital" English.
"""

from __future__ import annotations

import re

# Hiragana, katakana, CJK ideographs (and the iteration mark 々).
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々]")
# Basic and accented Latin letters, full-width included (ＮＡＴＯ is Latin written wide).
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\uff21-\uff3a\uff41-\uff5a]")
JAPANESE_WEIGHT = 3


def japanese_share(text: str) -> float:
    """The weighted share of Japanese among the Japanese and Latin letters of ``text``
    (0.0 when it has neither)."""
    japanese = JAPANESE_WEIGHT * len(JAPANESE.findall(text))
    latin = len(LATIN.findall(text))
    return japanese / (japanese + latin) if japanese or latin else 0.0


def is_japanese_text(text: str) -> bool:
    """Mostly Japanese: the weighted Japanese share is at least a half."""
    return japanese_share(text) >= 0.5


def is_latin_text(text: str) -> bool:
    """Mostly Latin script: it has Latin letters and the weighted Japanese share is under a half."""
    return bool(LATIN.search(text)) and japanese_share(text) < 0.5


def has_japanese(text: str) -> bool:
    return JAPANESE.search(text) is not None
