"""End-to-end: ``yakugo terms`` and ``yakugo lookup`` in both formats."""

from __future__ import annotations

import json

ARTICLE = "冷戦後のＮＡＴＯ拡張について、イェルツィン氏は反発した。\n日露関係と露大統領。\n"
# The nine keys of the first contract, then five for shared forms and country abbreviations.
TERM_KEYS = ["path", "line", "column", "end_column", "text", "concept", "ja", "en", "status",
             "ambiguous", "candidates", "resolved_by", "compound", "compound_en"]


def test_terms_json_has_exactly_the_contract_keys(tmp_path, run_cli, mini_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = run_cli("terms", article, "--glossary", mini_path, "--format", "json")
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert [list(record) for record in records] == [TERM_KEYS] * 3
    assert [(r["line"], r["column"], r["end_column"], r["text"], r["concept"], r["status"]) for r in records] == [
        (1, 5, 11, "ＮＡＴＯ拡張", "nato-enlargement", "variant"),
        (1, 16, 22, "イェルツィン", "yeltsin", "deprecated"),
        (2, 6, 7, "露", "russia", "variant"),
    ]
    assert records[1]["ja"] == "エリツィン" and records[1]["en"] == "Boris Yeltsin"
    assert records[0]["path"] == str(article)


def test_terms_text_shows_lines_and_english(tmp_path, run_cli, mini_path):
    result = run_cli("terms", "-", "-g", mini_path, input=ARTICLE)
    assert result.exit_code == 0
    out = result.stdout
    assert "-: 3 terms, 3 concepts" in out
    assert "    1 │ 冷戦後のＮＡＴＯ拡張について" in out
    assert "イェルツィン  Boris Yeltsin  (deprecated: write エリツィン)" in out
    assert "\x1b[" not in out  # NO_COLOR


def test_terms_walks_directories_and_reads_shift_jis(tmp_path, run_cli, mini_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_bytes("拡大抑止の議論".encode("cp932"))
    (tmp_path / "a.txt").write_text("核兵器不拡散条約", encoding="utf-8")
    (tmp_path / "ignored.csv").write_text("拡大抑止", encoding="utf-8")
    result = run_cli("terms", tmp_path, "-g", mini_path, "-f", "json")
    assert result.exit_code == 0
    assert [(r["path"], r["concept"]) for r in json.loads(result.stdout)] == [
        (str(tmp_path / "a.txt"), "npt"),
        (str(tmp_path / "sub" / "b.md"), "extended-deterrence"),
    ]


def test_terms_skips_unreadable_files_with_one_line_and_exit_2(tmp_path, run_cli, mini_path):
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "good.txt").write_text("拡大抑止", encoding="utf-8")
    result = run_cli("terms", tmp_path / "bad.txt", tmp_path / "good.txt", "-g", mini_path, "-f", "json")
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path / 'bad.txt'}: binary file (contains NUL bytes)\n"
    assert [r["text"] for r in json.loads(result.stdout)] == ["拡大抑止"]


def test_lookup_japanese_exact_in_json(run_cli, mini_path):
    result = run_cli("lookup", "ＮＡＴＯ拡張", "-g", mini_path, "-f", "json")
    assert result.exit_code == 0
    first = json.loads(result.stdout)[0]
    assert (first["id"], first["match"], first["score"], first["form_status"]) == (
        "nato-enlargement",
        "exact",
        100.0,
        "variant",
    )
    assert first["ja_variants"] == ["NATO拡張", "NATOの拡大", "NATOの東方拡大"]
    assert first["en_variants"] == ["NATO expansion", "NATO's eastward expansion"]


