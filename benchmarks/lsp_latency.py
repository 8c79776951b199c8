"""Latency of ``yakugo lsp``: ``didChange`` → ``publishDiagnostics``, against the ``yakugo lint`` command.

    python benchmarks/lsp_latency.py [--edits 50] [--warmup 10] [--repeat 5]

Two articles are built from the seeds (../shared/seeds), whole lines taken in
order until about 1,000 and about 20,000 characters. For each, the server
(``yakugo lsp`` in its own process, spoken to over stdio as an editor does)
opens the article, and after ``--warmup`` edits, ``--edits`` more are timed
one by one: each types one more character at the start of one line, as a
writer does, and waits for the diagnostics of that version. Figures: median
and 95th percentile, with the server's default debounce (what a user gets)
and with ``--debounce 0`` (the lint alone). Beside them, in the same run, the
``yakugo lint`` command on the same text saved to a file (median of
``--repeat`` runs; start-up included, which is what the server saves).
Targets: 20,000 characters in ≤ 50 ms median, and ≥ 10× faster than the
command. The server's CPU time per edit (from /proc, 10 ms ticks) is shown
beside the latency: on a loaded machine the latency waits for a core, the
CPU time does not. Memory: the server's resident set after 1, 100 and 200 edits of the
20,000-character article (no growth expected: the line cache is bounded and
documents are replaced, not kept).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from measure import ROOT  # noqa: F401  (puts the project on sys.path)

from lsprotocol import types  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
SIZES = (1_000, 20_000)


def build_article(size: int) -> str:
    """Whole lines of the seeds, in order, until ``size`` characters (the seeds are 1–28 k each)."""
    lines: list[str] = []
    total = 0
    for seed in sorted(SEEDS.glob("*.txt")):
        for line in seed.read_text(encoding="utf-8").splitlines():
            if total >= size:
                return "\n".join(lines) + "\n"
            lines.append(line)
            total += len(line) + 1
    return "\n".join(lines) + "\n"


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


class Editor:
    """An editor's side of the conversation: one document, edits, diagnostics awaited by version."""

    def __init__(self, debounce: int | None):
        self.client = LanguageClient("yakugo-bench", "1")
        self.debounce = debounce
        self.arrived: dict[int, float] = {}
        self.waiting: dict[int, asyncio.Future] = {}

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: types.PublishDiagnosticsParams) -> None:
            if params.version is None:
                return
            self.arrived[params.version] = time.perf_counter()
            future = self.waiting.pop(params.version, None)
            if future is not None and not future.done():
                future.set_result(len(params.diagnostics))

    async def start(self, folder: Path) -> None:
        command = [sys.executable, "-m", "yakugo.cli", "lsp"]
        if self.debounce is not None:
            command += ["--debounce", str(self.debounce)]
        await self.client.start_io(*command, env={**os.environ, "YAKUGO_CONFIG_CEILING": str(folder.parent)})
        await self.client.initialize_async(
            types.InitializeParams(
                capabilities=types.ClientCapabilities(
                    general=types.GeneralClientCapabilities(position_encodings=[types.PositionEncodingKind.Utf16])
                ),
                root_uri=folder.as_uri(),
            )
        )
        self.client.initialized(types.InitializedParams())

    @property
    def pid(self) -> int:
        return self.client._server.pid  # type: ignore[union-attr]

    async def open(self, path: Path, text: str) -> int:
        self.uri = path.as_uri()
        self.version = 1
        self.lines = text.split("\n")
        future = self.waiting[1] = asyncio.get_running_loop().create_future()
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(uri=self.uri, language_id="plaintext", version=1, text=text))
        )
        return await asyncio.wait_for(future, 120)

    async def type_one(self, line: int) -> float:
        """Type one character at the start of ``line``; seconds until its diagnostics arrived."""
        self.version += 1
        future = self.waiting[self.version] = asyncio.get_running_loop().create_future()
        start = types.Position(line=line, character=0)
        sent = time.perf_counter()
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=self.uri, version=self.version),
                content_changes=[types.TextDocumentContentChangePartial(range=types.Range(start=start, end=start), text="あ")],
            )
        )
        await asyncio.wait_for(future, 60)
        return self.arrived[self.version] - sent

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()


