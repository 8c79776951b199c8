"""``yakugo lint``: the consistency lint of Japanese and English articles (library: ``yakugo.aligner.lint``)."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Iterator, Literal

import typer

from yakugo.aligner.lint.engine import all_rules, fails, fixable
from yakugo.aligner.lint.formatters import FileReport, github_report, json_report, sarif_report, unified_diff
from yakugo.aligner.batch import lint_in_files
from yakugo.aligner.lint.model import Finding
from yakugo.aligner.lint.runner import LintFlags, LintRun
from yakugo.cli.common import (
    InputFiles,
    command,
    config_option,
    exit_zero_option,
    format_option,
    glossary_option,
    isolated_option,
    open_glossary,
    output_file_option,
    print_json,
    print_rule_list,
    quiet_option,
    report_problem,
    rule_list,
    stdin_filename_option,
    stdout_console,
    with_progress,
)
from yakugo.aligner.core.wording import counted
from yakugo.glossary import InputError
from yakugo.glossary.textfile import TextFile
from yakugo.glossary.textfile import write_atomic


@command()
def lint(
    paths: list[str] = typer.Argument(None, metavar="PATH...", help="Files, directories (*.txt, *.md, recursively) or - for stdin."),
    glossary: Path | None = glossary_option(),
    output_format: Literal["text", "json", "sarif", "github"] = format_option(),
    select: list[str] | None = typer.Option(None, "--select", metavar="RULE,...", help="Only these rules (comma-separated; ALL = every rule)."),
    ignore: list[str] | None = typer.Option(None, "--ignore", metavar="RULE,...", help="Skip these rules (comma-separated)."),
    fail_on: Literal["error", "warning", "info"] | None = typer.Option(
        None, "--fail-on", help="Exit 1 when a finding is at or above this severity [default: warning]."
    ),
    fix: bool = typer.Option(False, "--fix", help="Rewrite files with every fixable finding fixed."),
    diff: bool = typer.Option(False, "--diff", help="Print what --fix would change as a unified diff; write nothing."),
    unsafe_fixes: bool = typer.Option(
        False, "--unsafe-fixes", help="With --fix or --diff, also apply unsafe fixes (in quotations, titles, citations)."
    ),
    markdown: bool = typer.Option(False, "--markdown", help="Read standard input as Markdown."),
    lang: Literal["auto", "en", "ja"] | None = typer.Option(
        None, "--lang", help="Language of the articles; auto: mostly Latin script is English [default: auto]."
    ),
    list_rules: bool = typer.Option(False, "--list-rules", help="Describe every rule and exit."),
    config: Path | None = config_option(),
    isolated: bool = isolated_option(),
    stdin_filename: str | None = stdin_filename_option(),
    jobs: int = typer.Option(
        1, "--jobs", "-j", min=1, help="Worker processes linting the files (output stays in input order; not with --fix/--diff)."
    ),
    quiet: bool = quiet_option(),
    exit_zero: bool = exit_zero_option(),
    output_file: Path | None = output_file_option(),
) -> None:
    """Check Japanese (or, with --lang en or detected, English) articles against the glossary:
    deprecated forms, mixed spellings, terms wrong in context."""
    if list_rules:
        print_rule_list(all_rules().values(), output_format)
        return
    if not paths:
        raise InputError("yakugo lint: give at least one PATH (or - for standard input)")
    if fix and diff:
        raise InputError("yakugo lint: use --fix or --diff, not both")
    run = LintRun(
        LintFlags(glossary, rule_list(select), rule_list(ignore), fail_on, markdown, config, isolated, lang=lang, unsafe_fixes=unsafe_fixes),
        open_glossary=open_glossary,
    )
    # A progress bar for people: not while a script reads JSON/SARIF from a pipe.
    piped = output_format != "text" and not sys.stdout.isatty()
    inputs = InputFiles(paths, "Linting", progress=not (quiet or piped), keep=run.wants, stdin_name=stdin_filename)
    # --fix -: the fixed text is the output (an editor's format-on-save or a hook reads it).
    fix_to_stdout = fix and "-" in inputs.paths
    if fix_to_stdout and len(inputs.paths) > 1:
        raise InputError("-: --fix - writes the fixed text to standard output; give no other PATH")

    reports: list[FileReport] = []
    changed = fixed_count = 0
    failed = False
    for file, linted in _files_to_lint(inputs, run, jobs, rewriting=fix or diff):
        try:
            if fix or diff:
                outcome = run.fix(file)
                if diff:
                    if outcome.changed:
                        changed += 1
                        sys.stdout.write(unified_diff(file.path, file.text, outcome.text))
                    continue
                if fix_to_stdout:
                    sys.stdout.flush()
                    sys.stdout.buffer.write(file.bom + outcome.text.encode(file.encoding))
                    sys.stdout.flush()
                    file.text = outcome.text
                elif outcome.changed:
                    for note in run.write_fix(file, outcome):
                        report_problem(note)
                    changed += 1
                    fixed_count += len(outcome.fixed)
            findings = run.lint(file) if linted is None else linted
            for warning in run.directive_warnings(file):
                report_problem(f"warning: {warning}")
        except InputError as error:
            inputs.skip(error)
            continue
        failed = failed or fails(findings, run.fail_on(file.path))
        # Source lines only where a finding will show them: a large run stays small.
        reports.append(FileReport(file.path, file.lines() if findings else [], findings))

    if diff:
        raise typer.Exit(2 if inputs.unreadable else 0 if exit_zero else 1 if changed else 0)
    if fix_to_stdout:  # the text was the output; the status says whether findings are left
        raise typer.Exit(2 if inputs.unreadable else 0 if exit_zero else 1 if failed else 0)
    findings = [finding for report in reports for finding in report.findings]
    out = io.StringIO() if output_file is not None else sys.stdout
    if output_format == "json":
        print_json(json_report(findings), out)
    elif output_format == "sarif":
        print_json(sarif_report(findings, _rules_of(run, reports) or run.linter_for("-").rules), out)
    elif output_format == "github":
        for line in github_report(findings):
            print(line, file=out)
    else:
        # rich only for text: a JSON run (an editor, a hook) need not import it.
        from rich.text import Text

        from yakugo.aligner.core.layout import fitted
        from yakugo.aligner.lint.formatters import summary, text_report

        console = stdout_console(out if output_file is not None else None)
        for text_line in text_report(reports, console.width):
            console.print(text_line, soft_wrap=True)  # already laid out to the width
        if not quiet:
            if fix:
                console.print(f"Fixed {counted(fixed_count, 'finding')} in {counted(changed, 'file')}.")
            for row in fitted(Text(summary(findings, len(reports), len(fixable(findings))), style="bold"), console.width):
                console.print(row, soft_wrap=True)
    if output_file is not None and isinstance(out, io.StringIO):
        for note in write_atomic(output_file, out.getvalue().encode("utf-8")):
            report_problem(note)
        if not quiet:
            report_problem(f"wrote {output_file}: {counted(len(findings), 'finding')} ({output_format})")
    raise typer.Exit(2 if inputs.unreadable else 0 if exit_zero else 1 if failed else 0)


def _files_to_lint(inputs: InputFiles, run: LintRun, jobs: int, rewriting: bool) -> Iterator[tuple[TextFile, list[Finding] | None]]:
    """Each file, with its findings when worker processes linted it (``--jobs``; --fix, --diff
    and standard input stay in this process)."""
    if jobs <= 1 or rewriting or "-" in inputs.paths:
        yield from ((file, None) for file in inputs)
        return
    linted = lint_in_files(inputs.paths, run.flags, jobs, inputs.skip)
    yield from with_progress(linted, inputs.description, total=len(inputs.paths)) if inputs.progress else linted


def _rules_of(run: LintRun, reports: list[FileReport]):
    """The rules that ran (their order is the registry's), for the SARIF rule table."""
    seen: dict[str, object] = {}
    for report in reports:
        for rule in run.linter_for(report.path).rules:
            seen.setdefault(rule.id, rule)
    return list(seen.values())
