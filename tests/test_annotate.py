"""``yakugo annotate``: the annotation data, the terminal rendering and the HTML page."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import lxml.html
import pytest
from rich.cells import cell_len

from yakugo.aligner.annotate.model import Annotation, annotate_document
from yakugo.aligner.annotate.html import render_html
from yakugo.aligner.lint.engine import Finding
from yakugo.aligner.annotate.terminal import row_breaks, spelling_lines
from support import FIXTURES, SEED_000
from yakugo.glossary import load_glossary
from yakugo.glossary.textfile import TextFile, read_text

ARTICLE = FIXTURES / "annotate" / "article.txt"
# Line 3 of the article, as the tests locate things in it.
LINE_3 = "ロシアは「安全の保証」を求める隣国の主張を退け、米露の対話も停滞した。"


def has_class(name: str) -> str:
    """An XPath test for an element having the CSS class ``name``."""
    return f'contains(concat(" ", normalize-space(@class), " "), " {name} ")'


COLOUR = re.compile(r"\x1b\[[0-9;]*?(?:3[0-7]|9[0-7]|38;[0-9;]+)m")


@pytest.fixture
def annotation(mini) -> Annotation:
    return annotate_document(read_text(ARTICLE), mini)


def test_concepts_by_frequency_with_each_spelling(annotation):
    assert [(use.concept.id, use.count) for use in annotation.concepts] == [
        ("us-russia", 4),
        # ties keep the order in which the article first uses them
        ("russia", 1),
        ("security-guarantees", 1),
        ("yeltsin", 1),
    ]
    us_russia = annotation.concepts[0]
    assert dict(us_russia.spellings) == {"米ロ": 3, "米露": 1}
    assert list(us_russia.spellings) == ["米ロ", "米露"]  # first use first
    assert us_russia.statuses == {"米ロ": "preferred", "米露": "variant"}
    assert annotation.concepts[3].statuses == {"イェルツィン": "deprecated"}


def test_lint_findings_are_collected(annotation):
    assert [(f.line, f.column, f.end_column, f.rule, f.text) for f in annotation.findings] == [
        (3, 25, 27, "mixed-variants", "米露"),
        (4, 1, 7, "deprecated-variant", "イェルツィン"),
    ]


def test_no_lint(mini):
    assert annotate_document(read_text(ARTICLE), mini, lint=False).findings == []


def test_spans_keep_terms_whole_and_carry_their_findings(annotation):
    assert annotation.lines[2] == LINE_3
    spans = annotation.spans(3)
    assert "".join(span.text for span in spans) == LINE_3
    terms = [(span.text, span.match.concept.id, [f.rule for f in span.findings]) for span in spans if span.match]
    assert terms == [
        ("ロシア", "russia", []),
        ("安全の保証", "security-guarantees", []),
        ("米露", "us-russia", ["mixed-variants"]),
    ]
    assert all(not span.findings for span in spans if span.match is None)


def test_a_finding_overlapping_part_of_a_term_does_not_cut_it(mini):
    file = TextFile("x.txt", "隣国はロシアと対立した。", "utf-8", b"")
    base = annotate_document(file, mini, lint=False)
    # 国はロシ: from inside plain text to inside the term ロシア (columns 2..6).
    finding = Finding("x.txt", 1, 2, 6, "demo", "info", "demo message", None, "国はロシ")
    annotation = Annotation(base.path, base.lines, base.matches, [finding], base.concepts)
    spans = [(span.text, bool(span.match), bool(span.findings)) for span in annotation.spans(1)]
    assert spans == [("隣", False, False), ("国は", False, True), ("ロシア", True, True), ("と対立した。", False, False)]


def test_to_dict(annotation):
    record = annotation.to_dict()
    assert set(record) == {"path", "terms", "findings", "concepts"}
    assert record["concepts"][0] == {
        "concept": "us-russia",
        "ja": "米ロ",
        "en": "US-Russia",
        "count": 4,
        "spellings": [
            {"text": "米ロ", "count": 3, "status": "preferred"},
            {"text": "米露", "count": 1, "status": "variant"},
        ],
        "note": "",
    }
    assert record["findings"][0]["rule"] == "mixed-variants"
    assert record["terms"][0]["text"] == "米ロ"


# --- terminal -------------------------------------------------------------

def terminal(run_cli, *args, columns=80, **env):
    result = run_cli("annotate", *args, env={"NO_COLOR": "1", "COLUMNS": str(columns), **env})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_terminal_glosses_sit_under_their_terms(run_cli, mini_path):
    out = terminal(run_cli, "-g", mini_path, ARTICLE).splitlines()
    row = next(index for index, line in enumerate(out) if "安全の保証」を求める" in line)
    body, gloss = out[row], out[row + 1]
    assert body.startswith("   3 │ ")
    assert gloss.startswith("     ┆ ")
    for term, english in [("ロシア", "Russia"), ("安全の保証", "security guarantees"), ("米露", "!US-Russia")]:
        assert cell_len(body[: body.index(term)]) == cell_len(gloss[: gloss.index(english)])
    assert "!US-Russia" in gloss  # ! marks the term a finding is on


def test_terminal_lists_findings_under_their_line(run_cli, mini_path):
    out = terminal(run_cli, "-g", mini_path, ARTICLE)
    assert "     ! 3:25 warning mixed-variants: 米露 mixed with 米ロ" in out
    assert "     ! 4:1 warning deprecated-variant: イェルツィン is deprecated" in out
    assert "\x1b" not in out  # NO_COLOR, and not a terminal


def test_terminal_closing_table(run_cli, mini_path):
    out = terminal(run_cli, "-g", mini_path, ARTICLE)
    table = out[out.index("Concepts found"):].splitlines()
    assert re.search(r"ja\s+en\s+count\s+note", table[2])
    assert re.search(r"米ロ\s+US-Russia\s+4\s*$", table[4])
    assert "米ロ ×3 / 米露 ×1" in table[5]
    assert any(re.search(r"安全の保証\s+security guarantees\s+1\s+Binding commitments\.", line) for line in table)


@pytest.mark.parametrize("columns", [80, 44])
def test_terminal_fits_the_width(run_cli, seeds, columns):
    out = terminal(run_cli, seeds / SEED_000, columns=columns)
    assert len(out.splitlines()) > 100
    too_wide = [line for line in out.splitlines()[1:] if cell_len(line) > columns]
    assert too_wide == []


def test_no_color_is_honoured(run_cli, mini_path):
    coloured = terminal(run_cli, "-g", mini_path, ARTICLE, NO_COLOR="", FORCE_COLOR="1")
    plain = terminal(run_cli, "-g", mini_path, ARTICLE, FORCE_COLOR="1")
    assert COLOUR.search(coloured)
    assert not COLOUR.search(plain)
    assert "\x1b[1;4;7m米露" in plain  # still marked (bold, underline, reverse) without colour


def test_row_breaks_do_not_cut_a_term(mini):
    line = "これは長い前置きの文章で、最後に安全の保証という語がある。"
    matches = list(annotate_document(TextFile("x", line, "utf-8", b""), mini, lint=False).matches)
    term = matches[0]
    assert line[term.column - 1 : term.end_column - 1] == "安全の保証"
    rows = row_breaks(line, matches, 36)  # 36 cells end inside 安全の保証
    assert rows[0] == (0, term.column - 1)
    assert all(cell_len(line[start:end]) <= 36 for start, end in rows)
    assert "".join(line[start:end] for start, end in rows) == line


def rows_of(line: str, width: int, matches=()) -> list[str]:
    rows = row_breaks(line, list(matches), width)
    assert "".join(line[start:end] for start, end in rows) == line
    assert all(cell_len(line[start:end]) <= width for start, end in rows)
    return [line[start:end] for start, end in rows]


def test_rows_keep_japanese_line_breaking_rules(mini):
    # No row starts with a closing mark or a small kana, and none ends with an opening bracket.
    assert rows_of("ああああああああああ。いう", 20) == ["あああああああああ", "あ。いう"]
    assert rows_of("ああああああああああ」。いう", 20) == ["あああああああああ", "あ」。いう"]
    assert rows_of("ああああああああああっていう", 20) == ["あああああああああ", "あっていう"]
    assert rows_of("あああああああああ「いい」", 20) == ["あああああああああ", "「いい」"]
    # Backing off a closing mark never cuts the term before it.
    line = "ああああああああロシア。で"
    matches = annotate_document(TextFile("x", line, "utf-8", b""), mini, lint=False).matches
    assert rows_of(line, 22, matches) == ["ああああああああ", "ロシア。で"]
    # A row of nothing but marks still breaks where it fits.
    assert rows_of("あ" + "。" * 30, 20) == ["あ。。。。。。。。。", "。" * 10, "。" * 10, "。"]


def test_closing_table_breaks_spellings_between_them():
    assert spelling_lines({"米ロ": 3, "米露": 1}, 18) == "米ロ ×3 / 米露 ×1"
    assert spelling_lines({"NATO": 4, "北大西洋条約機構": 2}, 18) == "NATO ×4 /\n北大西洋条約機構 ×2"


def test_html_write_failure_is_one_line(run_cli, mini_path, tmp_path):
    result = run_cli("annotate", "-g", mini_path, ARTICLE, "--html", tmp_path / "no" / "such" / "dir" / "a.html")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{tmp_path / 'no' / 'such' / 'dir' / 'a.html'}: cannot write: No such file or directory"


def test_summary_counts_in_the_singular(run_cli, mini_path, tmp_path):
    article = tmp_path / "one.txt"
    article.write_text("ロシアの発表。\n", encoding="utf-8")
    assert terminal(run_cli, "-g", mini_path, article).splitlines()[1] == "1 term, 1 concept, 0 lint findings"


def test_json_output(run_cli, mini_path):
    result = run_cli("annotate", "-g", mini_path, ARTICLE, "--format", "json")
    record = json.loads(result.stdout)
    assert record["path"] == str(ARTICLE)
    assert [c["concept"] for c in record["concepts"]] == ["us-russia", "russia", "security-guarantees", "yeltsin"]
    # The eight keys of the first contract, then the five added for shared forms and abbreviations.
    assert set(record["terms"][0]) == {
        "line", "column", "end_column", "text", "concept", "ja", "en", "status",
        "ambiguous", "candidates", "resolved_by", "compound", "compound_en",
    }
    assert set(record["findings"][0]) == {
        "path", "line", "column", "end_column", "rule", "severity", "message", "concept", "text", "replacement", "fixable"
    }


def test_missing_file_is_one_line_and_exit_2(run_cli, tmp_path):
    result = run_cli("annotate", tmp_path / "absent.txt")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "absent.txt" in result.stderr


# --- HTML -----------------------------------------------------------------

def page_of(text: str, glossary, lint: bool = True) -> str:
    return render_html(annotate_document(TextFile("article.txt", text, "utf-8", b""), glossary, lint=lint), glossary)


def test_html_written_by_the_command(run_cli, mini_path, tmp_path):
    out = tmp_path / "article.html"
    result = run_cli("annotate", "-g", mini_path, ARTICLE, "--html", out)
    assert result.exit_code == 0
    assert result.stdout.strip() == f"wrote {out}: 7 terms, 4 concepts, 2 lint findings"
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    to_stdout = run_cli("annotate", "-g", mini_path, ARTICLE, "--html", "-")
    assert to_stdout.stdout == page


def test_html_terms_are_focusable_and_described(mini):
    doc = lxml.html.fromstring(page_of(ARTICLE.read_text(encoding="utf-8"), mini))
    terms = doc.xpath(f"//main//*[{has_class('term')}]")
    assert [term.text for term in terms] == ["米ロ", "米ロ", "ロシア", "安全の保証", "米露", "イェルツィン", "米ロ"]
    for term in terms:
        assert term.get("tabindex") == "0"
        for described in term.get("aria-describedby").split():
            assert doc.get_element_by_id(described) is not None
    us_russia = terms[0]
    gloss = doc.get_element_by_id(us_russia.get("aria-describedby").split()[-1])
    assert "US-Russia" in gloss.text_content()
    assert "U.S.-Russia" in gloss.text_content()  # an English variant
    flagged = terms[4]
    assert "flag" in flagged.get("class") and "sev-warning" in flagged.get("class")
    # The finding's message comes first, the concept's (possibly long) gloss last.
    described = flagged.get("aria-describedby").split()
    assert described[0].startswith("f-") and described[-1] == "c-us-russia"
    message = doc.get_element_by_id(described[0])
    assert "米露 mixed with 米ロ" in message.text_content()
    assert doc.get_element_by_id("tooltip").get("role") == "tooltip"


def test_html_side_panel_counts_each_spelling(mini):
    doc = lxml.html.fromstring(page_of(ARTICLE.read_text(encoding="utf-8"), mini))
    entries = [" ".join(li.text_content().split()) for li in doc.xpath(f"//ol[{has_class('concepts')}]/li")]
    assert entries[0] == "米ロUS-Russia4米ロ ×3 / 米露 ×1"
    assert len(entries) == 4
    findings = [li.text_content() for li in doc.xpath(f"//ol[{has_class('findings')}]/li")]
    assert findings[0].startswith("3:25warning · mixed-variants: 米露 mixed with 米ロ")
    assert doc.xpath(f"//ol[{has_class('findings')}]/li/a")[0].get("href") == "#" + doc.xpath(f"//main//*[{has_class('flag')}]")[0].get("id")


def test_html_escapes_the_article(mini):
    text = "米ロ会談<script>alert(1)</script>の後、<img src=x onerror=alert(2)>ロシアは&amp;を\"否定\"した。\n"
    page = page_of(text, mini)
    assert page.count("<script") == 1  # ours, at the end
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img" not in page
    doc = lxml.html.fromstring(page)
    assert len(doc.xpath("//script")) == 1
    assert doc.xpath("//main")[0].text_content().strip() == text.strip()


def test_html_escapes_the_glossary(tmp_path):
    tsv = tmp_path / "evil.tsv"
    tsv.write_text(
        "id\tja\ten\tnote\n"
        'russia\tロシア\tRussia<script>x()</script>\t<img src="https://evil.example/x.png"> & "quoted"\n',
        encoding="utf-8",
    )
    page = page_of("ロシアの発表。\n", load_glossary(tsv))
    assert page.count("<script") == 1
    assert "Russia&lt;script&gt;x()&lt;/script&gt;" in page
    assert "&lt;img src=&quot;https://evil.example/x.png&quot;&gt; &amp; &quot;quoted&quot;" in page


def test_html_needs_no_network(bundled, seeds):
    page = render_html(annotate_document(read_text(seeds / SEED_000), bundled), bundled)
    assert not re.search(r"""\b(?:src|href|action|srcset|poster|data)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|//)""", page, re.I)
    assert not re.search(r"url\(|@import", page, re.I)
    assert [href for href in re.findall(r'href="([^"]*)"', page) if not href.startswith("#")] == []
    doc = lxml.html.fromstring(page)
    assert doc.xpath("//link | //*[@src]") == []
    # The Content-Security-Policy allows exactly the inline style and script by hash.
    policy = doc.xpath('//meta[@http-equiv="Content-Security-Policy"]')[0].get("content")
    assert "default-src 'none'" in policy
    for element in ("style", "script"):
        source = doc.xpath(f"//{element}")[0].text
        digest = base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in policy


