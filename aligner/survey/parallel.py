"""Counting an archive's partitions in this process, in worker processes, or on a Dask cluster.

The driver reads the archive and cuts it into partitions (at most a thousand
documents or about 250,000 characters each: a tenth of a second of work, so
a cluster's per-task overhead stays small beside it); at most two partitions
per worker are in flight, so the driver holds no more of the archive than
that, whatever its size. Each worker builds the glossary's recognizer (its
automaton and the Sudachi dictionary) once, when it starts or first sees the
glossary, and returns one ``SurveyCounts`` per partition; the driver merges
them as they come (the merge is order-free, see ``counts``).

``--scheduler`` takes a Dask scheduler's address (``tcp://host:8786``) or a
scheduler file; ``distributed`` is imported only then. The workers need
yakugo installed, not the glossary file: the driver sends the loaded
glossary to every worker once (``Client.scatter(broadcast=True)``).
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from typing import Any, Callable

from yakugo.aligner.core.pool import IN_FLIGHT_PER_WORKER, process_pool
from yakugo.aligner.core.recognize import Recognizer, cached_recognizer
from yakugo.aligner.core.segment import tokenizer
from yakugo.aligner.survey.counts import Reading, SurveyCounts, WorkItem, count_partition, item_size
from yakugo.glossary.errors import InputError
from yakugo.glossary.model import Glossary

PARTITION_DOCUMENTS = 1000
PARTITION_CHARACTERS = 250_000
CONNECT_TIMEOUT = "20s"  # for a scheduler that is not there

Progress = Callable[[int], None]


def partitions(
    items: Iterable[WorkItem], documents: int = PARTITION_DOCUMENTS, characters: int = PARTITION_CHARACTERS
) -> Iterator[list[WorkItem]]:
    """``items`` in consecutive lists of at most ``documents`` documents, closed early
    once they hold ``characters`` characters."""
    partition: list[WorkItem] = []
    size = 0
    for item in items:
        partition.append(item)
        size += item_size(item)
        if len(partition) >= documents or size >= characters:
            yield partition
            partition, size = [], 0
    if partition:
        yield partition


def warmed(recognizer: Recognizer) -> Recognizer:
    """``recognizer``, with the Sudachi dictionary of this process loaded (it loads on first use)."""
    tokenizer("A").tokenize("準備")
    return recognizer


def survey_counts(
    items: Iterable[WorkItem],
    glossary: Glossary,
    reading: Reading | None = None,
    jobs: int = 1,
    scheduler: str | None = None,
    progress: Progress | None = None,
    partition_documents: int = PARTITION_DOCUMENTS,
) -> SurveyCounts:
    """The merged counts of every document in ``items``: in this process (``jobs`` 1, or an
    archive of one partition), in ``jobs`` worker processes, or on the Dask cluster at
    ``scheduler``. The result is the same in every case."""
    reading = reading or Reading()
    parts = partitions(items, partition_documents)
    if scheduler is not None:
        return _dask_counts(parts, glossary, reading, scheduler, progress)
    first = next(parts, None)
    if first is None:
        return SurveyCounts()
    second = next(parts, None)
    if jobs <= 1 or second is None:
        recognizer = cached_recognizer(glossary)
        total = SurveyCounts()
        for partition in _chain(first, second, parts):
            total.merge(count_partition(recognizer, partition, reading))
            _report(progress, total)
        return total
    return _process_counts(_chain(first, second, parts), glossary, reading, jobs, progress)


def _chain(first: list[WorkItem], second: list[WorkItem] | None, rest: Iterator[list[WorkItem]]) -> Iterator[list[WorkItem]]:
    yield first
    if second is not None:
        yield second
        yield from rest


def _report(progress: Progress | None, total: SurveyCounts) -> None:
    if progress is not None:
        progress(total.documents)


# --- worker processes on this machine ---------------------------------------------------

_process_recognizer: Recognizer | None = None
_process_reading = Reading()


def _start_process_worker(recognizer: Recognizer, reading: Reading) -> None:
    # The driver's recognizer, inherited by a forked worker or else pickled (its glossary
    # with it, the automaton rebuilt on first use): a third of what building one costs.
    global _process_recognizer, _process_reading
    _process_recognizer = warmed(recognizer)
    _process_reading = reading


def _count_in_process_worker(partition: list[WorkItem]) -> SurveyCounts:
    assert _process_recognizer is not None, "worker started without its glossary"
    return count_partition(_process_recognizer, partition, _process_reading)


def _process_counts(
    parts: Iterator[list[WorkItem]], glossary: Glossary, reading: Reading, jobs: int, progress: Progress | None
) -> SurveyCounts:
    # ``jobs`` processes count: ``jobs - 1`` workers and this one, which counts a partition
    # itself whenever the workers have enough queued. The driver would otherwise sit idle
    # waiting, and a worker's start (its imports, dictionary and automaton) is paid once
    # fewer, while this process's own counting starts at once.
    total = SurveyCounts()
    limit = (jobs - 1) * IN_FLIGHT_PER_WORKER * 2  # deeper: this process counts between collections
    recognizer = cached_recognizer(glossary)
    with process_pool(jobs - 1, _start_process_worker, (warmed(recognizer), reading), inherit=True) as pool:
        pending: set[Future[SurveyCounts]] = set()
        for partition in parts:
            if len(pending) < limit:
                pending.add(pool.submit(_count_in_process_worker, partition))
                continue
            total.merge(count_partition(recognizer, partition, reading))
            done, pending = wait(pending, timeout=0, return_when=FIRST_COMPLETED)
            for future in done:
                total.merge(future.result())
            _report(progress, total)
        for future in pending:
            total.merge(future.result())
        _report(progress, total)
    return total


# --- a Dask cluster ---------------------------------------------------------------------

# On a worker: the keys of the scattered recognizers it has warmed (Dask keeps the scattered
# recognizer itself, deserialised once per worker, and hands the same object to each task).
_warmed_on_worker: set[str] = set()
# Sudachi's tokenizer is one object per process and not safe to share between threads; a
# worker with several threads (or an in-process LocalCluster) counts one partition at a time.
_worker_lock = threading.Lock()


def _count_on_dask_worker(recognizer: Recognizer, recognizer_key: str, reading: Reading, packed: bytes) -> SurveyCounts:
    partition: list[WorkItem] = pickle.loads(packed)
    with _worker_lock:
        if recognizer_key not in _warmed_on_worker:
            warmed(recognizer)
            _warmed_on_worker.add(recognizer_key)
        return count_partition(recognizer, partition, reading)


def connect(scheduler: str) -> Any:
    """A ``distributed.Client`` for a scheduler address or scheduler file (``InputError`` in
    one line when it cannot be reached)."""
    try:
        from distributed import Client
    except ImportError:
        raise InputError("--scheduler: dask.distributed is not installed (pip install 'dask[distributed]')") from None
    try:
        if os.path.isfile(scheduler):
            return Client(scheduler_file=scheduler, timeout=CONNECT_TIMEOUT)
        return Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as error:
        raise InputError(f"{scheduler}: cannot reach the Dask scheduler ({error})") from None


def _dask_counts(
    parts: Iterator[list[WorkItem]], glossary: Glossary, reading: Reading, scheduler: str, progress: Progress | None
) -> SurveyCounts:
    from distributed import as_completed

    total = SurveyCounts()
    with connect(scheduler) as client:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        # The recognizer, not the glossary: a worker then only unpickles it, and the automaton
        # is built on its first use there.
        shared = client.scatter(cached_recognizer(glossary), broadcast=True, hash=False)
        limit = workers * IN_FLIGHT_PER_WORKER * 2
        running = as_completed()
        for partition in parts:
            # Handed over packed: Dask walks a task's arguments looking for futures, and a
            # partition's thousand records cost the driver more to walk than to pickle.
            packed = pickle.dumps(partition, protocol=pickle.HIGHEST_PROTOCOL)
            running.add(client.submit(_count_on_dask_worker, shared, str(shared.key), reading, packed, pure=False))
            while running.count() >= limit:
                total.merge(next(running).result())
                _report(progress, total)
        for future in running:
            total.merge(future.result())
            _report(progress, total)
    return total
