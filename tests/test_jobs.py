"""``yakugo terms --jobs`` and ``yakugo lint --jobs``: the same output as one process, in input
order, with unreadable files reported in their place and each folder's configuration honoured."""

from __future__ import annotations

import json
import shutil

from support import SEED_000, SEED_001, SEED_002


def archive_with_a_broken_file(seeds, tmp_path):
    """Three seeds in a folder of their own and, between them, a binary file and a configured sub-folder."""
    folder = tmp_path / "desk"
    (folder / "b-config").mkdir(parents=True)
    shutil.copy(seeds / SEED_000, folder / "a.txt")
    (folder / "b.txt").write_bytes(b"\x00\x01binary")
    shutil.copy(seeds / SEED_001, folder / "b-config" / "c.txt")
    # deprecated-variant is off in this sub-folder (seed 001 writes グルジア): a worker must read its configuration.
    (folder / "b-config" / "yakugo.toml").write_text('ignore = ["deprecated-variant"]\n', encoding="utf-8")
    shutil.copy(seeds / SEED_002, folder / "d.txt")
    return folder


def test_terms_jobs_2_prints_what_jobs_1_prints(run_cli, seeds, tmp_path, monkeypatch):
    archive_with_a_broken_file(seeds, tmp_path)
    monkeypatch.chdir(tmp_path)  # relative paths: the workers must read from this folder
    one = run_cli("terms", "desk", "-f", "json", "--jobs", "1")
    two = run_cli("terms", "desk", "-f", "json", "--jobs", "2")
    assert one.exit_code == two.exit_code == 2
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr == "desk/b.txt: binary file (contains NUL bytes)\n"
    paths = list(dict.fromkeys(record["path"] for record in json.loads(two.stdout)))
    assert paths == ["desk/a.txt", "desk/b-config/c.txt", "desk/d.txt"]
    text_one = run_cli("terms", "desk", "--jobs", "1")
    text_two = run_cli("terms", "desk", "--jobs", "2")
    assert text_one.stdout == text_two.stdout and "desk/d.txt: " in text_two.stdout


def test_lint_jobs_2_prints_what_jobs_1_prints(run_cli, seeds, tmp_path, monkeypatch):
    archive_with_a_broken_file(seeds, tmp_path)
    monkeypatch.chdir(tmp_path)
    for output_format in ("json", "text"):
        one = run_cli("lint", "desk", "-f", output_format, "--jobs", "1")
        two = run_cli("lint", "desk", "-f", output_format, "--jobs", "2")
        assert one.exit_code == two.exit_code == 2
        assert (one.stdout, one.stderr) == (two.stdout, two.stderr)
    findings = json.loads(run_cli("lint", "desk", "-f", "json", "--jobs", "2").stdout)
    assert list(dict.fromkeys(f["path"] for f in findings)) == ["desk/a.txt", "desk/b-config/c.txt", "desk/d.txt"]
    rules_of = {path: {f["rule"] for f in findings if f["path"] == path} for path in ("desk/a.txt", "desk/b-config/c.txt")}
    assert "deprecated-variant" in rules_of["desk/a.txt"]
    assert rules_of["desk/b-config/c.txt"] and "deprecated-variant" not in rules_of["desk/b-config/c.txt"]
    unconfigured = json.loads(run_cli("lint", seeds / SEED_001, "-f", "json", "--jobs", "1").stdout)
    assert "deprecated-variant" in {f["rule"] for f in unconfigured}


def test_forked_workers_print_what_one_process_prints(seeds, tmp_path):
    # A command run alone has no other thread, so its workers are forks of it (aligner.core.pool);
    # under the test runner they come from the fork server: both must give the same output.
    import subprocess
    import sys

    archive_with_a_broken_file(seeds, tmp_path)
    env = {"NO_COLOR": "1", "PATH": "", "YAKUGO_CACHE_DIR": str(tmp_path / "cache")}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "yakugo.cli", *args], cwd=tmp_path, capture_output=True, text=True, env=env)

    for command in ("terms", "lint"):
        one, two = run(command, "desk", "-f", "json", "--jobs", "1"), run(command, "desk", "-f", "json", "--jobs", "2")
        assert (two.returncode, two.stdout) == (one.returncode, one.stdout), command
        assert "b.txt" in two.stderr
