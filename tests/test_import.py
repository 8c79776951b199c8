"""`yakugo import`: detection, readers, column mapping, the lossless merge, --prefer, --dry-run."""

from __future__ import annotations

import json

import pytest

from yakugo.glossary import load_glossary
from yakugo.glossary.errors import InputError
from yakugo.glossary.export import export_glossary
from yakugo.glossary.importers import detect_format, read_import
from yakugo.glossary.merge import merge_concepts
from yakugo.glossary.model import Concept
from yakugo.glossary.prh import expand_regex, read_prh
from support import FIXTURES, need_shared

HEADER = "id\tja\ten\tja_variants\tja_deprecated\ten_variants\ten_forbidden\tconfusables\ttype\tnote\tsource\n"


def write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def test_detection_from_content(mini, tmp_path):
    samples = {
        "tbx": export_glossary(mini, "tbx"),
        "xlsx": export_glossary(mini, "xlsx"),
        "prh": export_glossary(mini, "prh"),
        "omegat": export_glossary(mini, "omegat"),
        "csv": export_glossary(mini, "csv"),
        "tsv": (FIXTURES / "mini.tsv").read_bytes(),
    }
    for fmt, data in samples.items():
        assert detect_format(data, "no-extension") == fmt
    assert detect_format((FIXTURES / "tbx2008.tbx").read_bytes(), "x") == "tbx"
    with pytest.raises(InputError, match="neither TBX"):
        detect_format(b"<html><body/></html>", "page.html")


def test_csv_with_column_mapping(run_cli, tmp_path):
    source = write(
        tmp_path / "client.csv",
        "Term (JP),Term (EN),Remarks,Part of speech\n抑止,deterrence,core term,noun\n核の傘,nuclear umbrella,,noun\n",
    )
    result = run_cli("import", source, "--into", "-")
    assert result.exit_code == 2 and "no Japanese column" in result.stderr and "--columns" in result.stderr
    result = run_cli("import", source, "--into", "-", "--columns", "Term (JP)=ja,Term (EN)=en,Remarks=note")
    assert result.exit_code == 0, result.stderr
    glossary_lines = result.stdout.splitlines()
    assert glossary_lines[0].split("\t")[:3] == ["id", "ja", "en"] and glossary_lines[0].endswith("Part of speech")
    rows = [line.split("\t") for line in glossary_lines[1:]]
    assert [(row[0], row[1], row[2]) for row in rows] == [("deterrence", "抑止", "deterrence"), ("nuclear-umbrella", "核の傘", "nuclear umbrella")]
    assert "2 concepts read as csv" in result.stderr
    bad = run_cli("import", source, "--into", "-", "--columns", "Nope=ja")
    assert bad.exit_code == 2 and "--columns names 'Nope'" in bad.stderr


def test_xlsx_synonyms_in_language_cells(tmp_path, mini):
    path = tmp_path / "trados.xlsx"
    path.write_bytes(export_glossary(mini, "trados"))
    result = read_import(str(path), path.read_bytes())
    assert result.format == "xlsx"
    pentagon = next(c for c in result.concepts if c.id == "pentagon")
    assert (pentagon.ja, pentagon.ja_variants, pentagon.ja_deprecated) == ("国防総省", ["米国防総省"], ["米国防省"])
    assert (pentagon.en, pentagon.en_variants) == ("Department of Defense", ["Pentagon", "DoD"])


def test_omegat_import_groups_by_english(mini, tmp_path):
    path = tmp_path / "glossary.utf8"
    path.write_bytes(export_glossary(mini, "omegat"))
    result = read_import(str(path), path.read_bytes())
    assert result.format == "omegat"
    yeltsin = next(c for c in result.concepts if c.en == "Boris Yeltsin")
    assert (yeltsin.ja, yeltsin.ja_deprecated) == ("エリツィン", ["イェルツィン"])
    npt = next(c for c in result.concepts if c.en.startswith("Treaty on the Non-Proliferation"))
    assert (npt.ja, npt.ja_variants, npt.ja_deprecated) == ("核兵器不拡散条約", ["核拡散防止条約", "NPT"], ["核不拡散条約"])


