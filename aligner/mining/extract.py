"""Mining Japanese term candidates the glossary lacks (``yakugo extract``).

Candidates are maximal runs of nouns with their prefixes and suffixes, built
from Sudachi's finest units (split mode A) so that the units a compound is
made of are known, and checked against its compound units (split mode C): a
fine unit belongs to a run when it is a noun or an affix, or when the
compound unit around it is a noun (戦略的 is one noun in mode C, 戦略 + 的 in
mode A), and a run never starts or ends inside a compound unit.

Each candidate is scored with FLR (Nakagawa & Mori 2003): its frequency as a
maximal noun run times the geometric mean, over its units, of how many
compound occurrences each unit has on its left and right, ``(FL+1)(FR+1)``.
Units that build many compounds (安全, 保障, 条約) make the compounds they are
in score higher than equally frequent one-off phrases. The FLR score is
multiplied by ``1 + ln(documents)`` so that a term used across articles ranks
above one repeated in a single article.

Candidates are keyed by a normalized form (Sudachi's ``normalized_form()`` of
each Japanese unit, width- and case-folded Latin as it is, so ＳＴＡＲＴ does not
become スタート) so that spelling variants (米ロ/米露) count together.
"""

from __future__ import annotations

import math
from bisect import bisect_right
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from itertools import count
from typing import Iterable, NamedTuple, Sequence

import jaconv
from sudachipy import Morpheme, MorphemeList, SplitMode

from yakugo.aligner.core.segment import morphemes, sudachi_dictionary
from yakugo.aligner.core import jmdict
from yakugo.aligner.core.progress import SILENT, Progress
from yakugo.aligner.core.recognize import Recognizer
from yakugo.aligner.core.spans import Spans
from yakugo.glossary.model import Concept, Glossary
from yakugo.glossary.normalize import fold

# Units that make a run a date, an amount or a time reference rather than a term.
_NUMBER_LIKE = {"数詞", "助数詞可能", "副詞可能"}
# Suffixes that address or count people: パイファー氏 is the person パイファー.
_DROPPED_SUFFIXES = {"氏", "さん", "様", "さま", "君", "ちゃん", "殿", "ら", "たち", "達", "等", "ども", "側"}
# Prefixes that point back in the text (同大統領 = "the said president") or are polite (ご使用).
_DROPPED_PREFIXES = {"同", "各", "両", "本", "当", "諸", "我が", "貴", "お", "ご", "御"}
# General language (one word that JMdict marks as common: 問題, 関係, 指導者; a
# place name before one: ロシア政府) scores one fiftieth, so terms rank above it.
GENERAL_WORD_WEIGHT = 0.02
# One-character country names (米国務省 = the US State Department).
_COUNTRY_ABBREVIATIONS = {"米", "露", "ロ", "英", "仏", "独", "中", "日", "韓", "朝", "宇"}
_HIRAGANA_ONLY = re.compile(r"[\u3040-\u309f]+")
_SENTENCE_MARK = re.compile(r"[。！？!?]")
_MAX_EXAMPLE_CHARS = 200


@dataclass(frozen=True)
class Unit:
    """One fine (mode A) unit of a run."""

    surface: str
    key: str  # normalized form used for grouping and for FLR statistics
    pos: tuple[str, ...]


@dataclass(frozen=True)
class Run:
    """A maximal noun run in one line; ``start``/``end`` are 0-based offsets (end exclusive)."""

    start: int
    end: int
    units: tuple[Unit, ...]

    @property
    def surface(self) -> str:
        return "".join(unit.surface for unit in self.units)

    @property
    def key(self) -> str:
        return "".join(unit.key for unit in self.units)


@dataclass
class Example:
    path: str
    line: int  # 1-based
    sentence: str


@dataclass
class Candidate:
    key: str
    surface: str  # the most frequent surface form
    units: tuple[Unit, ...]  # the fine units of its first occurrence
    frequency: int
    documents: int
    score: float
    surfaces: Counter = field(default_factory=Counter)
    example: Example | None = None
    paths: list[str] = field(default_factory=list)

    @property
    def variants(self) -> list[str]:
        """Other spellings of the same normalized form that occur, most frequent first."""
        return [surface for surface, _ in self.surfaces.most_common() if surface != self.surface]

    def to_dict(self, rank: int) -> dict[str, object]:
        example = self.example
        return {
            "rank": rank,
            "candidate": self.surface,
            "score": round(self.score, 3),
            "frequency": self.frequency,
            "documents": self.documents,
            "example": example.sentence if example else None,
            "path": example.path if example else None,
            "line": example.line if example else None,
            "variants": self.variants,
        }


