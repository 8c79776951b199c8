"""The lint engine's parts: Markdown masking, suppression directives, sentences, config, the library entry point."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yakugo.aligner.lint.config import load_config
from yakugo.aligner.lint.engine import Finding, LintOptions, lint_document, lint_text
from yakugo.aligner.core.markdown_mask import mask_markdown
from yakugo.aligner.lint.suppress import read_directives
from yakugo.glossary import InputError
from yakugo.glossary.textfile import read_text

from lint_helpers import fixture_glossary, fixture_recognizer, lint

RULE_IDS = ("deprecated-variant", "mixed-variants", "context-confusable", "unlisted-variant")


def test_masking_keeps_length_and_lines_and_blanks_only_non_prose():
    text = (
        "本文の米ロ。`米露` と [リンク](http://example.org/米露 \"題\") と <https://example.org/米露>\r\n"
        "~~~python\r\n米露\r\n~~~\r\n"
        "[ref]: http://example.org/米露\r\n"
        "<!-- 複数行の\r\nコメント 米露 -->後の本文\r\n"
    )
    masked = mask_markdown(text)
    assert len(masked) == len(text)
    assert [len(line) for line in masked.split("\n")] == [len(line) for line in text.split("\n")]
    assert masked.count("\r\n") == text.count("\r\n")
    assert "米露" not in masked
    lines = masked.split("\n")
    assert lines[0].startswith("本文の米ロ。") and "[リンク]" in lines[0]
    assert lines[-2].endswith("後の本文\r")


def test_a_comment_opener_shown_in_code_does_not_hide_the_prose_after_it():
    text = "コメントは `<!--` で始まる。\n\n本文の米露。\n\n```html\n<!-- 例\n```\n\n後の米露。<!-- 本当の 米露 -->\n"
    lines = mask_markdown(text).split("\n")
    assert lines[2] == "本文の米露。"
    assert lines[8].startswith("後の米露。") and lines[8].count("米露") == 1
    assert [f.line for f in lint(text, "deprecated-variant", "mixed-variants", path="a.md")] == []  # 米露 alone: no rival
    assert [(f.line, f.column) for f in lint(text + "米ロと米ロと米ロ\n", "mixed-variants", path="a.md")] == [(3, 4), (9, 3)]


def test_indented_code_needs_a_blank_line_and_is_not_a_list_continuation():
    text = "段落\n    続きの行 米露\n\n    コード 米露\n\n- 項目\n\n    項目の続き 米露\n"
    masked = mask_markdown(text).split("\n")
    assert "米露" in masked[1]  # a lazy continuation, not code
    assert "米露" not in masked[3]
    assert "米露" in masked[7]  # inside a list item


def test_disable_all_then_enable_one_rule():
    text = "<!-- yakugo-disable -->\nA\n<!-- yakugo-enable mixed-variants -->\nB\n<!-- yakugo-enable -->\nC\n"
    suppressions = read_directives(text, True, RULE_IDS)
    assert suppressions.silences(2, "mixed-variants") and suppressions.silences(2, "deprecated-variant")
    assert not suppressions.silences(4, "mixed-variants") and suppressions.silences(4, "deprecated-variant")
    assert not suppressions.silences(6, "deprecated-variant")


def test_two_next_line_directives_aimed_at_one_line_both_count():
    text = "<!-- yakugo-disable-next-line deprecated-variant --><!-- yakugo-disable-next-line mixed-variants -->\nA\nB\n"
    suppressions = read_directives(text, True, RULE_IDS)
    assert suppressions.silences(2, "deprecated-variant") and suppressions.silences(2, "mixed-variants")
    assert not suppressions.silences(2, "context-confusable") and not suppressions.silences(3, "mixed-variants")


def test_hash_directives_do_not_count_in_markdown_nor_comments_in_plain_text():
    assert not read_directives("# yakugo-disable\nA\n", True, RULE_IDS).silences(2, "mixed-variants")
    assert not read_directives("<!-- yakugo-disable -->\nA\n", False, RULE_IDS).silences(2, "mixed-variants")


def test_unknown_rule_in_a_directive_names_file_and_line():
    text = "本文\n<!-- yakugo-disable-next-line mixed -->\nA\n"
    with pytest.raises(InputError) as error:
        read_directives(text, True, RULE_IDS, "a.md", strict=True)
    assert error.value.problems[0].startswith("a.md:2: unknown rule mixed in yakugo-disable-next-line")
    lenient = read_directives(text, True, RULE_IDS, "a.md")
    assert lenient.warnings[0].startswith("a.md:2: unknown rule mixed in yakugo-disable-next-line")
    assert lenient.warnings[0].endswith("; directive ignored")
    assert not lenient.silences(3, "mixed-variants")  # a directive of typos silences nothing


def test_sentence_window_does_not_split_inside_quotes():
    # The 。 inside 「」 does not end the sentence: the cue stays in the window.
    text = "ブダペスト覚書について「核は安全を保証する。何を得るのか」と問い、安全の保証を得た。"
    assert [f.text for f in lint(text, "context-confusable")] == ["安全の保証"]


def test_lint_document_is_the_library_entry_point(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("`イェルツィン` イェルツィン\n", encoding="utf-8")
    findings = lint_document(read_text(path), fixture_glossary())
    assert findings == [
        Finding(
            str(path),
            1,
            10,
            16,
            "deprecated-variant",
            "warning",
            "イェルツィン is deprecated: write エリツィン (Boris Yeltsin)",
            "yeltsin",
            "イェルツィン",
            "エリツィン",
            "safe",
        )
    ]


def test_config_include_exclude_globs(tmp_path):
    (tmp_path / "yakugo.toml").write_text('include = ["news/*"]\nexclude = ["news/drafts/*"]\n', encoding="utf-8")
    config = load_config(tmp_path / "news")
    assert config.path == tmp_path / "yakugo.toml"
    assert config.wants(str(tmp_path / "news" / "a.md"))
    assert not config.wants(str(tmp_path / "news" / "drafts" / "b.md"))
    assert not config.wants(str(tmp_path / "other" / "c.md"))
    assert config.wants("-")


def test_pyproject_without_a_yakugo_table_is_passed_over(tmp_path):
    (tmp_path / "yakugo.toml").write_text('fail-on = "error"\n', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pyproject.toml").write_text("[tool.ruff]\nselect = ['E']\n", encoding="utf-8")
    assert load_config(tmp_path / "sub").fail_on == "error"


def test_config_type_errors_point_at_their_line(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        "[tool.ruff]\nselect = 1\n\n[tool.yakugo]\nglossary = 'g.tsv'\nselect = 'mixed-variants'\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as error:
        load_config(tmp_path)
    assert error.value.problems == [f"{tmp_path / 'pyproject.toml'}:6: [tool.yakugo] 'select' must be a list of strings"]
    (tmp_path / "pyproject.toml").write_text("[tool.yakugo\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_config(Path(tmp_path))
    assert error.value.problems[0].startswith(f"{tmp_path / 'pyproject.toml'}:1: bad TOML")


def _full_width(text: str) -> str:
    return "".join(chr(ord(char) + 0xFEE0) if "!" <= char <= "~" else char for char in text)


_FORMS = [form.text for form in fixture_glossary().ja_forms()]
_PIECES = (
    _FORMS
    + [_full_width(form) for form in _FORMS if form != _full_width(form)]
    + ["NATO 拡張", "NATO の拡大", "ブダペスト覚書", "これは", "同覚書", "「", "」という文言", "日", "は", "の", "。", "\n"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=2, max_size=20))
def test_rules_reading_only_their_watched_forms_find_what_a_full_recognition_finds(pieces):
    """Each rule's watched_forms must name every form its check reads: the default rules
    (which segment only lines holding a watched form) find exactly what they find when
    every term is recognised (unlisted-variant, on with ALL, reads every term)."""
    text = "".join(pieces)
    glossary, recognizer = fixture_glossary(), fixture_recognizer()
    watched = lint_text(text, glossary, recognizer, LintOptions())
    everything = lint_text(text, glossary, recognizer, LintOptions(select=["ALL"]))
    assert watched == [f for f in everything if f.rule != "unlisted-variant"]