def test_merge_adds_gains_and_lists_conflicts(mini_path, tmp_path, run_cli):
    target = tmp_path / "terms.tsv"
    target.write_bytes(mini_path.read_bytes())
    incoming = write(
        tmp_path / "incoming.tsv",
        HEADER
        + "yeltsin\tエリツィン\tYeltsin\t\tエリツイン\t\t\t\t\t\t\n"  # different preferred English, a new deprecated form
        + "moscow\tモスクワ\tMoscow\t露\t\t\t\t\tplace\t\t\n"  # 露 already belongs to russia
        + "deterrence\t抑止\tdeterrence\t\t\t\t\t\tconcept\t\tseed-x.txt\n",  # new
    )
    result = run_cli("import", incoming, "--into", target)
    assert result.exit_code == 1  # conflicts left unresolved
    out = result.stdout
    assert "+ moscow: add-concept モスクワ = Moscow" in out
    assert "+ deterrence: add-concept 抑止 = deterrence" in out
    assert "~ yeltsin: add-form ja deprecated 'エリツイン'" in out
    assert "! yeltsin: preferred-en: preferred English: existing 'Boris Yeltsin', imported 'Yeltsin' (left unchanged)" in out
    assert "! moscow: form-owned: Japanese '露' (variant in the import) already belongs to 'russia' (left unchanged)" in out
    merged = load_glossary(target)
    assert merged["yeltsin"].en == "Boris Yeltsin" and merged["yeltsin"].ja_deprecated == ["イェルツィン", "エリツイン"]
    assert merged["russia"].ja_variants == ["露"] and merged["moscow"].ja_variants == []
    assert merged["deterrence"].source == ["seed-x.txt"]
    # nothing of the original is lost
    original = load_glossary(mini_path)
    for concept in original:
        for text, status in concept.ja_forms():
            assert (text, status) in list(merged[concept.id].ja_forms())


@pytest.mark.parametrize("prefer", ["import", "existing"])
def test_prefer_resolves_conflicts(prefer, mini):
    incoming = [
        Concept(id="yeltsin", ja="エリツィン", en="Yeltsin"),
        Concept(id="moscow", ja="モスクワ", en="Moscow", ja_variants=["露"]),
        Concept(id="", ja="米露", en="US-Russia", ja_deprecated=["米ロ"]),  # status clash inside us-russia
    ]
    merged, report = merge_concepts(mini, incoming, prefer)
    assert report.unresolved == [] or [c.kind for c in report.unresolved] == ["status"]
    if prefer == "import":
        assert merged["yeltsin"].en == "Yeltsin" and "Boris Yeltsin" in merged["yeltsin"].en_variants
        assert "露" in merged["moscow"].ja_variants and "露" not in merged["russia"].ja_variants
        assert merged["us-russia"].ja == "米露" and merged["us-russia"].ja_deprecated == ["米ロ"]
    else:
        assert merged["yeltsin"].en == "Boris Yeltsin" and "Yeltsin" in merged["yeltsin"].en_variants
        assert "露" in merged["russia"].ja_variants and "露" not in merged["moscow"].ja_variants
        assert merged["us-russia"].ja == "米ロ"
    assert mini["yeltsin"].en == "Boris Yeltsin"  # the input glossary itself is untouched


def test_preferred_form_of_another_concept_is_never_taken(mini):
    merged, report = merge_concepts(mini, [Concept(id="x", ja="エックス", en="X", ja_variants=["ロシア"])], "import")
    assert merged["russia"].ja == "ロシア" and "ロシア" not in merged["x"].ja_variants
    assert [(c.kind, c.resolution) for c in report.conflicts] == [("form-owned", "left")]


