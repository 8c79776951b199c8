"""How ``yakugo survey`` scales: WMT24 documents repeated 1×, 4× and 16× as JSON Lines records.

    python benchmarks/survey_scale.py [--scales 1,4,16] [--corpus ja-zh.src.ja]

For each size: characters per second and the driver's peak memory for
``--jobs 1`` and ``--jobs 2``, and a Dask ``LocalCluster`` of two worker
processes (one thread each) against ``--jobs 2``; each run is a fresh process
(so its peak memory is its own: worker processes and this script are not counted), timed from
the first record read to the report built, worker start-up included. The
floor: bare SudachiPy segmentation (mode A) of the same lines on one core.
Targets on this 2-core machine: ``--jobs 2`` ≥ 1.7× ``--jobs 1``; the cluster
≥ 0.8× ``--jobs 2``; ``--jobs 1`` ≥ 0.8× bare SudachiPy. Every run's JSON must
be byte-identical to ``--jobs 1``'s; the script says so or fails.

Two figures say what the machine allowed during the run: the CPU seconds of
each run (driver and workers), and the "machine ceiling", how much more bare
SudachiPy segments in two processes at once than in one; on a machine shared
with other work that ceiling, not the survey, is what caps ``--jobs 2``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from measure import DATA, ROOT, corpus_lines  # noqa: E402  (puts the project on sys.path)

DEFAULT_CORPUS = DATA / "wmt24-ja-news" / "ja-zh.src.ja"


def documents(corpus: Path) -> list[tuple[str, str]]:
    """WMT24 documents (lines grouped by the .docs file beside the corpus), CANARY line left out."""
    lines = corpus_lines(corpus)
    docs_file = corpus.with_name(corpus.name.split(".")[0] + ".docs")
    doc_ids = corpus_lines(docs_file) if docs_file.exists() else []
    if doc_ids and doc_ids[0].startswith("canary"):
        doc_ids = doc_ids[1:]
    grouped: dict[str, list[str]] = {}
    for number, line in enumerate(lines):
        doc = doc_ids[number].split("\t")[-1] if number < len(doc_ids) else f"line-{number}"
        grouped.setdefault(doc, []).append(line)
    return [(doc, "\n".join(text)) for doc, text in grouped.items()]


def write_archive(path: Path, docs: list[tuple[str, str]], times: int) -> int:
    characters = 0
    with path.open("w", encoding="utf-8") as out:
        for copy in range(times):
            for doc, text in docs:
                out.write(json.dumps({"id": f"{copy}:{doc}", "text": text}, ensure_ascii=False) + "\n")
                characters += len(text)
    return characters


class WorkerCpu:
    """CPU seconds of this process's worker processes (polled: they end before the report)."""

    def __init__(self) -> None:
        import threading

        self.seen: dict[int, float] = {}
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._poll, daemon=True)
        self.thread.start()

    def _poll(self) -> None:
        try:
            import psutil
        except ImportError:
            return
        me = psutil.Process()
        while not self.done.wait(0.1):
            for process in me.children(recursive=True):
                try:
                    times = process.cpu_times()
                except psutil.Error:
                    continue
                self.seen[process.pid] = times.user + times.system

    def stop(self) -> float:
        self.done.set()
        self.thread.join()
        return sum(self.seen.values())


def child(archive: str, jobs: int, scheduler: str | None) -> None:
    """One measured survey in this process: seconds, peak memory and a digest of the JSON."""
    from yakugo.aligner.survey.runner import SurveyOptions, run_survey
    from yakugo.glossary import load_glossary

    glossary = load_glossary()
    workers = WorkerCpu()
    started, cpu_started = time.perf_counter(), time.process_time()
    report = run_survey([archive], glossary, SurveyOptions(jobs=jobs, scheduler=scheduler))
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started + workers.stop()
    output = json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
    peak_kib = peak_resident_kib()
    print(json.dumps({
        "seconds": seconds, "cpu_seconds": cpu_seconds, "peak_mib": peak_kib / 1024, "characters": report.characters,
        "documents": report.documents, "digest": hashlib.sha256(output.encode()).hexdigest(),
    }))


def peak_resident_kib() -> int:
    """This process's peak resident memory. Linux's VmHWM, not ``ru_maxrss``: that one keeps
    the peak of the parent the process was forked from (this script, holding the corpus)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def measured(archive: Path, jobs: int, scheduler: str | None = None) -> dict:
    command = [sys.executable, __file__, "--child", str(archive), "--jobs", str(jobs)]
    if scheduler:
        command += ["--scheduler", scheduler]
    result = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT.parent)
    return json.loads(result.stdout.strip().splitlines()[-1])


def bare_sudachi_rate(docs: list[tuple[str, str]]) -> tuple[float, int]:
    from yakugo.aligner.core.segment import chunks, tokenizer

    segment = tokenizer("A").tokenize
    segment("準備")  # the dictionary loaded outside the timing
    lines = [line for _, text in docs for line in text.split("\n") if line]
    characters = sum(map(len, lines))
    started = time.perf_counter()
    for line in lines:
        for _, piece in chunks(line):
            segment(piece)
    return characters / (time.perf_counter() - started), characters


def _segment_corpus(corpus: str) -> float:
    """Seconds to segment the corpus's lines with bare SudachiPy, in this (worker) process."""
    from yakugo.aligner.core.segment import chunks, tokenizer

    segment = tokenizer("A").tokenize
    segment("準備")
    lines = [line for line in corpus_lines(Path(corpus)) if line]
    started = time.perf_counter()
    for line in lines:
        for _, piece in chunks(line):
            segment(piece)
    return time.perf_counter() - started


