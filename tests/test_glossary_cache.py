"""The compiled-glossary cache (yakugo.glossary.cache): hits, misses, corrupt entries, the
folder it uses and --no-cache."""

from __future__ import annotations

import json
import os
import time
import pickle
import shutil

import pytest

from yakugo.aligner.core.recognize import Recognizer
from yakugo.aligner.lint.engine import Linter, LintOptions
from yakugo.glossary import cache
from yakugo.glossary.query import lookup

from support import FIXTURES


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_DIR_VARIABLE, str(folder))
    cache.set_enabled(True)
    yield folder
    cache.set_enabled(True)


@pytest.fixture
def glossary_file(tmp_path):
    path = tmp_path / "terms.tsv"
    shutil.copyfile(FIXTURES / "mini.tsv", path)
    return path


def part_names(folder) -> set[str]:
    """The names of the parts stored beside the entries (each file: key, name, pickled value)."""
    cache.write_pending()
    return {cache._read_framed(file)[1] for file in folder.glob("part-*.pickle")}


def stored_entry(file):
    """What an entry file holds before its concepts' pickles (see cache._read_framed)."""
    return cache._read_framed(file)


def entries(folder):
    """The entry files, as the process leaves them at exit (entries are written then)."""
    cache.write_pending()
    return sorted(folder.glob("glossary-*.pickle"))


def test_first_load_writes_an_entry_and_the_second_reads_it(cache_dir, glossary_file, monkeypatch):
    first = cache.load_cached_glossary(glossary_file)
    assert [entry.name for entry in entries(cache_dir)] == [f"glossary-{cache.entry_key(glossary_file.read_bytes())}.pickle"]

    def no_parse(path=None):
        raise AssertionError("the glossary was parsed again")

    monkeypatch.setattr(cache, "load_glossary", no_parse)
    second = cache.load_cached_glossary(glossary_file)
    assert second is not first
    assert [concept.to_dict() for concept in second] == [concept.to_dict() for concept in first]
    assert second.path == str(glossary_file)


def test_a_changed_glossary_misses_and_gets_its_own_entry(cache_dir, glossary_file):
    before = cache.load_cached_glossary(glossary_file)
    text = glossary_file.read_text(encoding="utf-8")
    header = next(line for line in text.splitlines() if line and not line.startswith("#"))
    row = {column: "" for column in header.split("\t")}
    row.update(id="test-cache-row", ja="試験概念", en="test concept")
    glossary_file.write_text(text.rstrip("\n") + "\n" + "\t".join(row.values()) + "\n", encoding="utf-8")
    after = cache.load_cached_glossary(glossary_file)
    assert "test-cache-row" in after and "test-cache-row" not in before
    assert len(entries(cache_dir)) == 2


def test_a_corrupt_entry_is_rebuilt_silently(cache_dir, glossary_file, capsys):
    expected = [concept.id for concept in cache.load_cached_glossary(glossary_file)]
    (entry,) = entries(cache_dir)
    entry.write_bytes(b"\x80\x05not a pickle at all")
    assert [concept.id for concept in cache.load_cached_glossary(glossary_file)] == expected
    assert capsys.readouterr().err == ""
    cache.write_pending()
    assert stored_entry(entry).glossary.rows.unpickled() == 0  # written anew: loadable again


def test_an_entry_of_another_key_is_not_used(cache_dir, glossary_file, tmp_path):
    other = tmp_path / "other.tsv"
    shutil.copyfile(glossary_file, other)
    other.write_text(other.read_text(encoding="utf-8").replace("\n", "\n# another file\n", 1), encoding="utf-8")
    cache.load_cached_glossary(other)
    (stale,) = entries(cache_dir)
    key = cache.entry_key(glossary_file.read_bytes())
    shutil.copyfile(stale, cache_dir / f"glossary-{key}.pickle")  # a file under the wrong name
    loaded = cache.load_cached_glossary(glossary_file)
    assert loaded.preamble == cache.load_glossary(glossary_file).preamble


def test_recognizer_and_lookup_index_come_back_from_the_entry(cache_dir, glossary_file, mini):
    first = cache.load_cached_glossary(glossary_file)
    built = cache.compiled_part(first, "recognizer", lambda: Recognizer(first))
    text = "エリツィンとイェルツィンはロシアの大統領だった。NATO拡大とnato拡大。"  # capitals required
    expected = [(m.column, m.end_column, m.concept.id) for m in built.find(text)]
    assert [concept for _, _, concept in expected] == ["yeltsin", "yeltsin", "russia", "nato-enlargement"]
    second = cache.load_cached_glossary(glossary_file)
    restored = cache.compiled_part(second, "recognizer", lambda: pytest.fail("rebuilt"))
    assert restored.glossary is second
    assert [(m.column, m.end_column, m.concept.id) for m in restored.find(text)] == expected
    assert Linter(second).recognizer is restored  # the lint engine takes the cached one


