"""Precision of recognition and lint on text nobody wrote for the project: WMT24 Japanese news.

Prints, in one run, over ``../shared/data/wmt24-ja-news/ja-zh.src.ja`` (9,183 documents):

* recognitions by concept (the most frequent), abbreviation compounds, and how
  many recognitions fall inside a known longer name of something else
  (アメリカ大陸, ベーカー街, 日本海, 中国語, an escape sequence …): target 0;
* the same count for the glossary before this round's precision work (the
  committed ``terms.tsv`` of a git revision, ``--baseline REV``, default
  ``16a7c89``, before this round) beside it;
* lint findings per rule, linting document by document;
* a sample of abbreviation and shared-form matches with their context, for judging.

    python benchmarks/precision_wmt24.py [--baseline REV] [--sample N]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter
from itertools import groupby

from measure import DATA, ROOT, corpus_lines

from yakugo.aligner.core.recognize import Recognizer, TermMatch
from yakugo.aligner.lint.engine import Linter
from yakugo.glossary.textfile import TextFile
from yakugo.glossary.tsv import load_glossary, parse_glossary

# Longer names that contain a glossary form but are not its concept, with the forms they hold.
LONGER_NAMES = [
    "アメリカ大陸", "南アメリカ", "北アメリカ", "中央アメリカ", "ラテンアメリカ", "ベーカー街", "日本海", "日本国憲法",
    "日本維新の会", "日本語", "中国語", "中国地方", "ロシア語", "韓国語", "ウクライナ語",
]
ESCAPE = re.compile(r"\\u[0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2}")


def documents() -> list[list[str]]:
    folder = DATA / "wmt24-ja-news"
    lines = corpus_lines(folder / "ja-zh.src.ja")
    ids = corpus_lines(folder / "ja-zh.docs") if (folder / "ja-zh.docs").exists() else ["0"] * len(lines)
    if len(ids) != len(lines):
        ids = ids[-len(lines):]
    return [[line for _, line in group] for _, group in groupby(zip(ids, lines), key=lambda pair: pair[0])]


def inside_longer_name(line: str, match: TermMatch) -> str | None:
    start, end = match.column - 1, match.end_column - 1
    for name in LONGER_NAMES:
        for found in re.finditer(re.escape(name), line):
            if found.start() <= start and end <= found.end() and match.text != name:
                return name
    for found in ESCAPE.finditer(line):
        if found.start() < end and start < found.end():
            return "escape sequence"
    return None


def measure(recognizer: Recognizer, docs: list[list[str]]) -> tuple[Counter[str], Counter[str], list[tuple[str, TermMatch]]]:
    by_concept: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    kept: list[tuple[str, TermMatch]] = []
    for doc in docs:
        for match in recognizer.find_lines(doc):
            by_concept[match.concept.id] += 1
            line = doc[match.line - 1]
            name = inside_longer_name(line, match)
            if name:
                wrong[name] += 1
            kept.append((line, match))
    return by_concept, wrong, kept


def baseline_glossary(revision: str):
    try:
        text = subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{revision}:terms.tsv"], capture_output=True, text=True, check=True
        ).stdout
    except (subprocess.CalledProcessError, FileNotFoundError):
        return None
    return parse_glossary(TextFile(f"{revision}:terms.tsv", text))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", default="16a7c89")
    parser.add_argument("--sample", type=int, default=25)
    args = parser.parse_args()
    if not (DATA / "wmt24-ja-news").exists():
        sys.exit(f"{DATA / 'wmt24-ja-news'} is absent: ../shared must sit beside the project root")
    docs = documents()
    glossary = load_glossary()
    print(f"WMT24 ja news: {len(docs)} documents, {sum(map(len, docs))} lines; glossary {len(glossary)} concepts")
    by_concept, wrong, kept = measure(Recognizer(glossary), docs)
    base = baseline_glossary(args.baseline)
    if base is not None:
        base_concept, base_wrong, _ = measure(Recognizer(base, abbreviations=False), docs)
        print(f"\nrecognitions inside a longer name of something else: {sum(wrong.values())} "
              f"(baseline {args.baseline}: {sum(base_wrong.values())}; target 0)")
        for name in sorted(set(wrong) | set(base_wrong)):
            print(f"  {name:<16} now {wrong[name]:>5}   baseline {base_wrong[name]:>5}")
        print(f"recognitions: {sum(by_concept.values())} (baseline {sum(base_concept.values())}), "
              f"distinct concepts {len(by_concept)} (baseline {len(base_concept)})")
    print("\nmost frequent concepts:")
    for concept, count in by_concept.most_common(20):
        print(f"  {concept:<32} {count:>6}")
    abbreviations = [(line, m) for line, m in kept if m.status == "abbreviation"]
    compounds = Counter(m.compound for _, m in abbreviations if m.column == 1 or True)
    print(f"\nabbreviation matches: {len(abbreviations)}; most frequent compounds:")
    for compound, count in compounds.most_common(15):
        print(f"  {compound:<8} {count:>5}")
    shared = [(line, m) for line, m in kept if m.ambiguous]
    print(f"ambiguous (shared-form) matches: {len(shared)}, resolved by a cue: {sum(1 for _, m in shared if m.resolved_by)}")
    print(f"\nsample of {args.sample} abbreviation matches (judge each):")
    step = max(1, len(abbreviations) // max(1, args.sample))
    for line, match in abbreviations[::step][: args.sample]:
        start = match.column - 1
        print(f"  {match.text}→{match.concept.id:<16} …{line[max(0, start - 12):start + 12]}…")
    linter = Linter(glossary)
    findings: Counter[str] = Counter()
    for doc in docs:
        for finding in linter.lint_text("\n".join(doc)):
            findings[finding.rule] += 1
    print("\nlint findings per rule (document by document):")
    for rule in linter.rules:
        print(f"  {rule.id:<20} {findings[rule.id]:>5}")


if __name__ == "__main__":
    main()
