"""What every command shares: the app, its common options, consoles, progress and output."""

from __future__ import annotations

import contextlib
import functools
import inspect
import json
import os
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Callable, Iterable, Iterator, Literal, TypeVar

import typer
import typer.core

from yakugo.aligner.core.findings import Rule
from yakugo.aligner.core.progress import SILENT, Progress
from yakugo.aligner.core.wording import counted
from yakugo.aligner.core.inputs import ARTICLE_SUFFIXES, expand_paths
from yakugo.glossary import Glossary, InputError, load_glossary
from yakugo.glossary.cache import load_cached_glossary, set_enabled as set_cache_enabled
from yakugo.cli.parameters import install as install_value_fast_path
from yakugo.glossary.textfile import TextFile, read_text

app = typer.Typer(
    name="yakugo",
    help="A curated Japanese-English security glossary: term recognition, lint, QA, mining, interchange.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion / --show-completion for bash, zsh, fish, PowerShell
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

ColorChoice = Literal["auto", "always", "never"]
# --color: "auto" lets rich decide (a terminal, NO_COLOR and FORCE_COLOR honoured).
_color: ColorChoice = "auto"
COLOR_HELP = "Colour the output: auto (a terminal, unless NO_COLOR is set; FORCE_COLOR forces it), always, never."


def _print_version(value: bool) -> None:
    if not value:
        return
    from yakugo import __version__

    path, concepts = glossary_in_use()
    print(f"yakugo {__version__}")
    print(f"glossary: {path} ({counted(concepts, 'concept')})")
    raise typer.Exit(0)


@app.callback()
def _commands(
    version: bool = typer.Option(
        False, "--version", callback=_print_version, is_eager=True, help="Print the version and the glossary in use, and exit."
    ),
    color: ColorChoice = typer.Option("auto", "--color", help=COLOR_HELP),
    no_cache: bool = typer.Option(
        False, "--no-cache", help="Neither read nor write the compiled-glossary cache (YAKUGO_CACHE_DIR, else the user cache folder)."
    ),
) -> None:
    # Without a callback typer would run a lone registered command as the
    # whole app, and cli.main registers only the command it is asked for.
    set_color(color)
    set_cache_enabled(not no_cache)


def set_color(choice: ColorChoice) -> None:
    """``--color`` for every console made after this (``auto`` keeps rich's own choice)."""
    global _color
    _color = choice


def glossary_in_use(start: Path | None = None) -> tuple[str, int]:
    """The glossary a command run here would read (the ``glossary`` key of the nearest
    yakugo.toml / [tool.yakugo], else the bundled one) and its number of concepts."""
    from yakugo.aligner.lint.config import glossary_for
    from yakugo.glossary.tsv import bundled_glossary_path

    configured = glossary_for(None, start)
    path = configured if configured is not None else bundled_glossary_path()
    return str(path), len(load_glossary(path))


def _console_colour() -> dict[str, object]:
    if _color == "always":
        return {"force_terminal": True, "no_color": False}
    if _color == "never":
        return {"no_color": True, "color_system": None}
    return {}


# typer prints each parameter's Python type in the help (``PATH... <list[str]>``,
# ``<int range>``): names a reader of --help has no use for. Shown instead: nothing for an
# argument (its name says it), TEXT or N for an option; choices and paths as typer has them.
_TYPE_LABELS = {"<str>": "TEXT", "<list[str]>": "TEXT", "<int>": "N", "<int range>": "N", "<float>": "NUMBER"}


def _readable_type(display_type: Callable[..., str], argument: bool) -> Callable[..., str]:
    def readable(self, ctx) -> str:
        label = display_type(self, ctx)
        if label in _TYPE_LABELS:
            return "" if argument else _TYPE_LABELS[label]
        return label

    return readable


def _plain_error(get_error_msg: Callable[[object], str]) -> Callable[[object], str]:
    """typer validates choices through pydantic, whose message starts "Value error, ": drop it,
    so that a wrong --to reads "Invalid value for '--to': 'xml' is not one of 'tbx', …"."""

    def plain(exc: object) -> str:
        return get_error_msg(exc).removeprefix("Value error, ")

    return plain


for _module_name in ("typer._coercion", "typer._param_types"):
    _module = sys.modules.get(_module_name)
    if _module is not None and hasattr(_module, "get_error_msg"):
        _module.get_error_msg = _plain_error(_module.get_error_msg)  # type: ignore[attr-defined]

if hasattr(typer.core.TyperArgument, "display_type"):
    typer.core.TyperArgument.display_type = _readable_type(typer.core.TyperArgument.display_type, argument=True)  # type: ignore[method-assign]
    typer.core.TyperOption.display_type = _readable_type(typer.core.TyperOption.display_type, argument=False)  # type: ignore[method-assign]

install_value_fast_path()  # no pydantic import for values that need no conversion (cli/parameters.py)

if TYPE_CHECKING:
    from rich.console import Console

T = TypeVar("T")


def command(*args, group: typer.Typer | None = None, **kwargs) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """``app.command`` (or ``group.command`` for a subcommand) whose function turns an
    ``InputError`` into one line a problem on standard error and exit status 2 (so tests
    see what users see)."""

    def register(function: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(function)
        def guarded(*call_args, color: ColorChoice | None = None, **call_kwargs) -> None:
            if color is not None:
                set_color(color)
            try:
                function(*call_args, **call_kwargs)
            except InputError as error:
                for problem in error.problems:
                    report_problem(problem)
                raise typer.Exit(2) from None

        _with_color_option(guarded, function)
        return (group or app).command(*args, **kwargs)(guarded)

    return register


def _with_color_option(guarded: Callable[..., None], function: Callable[..., None]) -> None:
    """Give ``guarded`` the parameters of ``function`` plus ``--color``, so that
    ``yakugo lint --color never`` means what ``yakugo --color never lint`` does."""
    signature = inspect.signature(function, eval_str=True)
    color = inspect.Parameter(
        "color", inspect.Parameter.KEYWORD_ONLY, default=typer.Option(None, "--color", help=COLOR_HELP), annotation=ColorChoice | None
    )
    guarded.__signature__ = signature.replace(parameters=[*signature.parameters.values(), color])  # type: ignore[attr-defined]
    guarded.__annotations__ = {**function.__annotations__, "color": ColorChoice | None}


def glossary_option() -> Path | None:
    return typer.Option(
        None,
        "--glossary",
        "-g",
        help="terms.tsv to use (default: the glossary key of yakugo.toml / [tool.yakugo], else the bundled glossary).",
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
        help="The file standard input stands for: Markdown by its name, its folder's configuration (where the command reads one), and the name in reports.",
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
    """The glossary at ``path`` (None: the bundled one), through the compiled-glossary cache."""
    return load_cached_glossary(path)


def open_project_glossary(flag: Path | None, config: Path | None = None, isolated: bool = False) -> Glossary:
    """``--glossary`` if given, else the ``glossary`` of the yakugo.toml / [tool.yakugo] that
    applies in the current directory (``--config``, ``--isolated``), else the bundled one."""
    from yakugo.aligner.lint.config import glossary_for

    return load_cached_glossary(glossary_for(flag, config=config, isolated=isolated))


def stdout_console(file: IO[str] | None = None) -> Console:
    # rich is imported here, not above: a command printing JSON never needs it.
    from rich.console import Console

    # soft_wrap keeps long Japanese lines whole when the output is piped.
    target = file or sys.stdout
    return Console(file=file, highlight=False, soft_wrap=not target.isatty(), **_console_colour())  # type: ignore[arg-type]


def stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, **_console_colour())  # type: ignore[arg-type]


def quiet_option() -> bool:
    return typer.Option(False, "--quiet", "-q", help="Print only the findings: no summary, no notes, no progress.")


def exit_zero_option() -> bool:
    return typer.Option(False, "--exit-zero", help="Exit 0 even when there are findings (2 still means bad input).")


def output_file_option() -> Path | None:
    return typer.Option(
        None, "--output-file", "-o", dir_okay=False, help="Write the report to this file (atomically) instead of standard output."
    )


def report_problem(message: str) -> None:
    """One line on standard error, no markup interpretation."""
    print(message, file=sys.stderr)


def print_json(data: object, file: IO[str] | None = None) -> None:
    (file or sys.stdout).write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


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
                report_problem(f"{given}: no {', '.join(ARTICLE_SUFFIXES[:-1])} or {ARTICLE_SUFFIXES[-1]} files in this folder")
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
    progress = _progress_bar()
    with progress:
        task = progress.add_task(description, total=total)
        for item in items:
            yield item
            progress.advance(task)


def _progress_bar():
    """The one progress bar of every command: label, bar, done/total, time left, on stderr."""
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
    from rich.progress import Progress as Bar

    return Bar(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=stderr_console(),
        transient=True,
    )


@contextlib.contextmanager
def phased_progress() -> Iterator[Progress]:
    """A ``Progress`` shown as one bar on standard error when it is a terminal (each phase
    relabels and refills it; a phase without a total pulses), else ``SILENT``."""
    if not sys.stderr.isatty():
        yield SILENT
        return
    bar = _progress_bar()
    with bar:
        yield _PhaseBar(bar, bar.add_task("", total=None))


class _PhaseBar:
    def __init__(self, bar, task) -> None:
        self.bar = bar
        self.task = task

    def phase(self, label: str, total: int | None = None) -> None:
        # A new task rather than reset(): reset cannot make a counted bar uncounted again.
        self.bar.remove_task(self.task)
        self.task = self.bar.add_task(label, total=total)

    def advance(self, amount: int = 1) -> None:
        self.bar.advance(self.task, amount)