def test_lookup_forbidden_rendering_points_to_the_right_concept(run_cli, mini_path):
    result = run_cli("lookup", "Security Guarantee", "-g", mini_path, "-f", "json")
    records = json.loads(result.stdout)
    exact = [(r["id"], r["form_status"], r["use_instead"]) for r in records if r["match"] == "exact"]
    assert exact == [
        ("security-guarantees", "variant", []),
        ("security-assurances", "forbidden", ["security-guarantees"]),
    ]
    text = run_cli("lookup", "security guarantees", "-g", mini_path).stdout
    assert "'security guarantees' is a FORBIDDEN rendering of this concept; it belongs to: 安全の保証" in text
    assert "confusables   安全の約束 = security assurances [security-assurances]" in text


def test_lookup_fuzzy_and_not_found(run_cli, mini_path):
    fuzzy = json.loads(run_cli("lookup", "extended deterence", "-g", mini_path, "-f", "json").stdout)
    assert fuzzy[0]["id"] == "extended-deterrence" and fuzzy[0]["match"] == "fuzzy"
    assert 70 <= fuzzy[0]["score"] < 100
    missing = run_cli("lookup", "食料自給率", "-g", mini_path)
    assert missing.exit_code == 1
    assert "Nothing in the glossary matches '食料自給率'." in missing.stdout


def test_lookup_us_spelling_and_hyphens(run_cli, mini_path):
    records = json.loads(run_cli("lookup", "U.S. Russia", "-g", mini_path, "-f", "json").stdout)
    assert (records[0]["id"], records[0]["match"], records[0]["form"]) == ("us-russia", "exact", "US-Russia")


def test_lookup_one_typo_in_a_three_character_japanese_term(run_cli, mini_path):
    result = run_cli("lookup", "ロシヤ", "-g", mini_path, "-f", "json")
    assert result.exit_code == 0
    first = json.loads(result.stdout)[0]
    assert (first["id"], first["match"], first["form"]) == ("russia", "fuzzy", "ロシア")


def test_lookup_fuzzy_hit_on_a_forbidden_rendering_still_names_the_rightful_concept(run_cli, mini_path):
    records = json.loads(run_cli("lookup", "security guarantes", "-g", mini_path, "-f", "json").stdout)
    assert [(r["id"], r["match"], r["form_status"], r["use_instead"]) for r in records[:2]] == [
        ("security-guarantees", "fuzzy", "preferred", []),
        ("security-assurances", "fuzzy", "forbidden", ["security-guarantees"]),
    ]
    text = run_cli("lookup", "security guarantes", "-g", mini_path).stdout
    assert "FORBIDDEN rendering of this concept; it belongs to: 安全の保証 = security guarantees" in text


MARKDOWN = "# ＮＡＴＯ拡張\n\n`拡大抑止` と [拡大抑止](https://example.org/拡大抑止) について。\n\n```\nイェルツィン\n```\n"


def test_terms_in_markdown_reads_the_prose_only(tmp_path, run_cli, mini_path):
    article = tmp_path / "a.md"
    article.write_text(MARKDOWN, encoding="utf-8")
    records = json.loads(run_cli("terms", article, "-g", mini_path, "-f", "json").stdout)
    assert [(r["line"], r["column"], r["text"]) for r in records] == [(1, 3, "ＮＡＴＯ拡張"), (3, 11, "拡大抑止")]
    # Standard input is plain text unless --markdown says otherwise.
    plain = json.loads(run_cli("terms", "-", "-g", mini_path, "-f", "json", input=MARKDOWN).stdout)
    assert len(plain) == 5
    marked = json.loads(run_cli("terms", "-", "--markdown", "-g", mini_path, "-f", "json", input=MARKDOWN).stdout)
    assert [(r["path"], r["line"], r["column"]) for r in marked] == [("-", 1, 3), ("-", 3, 11)]


def test_an_articles_escape_sequences_never_reach_the_terminal(run_cli, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("イェルツィン\x1b[31m氏\x1b[0mが来た。\x07\n", encoding="utf-8")
    result = run_cli("terms", article)
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "イェルツィン␛[31m氏␛[0mが来た。␇" in result.stdout
