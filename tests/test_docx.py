"""Word documents (.docx): lint, terms, annotate and survey read their paragraphs as lines."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import docx

from yakugo.glossary.textfile import read_text

DEPRECATED = "イェルツィン"  # the glossary's deprecated form of エリツィン (Boris Yeltsin)


def word_document(path: Path) -> Path:
    """Paragraph 1 a heading, 2 empty, 3 prose, 4-6 a 2x2 table whose lower row is one merged
    cell, 7 a paragraph with a tab and a manual line break."""
    document = docx.Document()
    document.add_heading("会談の記録", level=1)
    document.add_paragraph("")
    document.add_paragraph(f"1993年、{DEPRECATED}大統領は訪問した。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "表の見出し"
    table.cell(0, 1).text = f"ここでも{DEPRECATED}が。"
    merged = table.cell(1, 0).merge(table.cell(1, 1))
    merged.text = "結合したセル"
    closing = document.add_paragraph("NATO拡大\tの後")
    closing.add_run().add_break()
    closing.add_run(DEPRECATED)
    document.save(str(path))
    return path


def test_paragraphs_become_lines_in_document_order_with_table_cells_where_the_table_stands(tmp_path):
    file = read_text(word_document(tmp_path / "article.docx"))
    assert file.kind == "docx"
    assert file.lines() == [
        "会談の記録",
        "",
        f"1993年、{DEPRECATED}大統領は訪問した。",
        "表の見出し",
        f"ここでも{DEPRECATED}が。",
        "結合したセル",  # merged over two grid columns, read once
        f"NATO拡大 の後 {DEPRECATED}",  # tab and line break: one character each
    ]


def test_lint_reports_paragraph_and_character_positions(tmp_path, run_cli):
    path = word_document(tmp_path / "article.docx")
    result = run_cli("lint", path, "-f", "json", "--select", "deprecated-variant")
    assert result.exit_code == 1, result.stderr
    positions = [(f["line"], f["column"], f["end_column"], f["text"], f["replacement"]) for f in json.loads(result.stdout)]
    assert positions == [
        (3, 7, 13, DEPRECATED, "エリツィン"),
        (5, 5, 11, DEPRECATED, "エリツィン"),
        (7, 11, 17, DEPRECATED, "エリツィン"),
    ]


def test_terms_and_annotate_read_the_same_positions(tmp_path, run_cli):
    path = word_document(tmp_path / "article.docx")
    terms = json.loads(run_cli("terms", path, "-f", "json").stdout)
    assert [(t["line"], t["column"], t["concept"]) for t in terms] == [
        (3, 7, "boris-yeltsin"),
        (5, 5, "boris-yeltsin"),
        (7, 1, "nato-enlargement"),
        (7, 11, "boris-yeltsin"),
    ]
    annotated = run_cli("annotate", path, "--html", tmp_path / "page.html")
    assert annotated.exit_code == 0, annotated.stderr
    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    assert "結合したセル" in page and "Boris Yeltsin" in page


def test_folders_include_word_documents_for_lint_and_survey(tmp_path, run_cli):
    word_document(tmp_path / "article.docx")
    (tmp_path / "other.txt").write_text("エリツィンが来た。\n", encoding="utf-8")
    linted = json.loads(run_cli("lint", tmp_path, "-f", "json", "--select", "deprecated-variant").stdout)
    assert {Path(f["path"]).name for f in linted} == {"article.docx"}
    survey = run_cli("survey", tmp_path, "-f", "json")
    assert survey.exit_code == 0, survey.stderr
    report = json.loads(survey.stdout)
    assert report["documents"] == 2
    yeltsin = next(entry for entry in report["concepts"] if entry["concept"] == "boris-yeltsin")
    assert yeltsin["mixed_documents"] == [] and [Path(p).name for p in yeltsin["deprecated_documents"]] == ["article.docx"]
    assert {form["form"]: form["occurrences"] for form in yeltsin["forms"]} == {DEPRECATED: 3, "エリツィン": 1}


def test_fix_and_diff_refuse_a_word_document_and_leave_it_alone(tmp_path, run_cli):
    path = word_document(tmp_path / "article.docx")
    before = path.read_bytes()
    for flag in ("--fix", "--diff"):
        result = run_cli("lint", path, flag)
        assert result.exit_code == 2
        assert f"{path}: a Word document (.docx) is read, never rewritten: --fix and --diff refuse it" in result.stderr
        assert path.read_bytes() == before


def test_fix_still_fixes_the_text_files_beside_a_refused_word_document(tmp_path, run_cli):
    word_document(tmp_path / "article.docx")
    text = tmp_path / "other.txt"
    text.write_text(f"{DEPRECATED}が来た。\n", encoding="utf-8")
    result = run_cli("lint", tmp_path, "--fix", "--select", "deprecated-variant")
    assert result.exit_code == 2
    assert text.read_text(encoding="utf-8") == "エリツィンが来た。\n"


def test_a_corrupt_word_document_is_one_line_and_exit_2(tmp_path, run_cli):
    not_a_zip = tmp_path / "plain.docx"
    not_a_zip.write_text("これはWordではない\n", encoding="utf-8")
    no_document_part = tmp_path / "empty.docx"
    with zipfile.ZipFile(no_document_part, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    broken_xml = tmp_path / "broken.docx"
    good = word_document(tmp_path / "good.docx")
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken_xml, "w") as target:
        for member in source.infolist():
            data = source.read(member)
            target.writestr(member, data[: len(data) // 2] if member.filename == "word/document.xml" else data)
    for path in (not_a_zip, no_document_part, broken_xml):
        for command in ("lint", "terms", "annotate"):
            result = run_cli(command, path)
            assert result.exit_code == 2, (command, path, result.stdout)
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith(f"{path}: not a readable Word document (.docx): "), (command, lines)


def test_a_word_document_that_inflates_too_far_is_refused_before_reading(tmp_path, run_cli):
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b" " * (4 * 1024 * 1024))
    result = run_cli("lint", bomb)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{bomb}: DOCX member word/document.xml inflates ")
    assert result.stderr.strip().endswith("refused as a possible zip bomb")
