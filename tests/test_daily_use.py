"""Daily use (issue 17, items 14, 16, 17, 19, 20, 23, 24): what a translator or an editor meets
command by command."""

from __future__ import annotations

import json

import pytest

from yakugo import __version__
from yakugo.glossary import load_glossary

ARTICLE = "イェルツィン氏が演説した。\n"


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


# ---------------------------------------------------------------- item 14: severity as a word


def test_lint_text_output_names_the_severity_without_colour(run_cli, article, mini_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # the temporary folder's long path would wrap the head line at 80
    result = run_cli("lint", article, "-g", mini_path)
    assert f"{article}:1:1 warning deprecated-variant イェルツィン is deprecated" in result.stdout


# ---------------------------------------------------------------- item 16: a typo in a directive


def test_a_typo_in_a_suppression_comment_warns_and_lints_the_rest(tmp_path, run_cli, mini_path):
    path = tmp_path / "a.md"
    path.write_text("<!-- yakugo-disable-next-line deprecatd-variant -->\nイェルツィン\n\nイェルツィン\n", encoding="utf-8")
    result = run_cli("lint", path, "-g", mini_path, "-f", "json")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"warning: {path}:1: unknown rule deprecatd-variant in yakugo-disable-next-line (known: ")
    assert result.stderr.endswith("; directive ignored\n")
    assert [(finding["line"], finding["rule"]) for finding in json.loads(result.stdout)] == [
        (2, "deprecated-variant"),
        (4, "deprecated-variant"),
    ]


def test_a_directive_with_one_typo_keeps_its_known_rules(tmp_path, run_cli, mini_path):
    path = tmp_path / "a.md"
    path.write_text("<!-- yakugo-disable-next-line deprecated-variant, mixd -->\nイェルツィン\n", encoding="utf-8")
    result = run_cli("lint", path, "-g", mini_path, "-f", "json")
    assert json.loads(result.stdout) == []
    assert result.stderr.rstrip().endswith("; left out")


# ---------------------------------------------------------------- item 20: lookup suggestions


@pytest.mark.parametrize(("query", "unwanted"), [("US", "two-plus-four-talks"), ("Putin", "dissolution-of-ussr")])
def test_a_short_query_does_not_match_inside_long_names(run_cli, query, unwanted):
    records = json.loads(run_cli("lookup", query, "-f", "json").stdout)
    assert records[0]["match"] == "exact"
    assert unwanted not in [record["id"] for record in records]


def test_lookup_suggestions_are_one_line_each_and_ranked(run_cli):
    result = run_cli("lookup", "nuclear umbrela")
    lines = result.stdout.splitlines()
    assert lines[0] == "Did you mean:"
    assert lines[1] == "  核の傘  nuclear umbrella  [nuclear-umbrella, fuzzy 97: nuclear umbrella]"
    assert 2 <= len(lines) <= 6 and all(line.startswith("  ") for line in lines[1:])


def test_lookup_of_a_word_inside_forms_suggests_the_closest_first(run_cli):
    records = json.loads(run_cli("lookup", "ブダペスト", "-f", "json").stdout)
    assert records[0]["id"] == "budapest-memorandum" and records[0]["match"] == "fuzzy"


def test_lookup_of_nothing_is_a_usage_error(run_cli):
    result = run_cli("lookup", "")
    assert (result.exit_code, result.stderr) == (2, "yakugo lookup: QUERY is empty (give a Japanese or English term)\n")


# ---------------------------------------------------------------- item 23: basics


