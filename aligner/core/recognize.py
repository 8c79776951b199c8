"""Finding glossary terms in Japanese text.

One Aho-Corasick automaton (ahocorasick_rs, in Rust) over the width- and case-folded forms of the
whole glossary finds every candidate in a line in a single pass; Sudachi is
run only on lines that have a candidate, and a candidate counts only when it
starts and ends on a morpheme boundary. Overlapping candidates are resolved
leftmost-longest. A form also matches with one space at a seam between Latin
or digits and Japanese (NATO 拡大).

Precision on real text:

* a form inside a longer word the glossary names as blocked (``ja_blocked``:
  アメリカ大陸 on united-states, 日本海 on japan) is no match: the blocked words
  are in the automaton too and win leftmost-longest, then yield nothing;
* a Latin acronym the glossary writes in capitals (NATO, MAP, EC, NSC) matches
  only in capitals (width still folds: ＮＡＴＯ is NATO), and nothing matches
  inside a web address, an e-mail address, a file name, an escape sequence
  (``\\u30ec``) or a code-like token (``snake_case``, ``a.b.c``; brand names such as SmartHR or iPhone are prose);
* a form several concepts share (``ja_shared``) goes to the concept whose
  ``referent_cues`` occur nearest in its sentence, else to its default owner,
  and the match says it was ambiguous;
* one-kanji country abbreviations in compounds (日米, 露側) are recognised by
  ``yakugo.aligner.core.abbreviations``.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import Any, Callable, Collection, Iterable, Iterator

import pickle
import unicodedata

from yakugo.aligner.core.abbreviations import AbbreviationFinder
from yakugo.aligner.core.keyindex import KeyIndex
from yakugo.aligner.core.markdown_mask import is_markdown, mask_markdown
from yakugo.aligner.core.segment import boundaries_at
from yakugo.glossary.model import Concept, Form, FormMatch, Glossary
from yakugo.glossary.normalize import fold
from yakugo.glossary.stored import as_ints, out_of_band
from yakugo.glossary.textfile import TextFile

_STATUS_RANK = {"preferred": 0, "variant": 1, "deprecated": 2, "blocked": 3}


@dataclass(frozen=True)
class TermMatch(FormMatch):
    """One occurrence of a glossary form. ``line`` and ``column`` are 1-based and
    count code points; ``end_column`` is exclusive (SARIF's convention)."""

    line: int
    column: int
    end_column: int
    text: str
    form: Form
    # A form several concepts share: every concept it may denote (the chosen one first),
    # and the cue that chose it (None: no cue, the default referent).
    candidates: tuple[str, ...] = ()
    resolved_by: str | None = None
    # A country abbreviation: the compound it stands in (日米韓) and its English.
    compound: str | None = None
    compound_en: str | None = None

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1

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
            "ambiguous": self.ambiguous,
            "candidates": list(self.candidates) if self.ambiguous else [],
            "resolved_by": self.resolved_by,
            "compound": self.compound,
            "compound_en": self.compound_en,
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
# Neither are e-mail addresses, file names, escape sequences and code (matched on folded text).
# An alternative that opens with a run of a character class may start only where such a run
# starts (the lookbehinds): otherwise a long run of letters is rescanned from each of its
# letters, quadratic time on a crafted line; the leftmost match is the same.
_CODE_LIKE = re.compile(
    r"(?<![a-z0-9._%+-])[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+"  # e-mail
    r"|\\(?:u\{?[0-9a-f]{2,8}\}?|x[0-9a-f]{2}|[nrt])"  # \u30ec, \x1b, \n
    r"|&#x?[0-9a-f]+;|%[0-9a-f]{2}"  # entities and URL escapes
    r"|(?<![a-z0-9_-])[a-z0-9_-]+\.(?:txt|md|html?|pdf|docx?|xlsx?|csv|tsv|json|xml|ya?ml|py|js|ts|png|jpe?g|gif|zip)\b"
    r"|(?<![a-z0-9])[a-z0-9]+(?:_[a-z0-9]+)+"  # snake_case
    r"|(?<![a-z0-9])[a-z][a-z0-9]*(?:\.[a-z][a-z0-9]*){2,}"  # dotted.module.path
)
# A run of capitals makes an acronym the glossary writes in capitals: matched case-sensitively.
_ACRONYM = re.compile(r"[A-Z]{2,}")
# Where a shared form looks for cues: its sentence (a line end or 。！？ ends one).
_SENTENCE_END = re.compile(r"[。！？!?]")
# The characters of lines one automaton call reads at most (see ``_candidates_by_line``).
_BATCH_CHARS = 1 << 18


def _outside(found: list[tuple[int, int, int]], spans: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """The candidates that overlap none of ``spans`` (sorted, disjoint: regex matches), by
    bisection, so a text with many addresses or code tokens stays linear."""
    if not spans:
        return found
    starts = [start for start, _ in spans]
    kept = []
    for candidate in found:
        index = bisect_right(starts, candidate[1] - 1) - 1  # the last span starting before the candidate ends
        if index >= 0 and spans[index][1] > candidate[0]:
            continue
        kept.append(candidate)
    return kept


def _latin_letters(text: str) -> str:
    return "".join(char for char in unicodedata.normalize("NFKC", text) if char.isascii() and char.isalpha())


class _StoredForm(Form):
    """A ``Form`` whose concept is unpickled when first used: most substring hits lose to
    a longer term or a word boundary and never need theirs."""

    @classmethod
    def made(cls, text: str, status: str, glossary: Glossary, row: int) -> "_StoredForm":
        form = object.__new__(cls)
        for name, value in (("text", text), ("status", status), ("_glossary", glossary), ("_row", row)):
            object.__setattr__(form, name, value)
        return form

    @property
    def concept(self) -> Concept:
        return self._glossary.concept_at(self._row)  # type: ignore[attr-defined]

    def __reduce__(self) -> tuple[object, ...]:
        return Form, (self.text, self.concept, self.status)  # a plain Form, not the glossary


class _StoredForms:
    """A recognizer's forms by pattern, as flat values (each pattern's form number; each
    form's status, concept row, and text where it is not its first pattern's key), a
    ``Form`` made the first time a pattern is hit: reading 100,000 forms back costs no
    object per form, and the arrays are pickled out of band (``out_of_band``)."""

    def __init__(self, glossary: Glossary, keys: KeyIndex, form_of: Any, first_pattern: Any, texts: dict[int, str], statuses: Any, status_names: tuple[str, ...], rows: Any):
        self.glossary, self._keys = glossary, keys
        self._form_of, self._first_pattern, self._texts = form_of, first_pattern, texts
        self._statuses, self._status_names, self._rows = statuses, status_names, rows
        self._made: dict[int, Form] = {}

    @classmethod
    def of(cls, forms: "list[Form] | _StoredForms", glossary: Glossary, keys: KeyIndex) -> "_StoredForms":
        if isinstance(forms, _StoredForms):
            return forms
        numbers: dict[int, int] = {}
        distinct: list[Form] = []
        first_pattern = array("i")
        for pattern, form in enumerate(forms):
            if id(form) not in numbers:
                numbers[id(form)] = len(distinct)
                distinct.append(form)
                first_pattern.append(pattern)
        names = tuple(dict.fromkeys(form.status for form in distinct))
        return cls(
            glossary,
            keys,
            array("i", (numbers[id(form)] for form in forms)),
            first_pattern,
            {number: form.text for number, form in enumerate(distinct) if form.text != keys.key(first_pattern[number])},
            bytes(names.index(form.status) for form in distinct),
            names,
            array("i", (glossary.row_of(form.concept) for form in distinct)),
        )

    def __getitem__(self, pattern: int) -> Form:
        number = self._form_of[pattern]
        form = self._made.get(number)
        if form is None:
            text = self._texts.get(number)
            if text is None:
                text = self._keys.key(self._first_pattern[number])
            form = _StoredForm.made(text, self._status_names[self._statuses[number]], self.glossary, self._rows[number])
            self._made[number] = form
        return form

    def __len__(self) -> int:
        return len(self._form_of)

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        arrays = [out_of_band(values, protocol) for values in (self._form_of, self._first_pattern, self._statuses, self._rows)]
        return _restored_forms, (self.glossary, self._keys, self._texts, self._status_names, *arrays)


def _restored_forms(glossary: Glossary, keys: KeyIndex, texts: dict[int, str], status_names: tuple[str, ...], form_of: Any, first_pattern: Any, statuses: Any, rows: Any) -> _StoredForms:
    return _StoredForms(glossary, keys, as_ints(form_of, "i"), as_ints(first_pattern, "i"), texts, memoryview(statuses).cast("B"), status_names, as_ints(rows, "i"))


class Recognizer:
    """Built once per glossary; ``find`` then costs one automaton pass per line."""

    def __init__(self, glossary: Glossary, forms: Iterable[Form] | None = None, abbreviations: bool = True):
        self.glossary = glossary
        by_key: dict[str, Form] = {}
        blocked = (Form(text, concept, "blocked") for concept in glossary for text in concept.ja_blocked)
        for form in [*(forms if forms is not None else glossary.ja_forms()), *blocked]:
            key = form.key
            known = by_key.get(key)
            if key and (known is None or _STATUS_RANK[form.status] < _STATUS_RANK[known.status]):
                by_key[key] = form
        patterns = dict(by_key)
        for key, form in by_key.items():
            for spaced in _spaced_keys(key):
                patterns.setdefault(spaced, form)  # a form listed as such wins
        self._forms: list[Form] | _StoredForms = list(patterns.values())
        self._keys = KeyIndex(list(patterns))
        # Forms written with a run of capitals, by pattern: the letters a match must show, case and all.
        self._case_sensitive = {
            index: _latin_letters(form.text)
            for index, form in enumerate(self._forms)
            if _ACRONYM.search(unicodedata.normalize("NFKC", form.text))
        }
        # Shared forms: folded key → the other concepts that may be meant, with their cues.
        self._shared: dict[str, list[Concept]] = {}
        for concept in glossary:
            for text in concept.ja_shared:
                self._shared.setdefault(fold(text), []).append(concept)
        self._abbreviations = AbbreviationFinder(glossary) if abbreviations else None

    def __getstate__(self) -> dict[str, object]:
        # For the compiled-glossary cache (glossary.cache) and worker processes: the forms as
        # flat values, so that reading a recognizer back makes no object per form.
        try:
            forms = _StoredForms.of(self._forms, self.glossary, self._keys)
        except KeyError:
            raise pickle.PicklingError("a form of a concept outside the recognizer's glossary") from None
        return {**self.__dict__, "_forms": forms}

    def _candidates(self, line: str) -> list[tuple[int, int, Form]]:
        """``(start, end, form)`` of every substring hit, before the boundary check."""
        if not line:
            return []
        folded = fold(line)
        found = [(start, end, index) for index, start, end in self._keys.find(folded) if not _inside_latin_word(folded, start, end)]
        if found and ("://" in folded or "www." in folded):
            addresses = [match.span() for match in _WEB_ADDRESS.finditer(folded)]
            found = _outside(found, addresses)
        if found and any(char.isascii() and char.isalnum() for char in folded):
            code = [match.span() for match in _CODE_LIKE.finditer(folded)]
            if code:
                found = _outside(found, code)
        if found and self._case_sensitive:
            found = [c for c in found if self._case_sensitive.get(c[2]) in (None, _latin_letters(line[c[0] : c[1]]))]
        forms = self._forms
        return [(start, end, forms[index]) for start, end, index in found]

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
        edges = boundaries_at(line, {edge for start, end, _ in candidates for edge in (start, end)})
        candidates = [c for c in candidates if c[0] in edges and c[1] in edges]
        candidates.sort(key=lambda c: (c[0], c[0] - c[1]))
        matches: list[TermMatch] = []
        covered = 0
        sentence_ends: list[int] | None = None  # found once per line: a search per match is quadratic on a long line
        for start, end, form in candidates:
            if start < covered:
                continue
            covered = end
            if form.status == "blocked":
                continue  # a longer word that is not this concept (アメリカ大陸)
            match = TermMatch(number, start + 1, end + 1, line[start:end], form)
            if form.key in self._shared:
                if sentence_ends is None:
                    sentence_ends = [mark.end() for mark in _SENTENCE_END.finditer(line)]
                match = self._referent(line, match, sentence_ends)
            matches.append(match)
        return matches

    def _referent(self, line: str, match: TermMatch, sentence_ends: list[int]) -> TermMatch:
        """A shared form: the concept whose cue is nearest in the sentence, else the default.
        ``sentence_ends``: the offsets just after each sentence end of ``line``, in order."""
        start, end = match.column - 1, match.end_column - 1
        before = bisect_right(sentence_ends, start)  # the sentence ends at or before the match's start
        left = sentence_ends[before - 1] if before else 0
        after = bisect_right(sentence_ends, end)  # the first mark at or after the match's end
        right = sentence_ends[after] if after < len(sentence_ends) else len(line)
        sentence = line[left:right]
        default = match.form.concept
        best: tuple[int, Concept, str] | None = None
        for concept in self._shared[match.form.key]:
            for cue in concept.referent_cues:
                for found in re.finditer(re.escape(cue), sentence):
                    at = left + found.start()
                    if start <= at < end:
                        continue  # a cue inside the form itself is no cue
                    distance = start - (at + len(cue)) if at < start else at - end
                    if best is None or distance < best[0]:
                        best = (distance, concept, cue)
        candidates = (default.id, *(c.id for c in self._shared[match.form.key]))
        if best is None:
            return replace(match, candidates=candidates)
        chosen = best[1]
        form = Form(match.form.text, chosen, "variant")
        ordered = (chosen.id, *(c for c in candidates if c != chosen.id))
        return replace(match, form=form, candidates=ordered, resolved_by=best[2])

    def abbreviations(self, line: str, number: int, matches: list[TermMatch]) -> list[TermMatch]:
        """The country abbreviations of one line, outside the terms already ``matches``."""
        if self._abbreviations is None:
            return []
        covered = [(m.column - 1, m.end_column - 1) for m in matches]
        starts = frozenset(m.column - 1 for m in matches)
        return [
            TermMatch(number, found.start + 1, found.start + 2, found.form.text, found.form, compound=found.compound, compound_en=found.compound_en)
            for found in self._abbreviations.find(line, starts, covered)
        ]

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
        per_line = self._candidates_by_line(lines)
        keep = None if wanted is None else wanted({form.key for found in per_line.values() for _, _, form in found})
        if keep is not None and not keep:
            return
        if keep is None and self._abbreviations is not None:
            # Every line may hold a country abbreviation (日米, 露側), candidates or not.
            for index, line in enumerate(lines):
                found = per_line.get(index)
                matches = self._resolve(line, first + index, found) if found else []
                extra = self.abbreviations(line, first + index, matches)
                yield from sorted([*matches, *extra], key=lambda m: m.column) if extra else matches
            return
        for index in sorted(per_line):
            found = per_line[index]
            if keep is None:
                yield from self._resolve(lines[index], first + index, found)
            elif any(form.key in keep for _, _, form in found):
                yield from (m for m in self._resolve(lines[index], first + index, found) if m.form.key in keep)

    def _candidates_by_line(self, lines: list[str]) -> dict[int, list[tuple[int, int, Form]]]:
        """The candidates of each line (by index) holding one, line-relative. The automaton runs
        over batches of lines joined, since a call per line costs more than the scan itself;
        a batch is bounded (``_BATCH_CHARS``) so a large file never has one call's matches and
        joined copy in memory at once. No candidate, address or code token spans a line
        break, so the batches find what one call over the whole text finds."""
        per_line: dict[int, list[tuple[int, int, Form]]] = {}
        first = 0
        while first < len(lines):
            last, size = first, 0
            while last < len(lines) and (last == first or size + len(lines[last]) < _BATCH_CHARS):
                size += len(lines[last]) + 1
                last += 1
            line_starts, offset = [], 0
            for line in lines[first:last]:
                line_starts.append(offset)
                offset += len(line) + 1
            for start, end, form in self._candidates("\n".join(lines[first:last])):
                index = bisect_right(line_starts, start) - 1
                base = line_starts[index]
                per_line.setdefault(first + index, []).append((start - base, end - base, form))
            first = last
        return per_line

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


def cached_recognizer(glossary: Glossary) -> Recognizer:
    """The glossary's ``Recognizer``, kept in its compiled-glossary cache entry (built
    when the glossary did not come from the cache): the one ``lint``, ``terms`` and
    ``survey`` share."""
    from yakugo.glossary.cache import compiled_part

    return compiled_part(glossary, "recognizer", lambda: Recognizer(glossary))
