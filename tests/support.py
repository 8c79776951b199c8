"""Paths and helpers the tests share (imported by test modules; conftest holds only fixtures)."""

from __future__ import annotations

from pathlib import Path

import pytest

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
