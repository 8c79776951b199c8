"""Time of ``extract`` and ``align`` on about 10,000 segments, beside bare SudachiPy.

    python benchmarks/mining_scale.py [--segments 10000] [--baseline REV] [--repeat 3] [--no-align]

extract: ../shared/data/wmt24-ja-news/ja-zh.src.ja (9,709 lines of Japanese
news; its CANARY line skipped), mined with the bundled glossary.
align: the parallel data at hand (WMT23 ja-en, 1,992 pairs, and WMT24 en-ja
reversed, 997 pairs) repeated until ``--segments`` pairs, every concept of the
bundled glossary aligned. The baseline beside each is one pass of bare
SudachiPy (split mode A) over the same Japanese, the floor of any method that
segments it; the issue's bar is "minutes, not hours".

``--baseline REV`` also runs the extract of that git revision of the project
(extracted into a temporary folder), in the same run and alternating with the
checkout's, for the ratio old / new; both run in child processes, timed as wall
and CPU time (best of ``--repeat``), and the script fails unless both give
byte-identical output (the SHA-256 of the JSON records and the TSV of every
candidate).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from itertools import cycle, islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from yakugo.aligner.mining.align import Aligner, term_glossary  # noqa: E402
from yakugo.aligner.qa.readers import Segment, read_bilingual  # noqa: E402
from yakugo.aligner.core.segment import tokenizer  # noqa: E402
from yakugo.glossary import load_glossary  # noqa: E402
from startup import extract_revision  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
EXTRACT_CORPUS = DATA / "wmt24-ja-news" / "ja-zh.src.ja"

# Run in a child process against whichever yakugo PYTHONPATH points at; prints
# one JSON line: wall and CPU seconds of mining, the candidates, the output digest.
EXTRACT_CHILD = """
import hashlib, json, sys, time
from yakugo.aligner.mining.extract import TermMiner, candidates_glossary
from yakugo.aligner.core.segment import tokenizer
from yakugo.glossary import load_glossary
from yakugo.glossary.tsv import format_glossary
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
lines = lines[1:] if lines and lines[0].startswith("CANARY") else lines
glossary = load_glossary()
tokenizer("A").tokenize("準備"); tokenizer("C").tokenize("準備")
wall, cpu = time.perf_counter(), time.process_time()
miner = TermMiner(glossary)
miner.add_document("ja-zh.src.ja", lines)
candidates = miner.candidates(min_frequency=2)
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
records = json.dumps([c.to_dict(rank) for rank, c in enumerate(candidates, start=1)], ensure_ascii=False)
tsv = format_glossary(candidates_glossary(candidates, glossary))
digest = hashlib.sha256((records + "\\0" + tsv).encode()).hexdigest()
import yakugo
print(json.dumps({"package": yakugo.__file__, "wall": wall, "cpu": cpu, "candidates": len(candidates), "digest": digest,
                  "top": [c.surface for c in candidates[:10]]}, ensure_ascii=False))
"""


def extract_in_child(pythonpath: str | None) -> dict:
    """The child's figures; ``pythonpath`` None runs the installed (editable) checkout."""
    environment = {**os.environ, "PYTHONPATH": pythonpath} if pythonpath else dict(os.environ)
    command = [sys.executable, "-c", EXTRACT_CHILD, str(EXTRACT_CORPUS)]
    result = subprocess.run(command, env=environment, check=True, capture_output=True, text=True)
    return json.loads(result.stdout.splitlines()[-1])


