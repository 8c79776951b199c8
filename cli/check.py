"""``yakugo check``: terminology QA of an English translation against its Japanese source."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import typer
from rich.text import Text

from yakugo.aligner.lint.engine import fails
from yakugo.cli.bilingual import (
    InputFormat,
    bilingual_path_argument,
    input_format_option,
    read_segments,
    source_option,
    target_option,
)
from yakugo.cli.common import command, format_option, glossary_option, open_glossary, print_json, stdout_console, with_progress
from yakugo.glossary.textfile import printable

if TYPE_CHECKING:
    from yakugo.aligner.qa.checker import Finding

SEVERITY_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}


@command()
def check(
    path: str | None = bilingual_path_argument(),
    source: str | None = source_option(),
    target: str | None = target_option(),
    input_format: InputFormat = input_format_option(),
    glossary: Path | None = glossary_option(),
    output_format: Literal["text", "json", "csv"] = format_option(),
    fail_on: Literal["error", "warning", "info"] = typer.Option(
        "warning", "--fail-on", help="Exit 1 when a finding is at least this severe."
    ),
    count: bool = typer.Option(False, "--count", help="Each Japanese occurrence needs its own English rendering."),
) -> None:
    """Check that the English renders the glossary terms of the Japanese: missing, forbidden
    and inconsistent renderings. Exit 0 clean, 1 findings at --fail-on or above, 2 bad input."""
    from yakugo.aligner.qa.checker import Checker, findings_csv  # lemminflect: load on use

    terms = open_glossary(glossary)
    segments = read_segments(path, source, target, input_format)
    findings = Checker(terms, count=count).check(with_progress(segments, "Checking"))
    if output_format == "json":
        print_json([finding.to_dict() for finding in findings])
    elif output_format == "csv":
        sys.stdout.buffer.write(findings_csv(findings))
        sys.stdout.buffer.flush()
    else:
        print_report(findings, len(segments))
    raise typer.Exit(1 if fails(findings, fail_on) else 0)


def print_report(findings: list[Finding], checked: int) -> None:
    """Each segment with findings: the pair with the terms highlighted, then the findings."""
    console = stdout_console()
    by_pair: dict[int, list[Finding]] = {}
    for finding in findings:
        by_pair.setdefault(id(finding.pair), []).append(finding)
    for pair_findings in by_pair.values():
        pair = pair_findings[0].pair
        where = f" (line {pair.line})" if pair.line is not None and str(pair.line) != pair.id else ""
        console.print(Text(f"segment {pair.id}{where}", style="bold"))
        console.print(Text.assemble(("  ja │ ", "dim"), highlighted_source(pair.source, pair_findings)))
        console.print(Text.assemble(("  en │ ", "dim"), highlighted_target(pair.target, pair_findings)))
        for finding in pair_findings:
            console.print(describe(finding))
        console.print()
    severities = Counter(finding.severity for finding in findings)
    segments = len(by_pair)
    console.print(
        f"{len(findings)} finding{'s' if len(findings) != 1 else ''} in {segments} of {checked} segments: "
        f"{severities['error']} error, {severities['warning']} warning, {severities['info']} info"
    )


def highlighted_source(text: str, findings: list[Finding]) -> Text:
    line = Text(printable(text))
    for finding in findings:
        start = finding.ja_column - 1
        line.stylize("bold underline", start, start + len(finding.ja_text))
    return line


def highlighted_target(text: str, findings: list[Finding]) -> Text:
    line = Text(printable(text))
    for finding in findings:
        if finding.target_start is not None and finding.target_end is not None:
            line.stylize(SEVERITY_STYLE[finding.severity] + " underline", finding.target_start, finding.target_end)
    return line


def describe(finding: Finding) -> Text:
    text = Text("  ")
    text.append(f"{finding.severity:<7} ", style=SEVERITY_STYLE[finding.severity])
    text.append(f"{finding.rule:<17} ", style="dim")
    text.append(finding.ja_text, style="bold")
    text.append(" → ")
    if finding.target_text is None:
        text.append("(no rendering)", style="italic")
    else:
        text.append(finding.target_text, style=SEVERITY_STYLE[finding.severity])
    text.append(f"\n      {finding.message}")
    text.append("\n      accepted: ", style="dim")
    text.append(" / ".join(finding.expected), style="green")
    return text