def test_seed_article_counts(bundled, seeds):
    annotation = annotate_document(read_text(seeds / SEED_000), bundled)
    russia = next(use for use in annotation.concepts if use.concept.id == "russia")
    counts = [sum(use.spellings.values()) for use in annotation.concepts]
    assert counts == sorted(counts, reverse=True)  # most frequent first
    assert annotation.concepts[0].concept.id == "ukraine" and counts[0] > sum(russia.spellings.values())
    assert dict(russia.spellings) == {"ロシア": 30, "露": 4}
    # 露 (露大統領, 対露制裁, a headline's 破った露) is Russia's one-kanji abbreviation, not a rival spelling.
    assert russia.statuses == {"ロシア": "preferred", "露": "abbreviation"}
    assert {f.rule for f in annotation.findings if f.text == "露"} == set()


def test_markdown_code_is_not_annotated(mini):
    text = "# 米ロ関係\n\n`米露` と書かず、米ロと書く。\n\n```\n米露\n```\n"
    annotation = annotate_document(TextFile("note.md", text, "utf-8", b""), mini)
    assert [(m.line, m.column, m.text) for m in annotation.matches] == [(1, 3, "米ロ"), (3, 11, "米ロ")]
    assert annotation.findings == []  # the lint, too, reads only the prose
    assert dict(annotation.concepts[0].spellings) == {"米ロ": 2}