def unit_key(surface: str, normalized: str) -> str:
    """Latin and digits keep their own (folded) spelling; Japanese takes Sudachi's normalized form."""
    folded = fold(surface)
    return folded if folded.isascii() else fold(normalized)


def _is_nominal(pos: tuple[str, ...]) -> bool:
    return pos[0] in ("名詞", "接頭辞", "接尾辞")


@cache
def _pos_tables() -> tuple[list[tuple[str, ...]], list[bool]]:
    """The dictionary's POS by id, and whether each is nominal: a list index per
    morpheme instead of building its part_of_speech() tuple."""
    table: list[tuple[str, ...]] = []
    for pos_id in count():
        pos = sudachi_dictionary().pos_of(pos_id)
        if pos is None:
            break
        table.append(tuple(pos))
    return table, [_is_nominal(pos) for pos in table]


@cache
def _is_english_word(surface: str) -> bool:
    """Latin words other than acronyms (Document, the) are English prose quoted in the
    text, not parts of Japanese terms; NATO, ＳＴＡＲＴ, G7 are."""
    folded = fold(surface)
    return folded.isascii() and any(ch.isalpha() for ch in folded) and not surface.isupper()


def _is_katakana_name(unit: Fine) -> bool:
    return unit.pos[0] == "名詞" and all("\u30a0" <= ch <= "\u30ff" for ch in unit.surface)


@cache
def _unit(surface: str, normalized: str, pos_id: int) -> Unit:
    # Shared between occurrences: a corpus has few distinct units and many runs.
    return Unit(surface, unit_key(surface, normalized), _pos_tables()[0][pos_id])


class Fine(NamedTuple):
    """A fine unit that may belong to a run; ``starts``/``ends``: its edge is a compound unit's edge."""

    begin: int
    end: int
    surface: str
    pos: tuple[str, ...]
    morpheme: Morpheme
    starts: bool
    ends: bool

    @classmethod
    def of(
        cls, m: Morpheme, begin: int, surface: str, pos: tuple[str, ...], offset: int, compound_begin: int, compound_end: int
    ) -> Fine:
        """``m`` (at ``begin``) of the chunk at ``offset``, inside the compound unit ``compound_begin``–``compound_end``
        (fine units nest in compound units, so that unit's edges are the only ones ``m`` can share)."""
        end = m.end()
        edges = (compound_begin, compound_end)
        # tuple.__new__ directly: NamedTuple's own __new__ is one Python call more per unit.
        return tuple.__new__(cls, (offset + begin, offset + end, surface, pos, m, begin in edges, end in edges))


@cache
def is_place_name(text: str) -> bool:
    """米, ロシア, アメリカ合衆国: one place name (a single compound unit) or a country's one-character abbreviation."""
    if text in _COUNTRY_ABBREVIATIONS:
        return True
    units = [m for _, ml in morphemes(text, "C") for m in ml]
    return len(units) == 1 and units[0].part_of_speech()[1:3] == ("固有名詞", "地名")


def _covered_by_nominal(compounds: MorphemeList, position: int) -> bool:
    nominal = _pos_tables()[1]
    return any(c.begin() <= position < c.end() and nominal[c.part_of_speech_id()] for c in compounds)


# Words of the dictionary (by word id) that mode A does not split: most are
# not, and asking Sudachi for a split of each costs more than this look-up.
_UNSPLIT_WORDS: set[int] = set()


