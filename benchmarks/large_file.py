"""How ``yakugo lint`` and ``yakugo terms`` scale with the size of one file.

    python benchmarks/large_file.py [--scales 1,4,16] [--long-line-mb 50] [--corpus ja-zh.src.ja]

The WMT24 corpus concatenated 1×, 4× and 16× as one file, and one single-line article of
``--long-line-mb`` megabytes (the corpus's lines joined, repeated as needed). Each run is
a fresh ``yakugo`` process: wall and CPU seconds, and its peak memory (Linux's VmHWM,
read by the process itself as it exits). Targets: the 16× file's peak ≤ 1.3× the 1×
file's; time linear (time per character of 16× over 1× near 1.0). The digest of each
output is printed so that runs of two checkouts can be compared.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from measure import DATA, ROOT  # noqa: E402  (puts the project on sys.path)

DEFAULT_CORPUS = DATA / "wmt24-ja-news" / "ja-zh.src.ja"
# Runs the command line in this process and reports its own peak memory on the way out.
_CHILD = (
    "import atexit, sys\n"
    "def peak():\n"
    "    for line in open('/proc/self/status'):\n"
    "        if line.startswith('VmHWM:'):\n"
    "            sys.stderr.write('PEAK_KB ' + line.split()[1] + '\\n')\n"
    "atexit.register(peak)\n"
    "from yakugo.cli.main import main\n"
    "sys.argv = ['yakugo', *sys.argv[1:]]\n"
    "main()\n"
)


def run(arguments: list[str], folder: str) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds, peak MiB and the output's digest of one ``yakugo`` run
    (the temporary ``folder`` taken out of the output, so digests compare across runs)."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", _CHILD, *arguments], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    output, errors = child.communicate()
    wall = time.perf_counter() - start
    if child.returncode not in (0, 1):
        raise RuntimeError(f"yakugo {' '.join(arguments)} failed: {errors.decode(errors='replace')[-500:]}")
    peak = [int(line.split()[1]) for line in errors.decode().splitlines() if line.startswith("PEAK_KB ")]
    return wall, _child_cpu(), peak[-1] / 1024 if peak else float("nan"), hashlib.sha256(output.replace(folder.encode(), b"TMP")).hexdigest()[:12]


_cpu_seen = 0.0


def _child_cpu() -> float:
    """CPU seconds of the child that just ended (the children's total grows by it)."""
    global _cpu_seen
    times = os.times()
    total = times.children_user + times.children_system
    spent, _cpu_seen = total - _cpu_seen, total
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", default="1,4,16")
    parser.add_argument("--long-line-mb", type=float, default=50.0, help="0: no single-line article")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--commands", default="lint,terms")
    args = parser.parse_args()
    text = args.corpus.read_text(encoding="utf-8")
    if text.startswith("CANARY"):
        text = text.split("\n", 1)[1]
    if not text.endswith("\n"):
        text += "\n"
    scales = [int(s) for s in args.scales.split(",")]
    commands = args.commands.split(",")
    with tempfile.TemporaryDirectory() as folder:
        cases: list[tuple[str, Path, int]] = []
        for scale in scales:
            path = Path(folder) / f"corpus-{scale}x.txt"
            path.write_text(text * scale, encoding="utf-8")
            cases.append((f"{scale}x", path, len(text) * scale))
        if args.long_line_mb > 0:
            joined = text.replace("\n", "")
            size = int(args.long_line_mb * 1_000_000)
            line = (joined * (size // len(joined.encode("utf-8")) + 1)).encode("utf-8")[:size].decode("utf-8", "ignore")
            path = Path(folder) / "long-line.txt"
            path.write_text(line + "\n", encoding="utf-8")
            cases.append((f"line {args.long_line_mb:g} MB", path, len(line)))
        for command in commands:
            base: tuple[float, float, int] | None = None
            for label, path, characters in cases:
                wall, cpu, peak, digest = run([command, "--isolated", str(path)], folder)
                per_char = wall / characters
                line = f"{command:5} {label:12} {characters:>11,} chars  wall {wall:7.2f} s  cpu {cpu:7.2f} s  peak {peak:7.1f} MiB  output {digest}"
                if base is None:
                    base = (per_char, peak, characters)
                else:
                    line += f"  time/char {per_char / base[0]:.2f}x of {scales[0]}x  peak {peak / base[1]:.2f}x of {scales[0]}x"
                print(line, flush=True)
        print("targets: peak of the 16x file <= 1.3x that of the 1x file; time/char ratio near 1.0 (linear)")


if __name__ == "__main__":
    main()
