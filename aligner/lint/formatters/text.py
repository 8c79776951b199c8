"""Plain-text lint output: findings grouped by file, each with its source line and the span marked."""

from __future__ import annotations

from collections import Counter

from typing import Iterable

from rich.cells import cell_len
from rich.text import Text

from yakugo.aligner.core.findings import SEVERITIES, SEVERITY_STYLE
from yakugo.aligner.core.layout import excerpt_bounds, fitted, row_breaks
from yakugo.aligner.lint.formatters.report import FileReport
from yakugo.aligner.lint.model import Finding
from yakugo.glossary.textfile import printable

GUTTER = 9  # cells of "  line │ " before the source
MIN_BODY = 20  # the source keeps this many cells however narrow the terminal


def text_report(reports: Iterable[FileReport], width: int = 80) -> list[Text]:
    """Grouped by file: ``path:line:column severity rule message``, then the source with
    the span marked; every line at most ``width`` cells (the terminal's width)."""
    out: list[Text] = []
    for report in reports:
        if not report.findings:
            continue
        out.extend(fitted(Text(printable(report.path), style="bold underline"), width))
        for finding in report.findings:
            head = Text(printable(f"{finding.path}:{finding.line}:{finding.column} "))
            # The severity as a word: colour alone is lost in CI logs and under NO_COLOR.
            head.append(f"{finding.severity} {finding.rule}", style=SEVERITY_STYLE[finding.severity])
            head.append(f" {printable(finding.message)}")
            out.extend(fitted(head, width))
            out.extend(_marked_source(report.lines[finding.line - 1], finding, width))
        out.append(Text(""))
    return out


def _marked_source(line: str, finding: Finding, width: int) -> list[Text]:
    """The line around the span, as much as ``width`` leaves, with carets under the span
    (in cells, so under wide characters too); a span wider than a row goes on over rows."""
    body = max(MIN_BODY, width - GUTTER)
    # Only the part of the line an excerpt can show is read: each character takes a cell
    # or more, so ``body`` characters either side are enough, and a finding on a line of
    # millions of characters costs what one on a short line does.
    window = max(0, finding.column - 1 - body - 1)
    whole_length = len(line)
    line = line[window : finding.end_column - 1 + body + 1]
    start, end = finding.column - 1 - window, finding.end_column - 1 - window
    # A tab would widen the excerpt but not the caret line; other controls are shown as pictures.
    line = printable(line.replace("\t", " "))
    left, right = excerpt_bounds(line, start, end, body)
    style = SEVERITY_STYLE[finding.severity]
    cut_left, cut_right = window + left > 0, window + right < whole_length
    excerpt = Text(("…" if cut_left else "") + line[left:right] + ("…" if cut_right else ""))
    offset = 1 if cut_left else 0  # where line[left] is in the excerpt
    span_start, span_end = start - left + offset, end - left + offset
    excerpt.stylize(style + " underline", span_start, span_end)
    out: list[Text] = []
    first = True
    for row_start, row_end in row_breaks(excerpt.plain, [], body):
        out.append(Text(f"{finding.line:>6} │ " if first else " " * 6 + " │ ", style="dim") + excerpt[row_start:row_end])
        first = False
        lo, hi = max(span_start, row_start), min(span_end, row_end)
        if lo < hi or (row_start <= span_start < row_end and span_start == span_end):
            marker = Text(" " * 6 + " │ ", style="dim")
            carets = max(1, cell_len(excerpt.plain[lo:hi]))
            marker.append(" " * cell_len(excerpt.plain[row_start:lo]) + "^" * carets, style=style)
            out.append(marker)
    if finding.replacement is not None:
        replacement = Text(f" {printable(finding.replacement)}", style="green")
        if out[-1].cell_len + replacement.cell_len <= width:
            out[-1].append_text(replacement)
        else:
            out.extend(fitted(replacement, width, indent=" " * 6 + " │ "))
    return out


def summary(findings: list[Finding], files: int, fixable: int = 0) -> str:
    counts = Counter(finding.severity for finding in findings)
    parts = [f"{counts[level]} {_plural(level, counts[level])}" for level in SEVERITIES]
    line = f"{', '.join(parts)} in {files} {'file' if files == 1 else 'files'}"
    if fixable:
        line += f" ({fixable} fixable with --fix)"
    return line


def _plural(level: str, count: int) -> str:
    return level if level == "info" or count == 1 else level + "s"
