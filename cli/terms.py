"""``yakugo terms``: every glossary term in Japanese files."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import typer

from yakugo.aligner.core.styles import STATUS_STYLE
from rich.text import Text

from yakugo.aligner.batch import terms_in_files
from yakugo.aligner.core.recognize import Recognizer, TermMatch
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
from yakugo.glossary.textfile import printable
from yakugo.aligner.core.wording import counted



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
    recognizer = Recognizer(open_project_glossary(glossary, config, isolated))
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
            print_file_terms(console, file.path, lines, matches)
    if output_format == "json":
        print_json(records)
    raise typer.Exit(inputs.exit_status)


def print_file_terms(console, path: str, lines: list[str], matches: list[TermMatch]) -> None:
    concepts = {match.concept.id for match in matches}
    console.print(Text(f"{printable(path)}: {counted(len(matches), 'term')}, {counted(len(concepts), 'concept')}", style="bold"))
    by_line: dict[int, list[TermMatch]] = {}
    for match in matches:
        by_line.setdefault(match.line, []).append(match)
    for number, line_matches in by_line.items():
        console.print(Text.assemble((f"{number:>5} │ ", "dim"), highlighted(lines[number - 1], line_matches)))
        for match in line_matches:
            gloss = Text.assemble(("      │   ", "dim"))
            gloss.append(match.text, style=STATUS_STYLE[match.status])
            gloss.append(f"  {match.concept.en}")
            if match.status == "deprecated":
                gloss.append(f"  (deprecated: write {match.concept.ja})", style="red")
            elif match.status == "variant":
                gloss.append(f"  (variant of {match.concept.ja})", style="cyan")
            console.print(gloss)


def highlighted(line: str, matches: list[TermMatch]) -> Text:
    """The line with each match underlined in its status colour."""
    text = Text(printable(line))
    for match in matches:
        text.stylize(STATUS_STYLE[match.status] + " underline", match.column - 1, match.end_column - 1)
    return text
