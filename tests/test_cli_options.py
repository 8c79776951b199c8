"""Options that mean the same in every command: ``-t``, ``--color``, and the glossary
``import`` merges into by default (issue 17, items 15 and 23)."""

from __future__ import annotations

import os
import subprocess
import sys

from support import ROOT

from yakugo.glossary import load_glossary
from yakugo.glossary.tsv import bundled_glossary_path

ARTICLE = "イェルツィン氏が演説した。\n"  # イェルツィン is a deprecated form of エリツィン
ESCAPE = "\x1b["


def test_export_dash_t_still_works_but_warns(run_cli):
    old = run_cli("export", "-t", "csv")
    new = run_cli("export", "--to", "csv")
    assert old.exit_code == new.exit_code == 0
    assert old.stdout == new.stdout and new.stdout.startswith("\ufeffid,ja,en,")
    assert old.stderr.strip() == "-t is deprecated for export; use --to"
    assert "deprecated" not in new.stderr


def test_export_help_shows_only_to_and_to_is_still_required(run_cli):
    help_text = run_cli("export", "--help").stdout
    assert "--to" in help_text
    assert " -t" not in help_text
    missing = run_cli("export")
    assert missing.exit_code == 2
    assert "Missing option '--to'" in missing.stderr


def test_dash_t_is_the_target_file_of_check(run_cli, mini_path, tmp_path):
    source, target = tmp_path / "ja.txt", tmp_path / "en.txt"
    source.write_text("エリツィン氏が演説した。\n", encoding="utf-8")
    target.write_text("Yeltsin gave a speech.\n", encoding="utf-8")
    short = run_cli("check", "-s", source, "-t", target, "-g", mini_path, "-f", "json")
    long = run_cli("check", "-s", source, "--target", target, "-g", mini_path, "-f", "json")
    assert short.exit_code == long.exit_code
    assert short.stdout == long.stdout


def _lint(tmp_path, *options: str, env: dict[str, str]) -> str:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    environment = {**os.environ, **env, "YAKUGO_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-m", "yakugo.cli", *options, str(article)], cwd=ROOT, capture_output=True, text=True, env=environment
    )
    assert done.returncode == 1, done.stderr  # the deprecated form is a finding
    assert "deprecated-variant" in done.stdout
    return done.stdout


def test_color_on_the_command_means_what_it_means_before_it(tmp_path):
    forced = {"FORCE_COLOR": "1"}
    assert ESCAPE in _lint(tmp_path, "lint", env=forced)
    assert ESCAPE not in _lint(tmp_path, "lint", "--color", "never", env=forced)
    assert ESCAPE not in _lint(tmp_path, "--color", "never", "lint", env=forced)
    plain = {"NO_COLOR": "1"}
    assert ESCAPE not in _lint(tmp_path, "lint", env=plain)
    assert ESCAPE in _lint(tmp_path, "lint", "--color", "always", env=plain)
    assert _lint(tmp_path, "lint", "--color", "never", env=forced) == _lint(tmp_path, "lint", env=plain)


def test_every_command_takes_color(run_cli):
    from yakugo.cli.reference import command_options

    for name, parameters in command_options().items():
        assert any("--color" in parameter.opts for parameter in parameters), name


def _incoming(tmp_path):
    incoming = tmp_path / "in.tsv"
    incoming.write_text("id\tja\ten\nrain-test\t雷雨注意報\tthunderstorm advisory\n", encoding="utf-8")
    return incoming


def test_import_without_into_merges_into_the_configured_glossary(run_cli, mini_path, tmp_path, monkeypatch):
    glossary = tmp_path / "terms.tsv"
    glossary.write_bytes(mini_path.read_bytes())
    (tmp_path / "yakugo.toml").write_text('glossary = "terms.tsv"\n', encoding="utf-8")
    before = len(load_glossary(glossary))
    monkeypatch.chdir(tmp_path)
    result = run_cli("import", _incoming(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert f"wrote {glossary}" in result.stdout
    after = load_glossary(glossary)
    assert len(after) == before + 1
    assert any(concept.ja == "雷雨注意報" for concept in after.concepts)


def test_import_refuses_to_rewrite_the_bundled_glossary(run_cli, tmp_path, monkeypatch):
    bundled = bundled_glossary_path().read_bytes()
    monkeypatch.chdir(tmp_path)  # no yakugo.toml here or above /tmp
    unconfigured = run_cli("import", _incoming(tmp_path))  # as before configuration: printed
    assert unconfigured.exit_code == 0, unconfigured.stderr
    assert "雷雨注意報\tthunderstorm advisory" in unconfigured.stdout
    (tmp_path / "yakugo.toml").write_text(f'glossary = "{bundled_glossary_path().as_posix()}"\n', encoding="utf-8")
    configured_bundled = run_cli("import", _incoming(tmp_path))
    assert configured_bundled.exit_code == 2
    assert "bundled" in configured_bundled.stderr and "pass --into" in configured_bundled.stderr
    assert bundled_glossary_path().read_bytes() == bundled


def test_import_into_dash_prints_a_new_glossary(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli("import", _incoming(tmp_path), "--into", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("id\tja\ten")
    assert "雷雨注意報\tthunderstorm advisory" in result.stdout
