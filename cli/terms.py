"""``yakugo terms``: every glossary term in Japanese files."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import typer

from yakugo.aligner.batch import terms_in_files
from yakugo.aligner.core.recognize import cached_recognizer
from yakugo.aligner.core.term_listing import term_listing
from yakugo.cli.common import (
    InputFiles,
    command,
    format_option,
    glossary_option,
    config_option,
    isolated_option,
    open_project_glossary,
    print_json,
    stdin_filename_option,
    stdout_console,
    with_progress,
)



@command()
def terms(
    paths: list[str] = typer.Argument(..., metavar="PATH...", help="Files, directories (*.txt, *.md, recursively) or - for stdin."),
    glossary: Path | None = glossary_option(),
    config: Path | None = config_option(),
    isolated: bool = isolated_option(),
    output_format: Literal["text", "json"] = format_option(),
    markdown: bool = typer.Option(False, "--markdown", help="Read standard input as Markdown."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes reading the files (output stays in input order)."),
    stdin_filename: str | None = stdin_filename_option(),
) -> None:
    """List every glossary term found in Japanese text, with its English."""
    term_base = open_project_glossary(glossary, config, isolated)
    recognizer = cached_recognizer(term_base)  # the part lint keeps too
    console = stdout_console()
    records: list[dict[str, object]] = []
    inputs = InputFiles(paths, "Recognising terms", stdin_name=stdin_filename)
    if jobs > 1 and "-" not in inputs.paths:
        found = terms_in_files(inputs.paths, recognizer.glossary, jobs, inputs.skip)
        found = with_progress(found, inputs.description, total=len(inputs.paths))
    else:
        found = ((file, recognizer.find_in_file(file, markdown=True if markdown and file.path == "-" else None)) for file in inputs)
    for file, matches in found:
        lines = file.lines()
        if output_format == "json":
            records.extend({"path": file.path, **match.to_dict()} for match in matches)
        else:
            for row in term_listing(file.path, lines, matches, console.width):
                console.print(row, soft_wrap=True)  # already laid out to the width
    if output_format == "json":
        print_json(records)
    raise typer.Exit(inputs.exit_status)
