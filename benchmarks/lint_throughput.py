"""Throughput of ``yakugo lint`` against bare SudachiPy and against textlint + prh, in one run.

    python benchmarks/lint_throughput.py [CORPUS] [--glossary terms.tsv] [--repeat 3] [--no-textlint]

CORPUS defaults to ../shared/data/wmt24-ja-news/ja-zh.src.ja (its first line,
a CANARY line, is skipped); its documents (``ja-zh.docs`` beside it) are
linted one by one, as a desk would lint articles. Figures:

* bare SudachiPy segmentation (split mode A, the mode recognition uses) of
  every line: the target is lint ≥ 0.8× its characters per second;
* ``yakugo lint`` with the default rules, and with ``--select ALL`` (which
  adds unlisted-variant, a mode C pass over every line);
* the ``yakugo lint`` command on one file per document and on the corpus as
  one file (the checkout's modules are byte-compiled first, as ``pip
  install`` does), and on one short file for its start-up alone;
* textlint + textlint-rule-prh with the bundled glossary's deprecated forms as
  a prh dictionary, timed the same three ways (target: lint ≥ 5× its
  characters per second). The ratios are like with like: command against
  command, and work alone (each tool's start-up subtracted). Linting one file
  per document is the desk's case; the corpus as one file is shown beside it
  (one 2.86 MB "article" mixing 9,183 stories). Every command figure is the
  best of ``--repeat`` runs. textlint is installed with npm into a cache
  folder under the system temporary directory the first time; skipped
  without npm.
* peak memory: tracemalloc's peak of one lint pass (Python allocations), the
  process's maximum resident set size, and textlint's.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from itertools import groupby
from pathlib import Path

import yaml

from measure import DATA, ROOT, best_of  # noqa: E402  (puts the project on sys.path)

from yakugo.aligner.core.recognize import Recognizer  # noqa: E402
from yakugo.aligner.lint.engine import Linter, LintOptions  # noqa: E402
from yakugo.aligner.core.segment import tokenizer  # noqa: E402
from yakugo.glossary import Glossary, load_glossary  # noqa: E402

DEFAULT_CORPUS = DATA / "wmt24-ja-news" / "ja-zh.src.ja"
TEXTLINT_DIR = Path(tempfile.gettempdir()) / "yakugo-bench-textlint"


def read_documents(corpus: Path) -> list[str]:
    """The corpus as documents (by ``*.docs`` when it is there), CANARY line skipped."""
    lines = corpus.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    docs_file = corpus.with_name(corpus.name.split(".")[0] + ".docs")
    ids = docs_file.read_text(encoding="utf-8").split("\n")[: len(lines)] if docs_file.exists() else ["doc"] * len(lines)
    pairs = [(doc, line) for doc, line in zip(ids, lines) if not line.startswith("CANARY")]
    return ["\n".join(line for _, line in group) for _, group in groupby(pairs, key=lambda pair: pair[0])]


def prh_dictionary(glossary: Glossary) -> str:
    """The glossary's deprecated forms as prh rules (expected ← patterns)."""
    rules = [
        {"expected": concept.ja, "patterns": list(concept.ja_deprecated)} for concept in glossary if concept.ja_deprecated
    ]
    return yaml.safe_dump({"version": 1, "rules": rules}, allow_unicode=True, sort_keys=False)


def textlint_ready() -> Path | None:
    binary = TEXTLINT_DIR / "node_modules" / ".bin" / "textlint"
    if binary.exists():
        return binary
    if shutil.which("npm") is None:
        return None
    TEXTLINT_DIR.mkdir(parents=True, exist_ok=True)
    (TEXTLINT_DIR / "package.json").write_text('{"name": "yakugo-bench", "private": true}\n', encoding="utf-8")
    print(f"installing textlint and textlint-rule-prh into {TEXTLINT_DIR} ...", file=sys.stderr)
    done = subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "textlint", "textlint-rule-prh"],
        cwd=TEXTLINT_DIR,
        capture_output=True,
        text=True,
    )
    return binary if done.returncode == 0 and binary.exists() else None


