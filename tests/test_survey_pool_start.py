"""How ``--jobs`` workers start: forks of the command (they inherit its loaded recognizer)
only while it runs no other thread, else from the fork server."""

from __future__ import annotations

import multiprocessing
import threading

import pytest

from yakugo.aligner.core.pool import process_pool

pytestmark = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork on this platform")


def _method(pool) -> str:
    return pool._mp_context.get_start_method()


def test_workers_are_forks_only_when_asked_and_no_other_thread_runs():
    if threading.active_count() != 1:
        pytest.skip("the test runner itself runs another thread")
    with process_pool(1, print, ("",), inherit=True) as pool:
        assert _method(pool) == "fork"
        assert pool.submit(len, "abc").result() == 3
    with process_pool(1, print, ("",)) as pool:
        assert _method(pool) in ("forkserver", "spawn")
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        with process_pool(1, print, ("",), inherit=True) as pool:
            assert _method(pool) in ("forkserver", "spawn")  # a fork could inherit a held lock
    finally:
        stop.set()
        other.join()
