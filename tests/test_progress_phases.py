"""Long work reports its phases and how far it has got (issue 17, item 18)."""

from __future__ import annotations

import contextlib
import json

from yakugo.aligner.mining.extract import TermMiner
from yakugo.aligner.qa.readers import read_bilingual

from support import FIXTURES


class Recorder:
    """A Progress that keeps every call: ("phase", label, total) and ("advance", amount)."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def phase(self, label: str, total: int | None = None) -> None:
        self.calls.append(("phase", label, total))

    def advance(self, amount: int = 1) -> None:
        self.calls.append(("advance", amount))

    def phases(self) -> list[tuple[str, int | None]]:
        return [(label, total) for kind, label, total in (c for c in self.calls if c[0] == "phase")]

    def advanced_in(self, label: str) -> int:
        """The units advanced while phase ``label`` was current."""
        current, done = None, 0
        for call in self.calls:
            if call[0] == "phase":
                current = call[1]
            elif current == label:
                done += call[1]
        return done


def recording(monkeypatch, module) -> Recorder:
    recorder = Recorder()

    @contextlib.contextmanager
    def fake():
        yield recorder

    monkeypatch.setattr(module, "phased_progress", fake)
    return recorder


LINES = ["停戦監視団が入った。", "", "停戦監視団が出た。核実験場を見た。"]


def test_the_miner_counts_characters_while_segmenting_and_runs_while_scoring():
    recorder = Recorder()
    miner = TermMiner()
    miner.add_documents([("a.txt", LINES)], recorder)
    candidates = miner.candidates(2, progress=recorder)
    assert [c.surface for c in candidates] == ["停戦監視団"]
    characters = sum(len(line) for line in LINES)  # 27: one large file moves the bar line by line
    assert recorder.phases() == [("segmenting", characters), ("scoring", len(miner.frequency))]
    assert recorder.advanced_in("segmenting") == characters
    assert [call for call in recorder.calls if call[0] == "advance"][:3] == [("advance", 10), ("advance", 0), ("advance", 17)]
    assert recorder.advanced_in("scoring") == len(miner.frequency) >= 2


def test_extract_shows_one_large_file_by_characters(run_cli, tmp_path, monkeypatch):
    import yakugo.cli.extract

    recorder = recording(monkeypatch, yakugo.cli.extract)
    article = tmp_path / "a.txt"
    article.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    result = run_cli("extract", article, "-f", "json")
    assert [record["candidate"] for record in json.loads(result.stdout)] == ["停戦監視団"]
    assert [label for label, _ in recorder.phases()] == ["segmenting", "scoring"]
    assert recorder.phases()[0] == ("segmenting", 27)
    assert recorder.advanced_in("segmenting") == 27


def test_align_reports_reading_tokenising_eflomal_and_scoring(run_cli, mini_path, tmp_path, monkeypatch):
    import yakugo.cli.align

    recorder = recording(monkeypatch, yakugo.cli.align)
    terms = tmp_path / "terms.txt"
    terms.write_text("核抑止\n停戦合意\n", encoding="utf-8")
    result = run_cli("align", FIXTURES / "align_pairs.tsv", "-g", mini_path, "--terms", terms, "-f", "json")
    assert result.exit_code == 0, result.stderr
    segments = len(read_bilingual(str(FIXTURES / "align_pairs.tsv")))
    assert recorder.phases() == [("reading", None), ("tokenising", segments), ("aligning with eflomal", None), ("scoring", segments + 2)]
    assert recorder.advanced_in("tokenising") == segments == 16
    assert recorder.advanced_in("scoring") == segments + 2  # each segment, then each of the two terms