def noun_runs(line: str) -> list[Run]:
    """The maximal noun runs of one line, trimmed to what can be a term.

    The line is segmented once, in mode C; each compound unit's fine units are
    its mode A split (what Sudachi's mode A gives for the same line). Only the
    fine units that can be in a run become objects, and POS are looked up by id."""
    runs: list[Run] = []
    current: list[Fine] = []
    dot: Fine | None = None  # a middle dot after a katakana name, kept if a katakana name follows
    pos_of, nominal = _pos_tables()
    unsplit = _UNSPLIT_WORDS

    def close() -> None:
        run = _trim(current)
        if run is not None:
            runs.append(run)
        current.clear()

    for offset, compounds in morphemes(line, "C"):
        for compound in compounds:
            compound_begin, compound_end = compound.begin(), compound.end()
            compound_pos = compound.part_of_speech_id()
            word = compound.word_id()
            fine: Iterable[Morpheme] = (compound,)
            if word not in unsplit:
                parts = compound.split(SplitMode.A)
                if len(parts):
                    fine = parts
                else:
                    unsplit.add(word)
            for m in fine:
                if m is compound:
                    pos_id, begin = compound_pos, compound_begin
                else:
                    pos_id, begin = m.part_of_speech_id(), m.begin()
                # An empty fine unit (Sudachi adds an empty 。 at times) at a compound unit's
                # end lies in the next one.
                if nominal[pos_id] or (nominal[compound_pos] if begin < compound_end else _covered_by_nominal(compounds, begin)):
                    surface = m.surface()
                    if not _is_english_word(surface):
                        unit = Fine.of(m, begin, surface, pos_of[pos_id], offset, compound_begin, compound_end)
                        if dot is not None:
                            if _is_katakana_name(unit):
                                current.append(dot)
                            elif current:
                                close()
                            dot = None
                        current.append(unit)
                        continue
                elif current and dot is None and m.surface() == "・" and _is_katakana_name(current[-1]):
                    # スティーブン・パイファー: a middle dot between katakana names stays in the run.
                    dot = Fine.of(m, begin, "・", pos_of[pos_id], offset, compound_begin, compound_end)
                    continue
                dot = None
                if current:
                    close()
    if current:
        close()
    return runs


def _trim(units: list[Fine]) -> Run | None:
    """Cut a raw run down to a term: no edge inside a compound unit, no dates or
    counters in front, no dangling affixes, honorifics or deictic prefixes."""
    first, last = 0, len(units)
    while first < last and not units[first].starts:
        first += 1
    while first < last and not units[last - 1].ends:
        last -= 1
    items = units[first:last]
    # Leading numbers with their counters: 1994年ブダペスト覚書 → ブダペスト覚書.
    while items and items[0].pos[1] == "数詞":
        items.pop(0)
        while items and (items[0].pos[0] == "接尾辞" or items[0].pos[2] == "助数詞可能"):
            items.pop(0)
    while items and (items[0].pos[0] == "接尾辞" or items[0].surface in _DROPPED_PREFIXES):
        items.pop(0)
    while items and (
        items[-1].pos[0] == "接頭辞"
        or items[-1].surface in _DROPPED_SUFFIXES
        or items[-1].surface == "・"
        or items[-1].pos[:3] == ("接尾辞", "名詞的", "副詞可能")  # 冷戦後, 会談中: a time, not a term
    ):
        items.pop()
    if not items:
        return None
    if items[-1].pos[:2] == ("接尾辞", "形状詞的"):
        return None  # 具体的, 戦略的 before に/な: an adjectival phrase, not a term
    if all(item.pos[0] != "名詞" or set(item.pos[1:3]) & _NUMBER_LIKE for item in items):
        return None  # 2月末, 25年以上, 今回
    surface = "".join(item.surface for item in items)
    if len(surface) < 2 or _HIRAGANA_ONLY.fullmatch(surface):
        return None
    return Run(
        items[0].begin,
        items[-1].end,
        tuple(_unit(item.surface, item.morpheme.normalized_form(), item.morpheme.part_of_speech_id()) for item in items),
    )


def sentence_at(line: str, column: int, ends: list[int] | None = None) -> str:
    """The sentence of ``line`` holding offset ``column``, at most 200 characters;
    ``ends`` (``sentence_ends(line)``) saves finding the line's sentence ends again."""
    if not 0 <= column < len(line):
        sentence = line.strip()
    else:
        ends = sentence_ends(line) if ends is None else ends
        after = bisect_right(ends, column)
        sentence = line[ends[after - 1] if after else 0 : ends[after] if after < len(ends) else len(line)].strip()
    if len(sentence) > _MAX_EXAMPLE_CHARS:
        sentence = sentence[: _MAX_EXAMPLE_CHARS - 1] + "…"
    return sentence


def sentence_ends(line: str) -> list[int]:
    """The offsets just after each 。！？!? of ``line``, in order."""
    return [mark.end() for mark in _SENTENCE_MARK.finditer(line)]


def glossary_keys(glossary: Glossary) -> dict[str, Concept]:
    """Every Japanese form of the glossary, folded and normalized, with its concept."""
    keys: dict[str, Concept] = {}
    for form in glossary.ja_forms():
        keys[form.key] = form.concept
        normalized = "".join(unit_key(m.surface(), m.normalized_form()) for _, ml in morphemes(form.text, "A") for m in ml)
        keys[normalized] = form.concept
    return keys


