"""Every command reads the glossary named by yakugo.toml / [tool.yakugo] (issue 17, item 15)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from yakugo.aligner.lint.config import glossary_for

HEADER = "id\tja\ten\tja_variants\tja_deprecated\ten_variants\ten_forbidden\tconfusables\ttype\tnote\tsource\n"
# A concept the bundled glossary does not hold, so that finding it proves which glossary was read.
HOUSE = HEADER + "house-drill\t机上演習\ttabletop exercise\t\t\t\t\t\tconcept\t\thouse style\n"
ARTICLE = "来月、机上演習を行う。\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "house.tsv").write_text(HOUSE, encoding="utf-8")
    (tmp_path / "yakugo.toml").write_text('glossary = "house.tsv"\n', encoding="utf-8")
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_glossary_for_prefers_the_flag_then_the_configuration(project: Path, mini_path: Path):
    assert glossary_for(mini_path) == mini_path
    assert glossary_for(None) == project / "house.tsv"
    assert glossary_for(None, isolated=True) is None


def test_terms_reads_the_glossary_named_in_yakugo_toml(project: Path, run_cli):
    result = run_cli("terms", "article.txt", "-f", "json")
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    assert [(record["concept"], record["text"], record["column"]) for record in found] == [("house-drill", "机上演習", 4)]


def test_the_glossary_flag_and_isolated_win_over_the_configuration(project: Path, run_cli, mini_path: Path):
    for flags in (("--glossary", str(mini_path)), ("--isolated",)):
        result = run_cli("terms", "article.txt", "-f", "json", *flags)
        assert result.exit_code == 0, result.stderr
        assert all(record["concept"] != "house-drill" for record in json.loads(result.stdout))


def test_config_names_the_file_from_elsewhere(project: Path, run_cli, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (elsewhere / "other.toml").write_text(f'[tool.yakugo]\nglossary = "{project / "house.tsv"}"\n', encoding="utf-8")
    (project / "yakugo.toml").unlink()
    result = run_cli("lookup", "机上演習", "-f", "json", "--config", str(elsewhere / "other.toml"))
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["id"] == "house-drill"


@pytest.mark.parametrize(
    "args",
    [
        ("lookup", "机上演習", "-f", "json"),
        ("export", "--to", "csv"),
    ],
)
def test_other_commands_read_the_configured_glossary(project: Path, run_cli, args):
    result = run_cli(*args)
    assert result.exit_code == 0, result.stderr
    assert "tabletop exercise" in result.stdout
