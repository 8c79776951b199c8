"""Accuracy of ``yakugo align`` on the WMT23 ja-en test set, with its run time.

    python benchmarks/align_eval.py [--glossary terms.tsv ...] [--min-occurrences 2]

For every concept of each glossary that occurs at least ``--min-occurrences``
times in the Japanese side, a hit is a proposed English whose rendering key
(inflection-insensitive, see ``yakugo.aligner.core.english.rendering_key``) equals the key
of any accepted rendering (``en`` or ``en_variants``). Printed: top-1 and
top-5 accuracy for the full scorer beside two baselines computed from the
same run (co-occurrence Dice alone, eflomal alignment alone), the targets,
the misses, and the time of each stage.

Default glossaries: the bundled terms.tsv (few of its security concepts occur
in this general-news set) and tests/fixtures/wmt23_terms.tsv (31 terms of the
set itself, written for the tests).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from yakugo.aligner.mining import align as align_module  # noqa: E402
from yakugo.aligner.mining.align import Aligner, term_glossary  # noqa: E402
from yakugo.aligner.qa.readers import read_bilingual  # noqa: E402
from yakugo.aligner.core.english import EnglishMatcher, rendering_key  # noqa: E402
from yakugo.aligner.core.recognize import Recognizer  # noqa: E402
from yakugo.glossary import bundled_glossary_path, load_glossary  # noqa: E402

WMT23 = ROOT.parent / "shared" / "data" / "wmt23-ja-en"
TARGETS = {"top-1": 0.6, "top-5": 0.8}
# (name, aligned weight, Dice weight, prior weight)
SCORERS = [
    ("full scorer", align_module.ALIGNED_WEIGHT, align_module.DICE_WEIGHT, align_module.PRIOR_WEIGHT),
    ("Dice only", 0.0, 1.0, 0.0),
    ("eflomal only", 1.0, 0.0, 0.0),
]


def reachable_concepts(glossary, segments) -> set[str]:
    """Concepts whose accepted English occurs in the reference of at least one segment
    holding them: the others no aligner can get right against this reference."""
    recognizer, english = Recognizer(glossary), EnglishMatcher(glossary)
    found: set[str] = set()
    for segment in segments:
        present = {match.concept.id for match in recognizer.find_in_line(segment.source)}
        if present:
            found |= {m.concept.id for m in english.find(segment.target, present) if m.status != "forbidden"}
    return found


def evaluate(aligner: Aligner, glossary_path: Path | None, min_occurrences: int, segments) -> None:
    glossary = load_glossary(glossary_path)
    reachable = reachable_concepts(glossary, segments)
    name = glossary_path or bundled_glossary_path()
    print(f"\n== {name}")
    rows = []
    for label, aligned_weight, dice_weight, prior_weight in SCORERS:
        align_module.ALIGNED_WEIGHT, align_module.DICE_WEIGHT, align_module.PRIOR_WEIGHT = (
            aligned_weight,
            dice_weight,
            prior_weight,
        )
        started = time.perf_counter()
        results = aligner.align(*term_glossary(glossary, None))
        seconds = time.perf_counter() - started
        evaluated = [r for r in results if r.occurrences >= min_occurrences]
        top1 = top5 = 0
        misses = []
        for result in evaluated:
            accepted = {rendering_key(text) for text in result.concept.accepted_en}
            keys = [rendering_key(candidate.en) for candidate in result.candidates[:5]]
            top1 += bool(keys) and keys[0] in accepted
            top5 += any(key in accepted for key in keys)
            if not keys or keys[0] not in accepted:
                misses.append(result)
        rows.append((label, len(evaluated), top1, top5, seconds, misses))
        if label == SCORERS[0][0]:
            within = [r for r in evaluated if r.concept.id in reachable]
            within_top1 = sum(r not in misses for r in within)
            within_top5 = sum(
                any(rendering_key(c.en) in {rendering_key(t) for t in r.concept.accepted_en} for c in r.candidates[:5])
                for r in within
            )
    align_module.ALIGNED_WEIGHT, align_module.DICE_WEIGHT, align_module.PRIOR_WEIGHT = SCORERS[0][1:]
    print(f"{'scorer':<14}{'concepts':>9}{'top-1':>8}{'top-5':>8}{'time s':>9}")
    for label, count, top1, top5, seconds, _ in rows:
        if count:
            print(f"{label:<14}{count:>9}{top1 / count:>8.2f}{top5 / count:>8.2f}{seconds:>9.2f}")
        else:
            print(f"{label:<14}{count:>9}{'-':>8}{'-':>8}{seconds:>9.2f}")
    print(f"{'target':<14}{'':>9}{TARGETS['top-1']:>8.2f}{TARGETS['top-5']:>8.2f}")
    if rows[0][1]:
        count = rows[0][1]
        print(f"ratio to target: top-1 {rows[0][2] / count / TARGETS['top-1']:.2f}, top-5 {rows[0][3] / count / TARGETS['top-5']:.2f}")
    if within:
        print(
            f"full scorer on the {len(within)} of {rows[0][1]} concepts whose accepted English occurs in the reference: "
            f"top-1 {within_top1 / len(within):.2f}, top-5 {within_top5 / len(within):.2f}"
        )
    print("top-1 misses of the full scorer:")
    for result in rows[0][5]:
        proposals = ", ".join(f"{c.en} ({c.score:.2f})" for c in result.candidates[:5]) or "(none)"
        print(f"  {result.ja} [{result.occurrences}×] expected {' | '.join(result.concept.accepted_en)}: {proposals}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--glossary", type=Path, action="append", default=None)
    parser.add_argument("--min-occurrences", type=int, default=2)
    args = parser.parse_args()
    if not WMT23.exists():
        sys.exit(f"{WMT23}: not found (../shared must sit beside the project)")
    started = time.perf_counter()
    segments = read_bilingual(
        source=str(WMT23 / "generaltest2023.ja-en.src.ja"), target=str(WMT23 / "generaltest2023.ja-en.ref.refA.en")
    )
    read_seconds = time.perf_counter() - started
    started = time.perf_counter()
    aligner = Aligner(segments)
    prepare_seconds = time.perf_counter() - started
    print(f"WMT23 ja-en: {len(segments)} segments; read {read_seconds:.2f} s, tokenise + eflomal {prepare_seconds:.2f} s")
    glossaries = args.glossary or [None, ROOT / "tests" / "fixtures" / "wmt23_terms.tsv"]
    for path in glossaries:
        evaluate(aligner, path, args.min_occurrences, segments)


if __name__ == "__main__":
    main()
