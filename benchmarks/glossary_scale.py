"""Commands against glossaries of 100 to 100,000 concepts (200,000 with ``--large``).

    python benchmarks/glossary_scale.py [--large] [--repeat 2] [--seed 0] [--sizes 100,1000]

Each glossary is built by ``synthetic_glossary.build_glossary`` (the bundled concepts
plus seeded JMdict nouns) and given a cache folder of its own. Every command runs in
a child process (``python -m yakugo.cli``), the cached figures being the best of
``--repeat`` runs:

* set-up: ``lint`` of an empty file, first run (cold cache: parse, validate, build
  the automaton and the rules' set-up, write the entry) and cached;
* ``lint`` of one article (the first seed article), cold and cached;
* ``lint`` and ``terms`` of the WMT24 corpus, cached;
* ``lookup``, cached;
* the peak memory (maximum resident set) of the corpus lint.

Targets (issue 18), printed beside the figures: with the cache, ``lint`` of one
article at 100,000 concepts <= 1.3x its time at 100; ``lookup`` <= 0.3 s at 100,000.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import DATA, ROOT, run_child  # noqa: E402
from synthetic_glossary import build_glossary  # noqa: E402

CORPUS = DATA / "wmt24-ja-news" / "ja-zh.src.ja"
SEEDS = ROOT.parent / "shared" / "seeds"
SIZES = (100, 1_000, 10_000, 100_000)
LARGE = 200_000
ARTICLE_TARGET = 1.3  # lint of one article at 100,000 / at 100, cached
LOOKUP_TARGET = 0.3  # seconds at 100,000, cached


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--large", action="store_true", help=f"Also {LARGE:,} concepts.")
    parser.add_argument("--repeat", type=int, default=2, help="Cached runs of each command; the best is shown.")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sizes", help="Comma-separated concept counts instead of the default ones.")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")] if args.sizes else [*SIZES, *([LARGE] if args.large else [])]
    article = sorted(SEEDS.glob("*.txt"))[0]
    print(f"article: {article.name} ({len(article.read_text(encoding='utf-8')):,} characters); corpus: {CORPUS.name}")
    print(f"{'concepts':>9} {'build':>6} | {'set-up cold':>11} {'cached':>7} | {'article cold':>12} {'cached':>7} | "
          f"{'corpus lint':>11} {'terms':>7} | {'lookup':>7} | {'peak MiB':>8}")
    results: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as work:
        empty = Path(work) / "empty.txt"
        empty.write_text("", encoding="utf-8")
        for size in sizes:
            glossary = Path(work) / f"terms-{size}.tsv"
            glossary.write_text(build_glossary(size, args.seed), encoding="utf-8")
            env = {**os.environ, "YAKUGO_CACHE_DIR": str(Path(work) / f"cache-{size}")}

            def yakugo(*command: str) -> list[str]:
                return [sys.executable, "-m", "yakugo.cli", command[0], "--glossary", str(glossary), *command[1:]]

            def cached(command: list[str]) -> tuple[float, float, float]:
                runs = [run_child(command, env) for _ in range(max(1, args.repeat))]
                return min(run[0] for run in runs), min(run[1] for run in runs), max(run[2] for run in runs)

            setup_cold = run_child(yakugo("lint", str(empty)), env)
            setup = cached(yakugo("lint", str(empty)))
            for part in Path(env["YAKUGO_CACHE_DIR"]).glob("glossary-*"):
                part.unlink()  # the article's first run meets an empty cache too
            article_cold = run_child(yakugo("lint", str(article)), env)
            article_cached = cached(yakugo("lint", str(article)))
            corpus = cached(yakugo("lint", str(CORPUS)))
            terms = cached(yakugo("terms", str(CORPUS)))
            lookup = cached(yakugo("lookup", "安全保障"))
            results[size] = {"article": article_cached[0], "article_cpu": article_cached[1], "lookup": lookup[0]}
            print(
                f"{size:>9,} {glossary.stat().st_size / 2**20:>5.1f}M | {setup_cold[0]:>10.2f}s {setup[0]:>6.2f}s | "
                f"{article_cold[0]:>11.2f}s {article_cached[0]:>6.2f}s | {corpus[0]:>10.2f}s {terms[0]:>6.2f}s | "
                f"{lookup[0]:>6.2f}s | {corpus[2]:>8.0f}",
                flush=True,
            )
            print(f"{'':>9} CPU s   | {setup_cold[1]:>10.2f}s {setup[1]:>6.2f}s | {article_cold[1]:>11.2f}s {article_cached[1]:>6.2f}s | "
                  f"{corpus[1]:>10.2f}s {terms[1]:>6.2f}s | {lookup[1]:>6.2f}s |", flush=True)
    if 100 in results and 100_000 in results:
        ratio = results[100_000]["article"] / results[100]["article"]
        cpu_ratio = results[100_000]["article_cpu"] / results[100]["article_cpu"]
        verdict = "met" if ratio <= ARTICLE_TARGET else "NOT met"
        print(f"lint of one article, cached, 100,000 / 100 concepts: {ratio:.2f}x wall, {cpu_ratio:.2f}x CPU "
              f"(target <= {ARTICLE_TARGET}x: {verdict})")
    if 100_000 in results:
        verdict = "met" if results[100_000]["lookup"] <= LOOKUP_TARGET else "NOT met"
        print(f"lookup at 100,000 concepts, cached: {results[100_000]['lookup']:.2f} s (target <= {LOOKUP_TARGET} s: {verdict})")


if __name__ == "__main__":
    main()
