"""Worker processes on this machine, for commands that take ``--jobs``.

Workers start from a fork server (spawn where there is none); a command may ask
for forks of its own process instead (``inherit``), which are used only while it
runs no other thread (a progress bar's could be holding a lock at that moment).
Each worker runs an initializer once, where it loads what is costly to load (the
glossary's recognizer, the Sudachi dictionary).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Callable

# Tasks submitted and unfinished per worker: enough to keep every worker busy while the
# caller collects a result, few enough that a long input never sits in memory whole.
IN_FLIGHT_PER_WORKER = 2


def available_cores() -> int:
    """The cores this process may run on (the default of ``--jobs``)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _start_worker(cwd: str, environ: dict[str, str], initializer: Callable[..., None], initargs: tuple[Any, ...]) -> None:
    # The fork server outlives a pool: its folder and environment are those of the first pool's
    # start, so each worker takes the caller's current ones (relative paths, YAKUGO_* settings).
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(environ)
    initializer(*initargs)


def process_pool(
    jobs: int, initializer: Callable[..., None], initargs: tuple[Any, ...] = (), inherit: bool = False
) -> ProcessPoolExecutor:
    """``jobs`` worker processes, each running ``initializer(*initargs)`` once, in the caller's
    current folder and environment.

    With ``inherit``, workers are forks of this process when it runs no other thread (no
    lock can be held by one at the fork), so they start at once with what it has loaded
    (the recognizer in ``initargs``, the Sudachi dictionary) instead of importing and
    unpickling it: about 0.3 s a worker, most of a small survey. Otherwise, and where
    there is no fork, they come from the fork server as always."""
    methods = multiprocessing.get_all_start_methods()
    if inherit and "fork" in methods and threading.active_count() == 1:
        method = "fork"
    else:
        method = "forkserver" if "forkserver" in methods else "spawn"
    context = multiprocessing.get_context(method)
    return ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=context,
        initializer=_start_worker,
        initargs=(os.getcwd(), dict(os.environ), initializer, initargs),
    )


def ordered_map(pool: ProcessPoolExecutor, function: Callable[[Any], Any], tasks: Iterable[Any], in_flight: int) -> Iterator[Any]:
    """``function`` over ``tasks`` in ``pool``, results in the order of ``tasks``, with at
    most ``in_flight`` tasks submitted and not yet collected."""
    pending: deque[Future[Any]] = deque()
    for task in tasks:
        pending.append(pool.submit(function, task))
        if len(pending) >= in_flight:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()
