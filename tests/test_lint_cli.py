"""``yakugo lint`` end to end: formats, exit codes, flags, config, --fix/--diff."""

import json

import jsonschema
import pytest

from lint_helpers import LINT_GLOSSARY

ARTICLE = "1993年、イェルツィン大統領は米ロ関係を語った。\n米露関係、米ロ協議。\nブダペスト覚書でウクライナは安全の保証を得た。\n"
# The ten keys of the first contract, then fixable ("safe", "unsafe" or null).
JSON_KEYS = ["path", "line", "column", "end_column", "rule", "severity", "message", "concept", "text", "replacement", "fixable"]


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def lint_cli(run_cli, monkeypatch, tmp_path):
    """``yakugo lint -g lint.tsv ARGS`` run in tmp_path (so no config file is found above it)."""
    monkeypatch.chdir(tmp_path)

    def run(*args, input=None):
        return run_cli("lint", "-g", LINT_GLOSSARY, *args, input=input)

    return run


def test_json_has_exactly_the_documented_keys_and_values(lint_cli, article):
    result = lint_cli("-f", "json", article)
    assert result.exit_code == 1
    records = json.loads(result.stdout)
    assert all(list(record) == JSON_KEYS for record in records)
    assert [(r["line"], r["column"], r["end_column"], r["rule"], r["severity"], r["text"], r["replacement"]) for r in records] == [
        (1, 7, 13, "deprecated-variant", "warning", "イェルツィン", "エリツィン"),
        (2, 1, 3, "mixed-variants", "warning", "米露", "米ロ"),
        (3, 15, 20, "context-confusable", "error", "安全の保証", "安全の約束"),
    ]
    assert {r["path"] for r in records} == {str(article)}
    assert [r["concept"] for r in records] == ["yeltsin", "us-russia", "security-assurances"]
    assert [r["fixable"] for r in records] == ["safe", None, None]


