"""yakugo lint edge cases: directives shown as code, reasons after --, config
rule checks and globs, SARIF file URIs, GitHub escaping, --fix through links
and in an encoding that cannot hold the replacement."""

import json
import os

import pytest

from yakugo.aligner.lint.config import glob_matches, load_config
from yakugo.aligner.lint.engine import Finding
from yakugo.aligner.lint.formatters import github_report, sarif_report
from yakugo.aligner.lint.registry import RULES
from yakugo.glossary import InputError

from lint_helpers import LINT_GLOSSARY, lint, spans


def test_directives_shown_in_markdown_code_do_not_count():
    text = (
        "使い方:\n\n```markdown\n<!-- yakugo-disable -->\n```\n\n"
        "`<!-- yakugo-disable-next-line -->`\nイェルツィンは語った。\n"
    )
    assert spans(lint(text, "deprecated-variant", path="how-to.md")) == [(8, 1, 7, "イェルツィン")]


def test_a_reason_may_follow_the_rule_ids():
    markdown = "<!-- yakugo-disable-next-line deprecated-variant -- 引用のまま -->\nイェルツィン\nイェルツィン\n"
    assert [f.line for f in lint(markdown, "deprecated-variant", path="a.md")] == [3]
    plain = "# yakugo-disable-next-line -- 当時の表記\nイェルツィン\nイェルツィン\n"
    assert [f.line for f in lint(plain, "deprecated-variant")] == [3]


def test_unknown_rules_and_severities_in_config_point_at_their_line(tmp_path):
    (tmp_path / "yakugo.toml").write_text(
        'fail-on = "error"\nselect = ["deprecated-varient", "ALL"]\n\n[severity]\nmixed-variants = "loud"\n', encoding="utf-8"
    )
    with pytest.raises(InputError) as error:
        load_config(tmp_path)
    config = tmp_path / "yakugo.toml"
    assert error.value.problems == [
        f"{config}:2: unknown rule 'deprecated-varient' in 'select' (known: {', '.join(RULES)})",
        f"{config}:5: severity of mixed-variants must be error, warning or info, not 'loud'",
    ]


def test_config_problems_are_reported_in_line_order(tmp_path):
    (tmp_path / "yakugo.toml").write_text('select = ["x"]\nglossary = 3\n', encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_config(tmp_path)
    assert [problem.split(": ")[0] for problem in error.value.problems] == [f"{tmp_path / 'yakugo.toml'}:1", f"{tmp_path / 'yakugo.toml'}:2"]


def test_pyproject_problems_keep_path_colon_line(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.yakugo]\nignore = ['mixed']\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_config(tmp_path)
    assert error.value.problems[0].startswith(f"{tmp_path / 'pyproject.toml'}:2: [tool.yakugo] unknown rule 'mixed'")


def test_unfinished_toml_names_its_last_line(tmp_path):
    (tmp_path / "yakugo.toml").write_text('fail-on = "error"\ninclude = [\n', encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_config(tmp_path)
    assert error.value.problems[0].startswith(f"{tmp_path / 'yakugo.toml'}:2: bad TOML")


@pytest.mark.parametrize(
    ("relative", "glob", "matched"),
    [
        ("a.md", "**/*.md", True),  # **/ may be no folder at all
        ("news/a.md", "**/*.md", True),
        ("news/drafts/b.md", "news/drafts", True),  # a folder covers its files
        ("news/drafts/b.md", "news/drafts/", True),
        ("news/drafts-old.md", "news/drafts", False),
        ("news/a.txt", "news/*", True),
        ("news/a.txt", "*.md", False),
    ],
)
def test_globs(relative, glob, matched):
    assert glob_matches(relative, glob) is matched


def test_a_folder_exclude_found_upward_skips_its_files(run_cli, monkeypatch, tmp_path):
    (tmp_path / "news" / "drafts").mkdir(parents=True)
    for name in ("news/a.md", "news/drafts/b.md"):
        (tmp_path / name).write_text("イェルツィン\n", encoding="utf-8")
    (tmp_path / "yakugo.toml").write_text('exclude = ["news/drafts"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path / "news" / "drafts")
    result = run_cli("lint", "-g", LINT_GLOSSARY, "-f", "json", "..")
    assert [record["path"] for record in json.loads(result.stdout)] == [os.path.join("..", "a.md")]


def finding(path: str, message: str = "m") -> Finding:
    return Finding(path, 1, 2, 4, "deprecated-variant", "warning", message, "c", "ab", "cd")


def test_sarif_uris_absolute_paths_are_file_uris_relative_ones_stay_relative():
    log = sarif_report([finding("/tmp/記事 1.md"), finding("news/記事.md")], [RULES["deprecated-variant"]])
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]]
    assert uris == ["file:///tmp/%E8%A8%98%E4%BA%8B%201.md", "news/%E8%A8%98%E4%BA%8B.md"]


def test_github_escapes_data_and_properties():
    [line] = github_report([finding("dir,x/a:b%.md", "50% of\r\nit: a, b")])
    assert line == (
        "::warning file=dir%2Cx/a%3Ab%25.md,line=1,col=2,endColumn=4,title=deprecated-variant::50%25 of%0D%0Ait: a, b"
    )


def test_fix_follows_a_symlink_and_keeps_it(run_cli, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "real.txt").write_text("イェルツィン\n", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to("real.txt")
    assert run_cli("lint", "-g", LINT_GLOSSARY, "--fix", "link.txt").exit_code == 0
    assert (tmp_path / "link.txt").is_symlink()
    assert (tmp_path / "real.txt").read_text(encoding="utf-8") == "エリツィン\n"


def test_fix_that_the_encoding_cannot_hold_leaves_the_file_and_exits_2(run_cli, monkeypatch, tmp_path):
    # 𠮟 (U+20B9F) has no Shift_JIS/cp932 code; 叱 has.
    glossary = tmp_path / "g.tsv"
    glossary.write_text(
        "id\tja\ten\tja_variants\tja_deprecated\ten_variants\ten_forbidden\tconfusables\ttype\tnote\tsource\n"
        "reprimand\t𠮟責\treprimand\t\t叱責\t\t\t\tconcept\t\t\n",
        encoding="utf-8",
    )
    article = tmp_path / "sjis.txt"
    original = "本文。\r\n部下を叱責した。\r\n".encode("cp932")
    article.write_bytes(original)
    monkeypatch.chdir(tmp_path)
    result = run_cli("lint", "-g", glossary, "--fix", "sjis.txt")
    assert result.exit_code == 2
    assert result.stderr.strip() == "sjis.txt:2: cannot write the fix 𠮟 in cp932; file left as it was"
    assert article.read_bytes() == original
