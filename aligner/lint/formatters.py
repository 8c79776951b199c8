"""Output formats of ``yakugo lint``: text, JSON, SARIF 2.1.0, GitHub workflow commands, diffs.

Formatters only present findings; the rules never know how they are shown.
"""

from __future__ import annotations

import difflib
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable
from urllib.parse import quote

from rich.cells import cell_len
from rich.text import Text

from yakugo.aligner.core.findings import SARIF_LEVEL, SEVERITIES, SEVERITY_STYLE, Rule
from yakugo.aligner.lint.model import Finding
from yakugo.glossary.textfile import printable

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
GITHUB_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}
# Text output shows this many characters of context on each side of a span.
EXCERPT_CONTEXT = 30


@dataclass
class FileReport:
    path: str
    lines: list[str]  # the file's lines, to show the source of each finding
    findings: list[Finding]


def yakugo_version() -> str:
    from importlib import metadata  # only SARIF needs it; it costs start-up

    try:
        return metadata.version("yakugo")
    except metadata.PackageNotFoundError:
        return "0.1.0"


# --- text ---------------------------------------------------------------


def text_report(reports: Iterable[FileReport]) -> list[Text]:
    """Grouped by file: ``path:line:column rule message``, then the source with the span marked."""
    out: list[Text] = []
    for report in reports:
        if not report.findings:
            continue
        out.append(Text(report.path, style="bold underline"))
        for finding in report.findings:
            head = Text(f"{finding.path}:{finding.line}:{finding.column} ")
            head.append(finding.rule, style=SEVERITY_STYLE[finding.severity])
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


# --- JSON ---------------------------------------------------------------


def json_report(findings: Iterable[Finding]) -> list[dict[str, object]]:
    return [finding.to_dict() for finding in findings]


# --- SARIF --------------------------------------------------------------


def sarif_report(findings: Iterable[Finding], rules: list[Rule]) -> dict[str, object]:
    """A SARIF 2.1.0 log with one run; columns are Unicode code points, as in the JSON."""
    index = {rule.id: number for number, rule in enumerate(rules)}
    results = []
    for finding in findings:
        rule = rules[index[finding.rule]]
        location = {
            "physicalLocation": {
                "artifactLocation": {"uri": _uri(finding.path)},
                "region": {
                    "startLine": finding.line,
                    "startColumn": finding.column,
                    "endColumn": finding.end_column,
                    "snippet": {"text": finding.text},
                },
            }
        }
        result: dict[str, object] = {
            "ruleId": finding.rule,
            "ruleIndex": index[finding.rule],
            "level": SARIF_LEVEL[finding.severity],
            "message": {"text": finding.message},
            "locations": [location],
            "properties": {"concept": finding.concept, "replacement": finding.replacement},
        }
        if rule.fixable and finding.replacement is not None:
            result["fixes"] = [
                {
                    "description": {"text": f"Replace {finding.text} with {finding.replacement}"},
                    "artifactChanges": [
                        {
                            "artifactLocation": {"uri": _uri(finding.path)},
                            "replacements": [
                                {
                                    "deletedRegion": {
                                        "startLine": finding.line,
                                        "startColumn": finding.column,
                                        "endColumn": finding.end_column,
                                    },
                                    "insertedContent": {"text": finding.replacement},
                                }
                            ],
                        }
                    ],
                }
            ]
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "yakugo",
                        "version": yakugo_version(),
                        "rules": [_sarif_rule(rule) for rule in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _sarif_rule(rule: Rule) -> dict[str, object]:
    return {
        "id": rule.id,
        "name": "".join(word.capitalize() for word in rule.id.split("-")),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.doc.strip() or rule.summary},
        "help": {"text": rule.doc.strip() or rule.summary},
        "defaultConfiguration": {"level": SARIF_LEVEL[rule.severity], "enabled": True},
        "properties": {"fixable": rule.fixable, "enabledByDefault": rule.enabled_by_default},
    }


def _uri(path: str) -> str:
    """A URI for a path as named: relative paths stay relative references (what code
    scanning resolves against the checkout), absolute ones become ``file://`` URIs;
    Japanese file names and spaces are percent-encoded."""
    if os.path.isabs(path):
        return Path(path).as_uri()
    return quote(path.replace("\\", "/"), safe="/-._~")


# --- GitHub Actions -----------------------------------------------------


def github_report(findings: Iterable[Finding]) -> list[str]:
    """``::warning file=…,line=…,col=…,endColumn=…,title=…::message`` per finding."""
    return [
        f"::{GITHUB_COMMAND[f.severity]} file={_property(f.path)},line={f.line},col={f.column},"
        f"endColumn={f.end_column},title={_property(f.rule)}::{_data(f.message)}"
        for f in findings
    ]


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


# --- diff ---------------------------------------------------------------


def unified_diff(path: str, before: str, after: str) -> str:
    """What ``--fix`` would change, as a unified diff (``a/PATH`` → ``b/PATH``)."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{path}", f"b/{path}"
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
