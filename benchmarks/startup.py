"""Start-up of the most common calls: ``yakugo lint`` of one short article and ``yakugo lookup``.

    python benchmarks/startup.py [--repeat 7] [--glossary terms.tsv] [--no-textlint] [--no-cache] [--baseline REV] [--python PATH]

Each figure is the best of ``--repeat`` runs of the whole command in a child
process (the checkout byte-compiled first, as ``pip install`` does), as wall
time and as the child's CPU time (user + system, from ``wait4``): on a shared
machine the CPU time is the steadier of the two. ``--baseline REV`` extracts
that git revision of the project into a temporary folder and times its commands
in the same run, interleaved with the checkout's, for the ratio new / old:

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

``--python PATH`` runs every command (and ``python -c pass``) with that interpreter,
e.g. a virtual environment holding a regular (non-editable) ``pip install`` of
yakugo, which users have: an editable install adds the import finder that the
checkout's ``.pth`` file installs to every Python start-up.

The compiled-glossary cache is warmed by one untimed run first (the figures
are the cached case, the one a user meets after the first run); with
``--no-cache`` every command is given ``--no-cache``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from measure import ROOT, run_child  # noqa: E402  (puts the project on sys.path)
from lint_throughput import configure_textlint, textlint_ready  # noqa: E402

from yakugo.glossary import load_glossary  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
# Written for the benchmark: no form of the bundled glossary occurs in the first line,
# the second holds 北大西洋条約機構 (NATO), which sends the line to the segmenter.
WITHOUT_CANDIDATE = "今日は朝から雨が降っていて、駅まで歩くのに時間がかかった。\n"
WITH_CANDIDATE = "北大西洋条約機構の首脳会議が来月開かれる予定だ。\n"


def run_once(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``command`` (exit status 0 or 1 expected)."""
    wall, cpu, _ = run_child(command, env, cwd)
    return wall, cpu


def extract_revision(revision: str, folder: Path) -> Path:
    """``git archive`` of ``revision`` as ``folder/yakugo``; returns the folder for PYTHONPATH."""
    package = folder / "yakugo"
    package.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", revision], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(package)], input=archive, check=True)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--glossary", type=Path, default=None)
    parser.add_argument("--no-textlint", action="store_true", help="Skip the textlint comparison.")
    parser.add_argument("--no-cache", action="store_true", help="Give every yakugo command --no-cache.")
    parser.add_argument("--baseline", metavar="REV", help="Also time this git revision of the project, in the same run.")
    parser.add_argument("--python", type=Path, default=Path(sys.executable), help="Interpreter the commands run with (default: this one).")
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
    environment = {**os.environ, "YAKUGO_CACHE_DIR": str(work / "cache")}
    versions = {"now": environment}
    if args.baseline:
        old = extract_revision(args.baseline, work / "baseline")
        versions[args.baseline] = {**environment, "PYTHONPATH": str(old)}

    def yakugo(version: str, *command: str) -> list[str]:
        # --no-cache is given only to the checkout: a baseline may not know the flag.
        flags = ["--no-cache"] if args.no_cache and version == "now" else []
        return [str(args.python), "-m", "yakugo.cli", *flags, *command]

    def best(commands: dict[str, list[str]]) -> dict[str, tuple[float, float]]:
        """Best wall and best CPU seconds of each version's command, runs interleaved."""
        for version, command in commands.items():
            run_once(command, work, versions[version])  # warm the page cache and the glossary cache
        runs: dict[str, list[tuple[float, float]]] = {version: [] for version in commands}
        for _ in range(max(1, args.repeat)):
            for version, command in commands.items():
                runs[version].append(run_once(command, work, versions[version]))
        return {version: (min(w for w, _ in done), min(c for _, c in done)) for version, done in runs.items()}

    floor_wall, floor_cpu = best({"now": [str(args.python), "-c", "pass"]})["now"]
    print(f"glossary: {args.glossary or 'bundled'}; best of {args.repeat} runs; cache {'off' if args.no_cache else 'on'}; python: {args.python}")
    print(f"{'':<42}  {'wall':>7}  {'CPU':>7}")
    print(f"{'python -c pass':<42}: {floor_wall * 1000:5.0f} ms {floor_cpu * 1000:5.0f} ms")
    cases = {f"yakugo lint, {label}": ["lint", "-f", "json", *glossary_args, name] for label, name in articles.items()}
    cases["yakugo lookup NATO"] = ["lookup", *glossary_args, "NATO"]
    ours: dict[str, tuple[float, float]] = {}
    for label, command in cases.items():
        figures = best({version: yakugo(version, *command) for version in versions})
        ours[label] = figures["now"]
        wall, cpu = figures["now"]
        line = f"{label:<42}: {wall * 1000:5.0f} ms {cpu * 1000:5.0f} ms  ({cpu / floor_cpu:4.1f}x python -c pass, CPU)"
        if args.baseline:
            old_wall, old_cpu = figures[args.baseline]
            line += f"; {args.baseline}: {old_wall * 1000:.0f} ms / {old_cpu * 1000:.0f} ms CPU, now/then {wall / old_wall:.2f} wall, {cpu / old_cpu:.2f} CPU"
        print(line)

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
                wall, cpu = best({"now": [str(binary), "--format", "json", name]})["now"]
                mine_wall, mine_cpu = ours[f"yakugo lint, {label}"]
                print(f"  {label:<40}: {wall * 1000:5.0f} ms {cpu * 1000:5.0f} ms  ratio {wall / mine_wall:4.2f} wall, {cpu / mine_cpu:4.2f} CPU")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
