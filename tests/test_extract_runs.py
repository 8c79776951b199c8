"""yakugo extract's noun runs against a plain reference, and its candidates on the seeds
against those of the revision before the runs were built from one segmentation."""

from __future__ import annotations

import json

from yakugo.aligner.core.segment import morphemes
from yakugo.aligner.mining.extract import Fine, _is_english_word, _trim, extract_terms, noun_runs

from support import FIXTURES

NOMINAL = ("名詞", "接頭辞", "接尾辞")


def reference_runs(line: str) -> list[tuple[int, int, tuple]]:
    """Noun runs the plain way: the line segmented twice (mode C for compound units, mode A
    for fine units), a fine unit in a run when it or a compound unit covering it is nominal
    (a middle dot between katakana names too), runs cut down by the same trimming rules."""
    compounds = [(o + m.begin(), o + m.end(), m.part_of_speech()[0]) for o, ml in morphemes(line, "C") for m in ml]
    edges = {0, len(line)} | {edge for begin, end, _ in compounds for edge in (begin, end)}
    fine = [
        Fine(o + m.begin(), o + m.end(), m.surface(), tuple(m.part_of_speech()), m, o + m.begin() in edges, o + m.end() in edges)
        for o, ml in morphemes(line, "A")
        for m in ml
    ]

    def member(unit: Fine) -> bool:
        covered = any(begin <= unit.begin < end and pos in NOMINAL for begin, end, pos in compounds)
        return (unit.pos[0] in NOMINAL or covered) and not _is_english_word(unit.surface)

    def katakana_name(unit: Fine) -> bool:
        return unit.pos[0] == "名詞" and all("\u30a0" <= ch <= "\u30ff" for ch in unit.surface)

    groups: list[list[Fine]] = [[]]
    for index, unit in enumerate(fine):
        current = groups[-1]
        following = fine[index + 1] if index + 1 < len(fine) else None
        dot = unit.surface == "・" and current and katakana_name(current[-1]) and following and katakana_name(following)
        if member(unit) or dot:
            current.append(unit)
        else:
            groups.append([])
    runs = [_trim(group) for group in groups if group]
    return [(run.start, run.end, run.units) for run in runs if run is not None]


def test_runs_equal_the_reference_on_every_seed_line(seeds):
    lines = [line for path in sorted(seeds.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    compared = 0
    for line in lines:
        if line.strip():
            assert [(run.start, run.end, run.units) for run in noun_runs(line)] == reference_runs(line), line[:40]
            compared += 1
    assert compared > 100


def test_runs_keep_a_middle_dot_only_between_katakana_names():
    line = "スティーブン・パイファーとNATO・ロシア理事会、そして核・ミサイル。"
    assert [run.surface for run in noun_runs(line)] == ["スティーブン・パイファー", "NATO", "ロシア理事会", "ミサイル"]


def test_seed_candidates_equal_those_of_the_two_segmentation_revision(seeds):
    # tests/fixtures/extract/seeds_min2.jsonl: the JSON records of `extract --min-freq 2`
    # on the five seeds without a glossary, computed by revision eab4115 (which segmented
    # every line in both modes), the example sentence left out.
    expected = [json.loads(line) for line in (FIXTURES / "extract" / "seeds_min2.jsonl").read_text(encoding="utf-8").splitlines()]
    documents = [(path.name, path.read_text(encoding="utf-8").splitlines()) for path in sorted(seeds.glob("*.txt"))]
    found = []
    for rank, candidate in enumerate(extract_terms(documents, None, min_frequency=2), start=1):
        record = candidate.to_dict(rank)
        del record["example"]
        found.append(record)
    assert len(found) == len(expected) > 500
    assert found == expected
