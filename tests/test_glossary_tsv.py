"""The terms.tsv contract: parsing, every validation error, and byte-identical round trips."""

from __future__ import annotations

import pytest

from yakugo.glossary import InputError, load_glossary, save_glossary
from yakugo.glossary.textfile import decode_bytes
from yakugo.glossary.tsv import format_glossary, parse_glossary

HEADER = "id\tja\ten\tja_variants\tconfusables\n"


def parse(text: str, path: str = "g.tsv"):
    return parse_glossary(decode_bytes(text.encode("utf-8"), path))


def problems_of(text: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        parse(text)
    return caught.value.problems


def test_columns_in_any_order_with_lists_comments_and_unknown_columns():
    glossary = parse(
        "# comment\n\nen\tpriority\tja\tid\tja_variants\n"
        "NATO enlargement\thigh\tNATO拡大\tnato-enlargement\t NATO拡張 | NATOの拡大 \n"
    )
    concept = glossary["nato-enlargement"]
    assert concept.ja == "NATO拡大"
    assert concept.en == "NATO enlargement"
    assert concept.ja_variants == ["NATO拡張", "NATOの拡大"]
    assert concept.extra == {"priority": "high"}
    assert concept.line == 4


def test_missing_header():
    assert problems_of("# only a comment\n\n") == ["g.tsv:2: missing header (expected a tab-separated line naming id, ja, en)"]


def test_missing_required_columns_are_all_reported_on_the_header_line():
    assert problems_of("# c\nid\tja\n") == ["g.tsv:2: missing required column 'en'"]
    assert problems_of("ja\tnote\n") == [
        "g.tsv:1: missing required column 'id'",
        "g.tsv:1: missing required column 'en'",
    ]


def test_every_row_problem_is_reported_not_only_the_first():
    problems = problems_of(
        HEADER
        + "good-one\t拡大抑止\textended deterrence\t\t\n"
        + "\t核の傘\tnuclear umbrella\t\t\n"
        + "Bad_ID\t核抑止\tnuclear deterrence\t\t\n"
        + "good-one\t安全の約束\tsecurity assurances\t\t\n"
        + "empty-ja\t\tsomething\t\t\n"
        + "empty-en\t何か\t\t\t\n"
        + "with-unknown\t抑止力\tdeterrent\t\tno-such-id\n"
        + "clash\tＮＡＴＯ\tNATO\t拡大抑止\t\n"
    )
    assert problems == [
        "g.tsv:3: empty 'id'",
        "g.tsv:4: bad id 'Bad_ID': use lower-case letters, digits and '-'",
        "g.tsv:5: duplicate id 'good-one' (first on line 2)",
        "g.tsv:6: empty 'ja'",
        "g.tsv:7: empty 'en'",
        "g.tsv:8: unknown id 'no-such-id' in confusables of 'with-unknown'",
        "g.tsv:9: Japanese form '拡大抑止' belongs to both 'good-one' (line 2) and 'clash' (line 9)",
    ]


def test_same_form_after_width_folding_names_both_concepts():
    problems = problems_of(HEADER + "nato\tNATO\tNATO\t\t\nother\tテスト\ttest\tＮＡＴＯ\t\n")
    assert problems == ["g.tsv:3: Japanese form 'ＮＡＴＯ' belongs to both 'nato' (line 2) and 'other' (line 3)"]


def test_too_many_cells():
    assert problems_of(HEADER + "a\tあ\ta\t\t\textra\n") == ["g.tsv:2: 6 cells but the header has 5 columns"]


def test_cli_reports_glossary_problems_one_line_each_with_exit_2(tmp_path, run_cli):
    bad = tmp_path / "bad.tsv"
    bad.write_text(HEADER + "x\t\tX\t\t\nx\tえ\tY\t\t\n", encoding="utf-8")
    result = run_cli("lookup", "X", "--glossary", bad)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"{bad}:2: empty 'ja'", f"{bad}:3: duplicate id 'x' (first on line 2)"]
    assert "Traceback" not in result.stderr


def test_round_trip_is_byte_identical(tmp_path, mini_path):
    original = mini_path.read_bytes()
    target = tmp_path / "copy.tsv"
    save_glossary(load_glossary(mini_path), target)
    assert target.read_bytes() == original