def test_dry_run_writes_nothing(mini_path, tmp_path, run_cli):
    target = tmp_path / "terms.tsv"
    target.write_bytes(mini_path.read_bytes())
    before = target.read_bytes()
    incoming = write(tmp_path / "new.tsv", "id\tja\ten\ndeterrence\t抑止\tdeterrence\n")
    result = run_cli("import", incoming, "--into", target, "--dry-run")
    assert result.exit_code == 0
    assert "+ deterrence: add-concept 抑止 = deterrence" in result.stdout
    assert "would add 1 concept" in result.stdout and "not written (--dry-run)" in result.stdout
    assert target.read_bytes() == before
    as_json = run_cli("import", incoming, "--into", target, "--dry-run", "--format", "json")
    payload = json.loads(as_json.stdout)
    assert payload["added"] == ["deterrence"] and payload["written"] is None and payload["conflicts"] == []


def test_write_keeps_bom_crlf_comments_and_column_order(tmp_path, run_cli):
    target = tmp_path / "terms.tsv"
    original = "# my glossary\r\nen\tid\tja\r\nRussia\trussia\tロシア\r\n"
    target.write_bytes(b"\xef\xbb\xbf" + original.encode("utf-8"))
    incoming = write(tmp_path / "in.tsv", "id\tja\ten\tja_deprecated\nrussia\tロシア\tRussia\tロシヤ\n")
    assert run_cli("import", incoming, "--into", target).exit_code == 0
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf# my glossary\r\nen\tid\tja\tja_deprecated\r\n")
    assert data.endswith("Russia\trussia\tロシア\tロシヤ\r\n".encode("utf-8"))


def test_prh_import_literal_expanded_and_skipped():
    data = """rules:
  - expected: エリツィン
    pattern: イェルツィン
  - expected: いただ$1
    pattern: /頂([いく])/
  - expected: サーバー
    pattern: /サーバ(?!ー)/
  - expected: ソフトウェア
    pattern: /(日経)?ソフトウエア/
    regexpMustEmpty: $1
  - expected: Cookie
""".encode("utf-8")
    result = read_prh(data, "rules.yml")
    assert [rule.outcome for rule in result.rules] == ["literal", "expanded", "regex", "regexpMustEmpty", "no-pattern"]
    assert [(c.ja, c.ja_deprecated, c.en) for c in result.concepts] == [
        ("エリツィン", ["イェルツィン"], "(untranslated)"),
        ("いただい", ["頂い"], "(untranslated)"),
        ("いただく", ["頂く"], "(untranslated)"),
    ]


def test_expand_regex():
    assert expand_regex("(従業員|お客)様") == [("従業員様", ("従業員",)), ("お客様", ("お客",))]
    assert expand_regex("ユーザー?") == [("ユーザ", ()), ("ユーザー", ())]
    assert expand_regex("[^め]目") is None and expand_regex("a+") is None and expand_regex("(?<!x)y") is None


def test_prh_file_counts():
    path = need_shared("data", "prh", "smarthr-prh-idiomatic-usage.yml")
    result = read_import(str(path), path.read_bytes())
    assert result.format == "prh"
    assert result.summary()["prh_rules"] == {"literal": 73, "expanded": 41, "regex": 39}
    assert len(result.skipped) == 39


def test_import_into_new_file_and_tbx_round_trip(mini_path, tmp_path, run_cli):
    tbx = tmp_path / "mini.tbx"
    assert run_cli("export", "--to", "tbx", "-g", mini_path, "-o", tbx).exit_code == 0
    target = tmp_path / "fresh.tsv"
    assert run_cli("import", tbx, "--into", target).exit_code == 0
    assert [c.to_dict() for c in load_glossary(target)] == [c.to_dict() for c in load_glossary(mini_path)]
    # importing the same file again changes nothing
    again = run_cli("import", tbx, "--into", target)
    assert again.exit_code == 0 and "added 0 concepts, updated 0, 0 conflicts unresolved" in again.stdout


