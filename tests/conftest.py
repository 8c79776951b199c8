"""Shared fixtures: paths to the bundled and test glossaries, ../shared data, and a CLI runner."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.app import app
from glossary import load_glossary

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
DATA = SHARED / "data"

SEED_000 = "000_e8ee83136cc580c9.txt"
SEED_001 = "001_dfe5ffe8d42215b0.txt"
SEED_002 = "002_c4943cd626107f1c.txt"
SEED_003 = "003_5057de20c81a3f0d.txt"
SEED_004 = "004_9de2fea8c21e7a24.txt"


def need_shared(*parts: str) -> Path:
    """A path under ../shared, or skip the test saying what is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared seeds/data folder must sit beside the project root")
    return path


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
