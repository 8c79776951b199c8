"""The same article in UTF-8, UTF-8 with BOM, Shift_JIS (cp932) and CRLF: same findings, fixes in kind."""

import codecs
import json

import pytest

from yakugo.aligner.lint.formatters import unified_diff
from lint_helpers import LINT_GLOSSARY

ARTICLE_LINES = [
    "ＮＡＴＯ拡張をめぐる一九九〇年代の外交",
    "",
    "1993年、イェルツィン大統領はワルシャワで演説した。",
    "米ロ首脳会談では、米露関係の改善と米ロ協議の継続が確認された。",
    "ブダペスト覚書で、ウクライナは米英露から安全保障の保証を得た。",
    "その後もイェルツィンはNATO拡張に反対し続けた。",
]
ARTICLE = "\n".join(ARTICLE_LINES) + "\n"
VERSIONS = {
    "utf8.txt": ("utf-8", b"", "\n"),
    "bom.txt": ("utf-8", codecs.BOM_UTF8, "\n"),
    "sjis.txt": ("cp932", b"", "\n"),
    "crlf.txt": ("utf-8", b"", "\r\n"),
    "sjis-crlf.txt": ("cp932", b"", "\r\n"),
}
FIXES = {"イェルツィン": "エリツィン", "ＮＡＴＯ拡張": "NATO拡大", "NATO拡張": "NATO拡大"}


def encoded(text: str, encoding: str, bom: bytes, newline: str) -> bytes:
    return bom + text.replace("\n", newline).encode(encoding)


@pytest.fixture
def versions(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name, (encoding, bom, newline) in VERSIONS.items():
        (tmp_path / name).write_bytes(encoded(ARTICLE, encoding, bom, newline))
    return tmp_path


def test_every_encoding_gives_the_same_findings_at_the_same_positions(run_cli, versions):
    by_file: dict[str, list] = {}
    result = run_cli("lint", "-g", LINT_GLOSSARY, "-f", "json", *VERSIONS)
    for record in json.loads(result.stdout):
        by_file.setdefault(record.pop("path"), []).append(record)
    assert set(by_file) == set(VERSIONS)
    reference = by_file["utf8.txt"]
    assert [(r["line"], r["column"], r["end_column"], r["rule"], r["text"]) for r in reference] == [
        (1, 1, 7, "deprecated-variant", "ＮＡＴＯ拡張"),
        (3, 7, 13, "deprecated-variant", "イェルツィン"),
        (4, 10, 12, "mixed-variants", "米露"),
        (5, 21, 28, "context-confusable", "安全保障の保証"),
        (6, 5, 11, "deprecated-variant", "イェルツィン"),
        (6, 12, 18, "deprecated-variant", "NATO拡張"),
    ]
    for name in VERSIONS:
        assert by_file[name] == reference, name


def test_fix_writes_each_file_back_in_its_own_encoding_bom_and_line_endings(run_cli, versions):
    result = run_cli("lint", "-g", LINT_GLOSSARY, "--fix", *VERSIONS)
    assert "Fixed 20 findings in 5 files." in result.stdout
    expected_text = ARTICLE
    for old, new in FIXES.items():
        expected_text = expected_text.replace(old, new)
    for name, (encoding, bom, newline) in VERSIONS.items():
        data = (versions / name).read_bytes()
        # Byte for byte: only the deprecated spans changed, in the file's own encoding.
        assert data == encoded(expected_text, encoding, bom, newline), name
    again = run_cli("lint", "-g", LINT_GLOSSARY, "--diff", *VERSIONS)
    assert (again.exit_code, again.stdout) == (0, "")


def test_diff_shows_the_change_without_writing(run_cli, versions):
    before = (versions / "sjis-crlf.txt").read_bytes()
    result = run_cli("lint", "-g", LINT_GLOSSARY, "--diff", "sjis-crlf.txt")
    assert result.exit_code == 1
    assert "--- a/sjis-crlf.txt" in result.stdout and "+++ b/sjis-crlf.txt" in result.stdout
    assert "-1993年、イェルツィン大統領はワルシャワで演説した。\n" in result.stdout
    assert "+1993年、エリツィン大統領はワルシャワで演説した。\n" in result.stdout
    assert (versions / "sjis-crlf.txt").read_bytes() == before


def test_diff_keeps_crlf_and_marks_a_missing_final_newline():
    diff = unified_diff("a.txt", "イェルツィン\r\n二行目", "エリツィン\r\n二行目")
    assert diff.splitlines(keepends=True)[3:] == ["-イェルツィン\r\n", "+エリツィン\r\n", " 二行目\n", "\\ No newline at end of file\n"]
