"""``yakugo extract``: Japanese term candidates the glossary lacks."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Literal

import typer
from rich.text import Text

from yakugo.aligner.core.layout import fitted
from yakugo.aligner.mining.extract import Candidate, TermMiner, candidates_glossary
from yakugo.cli.common import (
    InputFiles,
    command,
    format_option,
    glossary_option,
    config_option,
    isolated_option,
    open_project_glossary,
    phased_progress,
    print_json,
    stdout_console,
)
from yakugo.glossary.textfile import printable
from yakugo.glossary.tsv import format_glossary

EXAMPLE_INDENT = " " * 6


@command()
def extract(
    paths: list[str] = typer.Argument(..., metavar="PATH...", help="Files, directories (*.txt, *.md, recursively) or - for stdin."),
    glossary: Path | None = glossary_option(),
    config: Path | None = config_option(),
    isolated: bool = isolated_option(),
    output_format: Literal["text", "json", "tsv"] = format_option(),
    min_freq: int = typer.Option(2, "--min-freq", min=1, help="Leave out candidates seen fewer times."),
    top: int = typer.Option(50, "--top", "-n", min=0, help="Show the best N candidates (0: all)."),
) -> None:
    """Mine Japanese term candidates (FLR-scored noun compounds) that the glossary does not hold yet."""
    terms = open_project_glossary(glossary, config, isolated)
    miner = TermMiner(terms)
    inputs = InputFiles(paths, "Reading")
    documents = [(file.path, file.lines()) for file in inputs]
    with phased_progress() as progress:
        miner.add_documents(documents, progress)
        candidates = miner.candidates(min_freq, top or None, progress)
    if output_format == "json":
        print_json([candidate.to_dict(rank) for rank, candidate in enumerate(candidates, start=1)])
    elif output_format == "tsv":
        sys.stdout.write(format_glossary(candidates_glossary(candidates, terms)))
    else:
        console = stdout_console()
        for rank, candidate in enumerate(candidates, start=1):
            for row in describe(rank, candidate, console.width):
                console.print(row, soft_wrap=True)  # already laid out to the width
        if not candidates:
            console.print("No candidates (try a lower --min-freq).")
    raise typer.Exit(inputs.exit_status)


def describe(rank: int, candidate: Candidate, width: int = 80) -> list[Text]:
    """The candidate and its figures, then where it was first seen and the sentence, in
    rows of at most ``width`` cells (the sentence broken by Japanese rules)."""
    text = Text(f"{rank:>4}  ")
    text.append(printable(candidate.surface), style="bold")
    text.append(f"  score {candidate.score:.1f}, {candidate.frequency}× in {candidate.documents} document(s)", style="dim")
    if candidate.variants:
        text.append(printable(f"  also written {' / '.join(candidate.variants)}"), style="cyan")
    rows = fitted(text, width)
    if candidate.example:
        example = candidate.example
        where = Text(printable(f"{example.path}:{example.line}: "), style="dim")
        where.append(printable(example.sentence))
        rows.extend(fitted(where, width, indent=EXAMPLE_INDENT))
    return rows
