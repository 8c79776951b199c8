"""Standard input for editors and hooks: ``lint --fix -`` and ``--stdin-filename`` (issue 16, item 7)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from support import FIXTURES

# Written for these tests: a deprecated form in prose and in a code block, and CRLF line ends.
ARTICLE = "NATO拡張について。\r\n\r\n```\r\nNATO拡張\r\n```\r\n"


def yakugo(*args: str, input: bytes) -> subprocess.CompletedProcess:
    """The installed command in a process of its own: standard output byte for byte."""
    return subprocess.run([sys.executable, "-m", "yakugo.cli", *args], input=input, capture_output=True, timeout=120)


def test_fix_dash_writes_only_the_fixed_text_in_the_input_encoding():
    result = yakugo("lint", "--fix", "-", "--stdin-filename", "article.md", input=ARTICLE.encode("utf-8"))
    # Code untouched (Markdown by the name), CRLF kept, nothing but the text.
    assert result.stdout == "NATO拡大について。\r\n\r\n```\r\nNATO拡張\r\n```\r\n".encode("utf-8")
    assert result.returncode == 0
    bom = yakugo("lint", "--fix", "-", input=b"\xef\xbb\xbf" + "NATO拡張について。\n".encode("utf-8"))
    assert bom.stdout == b"\xef\xbb\xbf" + "NATO拡大について。\n".encode("utf-8")
    shift_jis = yakugo("lint", "--fix", "-", input="NATO拡張について。\n".encode("cp932"))
    assert shift_jis.stdout == "NATO拡大について。\n".encode("cp932")


def test_fix_dash_exit_status_says_what_is_left(run_cli):
    # mixed-variants has no safe fix: the text comes back as it was, and the status is 1.
    text = "米露の対話と米ロの対話、米ロ関係。\n"
    result = run_cli("lint", "--fix", "-", input=text.encode("utf-8"))
    assert (result.stdout, result.exit_code) == (text, 1)


def test_fix_dash_with_other_paths_is_refused(run_cli, tmp_path):
    other = tmp_path / "other.md"
    other.write_text("NATO拡張\n", encoding="utf-8")
    result = run_cli("lint", "--fix", "-", other, input=b"x\n")
    assert result.exit_code == 2
    assert result.stderr.strip() == "-: --fix - writes the fixed text to standard output; give no other PATH"
    assert other.read_text(encoding="utf-8") == "NATO拡張\n"


def test_stdin_filename_picks_the_configuration_and_markdown(run_cli, tmp_path):
    folder = tmp_path / "desk" / "drafts"
    folder.mkdir(parents=True)
    shutil.copy(FIXTURES / "lint.tsv", tmp_path / "desk" / "terms.tsv")
    (tmp_path / "desk" / "yakugo.toml").write_text('glossary = "terms.tsv"\nignore = ["mixed-variants"]\n', encoding="utf-8")
    text = "イェルツィン氏と`イェルツィン`。米露と米ロと米ロ。\n"
    named = str(folder / "article.md")
    result = run_cli("lint", "-", "--stdin-filename", named, "--format", "json", input=text.encode("utf-8"))
    findings = json.loads(result.stdout)
    # The desk's glossary (イェルツィン is deprecated there), its ignore list, Markdown by the name.
    assert [(f["path"], f["column"], f["rule"], f["replacement"]) for f in findings] == [(named, 1, "deprecated-variant", "エリツィン")]
    plain = json.loads(run_cli("lint", "-", "--format", "json", "--isolated", "-g", FIXTURES / "lint.tsv", input=text.encode("utf-8")).stdout)
    assert [f["column"] for f in plain if f["rule"] == "deprecated-variant"] == [1, 10]


def test_terms_and_annotate_read_markdown_by_the_name(run_cli):
    text = "`NATO拡大`とNATO拡大。\n".encode("utf-8")
    as_markdown = json.loads(run_cli("terms", "-", "--stdin-filename", "x.md", "-f", "json", input=text).stdout)
    assert [(m["path"], m["column"]) for m in as_markdown] == [("x.md", 10)]
    as_text = json.loads(run_cli("terms", "-", "--stdin-filename", "x.txt", "-f", "json", input=text).stdout)
    assert [m["column"] for m in as_text] == [2, 10]
    annotated = json.loads(run_cli("annotate", "-", "--stdin-filename", "x.md", "-f", "json", input=text).stdout)
    assert (annotated["path"], [term["column"] for term in annotated["terms"]]) == ("x.md", [10])
