"""``yakugo check``: terminology QA of a translation against its source (library: ``yakugo.aligner.qa``)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Literal

import typer

from yakugo.aligner.core.findings import fails
from yakugo.cli.bilingual import (
    InputFormat,
    bilingual_path_argument,
    input_format_option,
    read_segments,
    source_option,
    target_option,
)
from yakugo.cli.common import (
    command,
    format_option,
    glossary_option,
    config_option,
    isolated_option,
    open_project_glossary,
    print_json,
    print_rule_list,
    rule_list,
    stdout_console,
    with_progress,
)
from yakugo.glossary import InputError


@command()
def check(
    path: str | None = bilingual_path_argument(),
    source: str | None = source_option(),
    target: str | None = target_option(),
    input_format: InputFormat = input_format_option(),
    glossary: Path | None = glossary_option(),
    config: Path | None = config_option(),
    isolated: bool = isolated_option(),
    output_format: Literal["text", "json", "csv", "sarif"] = format_option(),
    fail_on: Literal["error", "warning", "info"] = typer.Option(
        "warning", "--fail-on", help="Exit 1 when a finding is at least this severe."
    ),
    direction: Literal["ja-en", "en-ja"] | None = typer.Option(
        None, "--direction", help="Insist on this direction (default: told from the input's languages, header or content)."
    ),
    count: bool = typer.Option(False, "--count", help="Each source occurrence needs its own rendering in the translation."),
    select: list[str] | None = typer.Option(None, "--select", metavar="RULE,...", help="Only these rules (comma-separated; ALL = every rule)."),
    ignore: list[str] | None = typer.Option(None, "--ignore", metavar="RULE,...", help="Skip these rules (comma-separated)."),
    list_rules: bool = typer.Option(False, "--list-rules", help="Describe every rule and exit."),
) -> None:
    """Check that a translation (Japanese→English or English→Japanese) renders the glossary terms
    of its source: missing, forbidden, deprecated and inconsistent renderings. Exit 0 clean,
    1 findings at --fail-on or above, 2 bad input."""
    from yakugo.aligner.qa import formatters  # lemminflect: load on use
    from yakugo.aligner.qa.checker import Checker
    from yakugo.aligner.qa.rules import REGISTRY

    if list_rules:
        print_rule_list(REGISTRY, output_format)
        return
    selected = rule_list(select)
    if selected == []:
        raise InputError("yakugo check: --select names no rule (give rule ids or ALL)")
    checker = Checker(open_project_glossary(glossary, config, isolated), count=count, select=selected, ignore=rule_list(ignore) or ())
    segments = read_segments(path, source, target, input_format, direction)
    findings = checker.check(with_progress(segments, "Checking"))
    if output_format == "json":
        print_json(formatters.json_report(findings))
    elif output_format == "csv":
        sys.stdout.buffer.write(formatters.findings_csv(findings))
        sys.stdout.buffer.flush()
    elif output_format == "sarif":
        print_json(formatters.sarif_report(findings, checker.rules, path or source or "-"))
    else:
        console = stdout_console()
        for line in formatters.text_report(findings, len(segments)):
            console.print(line)
    raise typer.Exit(1 if fails((finding.severity for finding in findings), fail_on) else 0)
