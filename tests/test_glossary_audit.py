"""yakugo glossary check: quality problems of a term base beyond validation."""

from __future__ import annotations

import json

import pytest

from yakugo.glossary.audit import audit
from yakugo.glossary.tsv import load_glossary

HEADER = "id\tja\ten\tja_variants\ten_variants\ten_forbidden\tconfusables\tnote\tsource\tja_blocked\n"


def write(tmp_path, rows: list[str]):
    path = tmp_path / "terms.tsv"
    path.write_text(HEADER + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def test_each_check_on_a_row_written_to_fail_it(tmp_path):
    path = write(
        tmp_path,
        [
            "guarantee\t安全の保証\tsecurity guarantees\t\t\tsecurity guarantees\tassurance\t\t000.txt\t",
            "assurance\t安全の約束\tsecurity assurances\t\t\t\t\t非核兵器国に与える安全の約束。\thttps://example.org/a\t",
            "nnws\t非核兵器国\tnon-nuclear-weapon states\t\t\t\t\t\thttps://example.org/b\t",
            "nuclear-weapons\t核兵器\tnuclear weapons\t\t\t\t\tNuclear arms in general.\thttps://example.org/c\t",
            "russia\tロシア\tRussia\t露\t\t\t\t\thttps://example.org/d\t",
        ],
    )
    result = audit(load_glossary(path))
    found = {(p.concept, p.check) for p in result.problems}
    assert found == {
        ("guarantee", "no-url-source"),
        ("guarantee", "forbidden-is-accepted"),
        ("guarantee", "confusable-not-mutual"),
        ("assurance", "note-unlinked"),  # names 非核兵器国 (nnws) as a word of its own
        ("russia", "short-form-unblocked"),  # 露 is inside 暴露, 披露, 露骨 … in JMdict
    }
    # 核兵器 inside 非核兵器国 is no mention of nuclear-weapons.
    assert not any(p.concept == "nuclear-weapons" for p in result.problems)
    assert any(n.check == "nested-form" and n.concept == "nuclear-weapons" for n in result.notes)


def test_cli_exit_status_and_json(tmp_path, run_cli):
    bad = write(tmp_path, ["a\t北大西洋条約機構\tNorth Atlantic Treaty Organization\t\t\t\tb\t\thttps://www.nato.int/\t", "b\t欧州連合\tEuropean Union\t\t\t\t\t\thttps://european-union.europa.eu/\t"])
    result = run_cli("glossary", "check", bad, "-f", "json")
    assert result.exit_code == 1
    assert [p["check"] for p in json.loads(result.stdout)["problems"]] == ["confusable-not-mutual"]
    good = write(tmp_path, ["a\t北大西洋条約機構\tNorth Atlantic Treaty Organization\t\t\t\t\t\thttps://www.nato.int/\t"])
    text = run_cli("glossary", "check", good)
    assert (text.exit_code, text.stdout.strip().splitlines()[-1]) == (0, "0 problems in 1 concepts")


@pytest.mark.slow  # JMdict wildcard look-ups for every short form
def test_the_bundled_glossary_passes(bundled):
    assert [p.message for p in audit(bundled).problems] == []
