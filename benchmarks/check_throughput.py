"""Throughput of ``yakugo check`` against bare SudachiPy segmentation of the Japanese side, in one run.

    python benchmarks/check_throughput.py [--glossary terms.tsv] [--repeat 3]

Input: the WMT23 ja-en test set in ../shared/data/wmt23-ja-en/ (1,992
line-aligned segments), read as a line-aligned pair. The baseline segments
every Japanese segment with SudachiPy (split mode A, the mode recognition
uses); check recognises the Japanese terms, matches the English renderings
and applies the three rules. The first run of check (cold lemma cache) is
shown as well as the best of ``--repeat``, and a worst case in which every
segment has a term.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from measure import DATA, best_of  # noqa: E402  (puts the project on sys.path)

from yakugo.aligner.qa.readers import read_bilingual  # noqa: E402
from yakugo.aligner.qa.checker import Checker  # noqa: E402
from yakugo.aligner.core.english import tokenize  # noqa: E402
from yakugo.aligner.core.segment import boundaries, tokenizer  # noqa: E402
from yakugo.glossary import load_glossary  # noqa: E402

WMT23 = DATA / "wmt23-ja-en"
SOURCE = WMT23 / "generaltest2023.ja-en.src.ja"
TARGET = WMT23 / "generaltest2023.ja-en.ref.refA.en"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--glossary", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not SOURCE.exists() or not TARGET.exists():
        sys.exit(f"{WMT23}: WMT23 data not found (../shared must sit beside the project)")
    segments = read_bilingual(source=str(SOURCE), target=str(TARGET))
    count = len(segments)

    setup, checker = best_of(1, lambda: Checker(load_glossary(args.glossary)))
    segment = tokenizer("A").tokenize
    segment("準備")  # load the dictionary outside the timing

    bare_seconds, tokens = best_of(args.repeat, lambda: sum(len(segment(s.source)) for s in segments if s.source))
    cold_seconds, _ = best_of(1, lambda: checker.check(segments))
    check_seconds, findings = best_of(args.repeat, lambda: checker.check(segments))
    english_seconds, words = best_of(args.repeat, lambda: sum(len(tokenize(s.target)) for s in segments))
    # Worst case: a glossary so broad that every segment has a term, so every Japanese
    # side is segmented and every English side matched against every concept.
    worst_seconds, _ = best_of(
        args.repeat,
        lambda: [(boundaries(s.source), checker.english.find(s.target)) for s in segments if s.source],
    )
    with_terms = sum(1 for s in segments if checker.recognizer.find_in_line(s.source))

    bare_rate, check_rate = count / bare_seconds, count / check_seconds
    print(f"input: WMT23 ja-en, {count:,} segments, {sum(len(s.source) for s in segments):,} Japanese characters")
    print(f"glossary: {len(checker.glossary)} concepts, Checker built in {setup * 1000:.0f} ms")
    print(f"bare SudachiPy (mode A), Japanese side: {bare_rate:>9,.0f} segments/s  ({bare_seconds:.3f} s, {tokens:,} tokens)")
    print(f"yakugo check                          : {check_rate:>9,.0f} segments/s  ({check_seconds:.3f} s, {len(findings)} findings)")
    print(f"ratio check / bare: {check_rate / bare_rate:.2f}")
    print(f"  first check run, cold lemma cache: {count / cold_seconds:,.0f} segments/s ({cold_seconds:.3f} s)")
    print(f"  segments with a glossary term (English matched): {with_terms:,} of {count:,}")
    print(f"  English tokenising + lemma keys of every target: {count / english_seconds:,.0f} segments/s ({words:,} words)")
    worst_rate = count / (worst_seconds + check_seconds)
    print(f"worst case, every segment segmented and English-matched: {worst_rate:,.0f} segments/s, ratio {worst_rate / bare_rate:.2f}")


if __name__ == "__main__":
    main()