def test_text_output_groups_by_file_marks_the_span_and_sums_up(lint_cli, article, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # the temporary folder's long path would wrap the head line at 80
    result = lint_cli(article)
    lines = result.stdout.splitlines()
    assert lines[0] == str(article)
    assert lines[1].startswith(f"{article}:1:7 warning deprecated-variant イェルツィン is deprecated: write エリツィン")
    assert lines[2] == "     1 │ 1993年、イェルツィン大統領は米ロ関係を語った。"
    # The caret line sits under the span in terminal cells (full-width = 2 cells).
    assert lines[3] == "       │ " + " " * 8 + "^" * 12 + " エリツィン"
    assert lines[-1] == "1 error, 2 warnings, 0 info in 1 file (1 fixable with --fix)"


def test_caret_line_stays_under_the_span_after_a_tab(lint_cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # the message fits on its head line
    lines = lint_cli("-", input="\t記事：イェルツィン\n").stdout.splitlines()
    assert lines[2] == "     1 │  記事：イェルツィン"
    assert lines[3] == "       │ " + " " * 7 + "^" * 12 + " エリツィン"


def test_sarif_validates_against_the_schema_with_rule_metadata(lint_cli, article, data):
    schema = json.loads((data / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    result = lint_cli("-f", "sarif", "--select", "ALL", article)
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER).validate(log)
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    # --select ALL: every rule, the English ones (issue 14) after the Japanese.
    assert [rule["id"] for rule in rules] == [
        "deprecated-variant",
        "mixed-variants",
        "context-confusable",
        "unlisted-variant",
        "en-deprecated",
        "en-mixed-renderings",
        "en-context-confusable",
    ]
    assert rules[2]["defaultConfiguration"]["level"] == "error" and "ブダペスト覚書" in rules[2]["fullDescription"]["text"]
    first = run["results"][0]
    assert first["ruleId"] == "deprecated-variant" and first["level"] == "warning"
    assert first["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 1,
        "startColumn": 7,
        "endColumn": 13,
        "snippet": {"text": "イェルツィン"},
    }
    assert first["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"] == {"text": "エリツィン"}
    assert [r["level"] for r in run["results"]] == ["warning", "warning", "error"]


def test_github_workflow_commands(lint_cli, article):
    result = lint_cli("-f", "github", article)
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f"::warning file={article},line=1,col=7,endColumn=13,title=deprecated-variant::"
        "イェルツィン is deprecated: write エリツィン (Boris Yeltsin)"
    )
    assert lines[2].startswith(f"::error file={article},line=3,col=15,endColumn=20,title=context-confusable::")


def test_select_ignore_and_fail_on(lint_cli, article):
    only = json.loads(lint_cli("-f", "json", "--select", "deprecated-variant,mixed-variants", article).stdout)
    assert {r["rule"] for r in only} == {"deprecated-variant", "mixed-variants"}
    rest = json.loads(lint_cli("-f", "json", "--ignore", "mixed-variants", "--ignore", "context-confusable", article).stdout)
    assert {r["rule"] for r in rest} == {"deprecated-variant"}
    assert lint_cli("--select", "mixed-variants", "--fail-on", "error", article).exit_code == 0
    assert lint_cli("--select", "mixed-variants", "--fail-on", "warning", article).exit_code == 1
    assert lint_cli("--fail-on", "error", article).exit_code == 1


def test_exit_codes_clean_and_usage_and_input_errors(lint_cli, tmp_path):
    clean = tmp_path / "clean.md"
    clean.write_text("エリツィンは米ロ関係を語った。\n", encoding="utf-8")
    assert lint_cli(clean).exit_code == 0
    unknown = lint_cli("--select", "no-such-rule", clean)
    assert unknown.exit_code == 2 and "unknown rule no-such-rule" in unknown.stderr
    missing = lint_cli(tmp_path / "missing.txt")
    assert missing.exit_code == 2 and "missing.txt: no such file" in missing.stderr
    bad_directive = tmp_path / "bad.txt"
    bad_directive.write_text("本文\n# yakugo-disable-next-line mixed-variant\n", encoding="utf-8")
    result = lint_cli(bad_directive)  # a typo in a directive is warned about; the file is still linted
    assert result.exit_code == 0 and f"warning: {bad_directive}:2: unknown rule mixed-variant" in result.stderr
    assert lint_cli("--fail-on", "fatal", clean).exit_code == 2
    assert lint_cli().exit_code == 2


def test_stdin_and_markdown_flag(lint_cli):
    text = "`イェルツィン` とイェルツィン\n"
    plain = json.loads(lint_cli("-f", "json", "-", input=text).stdout)
    assert [(r["path"], r["column"]) for r in plain] == [("-", 2), ("-", 11)]
    markdown = json.loads(lint_cli("-f", "json", "--markdown", "-", input=text).stdout)
    assert [r["column"] for r in markdown] == [11]


def test_directories_are_searched_for_txt_and_md(lint_cli, tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text("イェルツィン\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("イェルツィン\n", encoding="utf-8")
    (tmp_path / "c.html").write_text("イェルツィン\n", encoding="utf-8")
    records = json.loads(lint_cli("-f", "json", ".").stdout)
    assert sorted(r["path"] for r in records) == ["b.txt", "sub/a.md"]


def test_fix_rewrites_and_diff_only_prints(lint_cli, article):
    diff = lint_cli("--diff", article)
    assert diff.exit_code == 1
    assert "-1993年、イェルツィン大統領は米ロ関係を語った。" in diff.stdout
    assert "+1993年、エリツィン大統領は米ロ関係を語った。" in diff.stdout
    assert article.read_text(encoding="utf-8") == ARTICLE
    fixed = lint_cli("--fix", "-f", "json", article)
    assert article.read_text(encoding="utf-8") == ARTICLE.replace("イェルツィン", "エリツィン")
    assert [r["rule"] for r in json.loads(fixed.stdout)] == ["mixed-variants", "context-confusable"]
    again = lint_cli("--diff", article)
    assert (again.exit_code, again.stdout) == (0, "")
    # Standard input is never rewritten: the fixed text goes to standard output (for editors).
    assert lint_cli("--fix", "-", input="イェルツィン").stdout == "エリツィン"


def test_config_file_and_flags_overriding_it(run_cli, monkeypatch, tmp_path):
    (tmp_path / "articles" / "drafts").mkdir(parents=True)
    (tmp_path / "articles" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "articles" / "drafts" / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "glossaries").mkdir()
    (tmp_path / "glossaries" / "house.tsv").write_bytes(LINT_GLOSSARY.read_bytes())
    (tmp_path / "pyproject.toml").write_text(
        "[project]\nname = 'articles'\n\n[tool.yakugo]\n"
        'glossary = "glossaries/house.tsv"\n'
        'ignore = ["context-confusable"]\n'
        'severity = { mixed-variants = "error" }\n'
        'exclude = ["articles/drafts/*"]\n'
        'fail-on = "error"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path / "articles")  # found upward from here
    result = run_cli("lint", "-f", "json", ".")
    records = json.loads(result.stdout)
    assert [(r["path"], r["rule"], r["severity"]) for r in records] == [
        ("a.txt", "deprecated-variant", "warning"),
        ("a.txt", "mixed-variants", "error"),
    ]
    assert result.exit_code == 1
    flags = run_cli("lint", "-f", "json", "--ignore", "mixed-variants", "--fail-on", "error", ".")
    assert [r["rule"] for r in json.loads(flags.stdout)] == ["deprecated-variant", "context-confusable"]
    # A rule named with --select runs although the config file ignores it.
    named = run_cli("lint", "-f", "json", "--select", "context-confusable", ".")
    assert [r["rule"] for r in json.loads(named.stdout)] == ["context-confusable"]
    assert run_cli("lint", "--select", "", ".").exit_code == 2
    # yakugo.toml in a nearer directory wins over the pyproject.toml above it.
    (tmp_path / "articles" / "yakugo.toml").write_text('select = ["deprecated-variant"]\nglossary = "../glossaries/house.tsv"\n', encoding="utf-8")
    nearer = json.loads(run_cli("lint", "-f", "json", ".").stdout)
    assert {r["rule"] for r in nearer} == {"deprecated-variant"} and len(nearer) == 2


def test_bad_config_is_one_line_with_its_line(run_cli, monkeypatch, tmp_path):
    (tmp_path / "yakugo.toml").write_text('select = ["deprecated-variant"]\nslect = 1\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("lint", "-")
    assert result.exit_code == 2
    assert result.stderr.strip().startswith(f"{tmp_path / 'yakugo.toml'}:2: unknown key 'slect'")


def test_list_rules(run_cli):
    rules = json.loads(run_cli("lint", "--list-rules", "-f", "json").stdout)
    assert [(r["id"], r["severity"], r["fixable"], r["enabled_by_default"]) for r in rules] == [
        ("deprecated-variant", "warning", True, True),
        ("mixed-variants", "warning", False, True),
        ("context-confusable", "error", False, True),
        ("unlisted-variant", "info", False, False),
        ("en-deprecated", "warning", True, True),
        ("en-mixed-renderings", "warning", False, True),
        ("en-context-confusable", "error", False, True),
    ]


def test_a_folder_without_articles_is_named_on_stderr_but_is_no_error(lint_cli, tmp_path, article):
    empty = tmp_path / "drafts"
    (empty / "images").mkdir(parents=True)
    (empty / "images" / "map.png").write_bytes(b"\x89PNG")
    result = lint_cli(str(empty))
    assert result.exit_code == 0
    assert result.stderr.strip() == f"{empty}: no .txt, .md or .docx files in this folder"
    assert "in 0 files" in result.stdout
    result = lint_cli(str(empty), str(article))
    assert result.exit_code == 1 and "deprecated-variant" in result.stdout and "no .txt, .md or .docx files" in result.stderr


def test_an_articles_escape_sequences_never_reach_the_terminal(lint_cli, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("\x1b]0;title\x07イェルツィン大統領。\n", encoding="utf-8")
    result = lint_cli(str(article))
    assert result.exit_code == 1 and "\x1b" not in result.stdout and "\x07" not in result.stdout
    source, carets = [line for line in result.stdout.splitlines() if "│" in line][:2]
    assert source.endswith("␛]0;title␇イェルツィン大統領。")
    # one cell per picture (and per ASCII character before them), so the carets stay under the term
    assert carets.index("^") == source.index("イ")
