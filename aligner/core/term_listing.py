"""The text view of ``yakugo terms``: each line holding terms, laid out to the terminal's
width, and under it one gloss line per term (its English, and what to write instead of a
deprecated or variant form)."""

from __future__ import annotations

from rich.text import Text

from yakugo.aligner.core.layout import cut_rows, fitted, row_breaks
from yakugo.aligner.core.recognize import TermMatch
from yakugo.aligner.core.styles import STATUS_STYLE
from yakugo.aligner.core.wording import counted
from yakugo.glossary.textfile import printable

GUTTER = 8  # cells of "  line │ " before the text
MIN_BODY = 20


def term_listing(path: str, lines: list[str], matches: list[TermMatch], width: int = 80) -> list[Text]:
    """The file's heading, then each line with terms in rows of at most ``width`` cells
    (never breaking inside a term, nor before 。), then a gloss line per term."""
    concepts = {match.concept.id for match in matches}
    heading = Text(f"{printable(path)}: {counted(len(matches), 'term')}, {counted(len(concepts), 'concept')}", style="bold")
    out = fitted(heading, width)
    by_line: dict[int, list[TermMatch]] = {}
    for match in matches:
        by_line.setdefault(match.line, []).append(match)
    body = max(MIN_BODY, width - GUTTER)
    for number, line_matches in by_line.items():
        source = highlighted(lines[number - 1], line_matches)
        for index, row in enumerate(cut_rows(source, row_breaks(source.plain, line_matches, body))):
            gutter = f"{number:>5} │ " if index == 0 else "      │ "
            out.append(Text(gutter, style="dim") + row)
        for match in line_matches:
            out.extend(fitted(gloss(match), width, indent="      │   "))
    return out


def gloss(match: TermMatch) -> Text:
    text = Text(printable(match.text), style=STATUS_STYLE[match.status])
    text.append(f"  {printable(match.concept.en)}")
    if match.status == "deprecated":
        text.append(f"  (deprecated: write {printable(match.concept.ja)})", style="red")
    elif match.status == "variant":
        text.append(f"  (variant of {printable(match.concept.ja)})", style="cyan")
    return text


def highlighted(line: str, matches: list[TermMatch]) -> Text:
    """The line with each match underlined in its status colour (a tab as one space, so
    that columns stay columns; other controls as their pictures)."""
    text = Text(printable(line.replace("\t", " ")))
    for match in matches:
        text.stylize(STATUS_STYLE[match.status] + " underline", match.column - 1, match.end_column - 1)
    return text
