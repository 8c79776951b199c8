"""``yakugo lint``: the consistency lint of Japanese articles (engine: ``yakugo.aligner.lint.engine``)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Literal

import typer
from rich.text import Text

from yakugo.aligner.lint.config import load_config
from yakugo.aligner.lint.engine import Linter, LintOptions, all_rules, fails, fixable
from yakugo.aligner.lint.formatters import (
    FileReport,
    github_report,
    json_report,
    sarif_report,
    summary,
    text_report,
    unified_diff,
)
from yakugo.cli.common import (
    InputFiles,
    command,
    format_option,
    glossary_option,
    open_glossary,
    print_json,
    stdout_console,
)
from yakugo.glossary import InputError
from yakugo.glossary.errors import located
from yakugo.glossary.textfile import write_text


def rule_list(values: list[str] | None) -> list[str] | None:
    """``--select a,b --select c`` → ``[a, b, c]`` (None when the flag is absent)."""
    if values is None:
        return None
    return [name.strip() for value in values for name in value.split(",") if name.strip()]


@command()
def lint(
    paths: list[str] = typer.Argument(None, help="Files, directories (*.txt, *.md, recursively) or - for stdin."),
    glossary: Path | None = glossary_option(),
    output_format: Literal["text", "json", "sarif", "github"] = format_option(),
    select: list[str] | None = typer.Option(None, "--select", help="Only these rules (comma-separated; ALL = every rule)."),
    ignore: list[str] | None = typer.Option(None, "--ignore", help="Skip these rules (comma-separated)."),
    fail_on: Literal["error", "warning", "info"] | None = typer.Option(
        None, "--fail-on", help="Exit 1 when a finding is at or above this severity [default: warning]."
    ),
    fix: bool = typer.Option(False, "--fix", help="Rewrite files with every fixable finding fixed."),
    diff: bool = typer.Option(False, "--diff", help="Print what --fix would change as a unified diff; write nothing."),
    markdown: bool = typer.Option(False, "--markdown", help="Read standard input as Markdown."),
    list_rules: bool = typer.Option(False, "--list-rules", help="Describe every rule and exit."),
) -> None:
    """Check Japanese articles against the glossary: deprecated forms, mixed spellings, terms wrong in context."""
    if list_rules:
        print_rules(output_format)
        return
    if not paths:
        raise InputError("yakugo lint: give at least one PATH (or - for standard input)")
    if fix and diff:
        raise InputError("yakugo lint: use --fix or --diff, not both")
    config = load_config()
    selected = rule_list(select)
    if selected == []:
        raise InputError("yakugo lint: --select names no rule (give rule ids or ALL)")
    # A rule named with --select runs even when the config file ignores it.
    config_ignore = [name for name in config.ignore if name not in (selected or ())]
    options = LintOptions(
        select=selected if selected is not None else config.select,
        ignore=rule_list(ignore) if ignore is not None else config_ignore,
        severity=config.severity,
        markdown=True if markdown else None,
    )
    threshold = fail_on or config.fail_on or "warning"
    linter = Linter(open_glossary(glossary if glossary is not None else config.glossary), options=options)
    # A progress bar for people: not while a script reads JSON/SARIF from a pipe.
    quiet = output_format != "text" and not sys.stdout.isatty()
    inputs = InputFiles(paths, "Linting", progress=not quiet, keep=config.wants)
    if fix and "-" in inputs.paths:
        raise InputError("-: --fix cannot rewrite standard input; use --diff")

    reports: list[FileReport] = []
    changed = fixed_count = 0
    for file in inputs:
        try:
            if fix or diff:
                fixed_text, fixed = linter.fix_text(file.text, file.path)
                if fixed_text != file.text:
                    changed += 1
                    fixed_count += len(fixed)
                    if diff:
                        sys.stdout.write(unified_diff(file.path, file.text, fixed_text))
                        continue
                    write_text(file, fixed_text)
                    file.text = fixed_text
                elif diff:
                    continue
            findings = linter.lint_text(file.text, file.path)
        except InputError as error:
            inputs.skip(error)
            continue
        except UnicodeEncodeError as error:
            line = error.object.count("\n", 0, error.start) + 1
            inputs.skip(InputError(located(file.path, line, f"cannot write the fix {error.object[error.start:error.end]} in {file.encoding}; file left as it was")))
            continue
        # Source lines only where a finding will show them: a large run stays small.
        reports.append(FileReport(file.path, file.lines() if findings else [], findings))

    if diff:
        raise typer.Exit(2 if inputs.unreadable else 1 if changed else 0)
    findings = [finding for report in reports for finding in report.findings]
    if output_format == "json":
        print_json(json_report(findings))
    elif output_format == "sarif":
        print_json(sarif_report(findings, linter.rules))
    elif output_format == "github":
        for line in github_report(findings):
            print(line)
    else:
        console = stdout_console()
        for line in text_report(reports):
            console.print(line)
        if fix:
            console.print(f"Fixed {fixed_count} {'finding' if fixed_count == 1 else 'findings'} in {changed} {'file' if changed == 1 else 'files'}.")
        console.print(Text(summary(findings, len(reports), len(fixable(findings))), style="bold"))
    raise typer.Exit(2 if inputs.unreadable else 1 if fails(findings, threshold) else 0)


def print_rules(output_format: str) -> None:
    rules = list(all_rules().values())
    if output_format == "json":
        print_json(
            [
                {
                    "id": rule.id,
                    "severity": rule.severity,
                    "fixable": rule.fixable,
                    "enabled_by_default": rule.enabled_by_default,
                    "summary": rule.summary,
                    "doc": rule.doc.strip(),
                }
                for rule in rules
            ]
        )
        return
    console = stdout_console()
    for rule in rules:
        flags = [rule.severity, "fixable" if rule.fixable else "", "" if rule.enabled_by_default else "off by default"]
        console.print(Text(f"{rule.id}  ({', '.join(flag for flag in flags if flag)})", style="bold"))
        console.print(Text(rule.doc.strip()))
        console.print()

