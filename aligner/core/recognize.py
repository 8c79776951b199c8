"""Finding glossary terms in Japanese text.

One Aho-Corasick automaton (ahocorasick_rs, in Rust) over the width- and case-folded forms of the
whole glossary finds every candidate in a line in a single pass; Sudachi is
run only on lines that have a candidate, and a candidate counts only when it
starts and ends on a morpheme boundary. Overlapping candidates are resolved
leftmost-longest. A form also matches with one space at a seam between Latin
or digits and Japanese (NATO 拡大).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Callable, Collection, Iterable, Iterator

from ahocorasick_rs import AhoCorasick

from yakugo.aligner.core.markdown_mask import is_markdown, mask_markdown
from yakugo.aligner.core.segment import boundaries
from yakugo.glossary.model import Form, FormMatch, Glossary
from yakugo.glossary.normalize import fold
from yakugo.glossary.textfile import TextFile

_STATUS_RANK = {"preferred": 0, "variant": 1, "deprecated": 2}


@dataclass(frozen=True)
class TermMatch(FormMatch):
    """One occurrence of a glossary form. ``line`` and ``column`` are 1-based and
    count code points; ``end_column`` is exclusive (SARIF's convention)."""

    line: int
    column: int
    end_column: int
    text: str
    form: Form

    def to_dict(self) -> dict[str, object]:
        return {
            "line": self.line,
            "column": self.column,
            "end_column": self.end_column,
            "text": self.text,
            "concept": self.concept.id,
            "ja": self.concept.ja,
            "en": self.concept.en,
            "status": self.status,
        }


def _glued(left: str, right: str) -> bool:
    """Two characters Sudachi always keeps in one word: ASCII letters, or ASCII digits."""
    return left.isascii() and right.isascii() and (
        (left.isalpha() and right.isalpha()) or (left.isdigit() and right.isdigit())
    )


def _inside_latin_word(folded: str, start: int, end: int) -> bool:
    """A candidate such as EC in "ECONOMY": rejected before paying for segmentation."""
    return (start > 0 and _glued(folded[start - 1], folded[start])) or (
        end < len(folded) and _glued(folded[end - 1], folded[end])
    )


# Where Latin letters or digits meet Japanese, many writers (and PDF extractions) put a
# space: NATO 拡大, NATO 第 5 条, 1 インチ. fold() turns a full-width space into " " too.
_LATIN_JAPANESE_SEAM = re.compile(r"(?<=[a-z0-9])(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])(?=[a-z0-9])")
_MAX_SEAMS = 4  # 2**4 spellings at most per form


def _spaced_keys(key: str) -> list[str]:
    """``key`` with one space at some or all of its Latin/Japanese seams (the key itself excluded)."""
    seams = [match.start() for match in _LATIN_JAPANESE_SEAM.finditer(key)]
    if not seams or len(seams) > _MAX_SEAMS:
        return []
    spelled = []
    for chosen in range(1, 2 ** len(seams)):
        pieces, last = [], 0
        for bit, seam in enumerate(seams):
            if chosen >> bit & 1:
                pieces += [key[last:seam], " "]
                last = seam
        spelled.append("".join(pieces) + key[last:])
    return spelled


# A web address is not prose: nato in www.nato.int or https://nato.int/ is no mention of NATO.
# The scheme is at most 32 characters (as in an autolink): unbounded, a long run of letters
# was rescanned from each of its letters looking for "://" (quadratic time).
_WEB_ADDRESS = re.compile(r"(?:[a-z][a-z0-9+.-]{0,31}://|www\.)[!-~]*")


class Recognizer:
    """Built once per glossary; ``find`` then costs one automaton pass per line."""

    def __init__(self, glossary: Glossary, forms: Iterable[Form] | None = None):
        self.glossary = glossary
        by_key: dict[str, Form] = {}
        for form in forms if forms is not None else glossary.ja_forms():
            key = form.key
            known = by_key.get(key)
            if key and (known is None or _STATUS_RANK[form.status] < _STATUS_RANK[known.status]):
                by_key[key] = form
        patterns = dict(by_key)
        for key, form in by_key.items():
            for spaced in _spaced_keys(key):
                patterns.setdefault(spaced, form)  # a form listed as such wins
        self._forms = list(patterns.values())
        self._automaton = AhoCorasick(list(patterns)) if patterns else None

    def _candidates(self, line: str) -> list[tuple[int, int, Form]]:
        """``(start, end, form)`` of every substring hit, before the boundary check."""
        if self._automaton is None or not line:
            return []
        folded = fold(line)
        forms = self._forms
        found = [
            (start, end, forms[index])
            for index, start, end in self._automaton.find_matches_as_indexes(folded, overlapping=True)
            if not _inside_latin_word(folded, start, end)
        ]
        if found and ("://" in folded or "www." in folded):
            addresses = [match.span() for match in _WEB_ADDRESS.finditer(folded)]
            found = [c for c in found if not any(left < c[1] and c[0] < right for left, right in addresses)]
        return found

    def has_candidate(self, line: str) -> bool:
        """Whether ``line`` needs segmenting: some glossary form occurs in it as a substring."""
        return bool(self._candidates(line))

    def find_in_line(self, line: str, number: int = 1) -> list[TermMatch]:
        """The terms of one line (no line breaks inside), leftmost-longest."""
        return self._resolve(line, number, self._candidates(line))

    def _resolve(self, line: str, number: int, candidates: list[tuple[int, int, Form]]) -> list[TermMatch]:
        """Keep the candidates on word boundaries, leftmost-longest."""
        if not candidates:
            return []
        edges = boundaries(line)
        candidates = [c for c in candidates if c[0] in edges and c[1] in edges]
        candidates.sort(key=lambda c: (c[0], c[0] - c[1]))
        matches: list[TermMatch] = []
        covered = 0
        for start, end, form in candidates:
            if start < covered:
                continue
            matches.append(TermMatch(number, start + 1, end + 1, line[start:end], form))
            covered = end
        return matches

    def find_lines(
        self, lines: Iterable[str], first: int = 1, wanted: Callable[[set[str]], Collection[str]] | None = None
    ) -> Iterator[TermMatch]:
        """The terms of consecutive lines, numbered from ``first``.

        The automaton runs once over the lines joined, since a call per line
        costs more than the scan itself; only lines with a hit are segmented.
        ``wanted`` narrows the result: given the folded forms (``Form.key``)
        that occur in the lines as substrings, it names those to report, and
        then only lines holding one of them are segmented. The other forms
        still compete for leftmost-longest there, so each match reported is
        one the unnarrowed search reports too.
        """
        lines = list(lines)
        line_starts, offset = [], 0
        for line in lines:
            line_starts.append(offset)
            offset += len(line) + 1
        candidates = self._candidates("\n".join(lines))
        keep = None if wanted is None else wanted({form.key for _, _, form in candidates})
        if keep is not None and not keep:
            return
        per_line: dict[int, list[tuple[int, int, Form]]] = {}
        for start, end, form in candidates:
            index = bisect_right(line_starts, start) - 1
            base = line_starts[index]
            per_line.setdefault(index, []).append((start - base, end - base, form))
        for index in sorted(per_line):
            found = per_line[index]
            if keep is None:
                yield from self._resolve(lines[index], first + index, found)
            elif any(form.key in keep for _, _, form in found):
                yield from (m for m in self._resolve(lines[index], first + index, found) if m.form.key in keep)

    def find_in_file(self, file: TextFile, markdown: bool | None = None) -> list[TermMatch]:
        """Every term in a file read with ``read_text``. In Markdown (by default: a ``.md``
        file) only the prose counts: code, link targets and HTML comments are blanked
        first, as the lint does, so positions stay those of the file."""
        if markdown is None:
            markdown = is_markdown(file.path)
        return self.find(mask_markdown(file.text)) if markdown else list(self.find_lines(file.lines()))

    def find(self, text: str) -> list[TermMatch]:
        """Every term in ``text``; lines are split on LF and a trailing CR is ignored."""
        lines = (line[:-1] if line.endswith("\r") else line for line in text.split("\n"))
        return list(self.find_lines(lines))
