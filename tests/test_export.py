"""`yakugo export`: every format on the mini fixture, tool rules, formula neutralisation."""

from __future__ import annotations

import csv
import io
import re
import typing

import pytest
import yaml
from openpyxl import load_workbook

from yakugo.cli.export import ExportFormat
from yakugo.glossary import load_glossary
from yakugo.glossary.errors import InputError
from yakugo.glossary.export import EXPORTERS, check_deepl_entries, export_glossary
from yakugo.glossary.spreadsheet import neutralise, restore
from yakugo.glossary.tbx import read_tbx


def test_cli_choices_match_the_registry():
    assert list(typing.get_args(ExportFormat)) == list(EXPORTERS)


def test_every_format_from_the_cli(run_cli, mini_path, tmp_path):
    for fmt, exporter in EXPORTERS.items():
        out = tmp_path / f"mini{exporter.suffix}"
        result = run_cli("export", "--to", fmt, "-g", mini_path, "-o", out)
        assert result.exit_code == 0, (fmt, result.stderr)
        assert out.stat().st_size > 100, fmt


def test_stdout_when_no_output(run_cli, mini_path):
    result = run_cli("export", "--to", "deepl", "-g", mini_path)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:3] == [
        "安全の保証\tsecurity guarantees",
        "安全保障の保証\tsecurity guarantees",
        "安全の約束\tsecurity assurances",
    ]


def test_omegat_lines(mini):
    text = export_glossary(mini, "omegat").decode("utf-8")
    lines = text.splitlines()
    assert lines[0] == "# Glossary in tab-separated format -*- coding: utf-8 -*-"
    assert "安全保障の保証\tsecurity guarantees\tvariant of 安全の保証" in lines
    assert "イェルツィン\tBoris Yeltsin\tdeprecated: write エリツィン" in lines
    assert "米国防省\tDepartment of Defense\tdeprecated: write 国防総省" in lines
    assert "安全の保証\tsecurity guarantees\tBinding commitments.; not: security assurances, security assurance" in lines


def test_omegat_read_back_by_translate_toolkit(mini, tmp_path):
    from translate.storage.omegat import OmegaTFile

    path = tmp_path / "glossary.utf8"
    path.write_bytes(export_glossary(mini, "omegat"))
    store = OmegaTFile(path.open("rb"))
    # OmegaT itself skips '#' lines such as the coding comment; the toolkit keeps it as a unit.
    pairs = [(unit.source, unit.target) for unit in store.units if not unit.source.startswith("#")]
    expected = [(text, concept.en) for concept in mini for text, _status in concept.ja_forms()]
    assert pairs == expected
    comments = {unit.source: unit.getnotes() for unit in store.units}
    assert comments["核不拡散条約"] == "deprecated: write 核兵器不拡散条約"


def test_deepl_every_form_to_preferred_english(mini):
    lines = export_glossary(mini, "deepl").decode("utf-8").splitlines()
    assert len(lines) == sum(1 for concept in mini for _ in concept.ja_forms())
    assert "イェルツィン\tBoris Yeltsin" in lines and "NPT\tTreaty on the Non-Proliferation of Nuclear Weapons" in lines
    assert all(line.count("\t") == 1 for line in lines)


def test_deepl_rules_are_enforced():
    problems = check_deepl_entries(
        [("a", "x"), ("a", "y"), ("", "z"), ("b\u2028c", "w"), ("d", "e\x07"), ("f", "g" * 1025), (" h", "i")]
    )
    assert problems == [
        "DeepL: duplicate source term 'a' (→ 'x' and → 'y')",
        "DeepL: empty source term (pair '' → 'z')",
        "DeepL: source term 'b\\u2028c' contains a control character or U+2028/U+2029",
        "DeepL: target term 'e\\x07' contains a control character or U+2028/U+2029",
        "DeepL: target term 'gggggggggggggggggggggggggggggg'… is 1025 bytes (limit 1024)",
        "DeepL: source term ' h' has leading or trailing whitespace",
    ]


def test_deepl_fails_with_a_clear_message(run_cli, tmp_path):
    path = tmp_path / "long.tsv"
    path.write_text(f"id\tja\ten\nlong\t{'長' * 400}\tlong\n", encoding="utf-8")
    result = run_cli("export", "--to", "deepl", "-g", path)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{path}: DeepL: source term '{'長' * 30}'… is 1200 bytes (limit 1024)"