class TermMiner:
    """Collects noun runs document by document, then scores them.

    >>> miner = TermMiner(glossary); miner.add_document("a.txt", lines); miner.candidates(min_frequency=2)
    """

    def __init__(self, glossary: Glossary | None = None):
        # Glossary forms (folded and normalized keys) whose candidates are left out,
        # and a recognizer so that text inside a glossary term (安全保障 in
        # 安全保障の保証) is not counted as a candidate at all.
        self.known = glossary_keys(glossary) if glossary is not None else {}
        self.recognizer = Recognizer(glossary) if glossary is not None else None
        self.frequency: Counter[str] = Counter()
        self.surfaces: dict[str, Counter[str]] = defaultdict(Counter)
        self.documents: dict[str, set[str]] = defaultdict(set)
        self.units: dict[str, tuple[Unit, ...]] = {}
        self.examples: dict[str, Example] = {}
        # How often each unit has another unit on its left / right inside a run.
        self.left: Counter[str] = Counter()
        self.right: Counter[str] = Counter()

    def add_documents(self, documents: Sequence[tuple[str, Sequence[str]]], progress: Progress = SILENT) -> None:
        """Every ``(path, lines)`` document, reported to ``progress`` as the phase
        "segmenting" counted in characters (one large article moves the bar too)."""
        progress.phase("segmenting", sum(len(line) for _, lines in documents for line in lines))
        for path, lines in documents:
            self.add_document(path, lines, progress)

    def add_document(self, path: str, lines: Iterable[str], progress: Progress = SILENT) -> None:
        """The noun runs of one document; each line's characters are reported to ``progress`` once read."""
        for number, line in enumerate(lines, start=1):
            progress.advance(len(line))
            if not line.strip():
                continue
            covered = self._glossary_spans(line)
            glossary_terms = Spans(covered)
            ends: list[int] | None = None
            for run in noun_runs(line):
                if glossary_terms and glossary_terms.cover(run.start, run.end):
                    continue
                keys = [unit.key for unit in run.units]
                for left, right in zip(keys, keys[1:]):
                    self.right[left] += 1
                    self.left[right] += 1
                key = "".join(keys)  # run.key
                self.frequency[key] += 1
                self.surfaces[key][run.surface] += 1
                self.documents[key].add(path)
                if key not in self.units:
                    self.units[key] = run.units
                    ends = sentence_ends(line) if ends is None else ends
                    self.examples[key] = Example(path, number, sentence_at(line, run.start, ends))

    def _glossary_spans(self, line: str) -> list[tuple[int, int]]:
        if self.recognizer is None:
            return []
        return [(match.column - 1, match.end_column - 1) for match in self.recognizer.find_in_line(line)]

    def in_glossary(self, key: str) -> bool:
        """A glossary form under any spelling, a glossary person with a title, or a
        glossary form after a place name that only says whose it is."""
        if key in self.known or any(fold(surface) in self.known for surface in self.surfaces[key]):
            return True
        units = self.units[key]
        for cut in range(1, len(units)):
            head, tail = units[:cut], units[cut:]
            person = self.known.get("".join(unit.key for unit in head))
            if person is not None and person.type == "person" and len(tail) <= 2:
                return True  # クリントン大統領, トランプ米大統領: the person with a title
            concept = self.known.get("".join(unit.key for unit in tail))
            if concept is not None and is_place_name("".join(unit.surface for unit in head)):
                return True  # アメリカ合衆国国務省: a listed office with its country spelled out
        return False

    def is_general_language(self, key: str, surface: str) -> bool:
        """A word JMdict marks as common: one noun, alone or with its affixes (問題, 関係,
        指導者, 必要性, 不安定); or a place name before such a word (ロシア政府, 米政府,
        ロシア国内): the place only says whose or where it is, and the phrase is translated
        from its parts. A verbal noun after a place names an event with the place as its
        object (ウクライナ侵攻) and stays a term."""
        units = self.units[key]
        if sum(unit.pos[0] == "名詞" for unit in units) <= 1 and jmdict.entry(surface).common:
            return True
        for cut in range(1, len(units)):
            head, tail = units[:cut], units[cut:]
            if (
                is_place_name("".join(unit.surface for unit in head))
                and "サ変可能" not in tail[-1].pos
                and jmdict.entry("".join(unit.surface for unit in tail)).common
            ):
                return True
        return False

    def flr(self, key: str) -> float:
        """Nakagawa & Mori's FLR: frequency times the geometric mean of (FL+1)(FR+1) over the units."""
        units = self.units[key]
        product = 1.0
        for unit in units:
            product *= (self.left[unit.key] + 1) * (self.right[unit.key] + 1)
        return self.frequency[key] * product ** (1 / (2 * len(units)))

    def candidates(self, min_frequency: int = 2, top: int | None = None, progress: Progress = SILENT) -> list[Candidate]:
        """Scored candidates, best first, without the glossary's own forms (the phase
        "scoring" of ``progress``, counted in distinct noun runs)."""
        found: list[Candidate] = []
        progress.phase("scoring", len(self.frequency))
        for key, frequency in self.frequency.items():
            progress.advance()
            if frequency < min_frequency or self.in_glossary(key):
                continue
            surfaces = self.surfaces[key]
            surface = surfaces.most_common(1)[0][0]
            documents = len(self.documents[key])
            score = self.flr(key) * (1 + math.log(documents))
            if self.is_general_language(key, surface):
                score *= GENERAL_WORD_WEIGHT
            found.append(
                Candidate(
                    key=key,
                    surface=surface,
                    units=self.units[key],
                    frequency=frequency,
                    documents=documents,
                    score=score,
                    surfaces=surfaces,
                    example=self.examples[key],
                    paths=sorted(self.documents[key]),
                )
            )
        found.sort(key=lambda c: (-c.score, -c.frequency, c.surface))
        return found[:top] if top is not None else found


