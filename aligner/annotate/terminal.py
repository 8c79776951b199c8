"""The terminal rendering of an annotated article (``yakugo annotate`` without ``--html``).

Each line is printed in rows that fit the console (80 columns when piped),
and beneath every row a ruby-like line gives the English of each term
starting on it, aligned under the term; glosses that would collide go one
line further down. Lint findings are listed under their line (marked ``!``)
and the closing table sums up the concepts.
"""

from __future__ import annotations

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from yakugo.aligner.annotate.model import Annotation, counted
from yakugo.aligner.core.layout import row_breaks
from yakugo.aligner.core.styles import SEVERITY_STYLE, STATUS_STYLE
from yakugo.glossary.textfile import printable

MIN_BODY_WIDTH = 20
JA_COLUMN_WIDTH = 18
# Below this many columns the note goes under the English (a note column would be a few cells wide).
FULL_TABLE_WIDTH = 76


def summary(annotation: Annotation) -> str:
    return ", ".join(
        (
            counted(len(annotation.matches), "term"),
            counted(len(annotation.concepts), "concept"),
            counted(len(annotation.findings), "lint finding"),
        )
    )


def print_annotation(console: Console, annotation: Annotation) -> None:
    width = max(console.width, MIN_BODY_WIDTH + 8)
    gutter = max(4, len(str(len(annotation.lines))))
    body_width = width - gutter - 3
    console.print(Text(printable(annotation.path), style="bold"), soft_wrap=True)
    console.print(Text(summary(annotation), style="dim"))
    console.print()
    blank = False
    for number, line in enumerate(annotation.lines, start=1):
        if not line.strip():
            if not blank:
                console.print()
            blank = True
            continue
        blank = False
        first = True
        for row, glosses in ruby_rows(annotation, number, body_width):
            label = f"{number:>{gutter}}" if first else " " * gutter
            console.print(Text.assemble((f"{label} │ ", "dim"), row), soft_wrap=True)
            for gloss in glosses:
                console.print(Text.assemble((f"{' ' * gutter} ┆ ", "dim"), gloss), soft_wrap=True)
            first = False
        for finding in annotation.findings_on(number):
            style = SEVERITY_STYLE[finding.severity]
            message = Text(f"{finding.line}:{finding.column} {finding.severity} {finding.rule}: ", style=style)
            message.append(printable(finding.message))
            for index, part in enumerate(message.wrap(console, body_width)):
                console.print(Text.assemble((f"{' ' * gutter} {'!' if index == 0 else ' '} ", style), part), soft_wrap=True)
    console.print()
    console.print(concept_table(annotation, width))


def ruby_rows(annotation: Annotation, number: int, width: int) -> list[tuple[Text, list[Text]]]:
    """Line ``number`` cut into rows of at most ``width`` cells, each with the gloss
    lines beneath it: the English of each term that starts on the row, under its
    first character (or as far right as still fits), ``!`` before it when a lint
    finding is on the term."""
    line = printable(annotation.lines[number - 1].replace("\t", " "))
    terms = annotation.terms_on(number)
    findings = annotation.findings_on(number)
    rows = []
    for start, end in row_breaks(line, terms, width):
        row = Text(line[start:end])
        gloss_lines: list[Text] = []
        for match in terms:
            lo, hi = match.column - 1, match.end_column - 1
            if lo < end and hi > start:  # a term too wide for one row goes on over the next
                row.stylize(STATUS_STYLE[match.status] + " underline", max(lo, start) - start, min(hi, end) - start)
            if not start <= lo < end:
                continue
            flagged = any(f.column < match.end_column and f.end_column > match.column for f in findings)
            english = match.concept.en
            if match.compound is not None and len(match.compound) > 1:
                if not line.startswith(match.compound, lo):
                    continue  # the compound's first country glosses the whole compound
                english = match.compound_en or english
            label = ("!" if flagged else "") + printable(english)
            if cell_len(label) > width:
                label = label[: width - 1] + "…"
            at = min(cell_len(line[start:lo]), width - cell_len(label))
            # The first gloss line with a free cell before ``at`` (glosses never touch).
            gloss = next((g for g in gloss_lines if not g.cell_len or g.cell_len < at), None)
            if gloss is None:
                gloss = Text()
                gloss_lines.append(gloss)
            gloss.append(" " * (at - gloss.cell_len))
            gloss.append(label, style=STATUS_STYLE[match.status])
        # After the terms, so that the severity colour wins over the status colour.
        for finding in findings:
            lo, hi = max(finding.column - 1, start), min(finding.end_column - 1, end)
            if lo < hi:
                row.stylize(SEVERITY_STYLE[finding.severity] + " reverse", lo - start, hi - start)
        rows.append((row, gloss_lines))
    return rows


def spelling_lines(spellings: dict[str, int], width: int) -> str:
    """``米ロ ×3 / 米露 ×1``, broken between spellings (never inside one) to fit ``width``."""
    items = [f"{text} ×{count}" for text, count in spellings.items()]
    lines = [items[0]]
    for item in items[1:]:
        if cell_len(f"{lines[-1]} / {item}") <= width:
            lines[-1] += f" / {item}"
        else:
            lines[-1] += " /"
            lines.append(item)
    return "\n".join(lines)


def concept_table(annotation: Annotation, width: int) -> Table:
    """ja, en, count and note; in fewer than ``FULL_TABLE_WIDTH`` columns the note
    goes under the English and the ja column narrows, so that the text stays readable."""
    full = width >= FULL_TABLE_WIDTH
    ja_width = JA_COLUMN_WIDTH if full else min(JA_COLUMN_WIDTH, max(8, (width - 10) // 3))
    table = Table(box=box.SIMPLE_HEAD, title="Concepts found", title_justify="left", expand=True)
    # Narrow ja and en columns leave the note most of an 80-column line.
    table.add_column("ja", min_width=6, max_width=ja_width, overflow="fold")
    if full:
        table.add_column("en", min_width=8, max_width=20, overflow="fold")
        table.add_column("count", justify="right")
        table.add_column("note", ratio=1, overflow="fold")
    else:
        table.add_column("count", justify="right")
        table.add_column("en / note", ratio=1, overflow="fold")
    for use in annotation.concepts:
        concept = use.concept
        # Glossary fields are printed as pictures too: an imported glossary may hold escape sequences.
        ja = Text(printable(concept.ja), style="bold")
        if set(use.spellings) != {concept.ja}:
            ja.append("\n" + spelling_lines(use.spellings, ja_width), style="dim")
        if full:
            table.add_row(ja, Text(printable(concept.en)), str(use.count), Text(printable(concept.note)))
        else:
            english = Text(printable(concept.en))
            if concept.note:
                english.append("\n" + printable(concept.note), style="dim")
            table.add_row(ja, str(use.count), english)
    return table
