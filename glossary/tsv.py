"""Reading and writing the ``terms.tsv`` format (see the README for the contract)."""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from yakugo.glossary.errors import InputError, located
from yakugo.glossary.normalize import fold
from yakugo.glossary.model import (
    CANONICAL_COLUMNS,
    KNOWN_COLUMNS,
    LIST_COLUMNS,
    LIST_SEPARATOR,
    REQUIRED_COLUMNS,
    Concept,
    Glossary,
)
from yakugo.glossary.textfile import TextFile, decode_bytes, read_bytes, write_text

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")


def bundled_glossary_path() -> Path:
    """The ``terms.tsv`` shipped with yakugo: package data of ``yakugo`` (the checkout's root
    is the ``yakugo`` package, so an editable install reads the checkout's file)."""
    return Path(__file__).resolve().parent.parent / "terms.tsv"


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a glossary's objects are made: building
    100,000 concepts (a dozen objects each, none of them garbage) set off collections that
    took about half the load time, each walking every object made so far. They live as long
    as the glossary, so they are then frozen: later collections pass over them too (frozen
    objects are still freed by reference counting)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def load_glossary(path: str | Path | None = None) -> Glossary:
    """Load and validate a glossary; raise ``InputError`` listing every problem."""
    with collector_paused():
        return _load_glossary(path)


def _load_glossary(path: str | Path | None) -> Glossary:
    path = path if path is not None else bundled_glossary_path()
    data = read_bytes(path)
    file = decode_bytes(data, str(path))
    if file.encoding != "utf-8":
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as error:  # always: decode_bytes tried UTF-8 first
            line = data.count(b"\n", 0, error.start) + 1
            raise InputError(located(path, line, f"not UTF-8 (this file looks like {file.encoding}); terms.tsv must be UTF-8")) from None
    return parse_glossary(file)


def split_list(cell: str) -> list[str]:
    if not cell:
        return []  # most list cells of a large glossary: no splitting or stripping
    return [item.strip() for item in cell.split(LIST_SEPARATOR) if item.strip()]


def parse_glossary(file: TextFile, required: tuple[str, ...] = REQUIRED_COLUMNS) -> Glossary:
    """Parse and validate ``terms.tsv`` text. A term list that is only terms.tsv-shaped
    (a reviewer's candidates with ``en`` still empty) passes ``required=("ja",)``."""
    path = file.path
    problems: list[str] = []
    glossary = Glossary(path=path, bom=bool(file.bom), newline=file.newline, columns=[])
    pending: list[str] = []  # comment/blank lines waiting for the next row
    header: list[str] | None = None
    header_problems: list[str] = []
    lines = file.lines()
    if lines and lines[-1] == "":
        lines.pop()  # the final line ending
    elif lines:
        glossary.final_newline = False  # written back without one
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            pending.append(line)
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if header is None:
            header = cells
            glossary.columns = cells
            glossary.preamble, pending = pending, []
            header_problems = _check_header(path, number, cells, required)
            continue
        if len(cells) > len(header):
            problems.append(located(path, number, f"{len(cells)} cells but the header has {len(header)} columns"))
            continue
        record = dict(zip(header, cells + [""] * (len(header) - len(cells))))
        concept = _concept_from_record(record, number)
        glossary.comments_before[concept.id] = pending
        glossary.row_widths[concept.id] = len(cells)
        pending = []
        glossary.add(concept)
    glossary.trailer = pending
    if header is None:
        problems.append(located(path, len(lines) or 1, "missing header (expected a tab-separated line naming id, ja, en)"))
    elif header_problems:
        problems[:0] = header_problems  # rows cannot be checked against a broken header
    else:
        problems.extend(validate(glossary, required))
    if problems:
        raise InputError(problems)
    return glossary


def _check_header(path: str, number: int, cells: list[str], required: tuple[str, ...]) -> list[str]:
    problems = [located(path, number, f"missing required column '{name}'") for name in required if name not in cells]
    seen: set[str] = set()
    for name in cells:
        if name in seen:
            problems.append(located(path, number, f"column '{name}' appears twice"))
        seen.add(name)
    return problems


def _concept_from_record(record: dict[str, str], line: int) -> Concept:
    known = {name: record.get(name, "") for name in KNOWN_COLUMNS}
    for name in LIST_COLUMNS:
        known[name] = split_list(known[name])  # type: ignore[assignment]
    extra = {name: value for name, value in record.items() if name not in KNOWN_COLUMNS}
    return Concept(**known, extra=extra, line=line)  # type: ignore[arg-type]