def extract_terms(
    documents: Iterable[tuple[str, Iterable[str]]],
    glossary: Glossary | None = None,
    min_frequency: int = 2,
    top: int | None = None,
) -> list[Candidate]:
    """Term candidates of ``(path, lines)`` documents that ``glossary`` does not already hold."""
    miner = TermMiner(glossary)
    for path, lines in documents:
        miner.add_document(path, lines)
    return miner.candidates(min_frequency, top)


def term_id(text: str) -> str:
    """A terms.tsv id for a Japanese term: its reading in romaji, one part per fine
    unit, Latin as written (NATO加盟国 → nato-kamei-koku)."""
    parts = []
    for _, morpheme_list in morphemes(text, "A"):
        for m in morpheme_list:
            surface = fold(m.surface())
            spelled = surface if surface.isascii() else jaconv.kana2alphabet(jaconv.kata2hira(m.reading_form()))
            parts.append(re.sub(r"[^a-z0-9]+", "", spelled.lower()))
    return "-".join(part for part in parts if part) or "term"


def unique_ids(texts: Iterable[str], taken: Iterable[str] = ()) -> list[str]:
    """``term_id`` of each text, with -2, -3 … added where an id is already taken."""
    used = set(taken)
    ids = []
    for text in texts:
        base = candidate = term_id(text)
        number = 1
        while candidate in used:
            number += 1
            candidate = f"{base}-{number}"
        used.add(candidate)
        ids.append(candidate)
    return ids


def candidates_glossary(candidates: list[Candidate], glossary: Glossary | None = None) -> Glossary:
    """The candidates as a terms.tsv-shaped glossary with ``en`` left for a reviewer
    to fill in (``yakugo import`` merges it); ids avoid the glossary's own."""
    taken = [concept.id for concept in glossary] if glossary is not None else []
    ids = unique_ids((candidate.surface for candidate in candidates), taken)
    concepts = []
    for concept_id, candidate in zip(ids, candidates):
        note = f"yakugo extract: score {candidate.score:.1f}, {candidate.frequency} occurrences in {candidate.documents} documents"
        if candidate.example is not None:
            # Where to read it in context; the sentence itself stays out of the glossary.
            note += f", first at {candidate.example.path}:{candidate.example.line}"
        glosses = jmdict.entry(candidate.surface).glosses
        if glosses:
            note += "; JMdict: " + "; ".join(glosses[:3])
        concepts.append(
            Concept(id=concept_id, ja=candidate.surface, en="", ja_variants=candidate.variants, note=note, source=candidate.paths)
        )
    return Glossary(concepts=concepts, preamble=[TSV_PREAMBLE])


TSV_PREAMBLE = "# Term candidates from yakugo: fill in en (and check the rest), then merge with yakugo import."
