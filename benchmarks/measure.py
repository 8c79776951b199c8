"""What the benchmark scripts share: where the data is, corpus lines, best-of timing.

The scripts run as ``python benchmarks/NAME.py``; this module puts the project
root on ``sys.path`` so they measure the checkout they sit in.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Callable, TypeVar

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

T = TypeVar("T")


def corpus_lines(path: Path) -> list[str]:
    """The lines of a WMT file, without its first ``CANARY`` line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines[1:] if lines and lines[0].startswith("CANARY") else lines


def best_of(repeat: int, work: Callable[[], T]) -> tuple[float, T]:
    """The shortest of ``repeat`` timings of ``work()`` in seconds, and its result."""
    best, result = float("inf"), None
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result  # type: ignore[return-value]


def run_child(command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak memory in MiB (maximum resident
    set) of one run of ``command`` in a child process; exit status 0 or 1 expected."""
    import os
    import subprocess

    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert child.stderr is not None
    errors = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} failed: {errors.decode(errors='replace')[:500]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024
