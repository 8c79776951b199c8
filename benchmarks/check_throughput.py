"""Throughput of ``yakugo check`` against bare SudachiPy segmentation of the Japanese side, in one run.

    python benchmarks/check_throughput.py [--glossary terms.tsv] [--repeat 3]

Three measurements, each beside its baseline:

* ja→en on WMT23 (below);
* en→ja on the WMT24 en-ja test set (../shared/data/wmt24-ja-news/, 998
  line-aligned pairs, CANARY line included as check reads it): check against
  bare SudachiPy segmentation (mode A) of the Japanese side, the target here
  (target ratio ≥ 0.8);
* ``yakugo lint --lang en`` on the English side of the same set, in characters
  per second (the English rules over the glossary's English renderings).

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
WMT24 = DATA / "wmt24-ja-news"
EN_JA_SOURCE = WMT24 / "en-ja.src.en"
EN_JA_TARGET = WMT24 / "en-ja.ref.ja"


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
    if EN_JA_SOURCE.exists() and EN_JA_TARGET.exists():
        print()
        en_ja(checker, args.repeat)
        print()
        english_lint(checker.glossary, args.repeat)
    else:
        print(f"{WMT24}: WMT24 en-ja data not found; en→ja and English lint not measured")


def en_ja(checker: Checker, repeat: int) -> None:
    """check en→ja on WMT24 against bare SudachiPy of the Japanese (target) side, in the same run."""
    segments = read_bilingual(source=str(EN_JA_SOURCE), target=str(EN_JA_TARGET), direction="en-ja")
    count = len(segments)
    segment = tokenizer("A").tokenize
    bare_seconds, tokens = best_of(repeat, lambda: sum(len(segment(s.target)) for s in segments if s.target))
    cold_seconds, _ = best_of(1, lambda: checker.check(segments))
    check_seconds, findings = best_of(repeat, lambda: checker.check(segments))
    bare_rate, check_rate = count / bare_seconds, count / check_seconds
    japanese = sum(len(s.target) for s in segments)
    print(f"input: WMT24 en-ja, {count:,} segments, {sum(len(s.source) for s in segments):,} English / {japanese:,} Japanese characters")
    print(f"bare SudachiPy (mode A), Japanese side: {bare_rate:>9,.0f} segments/s  ({bare_seconds:.3f} s, {tokens:,} tokens)")
    print(f"yakugo check en→ja                    : {check_rate:>9,.0f} segments/s  ({check_seconds:.3f} s, {len(findings)} findings)")
    print(f"ratio check en→ja / bare: {check_rate / bare_rate:.2f}  (target ≥ 0.8)")
    print(f"  first en→ja run (lemma cache warm from ja→en for shared words): {count / cold_seconds:,.0f} segments/s")


def english_lint(glossary, repeat: int) -> None:
    """``yakugo lint --lang en`` on the English side of WMT24 en-ja, in characters per second."""
    from yakugo.aligner.lint.engine import LintOptions, Linter

    text = EN_JA_SOURCE.read_text(encoding="utf-8")
    setup, linter = best_of(1, lambda: Linter(glossary, options=LintOptions(lang="en")))
    cold_seconds, _ = best_of(1, lambda: linter.lint_text(text, str(EN_JA_SOURCE)))
    lint_seconds, findings = best_of(repeat, lambda: linter.lint_text(text, str(EN_JA_SOURCE)))
    words_seconds, words = best_of(repeat, lambda: sum(len(tokenize(line)) for line in text.splitlines()))
    print(f"input: WMT24 en-ja English side, {len(text):,} characters, {words:,} words, one document")
    print(f"yakugo lint --lang en: {len(text) / lint_seconds:>11,.0f} characters/s  ({lint_seconds:.3f} s, {len(findings)} findings)")
    print(f"  first run (English matcher built, {setup * 1000:.0f} ms Linter): {len(text) / cold_seconds:,.0f} characters/s")
    print(f"  baseline, English tokenising + lemma keys alone: {len(text) / words_seconds:,.0f} characters/s")


if __name__ == "__main__":
    main()
