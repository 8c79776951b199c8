"""Throughput of term recognition against bare SudachiPy segmentation, in one run.

    python benchmarks/terms_throughput.py [CORPUS] [--glossary terms.tsv] [--repeat 3]

CORPUS defaults to ../shared/data/wmt24-ja-news/ja-zh.src.ja (its first line,
a CANARY line, is skipped). Both sides see the same lines; the best of
``--repeat`` runs is kept for each. Target: ratio >= 0.8.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from measure import DATA, best_of, corpus_lines  # noqa: E402  (puts the project on sys.path)

from yakugo.aligner.core.recognize import Recognizer  # noqa: E402
from yakugo.aligner.core.segment import boundaries, tokenizer  # noqa: E402
from yakugo.glossary import load_glossary  # noqa: E402

DEFAULT_CORPUS = DATA / "wmt24-ja-news" / "ja-zh.src.ja"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--glossary", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"{args.corpus}: corpus not found (../shared must sit beside the project)")
    lines = corpus_lines(args.corpus)
    characters = sum(map(len, lines))

    started = time.perf_counter()
    glossary = load_glossary(args.glossary)
    recognizer = Recognizer(glossary)
    setup = time.perf_counter() - started

    segment = tokenizer("A").tokenize
    segment("準備")  # load the dictionary outside the timing
    bare_seconds, token_count = best_of(args.repeat, lambda: sum(len(segment(line)) for line in lines if line))
    terms_seconds, matches = best_of(args.repeat, lambda: list(recognizer.find_lines(lines)))
    # Worst case: a glossary so broad that every line has a candidate, so every
    # line is segmented: the recognition above plus segmenting the lines it skipped.
    skipped = [line for line in lines if line and not recognizer.has_candidate(line)]
    lines_segmented = sum(1 for line in lines if line) - len(skipped)
    rest_seconds, _ = best_of(args.repeat, lambda: [boundaries(line) for line in skipped])
    worst_seconds = terms_seconds + rest_seconds

    bare_rate, terms_rate = characters / bare_seconds, characters / terms_seconds
    print(f"corpus: {args.corpus.name}, {len(lines):,} lines, {characters:,} characters")
    print(f"glossary: {len(glossary)} concepts, loaded and compiled in {setup * 1000:.0f} ms")
    print(f"bare SudachiPy (mode A) : {bare_rate:>12,.0f} chars/s  ({bare_seconds:.2f} s, {token_count:,} tokens)")
    print(f"yakugo terms recognition: {terms_rate:>12,.0f} chars/s  ({terms_seconds:.2f} s, {len(matches):,} terms)")
    print(f"ratio terms / bare: {terms_rate / bare_rate:.2f}  (target >= 0.8)")
    print(f"  lines with a candidate, hence segmented: {lines_segmented:,} of {len(lines):,}")
    worst_rate = characters / worst_seconds
    print(f"worst case, every line segmented: {worst_rate:>12,.0f} chars/s, ratio {worst_rate / bare_rate:.2f}")


if __name__ == "__main__":
    main()
