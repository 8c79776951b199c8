"""A maintainer's check of a term base, beyond what loading validates (``yakugo glossary check``).

Loading refuses a glossary that cannot work (bad ids, one form in two
concepts, unknown confusables). This check finds rows that work but are not
yet trustworthy:

* ``no-url-source``: the row's ``source`` names no web page attesting the English;
* ``confusable-not-mutual``: A lists B as confusable but B does not list A;
* ``forbidden-is-accepted``: an ``en_forbidden`` entry that is also an accepted
  rendering (``en``, ``en_variants``) of the same concept;
* ``short-form-unblocked``: a one- or two-character form that is an ordinary part
  of many other words (JMdict lists at least ``SHORT_FORM_WORDS`` words holding
  it after their first character, as 暴露 and 披露 hold 露; compounds that begin
  with the form, 国連総会, are the concept's own) while the concept has no
  ``ja_blocked`` words;
* ``note-unlinked``: the note names another concept (its ``ja``, three characters
  or more) that neither row links as confusable.

Forms nested in another concept's forms (日本 in 日本海) are listed as notes for
review, not problems: leftmost-longest matching gives the longer name to its own
concept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from yakugo.glossary.model import Concept, Glossary
from yakugo.glossary.normalize import fold

SHORT_FORM_WORDS = 15
_URL = re.compile(r"https?://")


@dataclass(frozen=True)
class Problem:
    line: int
    concept: str
    check: str
    message: str

    def to_dict(self) -> dict[str, object]:
        return {"line": self.line, "concept": self.concept, "check": self.check, "message": self.message}


@dataclass
class Audit:
    problems: list[Problem]
    notes: list[Problem]

    def to_dict(self) -> dict[str, object]:
        return {"problems": [p.to_dict() for p in self.problems], "notes": [n.to_dict() for n in self.notes]}


@cache
def words_containing(form: str) -> int:
    """How many JMdict words contain ``form`` other than at their start (wildcard look-up)."""
    from jamdict import Jamdict

    result = Jamdict().lookup(f"%{form}%", strict_lookup=False, lookup_chars=False, lookup_ne=False)
    texts = {kanji.text for entry in result.entries for kanji in entry.kanji_forms} | {
        kana.text for entry in result.entries for kana in entry.kana_forms
    }
    return sum(1 for text in texts if form in text[1:])


def audit(glossary: Glossary, jmdict: bool = True) -> Audit:
    problems: list[Problem] = []
    notes: list[Problem] = []

    def problem(concept: Concept, check: str, message: str) -> None:
        problems.append(Problem(concept.line, concept.id, check, message))

    by_id = {concept.id: concept for concept in glossary}
    for concept in glossary:
        if not any(_URL.match(source) for source in concept.source):
            problem(concept, "no-url-source", f"'{concept.id}' names no web page attesting its English")
        for other_id in concept.confusables:
            if other_id in by_id and concept.id not in by_id[other_id].confusables:
                problem(concept, "confusable-not-mutual", f"'{concept.id}' lists '{other_id}' as confusable, but '{other_id}' does not list it")
        accepted = {fold(text) for text in concept.accepted_en}
        for text in concept.en_forbidden:
            if fold(text) in accepted:
                problem(concept, "forbidden-is-accepted", f"'{text}' is both forbidden and accepted for '{concept.id}'")
        if jmdict and not concept.ja_blocked:
            for text in concept.admitted_ja:
                if len(text) <= 2 and not text.isascii() and words_containing(text) >= SHORT_FORM_WORDS:
                    problem(
                        concept,
                        "short-form-unblocked",
                        f"'{text}' of '{concept.id}' is part of {words_containing(text)} other JMdict words and the row has no ja_blocked",
                    )
    named: list[tuple[str, Concept]] = [(other.ja, other) for other in glossary if len(other.ja) >= 3]
    for concept in glossary:
        if not concept.note:
            continue
        for name, other in named:
            if other is concept or not _names(concept.note, name):
                continue
            if other.id in concept.confusables or concept.id in other.confusables:
                continue
            if any(name in form for form, _ in concept.ja_forms()):
                continue  # the note quotes the concept's own longer form
            problem(concept, "note-unlinked", f"the note of '{concept.id}' names {name} ('{other.id}'), which neither row links")
    notes.extend(_nested_forms(glossary))
    problems.sort(key=lambda p: (p.line, p.check))
    return Audit(problems, notes)


def _script(char: str) -> str:
    if "\u30a0" <= char <= "\u30ff":
        return "katakana"
    if "\u3400" <= char <= "\u9fff":
        return "kanji"
    return "other"


def _names(note: str, name: str) -> bool:
    """Whether ``note`` names ``name`` as a word of its own (核兵器 is not named by 非核兵器国)."""
    for found in re.finditer(re.escape(name), note):
        before = note[found.start() - 1] if found.start() else ""
        after = note[found.end()] if found.end() < len(note) else ""
        if before and _script(before) == _script(name[0]) != "other":
            continue  # inside a longer word: 核兵器 in 非核兵器国
        if after and _script(after) != "other":
            continue  # the first part of a compound quoted as an example: ロシア in ロシア国防省
        if after and _script(after) == _script(name[-1]) != "other":
            continue
        return True
    return False


def _nested_forms(glossary: Glossary) -> list[Problem]:
    """Forms of one concept inside a form of another (for review)."""
    forms = [(fold(text), concept) for concept in glossary for text, status in concept.ja_forms() if status != "deprecated"]
    short = sorted({(key, concept.id): (key, concept) for key, concept in forms if len(key) >= 2}.values(), key=lambda item: item[0])
    found: list[Problem] = []
    for long_key, long_concept in forms:
        for key, concept in short:
            if concept is not long_concept and len(key) < len(long_key) and key in long_key:
                found.append(
                    Problem(concept.line, concept.id, "nested-form", f"'{key}' ({concept.id}) is inside '{long_key}' ({long_concept.id})")
                )
    return found