def compare_extract(baseline: str | None, repeat: int) -> None:
    """Extract of the checkout (and of ``baseline``), best of ``repeat`` each, digests compared."""
    lines = content(EXTRACT_CORPUS)
    with tempfile.TemporaryDirectory() as work:
        versions: dict[str, str | None] = {"checkout": None}
        if baseline:
            versions[baseline] = str(extract_revision(baseline, Path(work) / "baseline"))
        runs: dict[str, list[dict]] = {name: [] for name in versions}
        for _ in range(max(1, repeat)):
            for name, pythonpath in versions.items():
                runs[name].append(extract_in_child(pythonpath))
    best = {name: (min(r["wall"] for r in results), min(r["cpu"] for r in results)) for name, results in runs.items()}
    now = runs["checkout"][0]
    bare = bare_sudachi(lines)
    print(f"extract: {len(lines)} lines, {sum(map(len, lines)):,} characters, {now['candidates']} candidates (min-freq 2)")
    wall, cpu = best["checkout"]
    print(f"  checkout {wall:.2f} s ({cpu:.2f} s CPU)   bare SudachiPy {bare:.2f} s   ratio {wall / bare:.1f}×")
    if baseline:
        old_wall, old_cpu = best[baseline]
        print(
            f"  {baseline} {old_wall:.2f} s ({old_cpu:.2f} s CPU)   old/new {old_wall / wall:.2f}× wall, {old_cpu / cpu:.2f}× CPU"
            f"   (best of {max(1, repeat)}; all wall: now {[round(r['wall'], 2) for r in runs['checkout']]},"
            f" then {[round(r['wall'], 2) for r in runs[baseline]]})"
        )
    for name, results in runs.items():
        print(f"  {name}: {results[0]['package']}")
    digests = {r["digest"] for results in runs.values() for r in results}
    print(f"  output digest {now['digest'][:16]}…: " + ("identical in every run" if len(digests) == 1 else "DIFFERS"))
    print("  top 10: " + ", ".join(now["top"]))
    if len(digests) != 1:
        sys.exit("extract output differs between runs or from the baseline")


def content(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines[1:] if lines and lines[0].startswith("CANARY") else lines


def bare_sudachi(lines: list[str]) -> float:
    segment = tokenizer("A").tokenize
    started = time.perf_counter()
    for line in lines:
        if line:
            segment(line)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=10_000)
    parser.add_argument("--baseline", metavar="REV", help="Also run this git revision's extract, in the same run.")
    parser.add_argument("--repeat", type=int, default=1, help="Runs of each extract; the best is reported.")
    parser.add_argument("--no-align", action="store_true", help="Measure extract only.")
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"{DATA}: not found (../shared must sit beside the project)")
    tokenizer("A").tokenize("準備")  # load the dictionary outside the timings
    compare_extract(args.baseline, args.repeat)
    if args.no_align:
        return
    glossary = load_glossary()

    wmt23 = DATA / "wmt23-ja-en"
    wmt24 = DATA / "wmt24-ja-news"
    pairs = read_bilingual(
        source=str(wmt23 / "generaltest2023.ja-en.src.ja"), target=str(wmt23 / "generaltest2023.ja-en.ref.refA.en")
    ) + read_bilingual(source=str(wmt24 / "en-ja.ref.ja"), target=str(wmt24 / "en-ja.src.en"))[1:]
    segments = [
        Segment(str(number), pair.source, pair.target, number)
        for number, pair in enumerate(islice(cycle(pairs), args.segments), start=1)
    ]
    started = time.perf_counter()
    aligner = Aligner(segments)
    prepared = time.perf_counter() - started
    results = aligner.align(*term_glossary(glossary, None))
    align_seconds = time.perf_counter() - started
    baseline = bare_sudachi([segment.source for segment in segments])
    found = sum(1 for result in results if result.occurrences)
    print(f"align: {len(segments)} pairs ({len(pairs)} distinct, repeated), {len(results)} concepts, {found} occurring")
    print(
        f"  {align_seconds:.1f} s (tokenise + eflomal {prepared:.1f} s, scoring {align_seconds - prepared:.1f} s)"
        f"   bare SudachiPy {baseline:.1f} s   ratio {align_seconds / baseline:.1f}×"
    )


if __name__ == "__main__":
    main()
