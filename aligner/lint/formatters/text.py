"""Plain-text lint output: findings grouped by file, each with its source line and the span marked."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from typing import Iterable

from rich.cells import cell_len
from rich.text import Text

from yakugo.aligner.core.findings import SEVERITIES, SEVERITY_STYLE
from yakugo.aligner.lint.model import Finding
from yakugo.glossary.textfile import printable

# Text output shows this many characters of context on each side of a span.
EXCERPT_CONTEXT = 30


@dataclass
class FileReport:
    path: str
    lines: list[str]  # the file's lines, to show the source of each finding
    findings: list[Finding]


def text_report(reports: Iterable[FileReport]) -> list[Text]:
    """Grouped by file: ``path:line:column rule message``, then the source with the span marked."""
    out: list[Text] = []
    for report in reports:
        if not report.findings:
            continue
        out.append(Text(report.path, style="bold underline"))
        for finding in report.findings:
            head = Text(f"{finding.path}:{finding.line}:{finding.column} ")
            # The severity as a word: colour alone is lost in CI logs and under NO_COLOR.
            head.append(f"{finding.severity} {finding.rule}", style=SEVERITY_STYLE[finding.severity])
            head.append(f" {finding.message}")
            out.append(head)
            out.extend(_marked_source(report.lines[finding.line - 1], finding))
        out.append(Text(""))
    return out


def _marked_source(line: str, finding: Finding) -> list[Text]:
    """An excerpt of the line around the span, and a caret line under the span."""
    start, end = finding.column - 1, finding.end_column - 1
    # A tab would widen the excerpt but not the caret line; other controls are shown as pictures.
    line = printable(line.replace("\t", " "))
    left = max(0, start - EXCERPT_CONTEXT)
    right = min(len(line), end + EXCERPT_CONTEXT)
    prefix = ("…" if left > 0 else "") + line[left:start]
    gutter = f"{finding.line:>6} │ "
    source = Text(gutter, style="dim")
    source.append(prefix)
    source.append(line[start:end], style=SEVERITY_STYLE[finding.severity] + " underline")
    source.append(line[end:right] + ("…" if right < len(line) else ""))
    marker = Text(" " * 6 + " │ ", style="dim")
    marker.append(" " * cell_len(prefix) + "^" * max(1, cell_len(line[start:end])), style=SEVERITY_STYLE[finding.severity])
    if finding.replacement is not None:
        marker.append(f" {finding.replacement}", style="green")
    return [source, marker]


def summary(findings: list[Finding], files: int, fixable: int = 0) -> str:
    counts = Counter(finding.severity for finding in findings)
    parts = [f"{counts[level]} {_plural(level, counts[level])}" for level in SEVERITIES]
    line = f"{', '.join(parts)} in {files} {'file' if files == 1 else 'files'}"
    if fixable:
        line += f" ({fixable} fixable with --fix)"
    return line


def _plural(level: str, count: int) -> str:
    return level if level == "info" or count == 1 else level + "s"