def validate(glossary: Glossary, required: tuple[str, ...] = REQUIRED_COLUMNS) -> list[str]:
    """Every problem of a parsed glossary, one ``PATH:LINE: message`` each."""
    path = glossary.path or "<glossary>"
    problems: list[tuple[int, str]] = []  # (line, message)
    first_line_of_id: dict[str, int] = {}
    for concept in glossary:
        for name in required:
            if not getattr(concept, name):
                problems.append((concept.line, f"empty '{name}'"))
        for name in ("ja", "en"):  # one form each: exports join synonyms with |, imports split on it
            if LIST_SEPARATOR in getattr(concept, name):
                problems.append((concept.line, f"'{name}' holds one form: '{LIST_SEPARATOR}' separates list items (put synonyms in {name}_variants)"))
        if concept.id and not ID_PATTERN.fullmatch(concept.id):
            problems.append(
                (concept.line, f"bad id '{concept.id}': use lower-case letters, digits and '-'")
            )
        if concept.id in first_line_of_id:
            problems.append(
                (concept.line, f"duplicate id '{concept.id}' (first on line {first_line_of_id[concept.id]})")
            )
        elif concept.id:
            first_line_of_id[concept.id] = concept.line
    for concept in glossary:
        for other in concept.confusables:
            if other not in first_line_of_id:
                problems.append((concept.line, f"unknown id '{other}' in confusables of '{concept.id}'"))
    owner: dict[str, Concept] = {}
    for form in glossary.ja_forms():
        if not form.text:
            continue
        previous = owner.setdefault(form.key, form.concept)
        if previous is form.concept or previous.id == form.concept.id:  # a duplicate id is reported already
            continue
        problems.append(
            (
                form.concept.line,
                f"Japanese form '{form.text}' belongs to both '{previous.id}' (line {previous.line}) "
                f"and '{form.concept.id}' (line {form.concept.line})",
            )
        )
    problems.extend(_english_deprecated_problems(glossary))
    problems.extend(_referent_problems(glossary, owner))
    problems.sort(key=lambda problem: problem[0])  # stable: a row's problems keep their order
    return [located(path, line, message) for line, message in problems]


def _referent_problems(glossary: Glossary, owner: dict[str, Concept]) -> list[tuple[int, str]]:
    """The columns that say where a form is not, or not only, its concept's: a blocked word
    contains one of the concept's forms and is no form itself; a shared form is a form of
    one other concept (its default referent) and comes with cues; abbreviations are one or
    two characters and nobody's form; a replacement maps a deprecated form to an admitted one."""
    problems: list[tuple[int, str]] = []
    for concept in glossary:
        own = [fold(text) for text, status in concept.ja_forms() if status != "deprecated"] + [
            fold(text) for text in concept.ja_abbreviations
        ]
        for text in concept.ja_blocked:
            key = fold(text)
            if key in owner:
                problems.append((concept.line, f"blocked word '{text}' of '{concept.id}' is a form of '{owner[key].id}'"))
            elif not any(form and form in key for form in own):
                problems.append((concept.line, f"blocked word '{text}' of '{concept.id}' contains none of its forms"))
        for text in concept.ja_shared:
            default = owner.get(fold(text))
            if default is None or default is concept:
                problems.append(
                    (concept.line, f"shared form '{text}' of '{concept.id}' must be a form of another concept (its default referent)")
                )
        if concept.ja_shared and not concept.referent_cues:
            problems.append((concept.line, f"'{concept.id}' shares forms ({', '.join(concept.ja_shared)}) but has no referent_cues"))
        for text in concept.ja_abbreviations:
            if not 1 <= len(text) <= 2 or fold(text) in owner:
                problems.append((concept.line, f"abbreviation '{text}' of '{concept.id}' must be one or two characters and no form"))
        admitted = {fold(text) for text in concept.admitted_ja}
        deprecated = {fold(text) for text in concept.ja_deprecated}
        for pair in concept.ja_replacements:
            old, sep, new = pair.partition("=")
            if not sep or fold(old) not in deprecated or fold(new) not in admitted:
                problems.append(
                    (concept.line, f"replacement '{pair}' of '{concept.id}' must be DEPRECATED=ADMITTED with forms of this concept")
                )
    return problems


def _english_deprecated_problems(glossary: Glossary) -> list[tuple[int, str]]:
    """An ``en_deprecated`` rendering is replaced by its concept's ``en``, so (as a Japanese
    form) it may belong to one concept only, and no concept may accept it (``en``/``en_variants``)."""
    problems: list[tuple[int, str]] = []
    accepted: dict[str, Concept] = {}
    for concept in glossary:
        for text in concept.accepted_en:
            accepted.setdefault(fold(text), concept)
    owner: dict[str, Concept] = {}
    for form in glossary.en_deprecated_forms():
        concept = form.concept
        taker = accepted.get(form.key)
        if taker is not None:
            whose = "its own" if taker is concept else f"'{taker.id}' (line {taker.line})"
            problems.append((concept.line, f"deprecated English '{form.text}' of '{concept.id}' is an accepted rendering of {whose}"))
        previous = owner.setdefault(form.key, concept)
        if previous is not concept and previous.id != concept.id:
            problems.append(
                (
                    concept.line,
                    f"deprecated English '{form.text}' belongs to both '{previous.id}' (line {previous.line}) "
                    f"and '{concept.id}' (line {concept.line})",
                )
            )
    return problems


def format_glossary(glossary: Glossary) -> str:
    """The glossary as ``terms.tsv`` text (without BOM)."""
    columns = glossary.columns or list(CANONICAL_COLUMNS)
    out = [*glossary.preamble, "\t".join(columns)]
    for concept in glossary:
        out.extend(glossary.comments_before.get(concept.id, []))
        cells = [_cell(concept.get(name)) for name in columns]
        width = glossary.row_widths.get(concept.id, len(cells))
        while len(cells) > width and not cells[-1]:
            cells.pop()
        out.append("\t".join(cells))
    out.extend(glossary.trailer)
    return glossary.newline.join(out) + (glossary.newline if glossary.final_newline else "")


def _cell(value: str | list[str]) -> str:
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return value


def save_glossary(glossary: Glossary, path: str | Path | None = None) -> list[str]:
    """Write the glossary back atomically, UTF-8, keeping its BOM and line endings; returns
    notes for the user (``write_atomic``: a hard link replaced)."""
    target = str(path or glossary.path)
    bom = b"\xef\xbb\xbf" if glossary.bom else b""
    return write_text(TextFile(target, "", "utf-8", bom), format_glossary(glossary))
