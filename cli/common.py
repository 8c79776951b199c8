"""What every command shares: the app, its common options, consoles, progress and output."""

from __future__ import annotations

import functools
import json
import os
import sys
from pathlib import Path
from typing import Callable, Iterable, Iterator, TypeVar

import typer
from rich.console import Console

from yakugo.aligner.core.findings import Rule
from yakugo.aligner.core.inputs import ARTICLE_SUFFIXES, expand_paths
from yakugo.glossary import Glossary, InputError, load_glossary
from yakugo.glossary.textfile import TextFile, read_text

app = typer.Typer(
    name="yakugo",
    help="A curated Japanese-English security glossary: term recognition, lint, QA, mining, interchange.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def _commands() -> None:
    # Without a callback typer would run a lone registered command as the
    # whole app, and cli.main registers only the command it is asked for.
    pass

T = TypeVar("T")


def command(*args, **kwargs) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """``app.command`` whose function turns an ``InputError`` into one line a problem
    on standard error and exit status 2 (so tests see what users see)."""

    def register(function: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(function)
        def guarded(*call_args, **call_kwargs) -> None:
            try:
                function(*call_args, **call_kwargs)
            except InputError as error:
                for problem in error.problems:
                    report_problem(problem)
                raise typer.Exit(2) from None

        return app.command(*args, **kwargs)(guarded)

    return register


def glossary_option() -> Path | None:
    return typer.Option(
        None,
        "--glossary",
        "-g",
        help="terms.tsv to use (default: the bundled glossary).",
        dir_okay=False,
    )


def config_option() -> Path | None:
    return typer.Option(
        None, "--config", help="Read this yakugo.toml or pyproject.toml instead of searching for one.", dir_okay=False
    )


def stdin_filename_option() -> str | None:
    return typer.Option(
        None,
        "--stdin-filename",
        metavar="PATH",
        help="The file standard input stands for: its folder's configuration, Markdown by its name, and the name shown.",
    )


def isolated_option() -> bool:
    return typer.Option(False, "--isolated", help="Read no configuration file.")


def rule_list(values: list[str] | None) -> list[str] | None:
    """``--select a,b --select c`` → ``[a, b, c]`` (None when the flag is absent)."""
    if values is None:
        return None
    return [name.strip() for value in values for name in value.split(",") if name.strip()]


def print_rule_list(rules: Iterable[Rule], output_format: str) -> None:
    """``--list-rules``: every rule with its documentation (``--format json``: an array)."""
    if output_format == "json":
        print_json([rule.describe() for rule in rules])
        return
    from rich.text import Text

    console = stdout_console()
    for rule in rules:
        flags = [rule.severity, "fixable" if rule.fixable else "", "" if rule.enabled_by_default else "off by default"]
        console.print(Text(f"{rule.id}  ({', '.join(flag for flag in flags if flag)})", style="bold"))
        console.print(Text(rule.doc.strip()))
        console.print()


def format_option(default: str = "text"):
    """``--format``; the command's ``Literal[...]`` annotation lists the choices."""
    return typer.Option(default, "--format", "-f", help="Output format.")


def open_glossary(path: Path | None) -> Glossary:
    return load_glossary(path)


def stdout_console() -> Console:
    # soft_wrap keeps long Japanese lines whole when the output is piped.
    return Console(highlight=False, soft_wrap=not sys.stdout.isatty())


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False)


def report_problem(message: str) -> None:
    """One line on standard error, no markup interpretation."""
    print(message, file=sys.stderr)


def print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


class InputFiles:
    """The files a command was given (directories expanded), read and decoded one by one.

    An unreadable file is reported on standard error in one line, skipped and
    counted, so the command can finish the others and then exit with status 2.
    """

    def __init__(
        self,
        paths: Iterable[str],
        description: str,
        progress: bool = True,
        keep: Callable[[str], bool] | None = None,
        stdin_name: str | None = None,
    ):
        self.stdin_name = stdin_name  # what - stands for (--stdin-filename)
        self.paths: list[str] = []
        for given in paths:
            found = expand_paths([given], on_skip=report_problem)
            if not found and given != "-" and os.path.isdir(given):
                # Not an error (a folder of articles may be empty today), but worth a word.
                report_problem(f"{given}: no {' or '.join(ARTICLE_SUFFIXES)} files in this folder")
            self.paths.extend(path for path in found if keep is None or keep(path))
        self.description = description
        self.progress = progress
        self.unreadable = 0

    def __iter__(self) -> Iterator[TextFile]:
        paths = with_progress(self.paths, self.description) if self.progress else self.paths
        for path in paths:
            try:
                file = read_text(path)
            except InputError as error:
                self.skip(error)
                continue
            if path == "-" and self.stdin_name:
                file.path = self.stdin_name
            yield file

    def skip(self, error: InputError) -> None:
        for problem in error.problems:
            report_problem(problem)
        self.unreadable += 1

    @property
    def exit_status(self) -> int:
        """2 when a file could not be read, else 0."""
        return 2 if self.unreadable else 0


def with_progress(items: Iterable[T], description: str, total: int | None = None) -> Iterator[T]:
    """Iterate ``items`` with a progress bar on standard error when it is a terminal.

    ``total`` is needed for iterators without a length.
    """
    total = len(items) if total is None else total  # type: ignore[arg-type]
    if total < 2 or not sys.stderr.isatty():
        yield from items
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=stderr_console(),
        transient=True,
    )
    with progress:
        task = progress.add_task(description, total=total)
        for item in items:
            yield item
            progress.advance(task)