def test_bad_inputs_are_one_line(run_cli, tmp_path):
    missing = run_cli("import", tmp_path / "nope.tbx", "--into", "-")
    assert missing.exit_code == 2 and missing.stderr.strip() == f"{tmp_path / 'nope.tbx'}: no such file"
    broken = write(tmp_path / "broken.tbx", "<?xml version='1.0'?>\n<martif>\n<text></martif>\n")
    result = run_cli("import", broken, "--into", "-")
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1 and "not well-formed XML" in result.stderr
    columns_for_tbx = run_cli("import", FIXTURES / "tbx2008.tbx", "--into", "-", "--columns", "a=ja")
    assert columns_for_tbx.exit_code == 2 and "--columns applies to csv, tsv and xlsx" in columns_for_tbx.stderr


def test_merging_into_an_empty_glossary_from_stdin(run_cli, mini_path):
    result = run_cli("import", "-", "--into", "-", "--from", "tsv", input=mini_path.read_bytes())
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1].startswith("security-guarantees\t安全の保証\tsecurity guarantees")


def test_english_fills_the_untranslated_placeholder_without_a_conflict(tmp_path):
    base = tmp_path / "terms.tsv"
    base.write_text("id\tja\ten\nkaku-houki\t核放棄\t(untranslated)\n", encoding="utf-8")
    merged, report = merge_concepts(load_glossary(base), [Concept(id="", ja="核放棄", en="denuclearisation")])
    assert merged["kaku-houki"].en == "denuclearisation" and merged["kaku-houki"].en_variants == []
    assert report.conflicts == [] and [c.action for c in report.changes] == ["set-field"]


@pytest.mark.parametrize(
    "name, content, problem",
    [
        ("broken.yml", "rules:\n  - expected: [\n", "3: bad YAML: expected the node content, but found '<stream end>' (column 1)"),
        # Without strict parsing the open quote swallowed the rest of the file into one "term".
        ("open-quote.csv", 'Japanese,English\n"核抑止,nuclear deterrence\n抑止力,deterrent\n', "3: bad CSV: unexpected end of data"),
    ],
)
def test_malformed_yaml_and_csv_are_one_line(run_cli, tmp_path, name, content, problem):
    path = write(tmp_path / name, content)
    result = run_cli("import", path, "--into", "-")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"{path}:{problem}"]


def test_import_reads_the_tsv_of_extract_and_align(run_cli, tmp_path, mini_path):
    """`extract -f tsv` and `align -f tsv` write terms.tsv-shaped candidates (en possibly empty) for import."""
    target = tmp_path / "terms.tsv"
    target.write_bytes(mini_path.read_bytes())
    article = tmp_path / "a.txt"
    article.write_text("停戦監視団が入った。停戦監視団が出た。核実験場を見た。核実験場が閉じた。\n", encoding="utf-8")
    candidates = tmp_path / "candidates.tsv"
    extracted = run_cli("extract", article, "-f", "tsv", "-g", target)
    candidates.write_text(extracted.stdout, encoding="utf-8")
    result = run_cli("import", candidates, "--into", target)
    assert result.exit_code == 0, result.stdout + result.stderr
    merged = load_glossary(target)
    added = {c.ja: c for c in merged if c.id not in load_glossary(mini_path)}
    assert set(added) == {"停戦監視団", "核実験場"}
    assert all(c.en == "(untranslated)" and c.source == [str(article)] for c in added.values())
    # align proposes English for those terms; importing its TSV fills the placeholders
    terms = tmp_path / "terms-to-align.tsv"
    terms.write_text("ja\n停戦監視団\n", encoding="utf-8")
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text(
        "".join(f"{ja}\t{en}\n" for ja, en in [
            ("停戦監視団が到着した。", "The ceasefire monitors arrived."),
            ("停戦監視団は報告した。", "The ceasefire monitors reported."),
            ("停戦監視団が撤収した。", "The ceasefire monitors withdrew."),
        ]),
        encoding="utf-8",
    )
    aligned = run_cli("align", pairs, "--terms", terms, "-f", "tsv", "-g", target)
    assert aligned.exit_code == 0, aligned.stderr
    proposals = tmp_path / "proposals.tsv"
    proposals.write_text(aligned.stdout, encoding="utf-8")
    result = run_cli("import", proposals, "--into", target)
    # the English fills the placeholder; the two tools' notes differ, a conflict left for the user
    assert result.exit_code == 1 and "set-field en = 'ceasefire monitors' (was (untranslated))" in result.stdout
    assert [line.split(": ")[1] for line in result.stdout.splitlines() if line.startswith("!")] == ["field"]
    monitors = next(c for c in load_glossary(target) if c.ja == "停戦監視団")
    assert monitors.en not in ("", "(untranslated)") and "ceasefire" in monitors.en.lower()
    # an align row without a proposal keeps en empty; import reads it as untranslated
    empty = write(tmp_path / "empty-en.tsv", "id\tja\ten\tnote\n\t抑止態勢\t\tyakugo align: 0 segments\n")
    result = run_cli("import", empty, "--into", target)
    assert result.exit_code == 0 and next(c for c in load_glossary(target) if c.ja == "抑止態勢").en == "(untranslated)"




