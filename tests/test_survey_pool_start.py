"""How ``--jobs`` workers start: forks of the command (they inherit its loaded recognizer)
only while it runs no other thread, else from the fork server."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork on this platform")

# Run in a fresh interpreter: the test runner itself may have threads of its own.
_CHECK = """
import threading
from yakugo.aligner.core.pool import process_pool

def method(**options):
    with process_pool(1, len, ("",), **options) as pool:
        assert pool.submit(len, "abc").result() == 3
        return pool._mp_context.get_start_method()

print(method(inherit=True), method())
stop = threading.Event()
other = threading.Thread(target=stop.wait)
other.start()
print(method(inherit=True))
stop.set()
other.join()
"""


def test_workers_are_forks_only_when_asked_and_no_other_thread_runs():
    done = subprocess.run([sys.executable, "-c", _CHECK], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    alone, default = done.stdout.splitlines()[0].split()
    with_thread = done.stdout.splitlines()[1]
    assert alone == "fork"
    assert default in ("forkserver", "spawn") and with_thread in ("forkserver", "spawn")  # a fork could inherit a held lock
