"""Term completion: the glossary's admitted forms for what is being typed, with their English.

Japanese has no spaces, so "the word being typed" is not delimited: every
ending of the text before the cursor (up to ``MAX_PREFIX`` characters, back
to the last space or punctuation mark) is tried as a prefix. A prefix matches
a form by its spelling (width- and case-folded, so ｎａｔｏ finds NATO) and,
when it is kana, by the form's reading (Sudachi's), so that the kana an input
method shows before conversion (かくよ, カクヨ) already finds 核抑止. Romaji is
not converted: an input method does that better, and Latin letters match the
forms written in them (NATO, ICBM). Preferred forms come first, then admitted
variants; deprecated forms are never offered. A one-character prefix counts
only when it is not kana (a lone kana is most often a particle).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property

import jaconv

from yakugo.aligner.core.segment import morphemes
from yakugo.glossary.model import Concept, Glossary
from yakugo.glossary.normalize import fold

MAX_PREFIX = 16
MAX_ITEMS = 50
_BREAK = re.compile(r"[\s\u3000、。，．,.!?！？「」『』（）()\[\]【】〈〉《》\"'“”‘’:：;；…]")
_KANA = re.compile(r"^[\u3041-\u3096\u30a1-\u30fa\u30fcー]+$")
_KATAKANA = re.compile(r"^[\u30a1-\u30fa\u30fc]+$")


@dataclass(frozen=True)
class Candidate:
    """One form offered for a prefix: what to insert and what was typed of it."""

    form: str
    concept: Concept
    status: str  # preferred or variant
    typed: str  # the characters before the cursor it replaces
    by_reading: bool

    @property
    def filter_text(self) -> str:
        """What a client matches the typed text against: the typed text, then the rest of
        the form (of its reading, in the script typed, for a kana match)."""
        if not self.by_reading:
            return self.typed + self.form[len(self.typed) :]
        return self.typed


class TermIndex:
    """The glossary's admitted forms, sorted by spelling and by reading for prefix search."""

    def __init__(self, glossary: Glossary):
        self.glossary = glossary

    @cached_property
    def _entries(self) -> tuple[list[str], list[tuple[str, Concept, str, bool]]]:
        rows: list[tuple[str, str, Concept, str, bool]] = []
        for concept in self.glossary:
            for form, status in concept.ja_forms():
                if status == "deprecated" or not form:
                    continue
                rows.append((fold(form), form, concept, status, False))
                reading = reading_of(form)
                if reading and reading != form:
                    rows.append((reading, form, concept, status, True))
        rows.sort(key=lambda row: row[0])
        return [row[0] for row in rows], [row[1:] for row in rows]

    def starting_with(self, key: str) -> list[tuple[str, Concept, str, bool]]:
        keys, values = self._entries
        found = []
        index = bisect_left(keys, key)
        while index < len(keys) and keys[index].startswith(key):
            found.append(values[index])
            index += 1
        return found

    def complete(self, before_cursor: str) -> list[Candidate]:
        """The forms to offer after ``before_cursor`` (the line up to the cursor), best first."""
        run = _BREAK.split(before_cursor)[-1][-MAX_PREFIX:]
        seen: set[tuple[str, str]] = set()
        candidates: list[Candidate] = []
        for start in range(len(run)):  # longest prefix first: it says most about the word
            typed = run[start:]
            if len(typed) == 1 and _KANA.match(typed):
                continue
            keys = [(fold(typed), False)]
            if _KANA.match(typed):
                keys.append((jaconv.hira2kata(typed), True))
            found: list[Candidate] = []
            for key, by_reading in keys:
                for form, concept, status, reading_match in self.starting_with(key):
                    if (reading_match and not by_reading) or (concept.id, form) in seen:  # a katakana spelling is its reading
                        continue
                    seen.add((concept.id, form))
                    found.append(Candidate(form, concept, status, typed, by_reading))
            found.sort(key=lambda c: (c.status != "preferred", c.by_reading, len(c.form), c.form))
            candidates.extend(found)
            if len(candidates) >= MAX_ITEMS:
                break
        return candidates[:MAX_ITEMS]


def reading_of(form: str) -> str:
    """Sudachi's reading of a form in katakana ('' when a part has no kana reading)."""
    parts = [morpheme.reading_form() for _, chunk in morphemes(form, "C") for morpheme in chunk]
    reading = "".join(parts)
    return reading if _KATAKANA.match(reading) else ""