def write_corpus(folder: Path, documents: list[str]) -> Path:
    """The corpus as one file, and as one file per document under ``folder/docs``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "corpus.txt").write_text("\n".join(documents), encoding="utf-8")
    docs = folder / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir()
    for number, document in enumerate(documents):
        (docs / f"{number:05d}.txt").write_text(document + "\n", encoding="utf-8")
    (folder / "tiny.txt").write_text("エリツィン。\n", encoding="utf-8")
    return folder


def timed(command: list[str], cwd: Path, repeat: int = 1) -> tuple[float, str, float]:
    """The shortest of ``repeat`` runs of one child process: seconds, its standard
    output and its maximum resident set size (MiB)."""
    best: tuple[float, str, float] | None = None
    for _ in range(max(1, repeat)):
        with tempfile.TemporaryFile("w+", encoding="utf-8") as out, tempfile.TemporaryFile("w+", encoding="utf-8") as err:
            start = time.perf_counter()
            child = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err, text=True)
            _, status, usage = os.wait4(child.pid, 0)
            seconds = time.perf_counter() - start
            if os.waitstatus_to_exitcode(status) not in (0, 1):
                err.seek(0)
                raise RuntimeError(f"{command[0]} failed: {err.read().strip()[:500]}")
            out.seek(0)
            if best is None or seconds < best[0]:
                best = (seconds, out.read(), usage.ru_maxrss / 1024)
    assert best is not None
    return best


def configure_textlint(glossary: Glossary, work: Path) -> None:
    """textlint-rule-prh in ``work``, with the glossary's deprecated forms as its dictionary."""
    (work / "prh.yml").write_text(prh_dictionary(glossary), encoding="utf-8")
    (work / ".textlintrc.json").write_text('{"rules": {"prh": {"rulePaths": ["./prh.yml"]}}}\n', encoding="utf-8")