def test_version_names_the_glossary_in_use_and_its_size(run_cli, tmp_path, mini_path, monkeypatch):
    result = run_cli("--version")
    bundled = load_glossary()
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == f"yakugo {__version__}"
    assert result.stdout.splitlines()[1].endswith(f"terms.tsv ({len(bundled)} concepts)")
    (tmp_path / "yakugo.toml").write_text(f'glossary = "{mini_path.as_posix()}"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run_cli("--version").stdout.splitlines()[1] == f"glossary: {mini_path} ({len(load_glossary(mini_path))} concepts)"


def test_shell_completion_is_offered(run_cli):
    assert "--install-completion" in run_cli("--help").stdout


def test_quiet_prints_only_the_findings(run_cli, article, mini_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # the head line unwrapped
    result = run_cli("lint", article, "-g", mini_path, "-q")
    assert result.exit_code == 1
    assert "warning deprecated-variant" in result.stdout and "0 errors" not in result.stdout


def test_exit_zero_and_output_file(run_cli, article, mini_path, tmp_path):
    report = tmp_path / "report.json"
    result = run_cli("lint", article, "-g", mini_path, "--exit-zero", "--output-file", report, "-f", "json")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == f"wrote {report}: 1 finding (json)\n"
    assert [finding["rule"] for finding in json.loads(report.read_text(encoding="utf-8"))] == ["deprecated-variant"]
    assert run_cli("lint", tmp_path / "missing.txt", "--exit-zero").exit_code == 2


@pytest.mark.parametrize(("choice", "escapes"), [("always", True), ("never", False)])
def test_color_choice(run_cli, article, mini_path, choice, escapes):
    result = run_cli("--color", choice, "lint", article, "-g", mini_path, env={})
    assert ("\x1b[" in result.stdout) is escapes


def test_help_shows_no_python_type_names(run_cli):
    for command in ("lint", "terms", "lookup", "check", "export"):
        text = run_cli(command, "--help").stdout
        assert "<list[str]>" not in text and "<str>" not in text and "<int range>" not in text, command


def test_a_wrong_choice_is_said_plainly(run_cli):
    result = run_cli("export", "--to", "xml")
    assert result.exit_code == 2
    assert "Invalid value for '--to': 'xml' is not one of 'tbx', 'omegat'" in result.stderr
    assert "Value error" not in result.stderr


def test_plurals(run_cli, tmp_path, mini_path):
    one = tmp_path / "one.txt"
    one.write_text("拡大抑止\n", encoding="utf-8")
    assert f"{one}: 1 term, 1 concept" in run_cli("terms", one, "-g", mini_path).stdout
    pair = tmp_path / "pair.tsv"
    pair.write_text("拡大抑止\textended deterrence\n", encoding="utf-8")
    assert run_cli("check", pair, "-g", mini_path).stdout.endswith("0 findings in 0 of 1 segment: 0 errors, 0 warnings, 0 info\n")


def test_export_to_a_file_says_what_it_wrote(run_cli, tmp_path, mini_path):
    out = tmp_path / "g.tbx"
    result = run_cli("export", "--to", "tbx", "-o", out, "-g", mini_path)
    size = out.stat().st_size
    assert result.stdout == f"wrote {out}: {len(load_glossary(mini_path))} concepts as tbx ({size} bytes)\n"


def test_annotate_html_with_json_writes_both(run_cli, article, mini_path, tmp_path):
    page = tmp_path / "a.html"
    result = run_cli("annotate", article, "--html", page, "-f", "json", "-g", mini_path)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["path"] == str(article)
    assert result.stderr.startswith(f"wrote {page}: ")
    assert "<h1>" in page.read_text(encoding="utf-8")
    both_to_stdout = run_cli("annotate", article, "--html", "-", "-f", "json", "-g", mini_path)
    assert both_to_stdout.exit_code == 2 and "would both take standard output" in both_to_stdout.stderr


# ---------------------------------------------------------------- item 24: pre-commit


def _precommit():
    import shutil

    executable = shutil.which("pre-commit")
    if executable is None:
        pytest.skip("pre-commit is not installed")
    return executable


def _articles_repository(tmp_path, config: str):
    import subprocess

    repository = tmp_path / "articles"
    repository.mkdir()
    (repository / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    (repository / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (repository / "ok.txt").write_text("エリツィン氏が演説した。\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=repository, check=True)
    subprocess.run(["git", "add", "."], cwd=repository, check=True)
    return repository


def test_the_documented_pre_commit_snippet_runs_as_written(tmp_path):
    import re
    import subprocess

    from support import ROOT

    page = (ROOT / "docs" / "commands" / "lint.md").read_text(encoding="utf-8")
    section = page[page.index("**pre-commit.**"):]
    snippet = re.search(r"```yaml\n(.*?)```", section, re.DOTALL).group(1)
    repository = _articles_repository(tmp_path, snippet)
    environment = {"PATH": __import__("os").environ["PATH"], "HOME": str(tmp_path), "NO_COLOR": "1", "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    clean = subprocess.run([_precommit(), "run", "--files", "ok.txt"], cwd=repository, capture_output=True, text=True, env=environment)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    dirty = subprocess.run([_precommit(), "run", "--files", "a.txt"], cwd=repository, capture_output=True, text=True, env=environment)
    assert dirty.returncode == 1
    assert "warning deprecated-variant イェルツィン is deprecated" in dirty.stdout


@pytest.mark.slow
def test_pre_commit_try_repo_installs_and_runs_the_shipped_hook(tmp_path):
    """``pre-commit try-repo`` builds yakugo from this checkout in a fresh environment
    (minutes, and the package index must be reachable)."""
    import os
    import subprocess

    from support import ROOT

    repository = _articles_repository(tmp_path, "repos: []\n")
    environment = {**os.environ, "NO_COLOR": "1", "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    run = subprocess.run(
        [_precommit(), "try-repo", str(ROOT), "yakugo-lint", "--files", "a.txt"],
        cwd=repository,
        capture_output=True,
        text=True,
        env=environment,
        timeout=1800,
    )
    if "Could not find a version" in run.stdout + run.stderr or "No matching distribution" in run.stdout + run.stderr:
        pytest.skip("the package index is not reachable for pre-commit's environment")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "deprecated-variant" in run.stdout


# ---------------------------------------------------------------- item 19: small corpora


def test_align_on_a_handful_of_pairs_warns_and_scores_low(run_cli, tmp_path, mini_path):
    pairs = tmp_path / "small.tsv"
    pairs.write_text(
        "安全の約束が話題になった。\tSecurity assurances were discussed.\n"
        "ウクライナは支援を受けた。\tUkraine received support.\n"
        "ロシアが反対した。\tRussia objected.\n"
        "会議が開かれた。\tA meeting was held.\n"
        "首脳が会談した。\tThe leaders met.\n",
        encoding="utf-8",
    )
    result = run_cli("align", pairs, "-g", mini_path, "-f", "json")
    assert result.stderr.startswith("note: 5 sentence pairs: too few for word alignment and co-occurrence statistics")
    records = {record["ja"]: record for record in json.loads(result.stdout)}
    candidates = records["安全の約束"]["candidates"]
    # eflomal samples at random: on five pairs the best span may be "Security" or
    # "Security assurances"; whichever it is, one pair scores at most a quarter.
    assert candidates and candidates[0]["en"] in {"Security assurances", "Security"}
    assert all(candidate["score"] <= 0.25 for candidate in candidates)


# ---------------------------------------------------------------- item 17: round trips with CAT tools


@pytest.mark.parametrize("fmt", ["tbx", "omegat", "memoq", "trados", "phrase", "prh", "csv", "xlsx", "google-sets"])
def test_reimporting_yakugos_own_export_changes_nothing(run_cli, tmp_path, fmt):
    from support import ROOT

    glossary = tmp_path / "terms.tsv"
    glossary.write_bytes((ROOT / "terms.tsv").read_bytes())
    exported = tmp_path / f"export.{fmt}"
    assert run_cli("export", "--to", fmt, "-g", glossary, "-o", exported).exit_code == 0
    result = run_cli("import", exported, "--into", glossary, "--dry-run", "-f", "json")
    report = json.loads(result.stdout)
    assert (result.exit_code, report["added"], report["updated"], report["conflicts"]) == (0, [], [], [])


def test_a_conflict_is_one_short_line_unless_verbose(run_cli, tmp_path):
    base = tmp_path / "terms.tsv"
    base.write_text("id\tja\ten\tnote\nkaku\t核\tnuclear\t" + "古い説明。" * 40 + "\n", encoding="utf-8")
    incoming = tmp_path / "in.csv"
    incoming.write_text("id,ja,en,note\nkaku,核,nuclear," + "新しい説明。" * 40 + "\n", encoding="utf-8")
    short = run_cli("import", incoming, "--into", base, "--dry-run")
    conflict = next(line for line in short.stdout.splitlines() if line.startswith("!"))
    assert conflict.startswith("! kaku: field: note: existing '古い説明。") and "…', imported '新しい説明。" in conflict
    assert len(conflict) < 200
    full = run_cli("import", incoming, "--into", base, "--dry-run", "--verbose")
    assert "古い説明。" * 40 in full.stdout
