"""English word keys come from a lemma table kept in the cache folder instead of lemminflect's
own loader (0.8 s per English lint): the table must give exactly what lemminflect gives."""

from __future__ import annotations

import re

from lemminflect import getAllLemmas, getAllLemmasOOV

from support import need_shared
from yakugo.aligner.core import english
from yakugo.glossary.normalize import fold


def _keys_from_lemminflect(word: str) -> frozenset[str]:
    lower = fold(word)
    lemmas = getAllLemmas(lower)
    if not lemmas and lower.endswith("s"):
        lemmas = getAllLemmasOOV(lower, upos="NOUN")
    return frozenset({lower, *(lemma.lower() for forms in lemmas.values() for lemma in forms if lemma)})


def _fresh_table(monkeypatch, folder):
    monkeypatch.setenv("YAKUGO_CACHE_DIR", str(folder))
    english._lemma_table.cache_clear()
    english.word_keys.cache_clear()
    english._is_english_word.cache_clear()


def test_keys_of_every_word_of_an_english_news_set_are_lemminflects(monkeypatch, tmp_path):
    words = set(re.findall(r"[^\W\d_]+", need_shared("data", "wmt24-ja-news", "en-ja.src.en").read_text(encoding="utf-8")))
    _fresh_table(monkeypatch, tmp_path)
    try:
        assert english.word_keys("guaranteed") == {"guaranteed", "guarantee"}
        assert english.word_keys("ICBMs") == {"icbms", "icbm"}
        assert [word for word in sorted(words) if english.word_keys(word) != _keys_from_lemminflect(word)] == []
        assert english._is_english_word("start") and not english._is_english_word("nato")
        assert len(list(tmp_path.glob("lemmas-*.pickle"))) == 1
        # read back from the file
        english._lemma_table.cache_clear()
        english.word_keys.cache_clear()
        assert english.word_keys("deterrents") == {"deterrents", "deterrent"}
    finally:
        _fresh_table(monkeypatch, tmp_path)
        monkeypatch.undo()
        english._lemma_table.cache_clear()


def test_with_the_cache_off_the_keys_come_from_lemminflect_itself(monkeypatch, tmp_path):
    from yakugo.glossary import cache

    _fresh_table(monkeypatch, tmp_path)
    cache.set_enabled(False)
    try:
        assert english._lemma_table() is None
        assert english.word_keys("guaranteed") == {"guaranteed", "guarantee"}
        assert english._is_english_word("start") and not english._is_english_word("nato")
        assert not list(tmp_path.glob("lemmas-*.pickle"))
    finally:
        cache.set_enabled(True)
        _fresh_table(monkeypatch, tmp_path)
        monkeypatch.undo()
        english._lemma_table.cache_clear()
