"""Time of ``extract`` and ``align`` on about 10,000 segments, beside bare SudachiPy.

    python benchmarks/mining_scale.py [--segments 10000]

extract: ../shared/data/wmt24-ja-news/ja-zh.src.ja (9,709 lines of Japanese
news; its CANARY line skipped), mined with the bundled glossary.
align: the parallel data at hand (WMT23 ja-en, 1,992 pairs, and WMT24 en-ja
reversed, 997 pairs) repeated until ``--segments`` pairs, every concept of the
bundled glossary aligned. The baseline beside each is one pass of bare
SudachiPy (split mode A) over the same Japanese, the floor of any method that
segments it; the issue's bar is "minutes, not hours".
"""

from __future__ import annotations

import argparse
import sys
import time
from itertools import cycle, islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from yakugo.aligner.mining.align import Aligner, term_glossary  # noqa: E402
from yakugo.aligner.qa.readers import Segment, read_bilingual  # noqa: E402
from yakugo.aligner.mining.extract import TermMiner  # noqa: E402
from yakugo.aligner.core.segment import tokenizer  # noqa: E402
from yakugo.glossary import load_glossary  # noqa: E402

DATA = ROOT.parent / "shared" / "data"


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
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"{DATA}: not found (../shared must sit beside the project)")
    glossary = load_glossary()
    tokenizer("A").tokenize("準備")  # load the dictionary outside the timings

    lines = content(DATA / "wmt24-ja-news" / "ja-zh.src.ja")
    started = time.perf_counter()
    miner = TermMiner(glossary)
    miner.add_document("ja-zh.src.ja", lines)
    candidates = miner.candidates(min_frequency=2)
    extract_seconds = time.perf_counter() - started
    baseline = bare_sudachi(lines)
    print(f"extract: {len(lines)} lines, {sum(map(len, lines)):,} characters, {len(candidates)} candidates (min-freq 2)")
    print(f"  {extract_seconds:.1f} s   bare SudachiPy {baseline:.1f} s   ratio {extract_seconds / baseline:.1f}×")
    print("  top 10: " + ", ".join(c.surface for c in candidates[:10]))

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