def test_round_trip_keeps_bom_crlf_comments_column_order_and_unknown_columns(tmp_path):
    text = "\ufeff# top\r\nja\tid\tcustom\ten\r\n\r\n# before row\r\n拡大抑止\textended-deterrence\tkeep me\textended deterrence\r\n"
    source = tmp_path / "g.tsv"
    source.write_bytes(text.encode("utf-8"))
    glossary = load_glossary(source)
    save_glossary(glossary)
    assert source.read_bytes() == text.encode("utf-8")


def test_round_trip_normalises_whitespace_only(tmp_path):
    source = tmp_path / "g.tsv"
    source.write_text("id\tja\ten\tja_variants\n a \t 米ロ \tUS-Russia\t米露 |  米・ロ\n", encoding="utf-8")
    save_glossary(load_glossary(source))
    assert source.read_text(encoding="utf-8") == "id\tja\ten\tja_variants\na\t米ロ\tUS-Russia\t米露|米・ロ\n"


def test_bundled_glossary_is_valid_and_rich(bundled):
    assert len(bundled) >= 80
    assert format_glossary(bundled)  # formats without error
    guarantees, assurances = bundled["security-guarantees"], bundled["security-assurances"]
    assert (guarantees.ja, guarantees.en) == ("安全の保証", "security guarantees")
    assert (assurances.ja, assurances.en) == ("安全の約束", "security assurances")
    assert "security-assurances" in guarantees.confusables and "security-guarantees" in assurances.confusables
    assert "security assurances" in guarantees.en_forbidden and "security guarantees" in assurances.en_forbidden
    assert "Memorandum on Security Assurances" in assurances.note + guarantees.note
    assert bundled.concept_of_ja("拡大抑止").concept.en == "extended deterrence"
    assert bundled.concept_of_ja("核の傘").concept.en == "nuclear umbrella"
    assert all(concept.source for concept in bundled), "every row names where it is attested"


def test_rows_shorter_than_the_header_are_written_back_as_they_were(tmp_path):
    text = "id\tja\ten\tnote\textra_col\nnuclear-umbrella\t核の傘\tnuclear umbrella\nx\tえっくす\tX\t\t\n"
    source = tmp_path / "g.tsv"
    source.write_text(text, encoding="utf-8")
    save_glossary(load_glossary(source))
    assert source.read_text(encoding="utf-8") == text


def test_problems_are_reported_in_line_order():
    problems = problems_of(HEADER + "a\t核の傘\tnuclear umbrella\t\tnone-such\nBad\t抑止\tdeterrence\t\t\nc\t拡大抑止\t\t核の傘\t\n")
    assert problems == [
        "g.tsv:2: unknown id 'none-such' in confusables of 'a'",
        "g.tsv:3: bad id 'Bad': use lower-case letters, digits and '-'",
        "g.tsv:4: empty 'en'",
        "g.tsv:4: Japanese form '核の傘' belongs to both 'a' (line 2) and 'c' (line 4)",
    ]


def test_a_file_without_a_final_line_ending_is_written_back_without_one(tmp_path):
    source = tmp_path / "g.tsv"
    source.write_bytes("id\tja\ten\r\nnuclear-umbrella\t核の傘\tnuclear umbrella".encode("utf-8"))
    save_glossary(load_glossary(source))
    assert source.read_bytes() == "id\tja\ten\r\nnuclear-umbrella\t核の傘\tnuclear umbrella".encode("utf-8")


def test_a_shift_jis_glossary_is_refused_naming_the_first_line_that_is_not_utf8(tmp_path, run_cli):
    source = tmp_path / "g.tsv"
    source.write_bytes("id\tja\ten\nx\tX\tx\nnuclear-umbrella\t核の傘\tnuclear umbrella\n".encode("cp932"))
    result = run_cli("terms", "-", "-g", source, input="核の傘")
    assert (result.exit_code, result.stderr) == (2, f"{source}:3: not UTF-8 (this file looks like cp932); terms.tsv must be UTF-8\n")
    assert source.read_bytes().startswith(b"id\tja\ten\n")  # untouched
