"""``yakugo terms`` over the five seed articles with the bundled glossary."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from support import SEED_000, SEED_001, SEED_002, SEED_003, SEED_004


@pytest.fixture(scope="module")
def seed_terms(request):
    from support import need_shared

    seeds = need_shared("seeds")
    from typer.testing import CliRunner

    from yakugo.cli.app import app

    result = CliRunner().invoke(app, ["terms", str(seeds), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    for record in records:
        record["file"] = Path(record["path"]).name
    return seeds, records


def at(records, file, line, column):
    hits = [r for r in records if (r["file"], r["line"], r["column"]) == (file, line, column)]
    assert len(hits) == 1, f"no single term at {file}:{line}:{column}"
    return hits[0]


def test_every_seed_has_terms(seed_terms):
    _, records = seed_terms
    per_file = Counter(r["file"] for r in records)
    assert set(per_file) == {SEED_000, SEED_001, SEED_002, SEED_003, SEED_004}
    assert min(per_file.values()) >= 30


def test_yeltsin_deprecated_spelling_in_001(seed_terms):
    _, records = seed_terms
    hit = at(records, SEED_001, 502, 8)
    assert (hit["text"], hit["concept"], hit["status"], hit["ja"], hit["en"]) == (
        "イェルツィン",
        "boris-yeltsin",
        "deprecated",
        "エリツィン",
        "Boris Yeltsin",
    )
    assert sum(r["text"] == "イェルツィン" for r in records if r["file"] == SEED_001) >= 20


def test_extended_deterrence_in_002(seed_terms):
    _, records = seed_terms
    hit = at(records, SEED_002, 6, 31)
    assert (hit["text"], hit["concept"], hit["en"], hit["status"]) == (
        "拡大抑止",
        "extended-deterrence",
        "extended deterrence",
        "preferred",
    )


def test_security_guarantee_wording_and_us_russia_spellings(seed_terms):
    _, records = seed_terms
    assert at(records, SEED_001, 16, 52)["concept"] == "security-guarantees"
    assert at(records, SEED_002, 51, 135)["text"] == "安全保障の保証"
    spellings = Counter(r["text"] for r in records if r["file"] == SEED_004 and r["concept"] == "us-russia")
    assert spellings["米ロ"] >= 10 and spellings["米露"] >= 2


def test_recognitions_are_the_text_at_their_positions_and_never_inside_words(seed_terms):
    seeds, records = seed_terms
    lines = {name: (seeds / name).read_text(encoding="utf-8").split("\n") for name in {r["file"] for r in records}}
    for record in records:
        line = lines[record["file"]][record["line"] - 1]
        assert line[record["column"] - 1 : record["end_column"] - 1] == record["text"]
    lone_ro = [r for r in records if r["text"] == "露"]
    assert lone_ro, "露 as an abbreviation of Russia occurs in the seeds"
    for record in lone_ro:
        line = lines[record["file"]][record["line"] - 1]
        around = line[record["column"] - 2 : record["end_column"]]
        assert not any(word in around for word in ("暴露", "披露", "露骨", "日露"))


def test_spaced_latin_japanese_forms_in_004(seed_terms):
    _, records = seed_terms
    assert (at(records, SEED_004, 464, 1)["text"], at(records, SEED_004, 464, 1)["status"]) == ("NATO 拡張", "deprecated")
    assert at(records, SEED_004, 844, 3)["concept"] == "article-5"
    assert at(records, SEED_004, 774, 10)["concept"] == "not-one-inch"
    spaced = [r for r in records if r["file"] == SEED_004 and r["concept"] == "nato-enlargement" and " " in r["text"]]
    assert len(spaced) >= 20


def test_addresses_in_the_seeds_are_not_terms(seed_terms):
    # 001 and 004 cite nato.int pages; nato in an address is not a mention of NATO.
    _, records = seed_terms
    assert not [r for r in records if r["text"].isascii() and r["text"].islower()]
