"""What an import may put into terms.tsv: values cleaned or refused before they are merged,
and a last check that the file about to be written loads again.

terms.tsv is one row per line, cells split by tabs, list items by ``|``. An imported cell
holding a tab or a line break (a quoted CSV cell, an XLSX cell, a prh string) would split
its row on the next load; a form holding ``|`` would come back as two forms. So line
breaks and tabs become spaces (said per field), an entry with ``|`` inside a form or list
item is skipped with a ``PATH:LINE`` message, and ``check_loads`` refuses to write
anything the loader would reject.
"""

from __future__ import annotations

import re
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from yakugo.glossary.errors import InputError, located
from yakugo.glossary.locking import locked
from yakugo.glossary.merge import MergeReport, Prefer, merge_concepts
from yakugo.glossary.model import LIST_COLUMNS, LIST_SEPARATOR, TEXT_COLUMNS, Concept, Glossary
from yakugo.glossary.textfile import TextFile, printable
from yakugo.glossary.tsv import format_glossary, load_glossary, parse_glossary, save_glossary

# Tabs, line breaks of every kind, and the other characters str.splitlines() breaks on.
_BREAKS = re.compile("[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")
_SINGLE_COLUMNS = ("id", "ja", "en", *TEXT_COLUMNS)


@dataclass
class Intake:
    concepts: list[Concept]
    cleaned: list[str] = field(default_factory=list)  # PATH:LINE: what was changed
    skipped: list[str] = field(default_factory=list)  # PATH:LINE: what was left out, and why


def clean_concepts(concepts: list[Concept], path: str) -> Intake:
    """``concepts`` fit for terms.tsv: breaks turned into spaces, entries with ``|`` in a form
    or list item left out (each said in one line)."""
    intake = Intake([])
    for concept in concepts:
        where = concept.line or None
        refused = _separator_problem(concept)
        if refused:
            intake.skipped.append(located(path, where, refused))
            continue
        changed = _flatten_breaks(concept)
        if changed:
            names = ", ".join(changed)
            intake.cleaned.append(located(path, where, f"tab or line break in {names} of '{printable(concept.ja)}' replaced by a space"))
        intake.concepts.append(concept)
    return intake


def _separator_problem(concept: Concept) -> str | None:
    for name in ("ja", "en"):
        value = getattr(concept, name)
        if LIST_SEPARATOR in value:
            return f"{name} '{printable(value)}' contains '{LIST_SEPARATOR}', which terms.tsv puts between list items; entry skipped"
    for name in LIST_COLUMNS:
        for item in getattr(concept, name):
            if LIST_SEPARATOR in item:
                return f"{name} item '{printable(item)}' contains '{LIST_SEPARATOR}', which terms.tsv puts between list items; entry skipped"
    for name, value in concept.extra.items():
        if _BREAKS.search(name) or "\t" in name:
            return f"column name '{printable(name)}' contains a tab or line break; entry skipped"
    return None


def _flatten_breaks(concept: Concept) -> list[str]:
    """Replace runs of tabs and line breaks by one space and strip every field; the names
    of the fields that held a break (stripping alone is not worth a word)."""
    changed = []
    for name in _SINGLE_COLUMNS:
        value = getattr(concept, name)
        setattr(concept, name, _flat(value))
        if _BREAKS.search(value):
            changed.append(name)
    for name in LIST_COLUMNS:
        items = getattr(concept, name)
        setattr(concept, name, [flat for flat in (_flat(item) for item in items) if flat])
        if any(_BREAKS.search(item) for item in items):
            changed.append(name)
    for name, value in list(concept.extra.items()):
        concept.extra[name] = _flat(value)
        if _BREAKS.search(value):
            changed.append(name)
    return changed


def _flat(value: str) -> str:
    # Stripped as terms.tsv's reader strips cells and items: "イェルツィン  " must not pass the
    # merge as a form of its own and come back as another concept's イェルツィン.
    return _BREAKS.sub(" ", value).strip()


def check_loads(text: str, path: str) -> None:
    """Refuse (``InputError``, nothing written) a terms.tsv text that would not load again:
    never write a glossary that fails its own validation."""
    try:
        parse_glossary(TextFile(path, text))
    except InputError as error:
        raise InputError([*error.problems, located(path, None, "not written: the merged glossary would not load again")]) from None


@dataclass
class MergeOutcome:
    merged: Glossary
    report: MergeReport
    written: str | None = None  # the file written, None when nothing was
    notes: list[str] = field(default_factory=list)  # PATH: what the user should know about the write


def merge_into_file(concepts: list[Concept], into: Path | None, prefer: Prefer = None, write: bool = True) -> MergeOutcome:
    """Merge ``concepts`` into the glossary ``into`` (a new one when it is None or absent) and,
    when ``write``, save it. Reading, merging and writing happen under ``into``'s lock, so
    concurrent imports each see the other's result; the text is checked to load again first."""
    guard = locked(into) if into is not None and write else nullcontext()
    with guard:
        if into is not None and into.exists():
            base = load_glossary(into)
        else:
            base = Glossary(path=str(into) if into is not None else "terms.tsv")
        merged, report = merge_concepts(base, concepts, prefer)
        outcome = MergeOutcome(merged, report)
        check_loads(format_glossary(merged), str(into or "terms.tsv"))
        if into is not None and write:
            outcome.notes = save_glossary(merged, into)
            outcome.written = str(into)
    return outcome
