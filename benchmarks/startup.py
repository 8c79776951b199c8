"""Start-up of the most common calls: ``yakugo lint`` of one short article and ``yakugo lookup``.

    python benchmarks/startup.py [--repeat 7] [--glossary terms.tsv] [--no-textlint] [--no-cache]

Each figure is the best of ``--repeat`` runs of the whole command in a child
process (the checkout byte-compiled first, as ``pip install`` does):

* ``python -c pass``: the floor every Python command pays;
* ``yakugo lint`` of a one-line article holding no glossary candidate (the
  Sudachi dictionary is never loaded) and of one holding a candidate (the line
  is segmented, so the dictionary is loaded);
* ``yakugo lint`` of the first seed article (../shared/seeds), when present;
* ``yakugo lookup NATO``;
* textlint + textlint-rule-prh (the glossary's deprecated forms as a prh
  dictionary, installed as ``lint_throughput.py`` does) on the same articles,
  with the ratio textlint / yakugo, command against command (target >= 3 on
  the seed article). Skipped with a message when npm/npx is unavailable.

The compiled-glossary cache is warmed by one untimed run first (the figures
are the cached case, the one a user meets after the first run); with
``--no-cache`` every command is given ``--no-cache``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from measure import ROOT  # noqa: E402  (puts the project on sys.path)
from lint_throughput import configure_textlint, run_textlint, textlint_ready, timed  # noqa: E402

from yakugo.glossary import load_glossary  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
# Written for the benchmark: no form of the bundled glossary occurs in the first line,
# the second holds 北大西洋条約機構 (NATO), which sends the line to the segmenter.
WITHOUT_CANDIDATE = "今日は朝から雨が降っていて、駅まで歩くのに時間がかかった。\n"
WITH_CANDIDATE = "北大西洋条約機構の首脳会議が来月開かれる予定だ。\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--glossary", type=Path, default=None)
    parser.add_argument("--no-textlint", action="store_true", help="Skip the textlint comparison.")
    parser.add_argument("--no-cache", action="store_true", help="Give every yakugo command --no-cache.")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="yakugo-startup-"))
    articles = {"one line, no candidate": "plain.txt", "one line, a candidate": "candidate.txt"}
    (work / "plain.txt").write_text(WITHOUT_CANDIDATE, encoding="utf-8")
    (work / "candidate.txt").write_text(WITH_CANDIDATE, encoding="utf-8")
    seed_files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if seed_files:
        shutil.copyfile(seed_files[0], work / "seed.txt")  # a temporary copy, deleted at the end
        articles[f"seed article ({sum(1 for _ in open(seed_files[0], encoding='utf-8'))} lines)"] = "seed.txt"
    else:
        print(f"seed article: not measured ({SEEDS} not found)")

    compileall = [sys.executable, "-m", "compileall", "-q", *(str(ROOT / package) for package in ("cli", "aligner", "glossary"))]
    subprocess.run(compileall, check=True)
    glossary_args = ["--glossary", str(args.glossary)] if args.glossary else []
    global_args = ["--no-cache"] if args.no_cache else []
    yakugo = [sys.executable, "-m", "yakugo.cli", *global_args]

    def best(command: list[str]) -> float:
        timed(command, work, 1)  # warm the page cache and the compiled-glossary cache
        seconds, _, _ = timed(command, work, args.repeat)
        return seconds

    floor = best([sys.executable, "-c", "pass"])
    print(f"glossary: {args.glossary or 'bundled'}; best of {args.repeat} runs; cache {'off' if args.no_cache else 'on'}")
    print(f"{'python -c pass':<42}: {floor * 1000:7.0f} ms")
    ours: dict[str, float] = {}
    for label, name in articles.items():
        ours[label] = best([*yakugo, "lint", "-f", "json", *glossary_args, name])
        print(f"{'yakugo lint, ' + label:<42}: {ours[label] * 1000:7.0f} ms  ({ours[label] / floor:4.1f}x python -c pass)")
    lookup = best([*yakugo, "lookup", *glossary_args, "NATO"])
    print(f"{'yakugo lookup NATO':<42}: {lookup * 1000:7.0f} ms  ({lookup / floor:4.1f}x python -c pass)")

    if args.no_textlint:
        print("textlint: not measured (--no-textlint)")
    else:
        binary = textlint_ready() if shutil.which("npx") else None
        if binary is None:
            print("textlint: not measured (npx/npm unavailable or the install failed)")
        else:
            configure_textlint(load_glossary(args.glossary), work)
            print("textlint + textlint-rule-prh, same articles (ratio = textlint / yakugo, target >= 3 on the seed article):")
            for label, name in articles.items():
                theirs, _, _ = run_textlint(binary, work, name, args.repeat)
                print(f"  {label:<40}: {theirs * 1000:7.0f} ms  ratio {theirs / ours[label]:4.2f}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