def test_lookup_index_has_a_file_of_its_own_and_reads_concepts_on_demand(cache_dir, glossary_file, mini):
    built = cache.cached_lookup_index(glossary_file)
    (index_file,) = cache_dir.glob("lookup-*.pickle")
    restored = cache.cached_lookup_index(glossary_file)
    assert restored is not built and restored._concepts.unpickled() == 0  # none read yet
    for query in ["Russia", "ロシア", "NATO拡張", "Yeltsin", "ろしあ", "Kiev"]:
        expected = [(r.concept.to_dict(), r.match, r.score, r.form.text, [c.id for c in r.use_instead]) for r in lookup(mini, query)]
        got = [(r.concept.to_dict(), r.match, r.score, r.form.text, [c.id for c in r.use_instead]) for r in lookup(None, query, index=restored)]
        assert got == expected, query
    assert 0 < restored._concepts.unpickled() < len(mini.concepts)
    assert restored.concept_by_id("russia") is restored.concept_by_id("russia")
    index_file.write_bytes(b"not a pickle")  # a damaged file is rebuilt without a word
    assert lookup(None, "Russia", index=cache.cached_lookup_index(glossary_file))[0].concept.id == "russia"


def test_the_environment_variable_names_the_folder(cache_dir, glossary_file):
    assert cache.cache_folder() == cache_dir
    cache.load_cached_glossary(glossary_file)
    assert len(entries(cache_dir)) == 1


