"""An advisory lock around read-merge-write of a glossary, so concurrent imports do not
lose each other's changes.

Two ``yakugo import --into terms.tsv`` runs at once each read the file, merge and write
it back: without a lock the second write drops the first import. The lock is a file
beside the target (``.terms.tsv.lock``), as pip and git lock theirs; it is advisory, so
an editor saving the glossary meanwhile is not stopped, only other yakugo runs.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from filelock import FileLock, Timeout

from yakugo.glossary.errors import InputError, located

# A merge takes well under a second; a minute means the other run is stuck.
LOCK_TIMEOUT = 60.0


def lock_path(target: str | os.PathLike[str]) -> Path:
    """The lock file of ``target`` (a symbolic link is followed: one lock per real file)."""
    real = Path(os.path.realpath(target))
    return real.with_name(f".{real.name}.lock")


@contextmanager
def locked(target: str | os.PathLike[str], timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the lock of ``target`` for the ``with`` block; ``InputError`` when another run
    keeps it longer than ``timeout`` seconds or the folder allows no lock file."""
    path = lock_path(target)
    lock = FileLock(str(path), timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise InputError(located(str(target), None, f"locked by another yakugo run for {timeout:g} s ({path}); try again")) from None
    except OSError as error:
        raise InputError(located(str(target), None, f"cannot lock ({path}): {error.strerror or error}")) from None
    try:
        yield
    finally:
        lock.release()
