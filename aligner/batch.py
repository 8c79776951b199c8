"""``yakugo terms --jobs`` and ``yakugo lint --jobs``: files read and processed in worker
processes, results in the order the files were given.

Each worker gets what is costly once, when it starts (the command's recognizer,
inherited or pickled, or a ``LintRun`` with its configuration and linters), then reads
and processes one file per task. At most two files per worker are in flight,
so a long list of files never sits in memory whole. A file that cannot be
read comes back as its ``InputError``, handed to ``on_error`` in its place in
the order. Standard input cannot be shared with a worker: callers keep ``-``
in their own process.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Callable

from yakugo.aligner.core.recognize import Recognizer, TermMatch, cached_recognizer
from yakugo.aligner.lint.model import Finding
from yakugo.aligner.lint.runner import LintFlags, LintRun
from yakugo.glossary.errors import InputError
from yakugo.glossary.model import Glossary
from yakugo.glossary.textfile import TextFile, read_text

OnError = Callable[[InputError], None]

_recognizer: Recognizer | None = None
_lint_run: LintRun | None = None


def _start_terms_worker(recognizer: Recognizer) -> None:
    global _recognizer
    _recognizer = recognizer


def _terms_of(path: str) -> tuple[TextFile, list[TermMatch]] | InputError:
    assert _recognizer is not None, "worker started without its glossary"
    try:
        file = read_text(path)
    except InputError as error:
        return error
    return file, _recognizer.find_in_file(file)


def _start_lint_worker(flags: LintFlags) -> None:
    global _lint_run
    _lint_run = LintRun(flags)


def _lint_of(path: str) -> tuple[TextFile, list[Finding]] | InputError:
    assert _lint_run is not None, "worker started without its lint configuration"
    try:
        file = read_text(path)
        return file, _lint_run.lint(file)
    except InputError as error:
        return error


def _in_order(outcomes: Iterable[tuple[TextFile, list] | InputError], on_error: OnError) -> Iterator[tuple[TextFile, list]]:
    for outcome in outcomes:
        if isinstance(outcome, InputError):
            on_error(outcome)
        else:
            yield outcome


def terms_in_files(paths: list[str], glossary: Glossary, jobs: int, on_error: OnError) -> Iterator[tuple[TextFile, list[TermMatch]]]:
    """``(file, its terms)`` for each of ``paths`` (files, not ``-``), as
    ``Recognizer.find_in_file`` finds them, in the order of ``paths``."""
    from yakugo.aligner.core.pool import IN_FLIGHT_PER_WORKER, ordered_map, process_pool  # only with --jobs

    # The command's recognizer: inherited by forked workers, else sent pickled (cheaper than building one).
    with process_pool(jobs, _start_terms_worker, (cached_recognizer(glossary),), inherit=True) as pool:
        yield from _in_order(ordered_map(pool, _terms_of, paths, jobs * IN_FLIGHT_PER_WORKER), on_error)


def lint_in_files(paths: list[str], flags: LintFlags, jobs: int, on_error: OnError) -> Iterator[tuple[TextFile, list[Finding]]]:
    """``(file, its findings)`` for each of ``paths`` (files, not ``-``), as ``LintRun(flags).lint``
    finds them (each file with the configuration of its folder), in the order of ``paths``."""
    from yakugo.aligner.core.pool import IN_FLIGHT_PER_WORKER, ordered_map, process_pool  # only with --jobs

    with process_pool(jobs, _start_lint_worker, (flags,), inherit=True) as pool:
        yield from _in_order(ordered_map(pool, _lint_of, paths, jobs * IN_FLIGHT_PER_WORKER), on_error)