def test_html_marks_a_finding_outside_any_term(mini):
    file = TextFile("x.txt", "隣国はロシアと対立した。", "utf-8", b"")
    base = annotate_document(file, mini, lint=False)
    finding = Finding("x.txt", 1, 1, 3, "demo", "info", "a <demo> message", None, "隣国")
    page = render_html(Annotation(base.path, base.lines, base.matches, [finding], base.concepts), mini)
    doc = lxml.html.fromstring(page)
    mark = doc.xpath("//main//mark")[0]
    assert (mark.text, mark.get("class"), mark.get("tabindex")) == ("隣国", "flag sev-info", "0")
    message = doc.get_element_by_id(mark.get("aria-describedby"))
    assert message.text_content() == "info · demo: a <demo> message"
    assert "a &lt;demo&gt; message" in page


def test_closing_table_stays_readable_in_a_narrow_terminal(run_cli, mini_path):
    out = terminal(run_cli, "-g", mini_path, ARTICLE, columns=40)
    table = out[out.index("Concepts found"):].splitlines()
    assert all(cell_len(line) <= 40 for line in table)
    assert re.search(r"ja\s+count\s+en / note", table[2])
    # The note goes under the English, in words, not folded a letter or two a row.
    row = next(index for index, line in enumerate(table) if re.search(r"安全の保証\s+1\s+security", line))
    column = table[row].index("security")
    cell = " ".join(line[column:].strip() for line in table[row : row + 4])
    assert cell == "security guarantees Binding commitments."