def machine_ceiling(corpus: Path) -> float:
    """How much more bare SudachiPy segments in two processes at once than in one: what this
    machine (and whatever else runs on it) allows two workers at best."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    with ProcessPoolExecutor(1, mp_context=get_context("forkserver")) as pool:
        alone = pool.submit(_segment_corpus, str(corpus)).result()
    with ProcessPoolExecutor(2, mp_context=get_context("forkserver")) as pool:
        together = max(pool.map(_segment_corpus, [str(corpus)] * 2))
    return 2 * alone / together


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--scales", default="1,4,16")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--scheduler", help=argparse.SUPPRESS)
    parser.add_argument("--no-dask", action="store_true", help="Skip the LocalCluster runs.")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.jobs, args.scheduler)
        return
    if not args.corpus.exists():
        sys.exit(f"{args.corpus}: corpus not found (../shared must sit beside the project)")
    docs = documents(args.corpus)
    floor, floor_characters = bare_sudachi_rate(docs)
    print(f"corpus: {args.corpus.name}, {len(docs):,} documents, {sum(len(t) for _, t in docs):,} characters")
    print(f"floor: bare SudachiPy (mode A), one core: {floor:,.0f} chars/s over {floor_characters:,} characters of lines")

    ceiling = machine_ceiling(args.corpus)
    print(f"machine ceiling: bare SudachiPy in two processes at once segments {ceiling:.2f}x what one does")

    cluster = None
    if not args.no_dask:
        try:
            from distributed import LocalCluster

            cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        except ImportError:
            print("dask.distributed is not installed: no cluster runs")
    rows = []
    with tempfile.TemporaryDirectory(prefix="yakugo-survey-") as folder:
        for times in (int(scale) for scale in args.scales.split(",")):
            archive = Path(folder) / f"wmt24x{times}.jsonl"
            characters = write_archive(archive, docs, times)
            one = measured(archive, 1)
            two = measured(archive, 2)
            dask = measured(archive, 1, cluster.scheduler_address) if cluster is not None else None
            assert two["digest"] == one["digest"], "--jobs 2 printed other JSON than --jobs 1"
            assert dask is None or dask["digest"] == one["digest"], "the cluster printed other JSON than --jobs 1"
            rows.append((times, characters, one, two, dask))
            archive.unlink()
    if cluster is not None:
        cluster.close()

    print()
    print(f"{'size':>5} {'documents':>10} {'characters':>12} | {'jobs 1 chars/s':>14} {'MiB':>6} | {'jobs 2 chars/s':>14} {'MiB':>6} "
          f"{'x jobs1':>8} | {'dask 2w chars/s':>15} {'MiB':>6} {'x jobs2':>8} | {'jobs1/bare':>10}")
    for times, characters, one, two, dask in rows:
        rate1, rate2 = characters / one["seconds"], characters / two["seconds"]
        dask_columns = f"{characters / dask['seconds']:>15,.0f} {dask['peak_mib']:>6.0f} {(characters / dask['seconds']) / rate2:>7.2f}x" if dask else f"{'-':>15} {'-':>6} {'-':>8}"
        print(f"{times:>4}x {one['documents']:>10,} {characters:>12,} | {rate1:>14,.0f} {one['peak_mib']:>6.0f} | {rate2:>14,.0f} {two['peak_mib']:>6.0f} "
              f"{rate2 / rate1:>7.2f}x | {dask_columns} | {rate1 / floor:>9.2f}x")
    print()
    print("CPU seconds, driver and its worker processes (a shared machine's load moves wall times, not these):")
    for times, characters, one, two, dask in rows:
        print(f"{times:>4}x  jobs 1: {one['cpu_seconds']:.1f} CPU s over {one['seconds']:.1f} s; "
              f"jobs 2: {two['cpu_seconds']:.1f} CPU s over {two['seconds']:.1f} s")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print()
    print("targets: jobs 2 >= 1.70x jobs 1; dask (2 workers) >= 0.80x jobs 2; jobs 1 >= 0.80x bare SudachiPy")
    print(f"(jobs 2 / jobs 1 is bounded by the machine ceiling above, {ceiling:.2f}x in this run)")
    print("every run's JSON was byte-identical to --jobs 1's")
    first, last = rows[0], rows[-1]
    growth = (last[2]["seconds"] / first[2]["seconds"]) / (last[1] / first[1])
    print(f"cost growth, {first[0]}x to {last[0]}x: time per character x{growth:.2f} (1.00 = linear); "
          f"driver peak memory {first[2]['peak_mib']:.0f} → {last[2]['peak_mib']:.0f} MiB (jobs 1), "
          f"{first[3]['peak_mib']:.0f} → {last[3]['peak_mib']:.0f} MiB (jobs 2)")


if __name__ == "__main__":
    main()