def test_google_both_kinds(mini):
    pairs = list(csv.reader(io.StringIO(export_glossary(mini, "google").decode("utf-8"))))
    assert pairs[0] == ["安全の保証", "security guarantees"] and all(len(row) == 2 for row in pairs)
    sets = list(csv.reader(io.StringIO(export_glossary(mini, "google-sets").decode("utf-8"))))
    assert sets[0] == ["ja", "en", "description"]
    assert sets[1] == ["安全の保証", "security guarantees", "Binding commitments."]
    assert len(sets) == len(mini) + 1
    assert not export_glossary(mini, "google").startswith(b"\xef\xbb\xbf")


def test_memoq_delimited_file(mini):
    data = export_glossary(mini, "memoq")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter="\t"))
    assert rows[0] == ["Japanese", "English", "Japanese_Forbidden", "English_Forbidden", "Entry_Note", "Entry_Subject"]
    pentagon = next(row for row in rows if row[0].startswith("国防総省"))
    assert pentagon == ["国防総省|米国防総省", "Department of Defense|Pentagon|DoD", "米国防省", "", "", "organization"]


def test_trados_xlsx_first_row_language_names(mini):
    sheet = load_workbook(io.BytesIO(export_glossary(mini, "trados"))).active
    rows = [[cell or "" for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert rows[0][:4] == ["Japanese", "English", "Deprecated Japanese", "Forbidden English"]
    assert rows[1][:4] == ["安全の保証|安全保障の保証", "security guarantees|security guarantee", "", "security assurances|security assurance"]


def test_prh_dictionary_is_valid_for_prh(mini, bundled):
    document = yaml.safe_load(export_glossary(mini, "prh"))
    assert document["version"] == 1
    rules = {rule["expected"]: rule for rule in document["rules"]}
    assert set(rules) == {"エリツィン", "国防総省", "核兵器不拡散条約"}
    assert rules["エリツィン"]["pattern"] == ["イェルツィン"]
    # prh checks specs at load time: from.replace(alternation of patterns, expected) == to
    bundled_rules = yaml.safe_load(export_glossary(bundled, "prh"))["rules"]
    assert len(bundled_rules) == sum(1 for concept in bundled if concept.ja_deprecated)
    for rule in document["rules"] + bundled_rules:
        alternation = "|".join(map(re.escape, rule["pattern"]))
        for spec in rule["specs"]:
            assert re.sub(alternation, rule["expected"], spec["from"]) == spec["to"]


def test_full_csv_and_xlsx_have_every_column(mini):
    rows = list(csv.reader(io.StringIO(export_glossary(mini, "csv").decode("utf-8-sig"))))
    assert rows[0] == mini.columns
    assert rows[6][mini.columns.index("ja_variants")] == "NATO拡張|NATOの拡大|NATOの東方拡大"
    sheet = load_workbook(io.BytesIO(export_glossary(mini, "xlsx"))).active
    assert [cell.value for cell in sheet[1]] == mini.columns


def test_formula_cells_are_neutralised(tmp_path):
    path = tmp_path / "evil.tsv"
    path.write_text(
        "id\tja\ten\tnote\tsource\n"
        "evil\t=HYPERLINK(\"http://x\")\t+1+1\t@SUM(A1)\t-2+3\n",
        encoding="utf-8",
    )
    glossary = load_glossary(path)
    rows = list(csv.reader(io.StringIO(export_glossary(glossary, "csv").decode("utf-8-sig"))))
    assert rows[1][:5] == ["evil", "'=HYPERLINK(\"http://x\")", "'+1+1", "'@SUM(A1)", "'-2+3"]
    workbook = load_workbook(io.BytesIO(export_glossary(glossary, "xlsx")))
    cells = [cell for row in workbook.active.iter_rows() for cell in row]
    assert all(cell.data_type == "s" for cell in cells if cell.value)  # no formula cell anywhere
    assert [cell.value for cell in workbook.active[2]][:5] == ["evil", "'=HYPERLINK(\"http://x\")", "'+1+1", "'@SUM(A1)", "'-2+3"]
    for fmt in ("memoq", "google", "google-sets", "trados"):
        data = export_glossary(glossary, fmt)
        if fmt == "trados":
            values = [c.value for row in load_workbook(io.BytesIO(data)).active.iter_rows() for c in row if c.value]
        else:
            values = [cell for row in csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter="\t" if fmt == "memoq" else ",") for cell in row]
        assert not [value for value in values if value and value[0] in "=+-@\t\r"], fmt


def test_neutralise_round_trip():
    for cell in ["=1+1", "+A", "-B", "@C", "\tD", "\rE", "plain", "'quoted"]:
        assert restore(neutralise(cell)) == cell
    assert neutralise("\tD") == "'\tD" and neutralise("plain") == "plain"


def test_unknown_format_is_an_input_error(mini):
    with pytest.raises(InputError):
        export_glossary(mini, "docx")


def test_binary_formats_need_a_file(run_cli, mini_path, tmp_path):
    out = tmp_path / "t.xlsx"
    assert run_cli("export", "--to", "trados", "-g", mini_path, "-o", out).exit_code == 0
    assert out.read_bytes().startswith(b"PK")


def test_apostrophe_cells_survive_the_round_trip(tmp_path, run_cli):
    path = tmp_path / "quoted.tsv"
    path.write_text("id\tja\ten\tnote\nq\t核\tnuclear\t'=1+1\n", encoding="utf-8")
    exported = tmp_path / "quoted.csv"
    assert run_cli("export", "--to", "csv", "-g", path, "-o", exported).exit_code == 0
    rows = list(csv.reader(io.StringIO(exported.read_bytes().decode("utf-8-sig"))))
    assert rows[1][3] == "''=1+1"  # still not a formula, and not mistaken for a neutralised "=1+1"
    back = run_cli("import", exported, "--into", "-")
    header, row = (line.split("\t") for line in back.stdout.splitlines()[:2])
    assert dict(zip(header, row))["note"] == "'=1+1"
    for cell in ["'=1+1", "''-x", "'plain", "'"]:
        assert restore(neutralise(cell)) == cell


@pytest.mark.parametrize("fmt", ["xlsx", "trados"])
def test_xlsx_control_character_is_a_one_line_error(fmt, run_cli, tmp_path):
    path = tmp_path / "bell.tsv"
    path.write_text("id\tja\ten\tnote\nok\t核\tnuclear\t\nbell\t抑止\tdeterrence\tring\x07here\n", encoding="utf-8")
    result = run_cli("export", "--to", fmt, "-g", path, "-o", tmp_path / "out.xlsx")
    assert result.exit_code == 2
    column = "note" if fmt == "xlsx" else "Note"
    assert result.stderr.splitlines() == [f"{path}:3: column '{column}': control character U+0007 cannot be stored in an XLSX cell"]
    assert not (tmp_path / "out.xlsx").exists()


UNTRANSLATED_TSV = "id\tja\ten\tja_deprecated\nnuclear\t核\tnuclear\t\nkaku-houki\t核放棄\t(untranslated)\t核廃棄\n"


def test_concepts_without_english_stay_out_of_mt_glossaries(tmp_path, run_cli):
    path = tmp_path / "candidates.tsv"
    path.write_text(UNTRANSLATED_TSV, encoding="utf-8")
    glossary = load_glossary(path)
    assert export_glossary(glossary, "deepl").decode() == "核\tnuclear\n"
    assert export_glossary(glossary, "google").decode() == "核,nuclear\r\n"
    assert export_glossary(glossary, "google-sets").decode() == "ja,en,description\r\n核,nuclear,\r\n"
    assert "核放棄" not in export_glossary(glossary, "omegat").decode()
    memoq_rows = list(csv.reader(io.StringIO(export_glossary(glossary, "memoq").decode("utf-8-sig")), delimiter="\t"))
    assert memoq_rows[2][:3] == ["核放棄", "", "核廃棄"]  # a term base may hold Japanese alone
    trados = load_workbook(io.BytesIO(export_glossary(glossary, "trados"))).active
    assert [cell.value for cell in trados[3]][:3] == ["核放棄", None, "核廃棄"]
    result = run_cli("export", "--to", "deepl", "-g", path)
    assert result.exit_code == 0 and result.stdout == "核\tnuclear\n"
    assert result.stderr.strip() == "note: 1 concept without English (en = (untranslated)) left out of the deepl export: kaku-houki"


def test_tbx_leaves_the_placeholder_out_and_reads_it_back(tmp_path):
    path = tmp_path / "candidates.tsv"
    path.write_text(UNTRANSLATED_TSV, encoding="utf-8")
    data = export_glossary(load_glossary(path), "tbx")
    assert b"(untranslated)" not in data
    concepts, skipped = read_tbx(data)
    assert skipped == [] and [(c.id, c.en, c.ja_deprecated) for c in concepts] == [
        ("nuclear", "nuclear", []),
        ("kaku-houki", "(untranslated)", ["核廃棄"]),
    ]
