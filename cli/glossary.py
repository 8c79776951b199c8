"""``yakugo glossary check``: a maintainer's quality check of a term base (library: ``yakugo.glossary.audit``)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import typer
from rich.text import Text

from yakugo.cli.common import app, command, format_option, open_glossary, print_json, stdout_console
from yakugo.glossary.textfile import printable

glossary_app = typer.Typer(help="Maintain a glossary: quality checks beyond validation.", no_args_is_help=True)
app.add_typer(glossary_app, name="glossary")


@command("check", group=glossary_app)
def check(
    path: Path | None = typer.Argument(None, help="terms.tsv to check (default: the bundled glossary).", dir_okay=False),
    output_format: Literal["text", "json"] = format_option(),
    notes: bool = typer.Option(False, "--notes", help="Also list forms nested in other concepts' forms, for review."),
) -> None:
    """Report rows without a web source, one-sided confusables, forbidden renderings that are
    accepted, short forms without blocking words, notes naming unlinked concepts. Exit 1 when
    there is a problem."""
    from yakugo.glossary.audit import audit

    glossary = open_glossary(path)
    result = audit(glossary)
    if output_format == "json":
        print_json(result.to_dict())
    else:
        console = stdout_console()
        where = glossary.path or "terms.tsv"
        for problem in result.problems:
            console.print(Text(f"{where}:{problem.line}: {problem.check}: {printable(problem.message)}"))
        if notes:
            for note in result.notes:
                console.print(Text(f"{where}:{note.line}: note: {printable(note.message)}", style="dim"))
        count = len(result.problems)
        console.print(Text(f"{count} problem{'' if count == 1 else 's'} in {len(glossary)} concepts", style="bold"))
    raise typer.Exit(1 if result.problems else 0)