def cli_seconds(path: Path, repeat: int) -> float:
    """Median wall time of the ``yakugo lint`` command on ``path``."""
    env = {**os.environ, "YAKUGO_CONFIG_CEILING": str(path.parent.parent), "NO_COLOR": "1"}
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "yakugo.cli", "lint", str(path)], capture_output=True, env=env, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cli_findings(path: Path) -> int:
    """How many findings ``yakugo lint --format json`` reports: the server's must be as many."""
    env = {**os.environ, "YAKUGO_CONFIG_CEILING": str(path.parent.parent)}
    result = subprocess.run([sys.executable, "-m", "yakugo.cli", "lint", "-f", "json", str(path)], capture_output=True, env=env, check=False)
    return len(json.loads(result.stdout))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


async def latency(folder: Path, text: str, debounce: int | None, edits: int, warmup: int) -> tuple[list[float], int, float]:
    editor = Editor(debounce)
    await editor.start(folder)
    path = folder / "article.txt"
    count = await editor.open(path, text)
    line = len(text.split("\n")) // 2  # a writer at work in the middle of the article
    for _ in range(warmup):
        await editor.type_one(line)
    cpu_before = cpu_seconds(editor.pid)
    timings = [await editor.type_one(line) for _ in range(edits)]
    cpu = (cpu_seconds(editor.pid) - cpu_before) / edits
    await editor.stop()
    return timings, count, cpu


async def memory(folder: Path, text: str) -> list[tuple[int, int]]:
    editor = Editor(None)
    await editor.start(folder)
    await editor.open(folder / "article.txt", text)
    line = len(text.split("\n")) // 2
    marks = []
    for number in range(1, 201):
        await editor.type_one(line + number % 7)  # a few lines, as writing moves on
        if number in (1, 100, 200):
            marks.append((number, rss_kib(editor.pid)))
    await editor.stop()
    return marks


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if not SEEDS.is_dir():
        sys.exit(f"{SEEDS} is absent: the shared seeds must sit beside the project root")
    with tempfile.TemporaryDirectory() as temporary:
        print(f"yakugo lsp latency: didChange → publishDiagnostics, {args.edits} edits after {args.warmup} of warm-up")
        print(f"{'article':>14}  {'findings (server/cli)':>21}  {'debounce':>13}  {'median ms':>9}  {'p95 ms':>7}  {'yakugo lint ms':>14}  {'speed-up':>8}  {'server CPU ms/edit':>18}")
        for size in SIZES:
            text = build_article(size)
            folder = Path(temporary) / f"chars{size}"
            folder.mkdir()
            article = folder / "article.txt"
            article.write_text(text, encoding="utf-8")
            command = cli_seconds(article, args.repeat)
            expected = cli_findings(article)
            for debounce, label in ((None, "default 5 ms"), (0, "0 ms")):
                timings, count, cpu = await latency(folder, text, debounce, args.edits, args.warmup)
                median = statistics.median(timings)
                print(
                    f"{len(text):>8} chars  {f'{count}/{expected}':>21}  {label:>13}  {median * 1000:>9.1f}  {percentile(timings, 0.95) * 1000:>7.1f}  "
                    f"{command * 1000:>14.0f}  {command / median:>7.0f}×  {cpu * 1000:>18.1f}"
                )
        print("targets: 20,000 characters ≤ 50 ms median (default debounce), ≥ 10× faster than the command")
        text = build_article(SIZES[-1])
        folder = Path(temporary) / "memory"
        folder.mkdir()
        marks = await memory(folder, text)
        print("server memory (resident set) while editing the 20,000-character article:")
        for number, kib in marks:
            print(f"  after {number:>3} edits: {kib / 1024:7.1f} MiB")
        print(f"  growth from edit 1 to 100: {(marks[1][1] - marks[0][1]) / 1024:+.1f} MiB, 100 to 200: {(marks[2][1] - marks[1][1]) / 1024:+.1f} MiB")


if __name__ == "__main__":
    asyncio.run(main())