def _xlsx_with_sheet(tmp_path, name, edit):
    import zipfile

    from yakugo.glossary.spreadsheet import Table, write_xlsx

    good = write_xlsx(Table(["Japanese", "English"], [["核抑止", "nuclear deterrence"]]))
    source = zipfile.ZipFile(__import__("io").BytesIO(good))
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            out.writestr(item, edit(data) if item.filename == "xl/worksheets/sheet1.xml" else data)
    return path


def test_broken_or_hostile_xlsx_is_one_line(run_cli, tmp_path):
    # read-only openpyxl parses the sheet while rows are read: a broken sheet used to end in a traceback
    broken = _xlsx_with_sheet(tmp_path, "broken.xlsx", lambda data: data.replace(b"</sheetData>", b"</sheetDat>"))
    result = run_cli("import", broken, "--into", "-")
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"{broken}: not a readable XLSX workbook: mismatched tag")
    bomb = _xlsx_with_sheet(
        tmp_path, "bomb.xlsx", lambda data: b'<!DOCTYPE w [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>' + data
    )
    result = run_cli("import", bomb, "--into", "-")
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"{bomb}: not a readable XLSX workbook:")


def test_utf16_tbx_is_detected(tmp_path):
    tbx = (FIXTURES / "tbx2008.tbx").read_text(encoding="utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    path = tmp_path / "utf16.tbx"
    path.write_bytes(tbx.encode("utf-16"))
    assert detect_format(path.read_bytes(), str(path)) == "tbx"
    utf8 = read_import("utf8.tbx", (FIXTURES / "tbx2008.tbx").read_bytes())
    utf16 = read_import(str(path), path.read_bytes())
    assert [(c.ja, c.en, c.ja_deprecated) for c in utf16.concepts] == [(c.ja, c.en, c.ja_deprecated) for c in utf8.concepts]


def test_prh_alias_bomb_and_nested_values_are_malformed_rules():
    # YAML anchors nest cheaply; turning the nesting into text (str of lists) grows tenfold per level.
    levels = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'] + [
        f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]" for n in range(1, 7)
    ]
    text = "\n".join(levels) + "\nrules:\n  - expected: 核\n    pattern: *a6\n  - expected: {a: b}\n    pattern: 核兵\n"
    text += "  - expected: 抑止\n    pattern: 抑制\n    specs:\n      - from: *a6\n        to: 抑止\n      - from: 抑制した\n        to: 抑止した\n"
    prh = read_prh(text.encode("utf-8"), "bomb.yml")
    assert [rule.outcome for rule in prh.rules] == ["malformed", "malformed", "literal"]
    assert [(c.ja, c.ja_deprecated) for c in prh.concepts] == [("抑止", ["抑制"])]
    assert prh.rules[2].specs == [("抑制した", "抑止した")]