def test_no_cache_flag_neither_reads_nor_writes(cache_dir, glossary_file, run_cli):
    result = run_cli("--no-cache", "lookup", "Russia", "--glossary", str(glossary_file), "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["id"] == "russia"
    assert not cache_dir.exists()
    result = run_cli("lookup", "Russia", "--glossary", str(glossary_file), "-f", "json")
    assert json.loads(result.stdout)[0]["id"] == "russia"
    assert len(entries(cache_dir)) == 1


def test_lint_command_reads_the_cached_entry(cache_dir, glossary_file, tmp_path, run_cli):
    article = tmp_path / "a.txt"
    article.write_text("イェルツィンはロシアの大統領だった。\n", encoding="utf-8")
    first = run_cli("lint", str(article), "--glossary", str(glossary_file), "-f", "json")
    (entry,) = entries(cache_dir)
    written = entry.stat().st_mtime_ns
    second = run_cli("lint", str(article), "--glossary", str(glossary_file), "-f", "json")
    assert second.stdout == first.stdout and second.exit_code == first.exit_code
    assert entry.stat().st_mtime_ns == written  # read, not written again


def test_without_the_variable_the_xdg_cache_folder_is_used(monkeypatch, tmp_path):
    monkeypatch.delenv(cache.CACHE_DIR_VARIABLE, raising=False)
    monkeypatch.setattr(cache.sys, "platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_folder() == tmp_path / "xdg" / "yakugo"


def test_the_fold_table_comes_back_from_the_entry(cache_dir, glossary_file, monkeypatch):
    from yakugo.glossary import normalize

    cache.load_cached_glossary(glossary_file)
    built = normalize.fold_table_in_use()
    monkeypatch.setattr(normalize, "_table", None)
    monkeypatch.setattr(normalize, "build_fold_table", lambda: pytest.fail("the fold table was built again"))
    cache.load_cached_glossary(glossary_file)
    assert normalize.fold_table_in_use() == built
    assert normalize.fold("ＮＡＴＯ拡大") == "nato拡大"


# イェルツィン is deprecated (deprecated-variant); 米ロ beside 米露 mixes two admitted forms
# (mixed-variants); NATO拡張 beside NATO拡大 too.
RULE_TEXT = "イェルツィンは米ロ関係を語った。米露の対話とNATO拡大、NATO拡張。\n"


def findings_of(linter):
    return [(f.rule, f.line, f.column, f.text, f.replacement) for f in linter.lint_text(RULE_TEXT, "a.txt")]


def test_the_rules_set_up_comes_back_from_the_entry_with_the_same_findings(cache_dir, glossary_file):
    cache.set_enabled(False)
    uncached = findings_of(Linter(cache.load_cached_glossary(glossary_file)))
    cache.set_enabled(True)
    assert {rule for rule, *_ in uncached} == {"deprecated-variant", "mixed-variants"}
    first = Linter(cache.load_cached_glossary(glossary_file))
    assert findings_of(first) == uncached
    second = cache.load_cached_glossary(glossary_file)
    stored = cache.compiled_part(second, "watched-forms deprecated-variant", lambda: pytest.fail("rebuilt"))
    assert stored({"イェルツィン", "エリツィン"}) == {"イェルツィン"}
    rivals = cache.compiled_part(second, "watched-forms mixed-variants", lambda: pytest.fail("rebuilt"))
    assert rivals({"米ロ", "米露", "ロシア"}) == {"米ロ", "米露"} and rivals({"米ロ"}) == set()
    assert findings_of(Linter(second)) == uncached


def test_another_rule_configuration_uses_no_part_of_the_first(cache_dir, glossary_file):
    cache.set_enabled(False)
    expected = findings_of(Linter(cache.load_cached_glossary(glossary_file)))
    cache.set_enabled(True)
    only_deprecated = Linter(cache.load_cached_glossary(glossary_file), options=LintOptions(select=["deprecated-variant"]))
    assert {rule for rule, *_ in findings_of(only_deprecated)} == {"deprecated-variant"}
    (file,) = entries(cache_dir)
    parts = set(stored_entry(file).pickled_parts)
    assert parts == {"recognizer", "watched-forms deprecated-variant"}  # set up for the chosen rule alone
    assert findings_of(Linter(cache.load_cached_glossary(glossary_file))) == expected


def test_a_part_that_cannot_be_pickled_leaves_the_entry_writable(cache_dir, glossary_file):
    glossary = cache.load_cached_glossary(glossary_file)
    closure = cache.compiled_part(glossary, "a closure", lambda: (lambda present: present))
    assert closure({"x"}) == {"x"}
    assert cache.compiled_part(glossary, "a closure", lambda: pytest.fail("rebuilt in one process")) is closure
    cache.compiled_part(glossary, "numbers", lambda: [1, 2])
    reloaded = cache.load_cached_glossary(glossary_file)
    assert cache.compiled_part(reloaded, "numbers", lambda: pytest.fail("not stored")) == [1, 2]
    assert cache.compiled_part(reloaded, "a closure", lambda: "built again") == "built again"


def test_terms_command_keeps_and_reuses_the_recognizer(cache_dir, glossary_file, tmp_path, run_cli):
    article = tmp_path / "a.txt"
    article.write_text("イェルツィンはNATO拡大に反対した。\n", encoding="utf-8")
    first = run_cli("terms", str(article), "--glossary", str(glossary_file), "-f", "json")
    (file,) = entries(cache_dir)
    assert "recognizer" in stored_entry(file).pickled_parts
    second = run_cli("terms", str(article), "--glossary", str(glossary_file), "-f", "json")
    assert second.stdout == first.stdout and first.exit_code == 0
    assert [record["concept"] for record in json.loads(first.stdout)] == ["yeltsin", "nato-enlargement"]


def test_a_part_kept_apart_is_a_file_of_its_own_and_leaves_the_entry_as_it_was(cache_dir, glossary_file):
    from yakugo.aligner.lint.english_model import english_matcher

    glossary = cache.load_cached_glossary(glossary_file)
    (entry,) = entries(cache_dir)
    size = entry.stat().st_size
    built = cache.compiled_part(glossary, "english-matcher", lambda: english_matcher(glossary), apart=True)
    assert part_names(cache_dir) == {"english-matcher"} and entry.stat().st_size == size
    again = cache.load_cached_glossary(glossary_file)
    restored = cache.compiled_part(again, "english-matcher", lambda: pytest.fail("rebuilt"), apart=True)
    found = restored.find("NATO and Russia signed it.")
    assert [m.form.concept.id for m in found] == [m.form.concept.id for m in built.find("NATO and Russia signed it.")]
    assert all(any(m.form.concept is concept for concept in again.concepts) for m in found)  # the reloaded glossary's own


def test_the_key_of_an_unchanged_file_is_noted_and_a_changed_file_is_hashed_again(cache_dir, glossary_file):
    settled = glossary_file.stat().st_mtime - 60
    os.utime(glossary_file, (settled, settled))
    time.sleep(0.2)  # past the change time's settling (cache._SETTLED_CHANGE_SECONDS)
    first = cache.glossary_key(glossary_file)
    assert first == cache.entry_key(glossary_file.read_bytes())
    (note,) = cache_dir.glob("key-*.txt")
    assert note.read_text(encoding="ascii").endswith("\t" + first)
    assert cache.glossary_key(glossary_file) == first
    # the same size and modification time, other bytes: the change time gives it away
    text = glossary_file.read_text(encoding="utf-8")
    glossary_file.write_text(text.replace("NATO", "NATX", 1), encoding="utf-8")
    os.utime(glossary_file, (settled, settled))
    time.sleep(0.2)
    assert cache.glossary_key(glossary_file) == cache.entry_key(glossary_file.read_bytes()) != first
    assert any("NATX" in concept.ja for concept in cache.load_cached_glossary(glossary_file))


def test_a_file_just_written_is_not_noted(cache_dir, glossary_file):
    cache.glossary_key(glossary_file)
    assert not list(cache_dir.glob("key-*.txt"))  # changed seconds ago: it could change again unseen
