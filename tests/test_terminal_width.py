"""lint, terms and extract laid out to the terminal's width (issue 17, item 13)."""

from __future__ import annotations

import json
import re

import pytest
from rich.cells import cell_len

from yakugo.aligner.core.layout import NO_ROW_START, excerpt_bounds

from support import SEED_001

WIDTHS = (60, 80, 120)
SEED_LINE = 16  # a long line of SEED_001 with several findings among wide characters
ROW = re.compile(r"^( {0,5}\d+| {5,6}) │ (.*)$")


@pytest.fixture
def seed_line(seeds, tmp_path):
    """The seed's line alone (the original stays where it is; its text is not copied into the project)."""
    line = (seeds / SEED_001).read_text(encoding="utf-8").splitlines()[SEED_LINE - 1]
    assert cell_len(line) > max(WIDTHS) and any(cell_len(c) == 2 for c in line)
    path = tmp_path / "seed.txt"
    # And a line of our own with deprecated forms near both ends, where an excerpt is cut on one side.
    own = "記事：イェルツィン大統領は" + "米国との関係について長く語り、" * 8 + "最後にイェルツィンと書いた。"
    path.write_text(line + "\n" + own + "\n", encoding="utf-8")
    return path, [line, own]


def text_at_cells(row: str, first: int, last: int) -> str:
    """The characters of ``row`` occupying cells first..last."""
    out, cells = [], 0
    for char in row:
        if first <= cells < last:
            out.append(char)
        cells += cell_len(char)
    return "".join(out)


def assert_fits(stdout: str, width: int) -> list[str]:
    lines = stdout.splitlines()
    assert lines
    too_wide = [line for line in lines if cell_len(line) > width]
    assert too_wide == []
    return lines


@pytest.mark.parametrize("width", WIDTHS)
def test_lint_lines_fit_and_carets_sit_under_the_span(run_cli, seed_line, width, monkeypatch):
    path, line = seed_line
    monkeypatch.setenv("COLUMNS", str(width))
    findings = json.loads(run_cli("lint", path, "--select", "ALL", "-f", "json").stdout)
    assert len(findings) >= 3 and {finding["line"] for finding in findings} == {1, 2}
    lines = assert_fits(run_cli("lint", path, "--select", "ALL").stdout, width)
    # Rows of one finding's excerpt start with the numbered gutter; carets follow their row.
    groups: list[list[str]] = []
    for text in lines:
        row = ROW.match(text)
        if row is None:
            continue
        if row.group(1).strip():
            groups.append([])
        groups[-1].append(row.group(2))
    assert len(groups) == len(findings)
    for finding, rows in zip(findings, groups):
        span = line[finding["line"] - 1][finding["column"] - 1 : finding["end_column"] - 1]
        marked = ""
        for source, carets in zip(rows, rows[1:]):
            caret = re.match(r"^( *)(\^+)", carets)
            if caret and "^" not in source:
                marked += text_at_cells(source, len(caret.group(1)), len(caret.group(1)) + len(caret.group(2)))
        assert marked == span, (finding, rows)
        # The excerpt uses the room the width gives, not a fixed 30 characters.
        excerpt = rows[0]
        assert cell_len(excerpt) >= width - 9 - 4 or "…" not in excerpt


@pytest.mark.parametrize("width", WIDTHS)
def test_terms_rows_fit_never_start_with_a_closing_mark_and_keep_the_whole_line(run_cli, seed_line, width, monkeypatch):
    path, line = seed_line
    monkeypatch.setenv("COLUMNS", str(width))
    lines = assert_fits(run_cli("terms", path).stdout, width)
    source_rows = [ROW.match(text).group(2) for text in lines if ROW.match(text) and not text.startswith("      │   ")]
    assert "".join(source_rows) == "".join(line)
    assert len(source_rows) > 1
    assert not any(row[0] in NO_ROW_START for row in source_rows[1:])
    glosses = [text for text in lines if text.startswith("      │   ")]
    assert any("Russia" in gloss for gloss in glosses)


@pytest.mark.parametrize("width", WIDTHS)
def test_extract_rows_fit(run_cli, seeds, width, monkeypatch):
    monkeypatch.setenv("COLUMNS", str(width))
    lines = assert_fits(run_cli("extract", seeds / SEED_001, "--top", "5").stdout, width)
    assert lines[0].startswith("   1  ")
    examples = [text for text in lines if text.startswith("      ") and text.strip()]
    # A sentence may begin with ・; a row never begins with a mark that closes something.
    assert not any(text[6] in "。、，．」』）" for text in examples)


def test_the_excerpt_is_sized_to_the_width_around_the_span():
    line = "あ" * 50 + "XY" + "b" * 50
    assert excerpt_bounds(line, 50, 52, 20) == (46, 60)  # 8 cells each side and two ellipses
    assert excerpt_bounds(line, 0, 2, 20) == (0, 9)  # what the left does not use goes right: 7 wide characters
    assert excerpt_bounds(line, 50, 52, 1000) == (0, len(line))
    assert excerpt_bounds("あ" * 30, 5, 25, 20) == (5, 25)  # a span wider than the row alone


def test_a_latin_word_is_not_cut_for_the_sake_of_a_closing_bracket():
    from yakugo.aligner.core.layout import row_breaks

    summary = "0 errors, 2 warnings, 0 info in 1 file (2 fixable with --fix)"
    (first, second) = row_breaks(summary, [], 60)
    assert summary[second[0] : second[1]] == "--fix)"
