"""Coverage of the term base, before and after, in one run.

Over the seeds and the WMT23/WMT24 Japanese (text nobody wrote for the project):

* the number of distinct concepts recognised, and recognitions;
* of the top 200 candidates ``yakugo extract`` proposes from the seeds with the
  *old* glossary (domain terms it did not know), how many the glossary now
  covers: exactly (the candidate is a glossary form) or in part (it holds a term);
* concepts per area of terms.tsv (the ``# --- area ---`` sections).

    python benchmarks/coverage.py [--baseline REV]   (default 16a7c89, before this round)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections import Counter

from measure import DATA, ROOT, corpus_lines

from yakugo.aligner.core.recognize import Recognizer
from yakugo.aligner.mining.extract import extract_terms
from yakugo.glossary.model import Glossary
from yakugo.glossary.normalize import fold
from yakugo.glossary.textfile import TextFile
from yakugo.glossary.tsv import bundled_glossary_path, load_glossary, parse_glossary

SEEDS = ROOT.parent / "shared" / "seeds"


def corpora() -> dict[str, list[list[str]]]:
    found: dict[str, list[list[str]]] = {}
    if SEEDS.exists():
        found["seeds"] = [path.read_text(encoding="utf-8").splitlines() for path in sorted(SEEDS.glob("*.txt"))]
    wmt23 = DATA / "wmt23-ja-en" / "generaltest2023.ja-en.src.ja"
    if wmt23.exists():
        found["WMT23 ja"] = [corpus_lines(wmt23)]
    wmt24 = DATA / "wmt24-ja-news" / "ja-zh.src.ja"
    if wmt24.exists():
        found["WMT24 ja"] = [corpus_lines(wmt24)]
    return found


def recognised(glossary: Glossary, documents: list[list[str]]) -> tuple[int, int]:
    recognizer = Recognizer(glossary)
    concepts: Counter[str] = Counter()
    for lines in documents:
        concepts.update(match.concept.id for match in recognizer.find_lines(lines))
    return len(concepts), sum(concepts.values())


def covered(glossary: Glossary, candidates: list[str]) -> tuple[int, int]:
    forms = {form.key for form in glossary.ja_forms()}
    recognizer = Recognizer(glossary)
    exact = sum(1 for candidate in candidates if fold(candidate) in forms)
    partial = sum(1 for candidate in candidates if recognizer.find_in_line(candidate))
    return exact, partial


def baseline(revision: str) -> Glossary:
    text = subprocess.run(["git", "-C", str(ROOT), "show", f"{revision}:terms.tsv"], capture_output=True, text=True, check=True).stdout
    return parse_glossary(TextFile(f"{revision}:terms.tsv", text))


def areas() -> Counter[str]:
    counts: Counter[str] = Counter()
    area = "core (Budapest Memorandum, NATO enlargement, arms control, Ukraine, countries)"
    for line in bundled_glossary_path().read_text(encoding="utf-8").splitlines():
        if line.startswith("# --- "):
            area = line.strip("# -")
        elif line and not line.startswith(("#", "id\t")):
            counts[area] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", default="16a7c89")
    args = parser.parse_args()
    found = corpora()
    if not found:
        sys.exit("../shared is absent: the seeds and data must sit beside the project root")
    before, after = baseline(args.baseline), load_glossary()
    print(f"glossary: {len(before)} concepts at {args.baseline} → {len(after)} now\n")
    print(f"{'corpus':<10} {'distinct concepts':>24} {'recognitions':>22}")
    for name, documents in found.items():
        b_concepts, b_hits = recognised(before, documents)
        a_concepts, a_hits = recognised(after, documents)
        print(f"{name:<10} {b_concepts:>10} → {a_concepts:<10} {b_hits:>9} → {a_hits:<9}")
    if "seeds" in found:
        documents = [(str(index), lines) for index, lines in enumerate(found["seeds"])]
        top = [candidate.surface for candidate in extract_terms(documents, before, min_frequency=2, top=200)]
        b_exact, b_partial = covered(before, top)
        a_exact, a_partial = covered(after, top)
        print(f"\nextract top {len(top)} over the seeds (proposed with the old glossary):")
        print(f"  a glossary form exactly: {b_exact} ({b_exact / len(top):.0%}) → {a_exact} ({a_exact / len(top):.0%})")
        print(f"  holding a glossary term: {b_partial} ({b_partial / len(top):.0%}) → {a_partial} ({a_partial / len(top):.0%})")
    print("\nconcepts per area of terms.tsv:")
    for area, count in areas().items():
        print(f"  {count:>5}  {area}")


if __name__ == "__main__":
    main()