def test_control_characters_of_the_article_never_reach_the_terminal(run_cli, mini_path, tmp_path):
    article = tmp_path / "escape.txt"
    article.write_text("ロシア\x1b[2Jは\x1b]0;title\x07と述べた\x9b。\n", encoding="utf-8")
    out = terminal(run_cli, "-g", mini_path, article, FORCE_COLOR="1")
    assert "\x07" not in out and "\x9b" not in out
    assert "\x1b[2J" not in out and "\x1b]0" not in out
    lines = re.sub(r"\x1b\[[0-9;]*m", "", out).splitlines()  # without the colours and styles
    row = next(index for index, line in enumerate(lines) if "ロシア" in line)
    assert "ロシア␛[2Jは␛]0;title␇と述べた\ufffd。" in lines[row]  # shown as pictures, one cell each
    assert lines[row + 1].index("Russia") == lines[row].index("ロシア")


def test_markdown_from_standard_input(run_cli, mini_path):
    text = "米ロ関係の話。\n\n```\n米露\n```\n"
    as_text = json.loads(run_cli("annotate", "-g", mini_path, "-", "--format", "json", input=text).stdout)
    as_markdown = json.loads(run_cli("annotate", "-g", mini_path, "-", "--markdown", "--format", "json", input=text).stdout)
    assert [term["text"] for term in as_text["terms"]] == ["米ロ", "米露"]
    assert [term["text"] for term in as_markdown["terms"]] == ["米ロ"]
    assert as_markdown["findings"] == []


def test_the_lint_configuration_is_read_as_yakugo_lint_reads_it(run_cli, mini_path, tmp_path, monkeypatch):
    """annotate marks what yakugo lint reports in the same folder: same glossary, same rules."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("イェルツィン氏が演説した。\n", encoding="utf-8")
    (tmp_path / "yakugo.toml").write_text(f'glossary = "{mini_path.as_posix()}"\nignore = ["deprecated-variant"]\n', encoding="utf-8")
    annotated = json.loads(run_cli("annotate", "a.txt", "-f", "json").stdout)
    linted = json.loads(run_cli("lint", "a.txt", "-f", "json").stdout)
    assert [m["concept"] for m in annotated["terms"]] == ["yeltsin"]  # the config's glossary (the bundled id is boris-yeltsin)
    assert annotated["findings"] == linted == []
    (tmp_path / "yakugo.toml").write_text(f'glossary = "{mini_path.as_posix()}"\n', encoding="utf-8")
    annotated = json.loads(run_cli("annotate", "a.txt", "-f", "json").stdout)
    assert [f["rule"] for f in annotated["findings"]] == ["deprecated-variant"]
    assert annotated["findings"] == json.loads(run_cli("lint", "a.txt", "-f", "json").stdout)
