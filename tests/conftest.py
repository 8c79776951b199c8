"""Shared fixtures: paths to the bundled and test glossaries, ../shared data, and a CLI runner."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from yakugo.cli.app import app
from yakugo.glossary import load_glossary

from support import DATA, FIXTURES, ROOT, SEEDS, SHARED, need_shared  # noqa: F401

# Names whose use marks a test as reading ../shared (so `-m "not shared"` runs without it).
_SHARED_NAMES = {"need_shared", "SEEDS", "DATA", "SHARED", "seeds", "data"}


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        function = getattr(item, "function", None)
        names = set(getattr(getattr(function, "__code__", None), "co_names", ())) | set(item.fixturenames)
        if names & _SHARED_NAMES:
            item.add_marker(pytest.mark.shared)


@pytest.fixture(autouse=True)
def isolated_configuration(monkeypatch, tmp_path_factory) -> None:
    """No yakugo.toml or pyproject.toml above the checkout or the test's temporary folder
    is read: configuration discovery stops below them (a user's ~/yakugo.toml must not
    change what a test sees)."""
    ceilings = [str(ROOT.parent), str(tmp_path_factory.getbasetemp())]
    monkeypatch.setenv("YAKUGO_CONFIG_CEILING", os.pathsep.join(ceilings))
    # The compiled-glossary cache of the session's own, never the user's cache folder.
    monkeypatch.setenv("YAKUGO_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "yakugo-cache"))


@pytest.fixture
def seeds() -> Path:
    return need_shared("seeds")


@pytest.fixture
def data() -> Path:
    return need_shared("data")


@pytest.fixture(scope="session")
def mini_path() -> Path:
    return FIXTURES / "mini.tsv"


@pytest.fixture(scope="session")
def mini(mini_path):
    return load_glossary(mini_path)


@pytest.fixture(scope="session")
def bundled():
    return load_glossary()


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def run_cli():
    """Run ``yakugo ARGS`` in-process and return exit code, stdout and stderr."""

    def run(*args: str, input: str | bytes | None = None, env: dict[str, str] | None = None) -> CliResult:
        result = CliRunner().invoke(app, [str(arg) for arg in args], input=input, env=env or {"NO_COLOR": "1"})
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return CliResult(result.exit_code, result.stdout, result.stderr)

    return run
