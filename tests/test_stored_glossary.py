"""A glossary read from the cache reads its concepts on demand (glossary.stored), and the
recognizer's key index probes short texts instead of building its automaton
(aligner.core.keyindex): both must give exactly what the plain objects give."""

from __future__ import annotations

import pickle
import shutil

import pytest
from ahocorasick_rs import AhoCorasick

from yakugo.aligner.core.keyindex import KeyIndex
from yakugo.aligner.core.recognize import Recognizer
from yakugo.aligner.lint.engine import Linter
from yakugo.glossary import cache
from yakugo.glossary.normalize import fold
from yakugo.glossary.stored import StoredGlossary
from yakugo.glossary.tsv import bundled_glossary_path, format_glossary, load_glossary

from support import DATA, SEED_000, SEEDS, need_shared


@pytest.fixture
def cached_copy(tmp_path, monkeypatch):
    """The bundled glossary copied, with a cache folder of its own, read once to build its entry."""
    monkeypatch.setenv(cache.CACHE_DIR_VARIABLE, str(tmp_path / "cache"))
    cache.set_enabled(True)
    path = tmp_path / "terms.tsv"
    shutil.copyfile(bundled_glossary_path(), path)
    # builds the entry and the parts the rules make as they lint
    Linter(cache.load_cached_glossary(path)).lint_text(need_shared("seeds", SEED_000).read_text(encoding="utf-8"), "a.txt")
    cache.write_pending()
    yield path
    cache.set_enabled(True)


def findings(linter: Linter, text: str) -> list[tuple]:
    return [(f.rule, f.line, f.column, f.end_column, f.text, f.concept, f.replacement) for f in linter.lint_text(text, "a.txt")]


def test_a_cached_lint_reads_only_the_concepts_it_needs(cached_copy):
    text = need_shared("seeds", SEED_000).read_text(encoding="utf-8")
    expected = findings(Linter(load_glossary(cached_copy)), text)
    glossary = cache.load_cached_glossary(cached_copy)
    assert isinstance(glossary, StoredGlossary) and glossary.rows.unpickled() == 0
    assert findings(Linter(glossary), text) == expected and expected
    assert "concepts" not in glossary.__dict__  # the concept list was never made
    assert 0 < glossary.rows.unpickled() < len(glossary) // 10


def test_a_stored_glossary_is_the_file_it_was_read_from(cached_copy):
    plain = load_glossary(cached_copy)
    glossary = cache.load_cached_glossary(cached_copy)
    assert len(glossary) == len(plain) and "nato" in glossary and "no-such-concept" not in glossary
    assert glossary["nato"] == plain["nato"] and glossary.concept_at(3) == plain.concepts[3]
    assert glossary.row_of(glossary["nato"]) == [c.id for c in plain].index("nato")
    with pytest.raises(KeyError):
        glossary.row_of(plain["nato"])  # an equal concept of another glossary is not one of its rows
    assert format_glossary(glossary) == format_glossary(plain) == cached_copy.read_text(encoding="utf-8")
    assert list(glossary) == plain.concepts


def test_a_cached_recognizer_pickles_for_worker_processes(cached_copy):
    """Workers receive the driver's recognizer by pickle (protocol 4 as well as 5): the
    arrays that stay in the mapped file in the driver travel in the pickle."""
    text = need_shared("seeds", SEED_000).read_text(encoding="utf-8")
    expected = [m.to_dict() for m in Recognizer(load_glossary(cached_copy)).find(text)]
    recognizer = cache.compiled_part(cache.load_cached_glossary(cached_copy), "recognizer", lambda: pytest.fail("rebuilt"))
    for protocol in (4, 5):
        copy = pickle.loads(pickle.dumps(recognizer, protocol=protocol))
        assert [m.to_dict() for m in copy.find(text)] == expected


def corpus_lines(count: int) -> list[str]:
    path = need_shared("data", "wmt24-ja-news", "ja-zh.src.ja")
    return [fold(line) for line in path.read_text(encoding="utf-8").splitlines()[:count]]


def crowded_keys(lines: list[str]) -> list[str]:
    """The bundled glossary's keys plus many substrings of the corpus sharing their first
    characters (one to eight characters long): buckets with many keys, and keys of
    every length the probe's tables handle."""
    keys = dict.fromkeys(Recognizer(load_glossary())._keys.keys())
    for number, line in enumerate(lines[::3]):
        for start in range(0, max(0, len(line) - 8), 5):
            keys.setdefault(line[start : start + 1 + (number + start) % 8])
    return [key for key in keys if key]


def test_probing_finds_what_the_automaton_finds():
    lines = corpus_lines(3000)
    keys = crowded_keys(lines)
    assert len(keys) > 10_000
    index = pickle.loads(pickle.dumps(KeyIndex(keys), protocol=5))  # as read from the cache
    automaton = AhoCorasick(keys)
    texts = [*lines, *(fold(path.read_text(encoding="utf-8")) for path in sorted(SEEDS.glob("*.txt")))]
    for text in texts:
        assert sorted(index._probed_in(text)) == sorted(automaton.find_matches_as_indexes(text, overlapping=True)), text[:40]


def test_the_index_builds_its_automaton_once_probing_would_cost_more():
    lines = corpus_lines(400)
    keys = Recognizer(load_glossary())._keys.keys()
    index = KeyIndex(keys)
    automaton = AhoCorasick(keys)
    found = [index.find(line) for line in lines]
    assert index._automaton is not None  # 400 news lines are more than twice the keys in characters
    assert index._probed <= 2 * len(keys) < sum(map(len, lines))
    assert [sorted(hits) for hits in found] == [sorted(automaton.find_matches_as_indexes(line, overlapping=True)) for line in lines]
