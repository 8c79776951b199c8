"""Recognition in bounded pieces finds what recognition of the whole text finds.

``find_lines`` runs the automaton over bounded batches of lines, and segments only the
Sudachi chunks of a line that hold a candidate's edge (``segment.boundaries_at``). The
whole-text path is the same code with one batch and every chunk segmented
(``segment.boundaries``): both must give the same matches on the seeds, on WMT24
documents, and on long lines whose terms sit against every chunk boundary.
"""

from __future__ import annotations

import pytest

from yakugo.aligner.core import recognize, segment
from yakugo.aligner.core.recognize import Recognizer
from yakugo.glossary.tsv import load_glossary
from tests.support import SEEDS, need_shared


@pytest.fixture(scope="module")
def bundled() -> Recognizer:
    return Recognizer(load_glossary(None))


def whole_text(recognizer: Recognizer, lines: list[str], monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    with monkeypatch.context() as patch:
        patch.setattr(recognize, "_BATCH_CHARS", 1 << 62)
        patch.setattr(recognize, "boundaries_at", lambda line, positions: segment.boundaries(line))
        return [match.to_dict() for match in recognizer.find_lines(lines)]


def in_pieces(recognizer: Recognizer, lines: list[str], monkeypatch: pytest.MonkeyPatch, batch: int) -> list[dict[str, object]]:
    with monkeypatch.context() as patch:
        patch.setattr(recognize, "_BATCH_CHARS", batch)
        return [match.to_dict() for match in recognizer.find_lines(lines)]


def seed_lines() -> list[str]:
    need_shared("seeds")
    return [line for path in sorted(SEEDS.glob("*.txt")) for line in path.read_text(encoding="utf-8").split("\n")]


def wmt24_lines(count: int) -> list[str]:
    lines = need_shared("data", "wmt24-ja-news", "ja-zh.src.ja").read_text(encoding="utf-8").split("\n")[1:]
    return lines[:count]


@pytest.mark.parametrize("batch", [1, 500, 1 << 18])
def test_seeds_in_batches_of_lines_equal_the_whole_text(bundled, monkeypatch, batch):
    lines = seed_lines()
    expected = whole_text(bundled, lines, monkeypatch)
    assert len(expected) > 100
    assert in_pieces(bundled, lines, monkeypatch, batch) == expected


def test_wmt24_in_batches_of_lines_equal_the_whole_text(bundled, monkeypatch):
    lines = wmt24_lines(3000)
    expected = whole_text(bundled, lines, monkeypatch)
    assert len(expected) > 300
    assert in_pieces(bundled, lines, monkeypatch, 4096) == expected


def long_line(lines: list[str], sentence_ends: bool) -> str:
    """WMT24 sentences joined into one line of some 60,000 characters; without sentence ends
    Sudachi's chunks are cut at the chunk limit, inside words and terms."""
    text = "".join(lines)
    return text if sentence_ends else text.replace("。", "、")


@pytest.mark.parametrize("sentence_ends", [True, False])
def test_a_long_line_in_chunks_equals_the_whole_line(bundled, monkeypatch, sentence_ends):
    line = long_line(wmt24_lines(1200), sentence_ends)[:60000]
    assert len(line) > 5 * segment.MAX_CHUNK_CHARS
    expected = whole_text(bundled, [line], monkeypatch)
    assert in_pieces(bundled, [line], monkeypatch, 1 << 18) == expected
    assert len([offset for offset, _ in segment.chunks(line)]) > 5
    assert len(expected) > 50


def test_terms_straddling_and_touching_every_chunk_cut(bundled, monkeypatch):
    # A line of a term repeated without sentence ends: chunks are cut at the limit, so some
    # occurrences straddle a cut, others end or start exactly on it.
    term = "拡大抑止"
    filler = "と、"  # a unit of 6: cuts at 8000, 16000, 24000 fall inside, after and before a term
    unit = term + filler
    line = unit * (4 * segment.MAX_CHUNK_CHARS // len(unit)) + "の"
    expected = whole_text(bundled, [line], monkeypatch)
    found = in_pieces(bundled, [line], monkeypatch, 1 << 18)
    assert found == expected
    cuts = [offset for offset, _ in segment.chunks(line)][1:]
    straddled = [cut for cut in cuts if line.find(term, cut - len(term) + 1, cut + len(term) - 1) != -1]
    assert straddled and len([match for match in found if match["text"] == term]) > 1000


def test_boundaries_at_agrees_with_boundaries_on_the_positions_asked(monkeypatch):
    line = long_line(wmt24_lines(600), sentence_ends=False)[:30000]
    every = segment.boundaries(line)
    asked = set(range(0, len(line), 97)) | {8000, 7999, 8001, 16000}
    near = segment.boundaries_at(line, asked)
    assert {p for p in asked if p in every} == {p for p in asked if p in near}
