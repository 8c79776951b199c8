"""``yakugo survey``: terminology consistency across an archive (library: ``yakugo.aligner.survey``)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Literal

import typer
from rich.text import Text

from yakugo.aligner.core.pool import available_cores
from yakugo.aligner.survey.counts import Grouping
from yakugo.aligner.survey.formatters import survey_csv, text_report
from yakugo.aligner.survey.html import render_page
from yakugo.aligner.survey.readers import RecordFormat
from yakugo.aligner.survey.runner import SurveyOptions, run_survey
from yakugo.cli.common import (
    command,
    format_option,
    glossary_option,
    config_option,
    isolated_option,
    open_project_glossary,
    print_json,
    report_problem,
    stderr_console,
    stdout_console,
)
from yakugo.glossary import InputError
from yakugo.glossary.textfile import write_atomic


@command()
def survey(
    paths: list[str] = typer.Argument(
        ..., metavar="PATH...", help="Article files, directories, JSON Lines, CSV or TSV files (each may be .gz), or - for stdin."
    ),
    glossary: Path | None = glossary_option(),
    config: Path | None = config_option(),
    isolated: bool = isolated_option(),
    output_format: Literal["text", "json", "csv"] = format_option(),
    html: Path | None = typer.Option(
        None, "--html", dir_okay=False, help="Also write a self-contained HTML page with charts to this file."
    ),
    text_field: str = typer.Option("text", "--text-field", metavar="FIELD", help="The field of a JSON Lines/CSV record holding its text."),
    id_field: str = typer.Option("id", "--id-field", metavar="FIELD", help="The field holding a record's id (else PATH#N, its record number)."),
    by: str | None = typer.Option(None, "--by", metavar="FIELD", help="Group documents by this metadata field."),
    period: Literal["year", "month", "day"] | None = typer.Option(
        None, "--period", help="Read the --by field as a date and group by this period."
    ),
    jobs: int | None = typer.Option(
        None, "--jobs", "-j", min=1, help="Processes counting documents on this machine: the command's own and N-1 workers [default: the number of cores]."
    ),
    scheduler: str | None = typer.Option(
        None, "--scheduler", metavar="ADDRESS", help="Run on this Dask scheduler (tcp://host:8786, or a scheduler file) instead."
    ),
) -> None:
    """Survey an archive: how consistently it writes each glossary concept, which documents
    mix rival forms or use deprecated ones, per group or period with --by."""
    terms = open_project_glossary(glossary, config, isolated)
    options = SurveyOptions(
        RecordFormat(text_field, id_field),
        Grouping(by, period),
        jobs=jobs or available_cores(),
        scheduler=scheduler,
    )
    problems = 0

    def skip(error: InputError) -> None:
        nonlocal problems
        for problem in error.problems:
            report_problem(problem)
        problems += 1

    # A progress bar for people: not while a script reads JSON or CSV from a pipe.
    show_progress = sys.stderr.isatty() and (output_format == "text" or sys.stdout.isatty())
    if show_progress:
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        bar = Progress(SpinnerColumn(), TextColumn("Surveying: {task.completed:,} documents"), TimeElapsedColumn(),
                       console=stderr_console(), transient=True)
        with bar:
            task = bar.add_task("survey", total=None)
            report = run_survey(paths, terms, options, on_error=skip, progress=lambda done: bar.update(task, completed=done))
    else:
        report = run_survey(paths, terms, options, on_error=skip)

    if html is not None:
        write_atomic(html, render_page(report).encode("utf-8"))
        stderr_console().print(Text(f"wrote {html}"))
    if output_format == "json":
        print_json(report.to_dict())
    elif output_format == "csv":
        sys.stdout.buffer.write(survey_csv(report))
        sys.stdout.flush()
    else:
        console = stdout_console()
        for part in text_report(report):
            console.print(part)
    raise typer.Exit(2 if problems else 0)
