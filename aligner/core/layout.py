"""Text laid out to a terminal's width: rows of at most so many cells (an East Asian
wide character counts two), broken by Japanese rules (kinsoku), never inside a term.

Shared by the terminal views of ``annotate``, ``lint``, ``terms`` and ``extract``.
The width is the console's (``COLUMNS`` when set, else the terminal's, else 80
when piped).
"""

from __future__ import annotations

from typing import Iterable

from rich.cells import cell_len
from rich.text import Text

from yakugo.aligner.core.recognize import TermMatch

# Japanese line breaking (kinsoku): marks that may not begin a row, and ones that may not end it.
NO_ROW_START = frozenset("、。，．・：；？！ー）」』】〕〉》］｝)]},.:;?!ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々〜…‥")
NO_ROW_END = frozenset("「『（【〔〈《［｛([{")


def row_breaks(line: str, terms: list[TermMatch], width: int) -> list[tuple[int, int]]:
    """Offsets ``(start, end)`` of the rows of ``line``, each at most ``width`` cells.

    A row does not end inside a term (unless the term alone is too wide), the
    next row does not start with a closing mark such as 。 or 」 (kinsoku), and
    a row does not end inside a Latin word when a space in its last third allows it."""
    term_start = {offset: match.column - 1 for match in terms for offset in range(match.column, match.end_column - 1)}
    rows = []
    start = 0
    while start < len(line):
        cells = 0
        end = start
        while end < len(line) and cells + cell_len(line[end]) <= width:
            cells += cell_len(line[end])
            end += 1
        if end == start:  # a character wider than the row: take it anyway
            end += 1
        if end < len(line):
            end = kinsoku_end(line, start, end, term_start)
            # Also after kinsoku: "--fix)" must not become "--f" / "ix)" for the sake of the ")".
            if line[end - 1].isascii() and line[end].isascii() and line[end - 1].isalnum() and line[end].isalnum():
                space = line.rfind(" ", start, end)
                if space > start and cell_len(line[space:end]) <= width // 3 and space + 1 not in term_start:
                    end = space + 1
        rows.append((start, end))
        start = end
    return rows


def kinsoku_end(line: str, start: int, end: int, term_start: dict[int, int]) -> int:
    """Move a row's ``end`` back so that it does not cut a term, start the next row
    with a closing mark (。、」…) or end this one with an opening mark (「（…).
    Gives up after a few characters (a run of marks then breaks where it fits)."""
    fit = end
    for _ in range(6):
        settled = end
        if end in term_start and term_start[end] > start:
            end = term_start[end]
        if end - 1 > start and (line[end] in NO_ROW_START or line[end - 1] in NO_ROW_END):
            end -= 1
        if end == settled:
            return end
    return term_start[fit] if term_start.get(fit, start) > start else fit




def fitted(text: Text, width: int, indent: str = "", terms: Iterable[TermMatch] = ()) -> list[Text]:
    """``text`` (one line, styles kept) cut into rows of at most ``width`` cells, each
    after ``indent`` (whose cells count), and none beginning with 。 or the like."""
    room = max(1, width - cell_len(indent))
    rows = []
    for index, row in enumerate(cut_rows(text, row_breaks(text.plain, list(terms), room))):
        if index:
            row = row[len(row.plain) - len(row.plain.lstrip(" ")) :]  # the space a row broke at
        row.rstrip()
        rows.append(Text(indent) + row)
    return rows


def cut_rows(text: Text, rows: list[tuple[int, int]]) -> list[Text]:
    """``text`` cut at the ends of ``rows`` (as ``row_breaks`` gives them: each starting where
    the last ended), styles kept, in one pass: slicing a rich ``Text`` costs its whole
    length, so a row at a time was quadratic on a line of millions of characters."""
    return list(text.divide(end for _, end in rows))[: len(rows)]


def excerpt_bounds(line: str, start: int, end: int, width: int) -> tuple[int, int]:
    """Offsets ``(left, right)`` of the part of ``line`` shown around the span
    ``start..end`` in ``width`` cells: as much context on each side as fits beside
    the span and the ellipses marking cut ends (what one side does not use goes to
    the other). A span wider than ``width`` is shown alone."""
    room = width - cell_len(line[start:end])
    if cell_len(line) <= width:
        return 0, len(line)
    room -= 2  # an ellipsis at each cut end (at most)
    if room <= 0:
        return start, end
    left, right = start, end
    budget_left, budget_right = room // 2, room - room // 2
    while left > 0 and cell_len(line[left - 1]) <= budget_left:
        left -= 1
        budget_left -= cell_len(line[left])
    budget_right += budget_left
    while right < len(line) and cell_len(line[right]) <= budget_right:
        budget_right -= cell_len(line[right])
        right += 1
    while left > 0 and cell_len(line[left - 1]) <= budget_right:  # the right side ran out first
        left -= 1
        budget_right -= cell_len(line[left])
    return left, right