def run_textlint(binary: Path, work: Path, target: str, repeat: int) -> tuple[float, int, float]:
    """Seconds for ``target`` (a file or folder), the number of messages and the peak RSS (MiB)."""
    seconds, output, rss = timed([str(binary), "--format", "json", target], work, repeat)
    return seconds, sum(len(result["messages"]) for result in json.loads(output or "[]")), rss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--glossary", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-textlint", action="store_true", help="Skip the textlint comparison.")
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"{args.corpus}: corpus not found (../shared must sit beside the project)")
    documents = read_documents(args.corpus)
    text = "\n".join(documents)
    lines = text.split("\n")
    characters = sum(map(len, lines))

    glossary = load_glossary(args.glossary)
    recognizer = Recognizer(glossary)
    segment = tokenizer("A").tokenize
    segment("準備")  # load the dictionary outside the timing

    def lint_all(options: LintOptions) -> list:
        linter = Linter(glossary, recognizer, options)
        return [finding for document in documents for finding in linter.lint_text(document)]

    lint_all(LintOptions())  # warm caches (fold table, Sudachi) outside the timing
    bare_seconds, token_count = best_of(args.repeat, lambda: sum(len(segment(line)) for line in lines if line))
    lint_seconds, findings = best_of(args.repeat, lambda: lint_all(LintOptions()))
    all_seconds, all_findings = best_of(1, lambda: lint_all(LintOptions(select=["ALL"])))
    default_linter = Linter(glossary, recognizer, LintOptions())
    whole_seconds, _ = best_of(args.repeat, lambda: default_linter.lint_text(text))

    tracemalloc.start()
    lint_all(LintOptions())
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    own_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux

    bare_rate, lint_rate, all_rate = characters / bare_seconds, characters / lint_seconds, characters / all_seconds
    print(f"corpus: {args.corpus.name}, {len(documents):,} documents, {len(lines):,} lines, {characters:,} characters")
    print(f"glossary: {len(glossary)} concepts")
    print(f"bare SudachiPy (mode A)        : {bare_rate:>12,.0f} chars/s  ({bare_seconds:.2f} s, {token_count:,} tokens)")
    print(f"yakugo lint (default rules)    : {lint_rate:>12,.0f} chars/s  ({lint_seconds:.2f} s, {len(findings):,} findings)")
    print(f"yakugo lint --select ALL       : {all_rate:>12,.0f} chars/s  ({all_seconds:.2f} s, {len(all_findings):,} findings)")
    whole_rate = characters / whole_seconds
    print(f"yakugo lint, corpus as one text: {whole_rate:>12,.0f} chars/s  ({whole_seconds:.2f} s)")
    print(f"ratio lint / bare SudachiPy    : {lint_rate / bare_rate:.2f}  (target >= 0.8); with ALL: {all_rate / bare_rate:.2f}")
    print(f"peak memory of lint: {traced_peak / 2**20:.1f} MiB traced (tracemalloc), {own_rss:.0f} MiB max RSS of this process")

    work = write_corpus(Path(tempfile.mkdtemp(prefix="yakugo-bench-")), documents)
    # pip compiles an installed package's modules; do the same for the checkout,
    # so the command is timed as users run it (not compiling its source each time).
    compileall = [sys.executable, "-m", "compileall", "-q", *(str(ROOT / package) for package in ("cli", "aligner", "glossary"))]
    subprocess.run(compileall, check=True)
    glossary_args = ["--glossary", str(args.glossary)] if args.glossary else []

    def run_lint(target: str) -> tuple[float, float]:
        command = [sys.executable, "-m", "cli", "lint", "-f", "json", *glossary_args, str(work / target)]
        seconds, _, rss = timed(command, ROOT, args.repeat)
        return seconds, rss

    cli_startup, _ = run_lint("tiny.txt")
    cli_docs_seconds, cli_rss = run_lint("docs")
    cli_one_seconds, _ = run_lint("corpus.txt")
    print(f"yakugo lint command, start-up alone (one short file): {cli_startup:.2f} s")
    print(f"yakugo lint command, one file per document: {characters / cli_docs_seconds:>12,.0f} chars/s  ({cli_docs_seconds:.2f} s), max RSS {cli_rss:.0f} MiB")
    print(f"yakugo lint command, corpus as one file   : {characters / cli_one_seconds:>12,.0f} chars/s  ({cli_one_seconds:.2f} s)")

    if args.no_textlint:
        return
    binary = textlint_ready()
    if binary is None:
        print("textlint: not measured (npm unavailable or install failed)")
        return
    configure_textlint(glossary, work)
    startup, _, _ = run_textlint(binary, work, "tiny.txt", args.repeat)
    one_seconds, one_messages, one_rss = run_textlint(binary, work, "corpus.txt", args.repeat)
    docs_seconds, docs_messages, docs_rss = run_textlint(binary, work, "docs", args.repeat)
    patterns = sum(len(concept.ja_deprecated) for concept in glossary)
    print(f"textlint + prh ({patterns} patterns), start-up alone (one short file): {startup:.2f} s")
    print(f"textlint + prh, one file per document : {characters / docs_seconds:>12,.0f} chars/s  ({docs_seconds:.2f} s, {docs_messages:,} messages)")
    print(f"textlint + prh, corpus as one file    : {characters / one_seconds:>12,.0f} chars/s  ({one_seconds:.2f} s, {one_messages:,} messages)")
    print(f"textlint max RSS: {docs_rss:.0f} MiB (per document), {one_rss:.0f} MiB (one file)")

    def ratio(ours: float, theirs: float) -> str:
        return f"{theirs / max(ours, 1e-9):5.2f}  ({characters / ours:,.0f} vs {characters / theirs:,.0f} chars/s)"

    # Like with like: whole commands, and their work alone (each one's start-up on a short file subtracted).
    print("ratios lint / textlint, chars per second (target >= 5):")
    print(f"  one file per document, command against command: {ratio(cli_docs_seconds, docs_seconds)}")
    print(f"  one file per document, work alone             : {ratio(cli_docs_seconds - cli_startup, docs_seconds - startup)}")
    print(f"  corpus as one file, command against command   : {ratio(cli_one_seconds, one_seconds)}")
    print(f"  corpus as one file, work alone                : {ratio(cli_one_seconds - cli_startup, one_seconds - startup)}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
