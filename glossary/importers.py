"""Reading term lists from other tools into concepts: format detection and one reader per format."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from yakugo.glossary.errors import InputError, located
from yakugo.glossary.intake import clean_concepts
from yakugo.glossary.model import Concept
from yakugo.glossary.prh import PrhRule, read_prh
from yakugo.glossary.spreadsheet import Table, concepts_from_table, read_csv_table, read_xlsx_table
from yakugo.glossary.tbx import UNTRANSLATED, read_tbx
from yakugo.glossary.textfile import decode_bytes

DEPRECATED_COMMENT = re.compile(r"^(deprecated|forbidden|非推奨|使用不可)\b[:：]?", re.IGNORECASE)


@dataclass
class ImportResult:
    concepts: list[Concept]
    format: str
    skipped: list[str] = field(default_factory=list)  # one line per skipped entry or rule
    prh_rules: list[PrhRule] = field(default_factory=list)
    cleaned: list[str] = field(default_factory=list)  # one line per entry whose tabs/line breaks became spaces

    def summary(self) -> dict[str, object]:
        counts: dict[str, int] = {}
        for rule in self.prh_rules:
            counts[rule.outcome] = counts.get(rule.outcome, 0) + 1
        return {
            "format": self.format,
            "concepts": len(self.concepts),
            "skipped": len(self.skipped),
            **({"prh_rules": counts} if self.prh_rules else {}),
        }


def detect_format(data: bytes, path: str) -> str:
    """tbx, xlsx, prh, omegat, tsv or csv, from the content (the extension only breaks ties)."""
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 (XML may come so): look at it decoded
        head = data[:65536].decode("utf-16", errors="ignore").encode("utf-8")  # "utf-16" reads the BOM
    else:  # the bytes themselves: XML in an encoding of its own declaration is still ASCII up to the root
        head = data[:65536]
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        if re.search(rb"<(\w+:)?(tbx|martif)\b", head) or _xml_root(data, path) in ("tbx", "martif"):
            return "tbx"  # the root's name, when a long DOCTYPE or comment pushes it past the head
        raise InputError(located(path, 1, "XML, but neither TBX (<tbx>) nor TBX 2008 (<martif>)"))
    text = decode_bytes(data, path).text
    if re.search(r"^rules\s*:", text, re.MULTILINE) and ("expected" in text or "pattern" in text):
        return "prh"
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if not lines:
        raise InputError(located(path, 1, "empty file"))
    first = lines[0]
    if "\t" in first:
        header = {cell.strip().lower() for cell in first.split("\t")}
        if header & {"ja", "japanese", "日本語", "ja-jp"}:
            return "tsv"
        return "omegat"
    if Path(path).suffix.lower() in (".utf8", ".tab"):
        return "omegat"
    return "csv"


def _xml_root(data: bytes, path: str) -> str:
    from lxml import etree

    from yakugo.glossary.xmlsafe import parse_xml

    return etree.QName(parse_xml(data, path).getroot()).localname


def read_omegat(data: bytes, path: str) -> tuple[list[Concept], list[str]]:
    """OmegaT glossary lines ``source<TAB>target<TAB>comment``; rows with the same English form one concept.

    yakugo's own export says in the comment which concept a row belongs to (``variant of
    X``, ``deprecated: write X``) and appends the forbidden renderings to the preferred
    row's note (``; not: a, b``): read so, a file yakugo wrote comes back as it was."""
    rows: list[tuple[int, str, str, str]] = []
    skipped: list[str] = []
    for number, line in enumerate(decode_bytes(data, path).lines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue  # OmegaT skips '#' lines too (the coding comment among them)
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) < 2 or not cells[0]:
            skipped.append(located(path, number, "line without source and target skipped"))
            continue
        rows.append((number, cells[0], cells[1] or UNTRANSLATED, cells[2] if len(cells) > 2 else ""))
    if any(_OWN_COMMENT.match(comment) for _, _, _, comment in rows):
        return _omegat_by_preferred_form(rows), skipped
    concepts: dict[str, Concept] = {}
    for number, source, target, comment in rows:
        deprecated = bool(DEPRECATED_COMMENT.match(comment))
        concept = concepts.get(target)
        if concept is None:
            if deprecated:
                # a deprecated form before any admitted one: keep it until the preferred form shows up
                concept = concepts[target] = Concept(id="", ja="", en=target, ja_deprecated=[source], line=number)
            else:
                concept = concepts[target] = Concept(id="", ja=source, en=target, note=comment, line=number)
            continue
        if deprecated:
            concept.ja_deprecated.append(source)
        elif not concept.ja:
            concept.ja, concept.note = source, comment
        elif source != concept.ja and source not in concept.ja_variants:
            concept.ja_variants.append(source)
    result = []
    for concept in concepts.values():
        if not concept.ja:  # only deprecated forms: the first stands in as the preferred one
            concept.ja = concept.ja_deprecated.pop(0)
        result.append(concept)
    return result, skipped


# The comments glossary.export.omegat writes on variant and deprecated rows, and the
# forbidden renderings it appends to a preferred row's note.
_OWN_COMMENT = re.compile(r"^(?:variant of (?P<variant>.+)|deprecated: write (?P<deprecated>.+))$")
_FORBIDDEN_TAIL = re.compile(r"(?:^|; )not: (.+)$")


def _omegat_by_preferred_form(rows: list[tuple[int, str, str, str]]) -> list[Concept]:
    concepts: dict[tuple[str, str], Concept] = {}  # (preferred ja, en) → concept
    pending: list[tuple[int, str, str, str, str]] = []  # rows naming their preferred form
    for number, source, target, comment in rows:
        own = _OWN_COMMENT.match(comment)
        if own:
            status = "variant" if own.group("variant") else "deprecated"
            pending.append((number, source, target, own.group("variant") or own.group("deprecated"), status))
            continue
        note, forbidden = comment, []
        tail = _FORBIDDEN_TAIL.search(comment)
        if tail:
            note, forbidden = comment[: tail.start()], [item for item in tail.group(1).split(", ") if item]
        concepts.setdefault((source, target), Concept(id="", ja=source, en=target, note=note, en_forbidden=forbidden, line=number))
    for number, source, target, preferred, status in pending:
        concept = concepts.get((preferred, target))
        if concept is None:
            concept = concepts[(preferred, target)] = Concept(id="", ja=preferred, en=target, line=number)
        forms = concept.ja_variants if status == "variant" else concept.ja_deprecated
        if source != concept.ja and source not in forms:
            forms.append(source)
    return list(concepts.values())


def _table_reader(reader: Callable[[bytes, str], Table]):
    def read(data: bytes, path: str, columns: dict[str, str] | None) -> tuple[list[Concept], list[str]]:
        return concepts_from_table(reader(data, path), path, columns)

    return read


IMPORTERS: dict[str, Callable[..., tuple[list[Concept], list[str]]]] = {
    "tbx": lambda data, path, columns: read_tbx(data, path),
    "csv": _table_reader(lambda data, path: read_csv_table(data, path)),
    "tsv": _table_reader(lambda data, path: read_csv_table(data, path, "\t")),
    "xlsx": _table_reader(read_xlsx_table),
    "omegat": lambda data, path, columns: read_omegat(data, path),
}
IMPORT_FORMATS = (*IMPORTERS, "prh")


def read_import(path: str, data: bytes, fmt: str | None = None, columns: dict[str, str] | None = None) -> ImportResult:
    """The concepts in an import file, reading it as ``fmt`` (detected when None)."""
    fmt = fmt or detect_format(data, path)
    if columns and fmt not in ("csv", "tsv", "xlsx"):
        raise InputError(located(path, None, f"--columns applies to csv, tsv and xlsx, not {fmt}"))
    if fmt == "prh":
        prh = read_prh(data, path)
        skipped = [located(path, rule.line, f"prh rule skipped ({rule.outcome}): {rule.patterns}") for rule in prh.rules if not rule.imported]
        return _cleaned(ImportResult(prh.concepts, fmt, skipped, prh.rules), path)
    if fmt not in IMPORTERS:
        raise InputError(located(path, None, f"unknown import format '{fmt}' (known: {', '.join(IMPORT_FORMATS)})"))
    concepts, skipped = IMPORTERS[fmt](data, path, columns)
    return _cleaned(ImportResult(concepts, fmt, skipped), path)


def _cleaned(result: ImportResult, path: str) -> ImportResult:
    """Only what terms.tsv can hold goes on to the merge (``glossary.intake``)."""
    intake = clean_concepts(result.concepts, path)
    result.concepts = intake.concepts
    result.skipped.extend(intake.skipped)
    result.cleaned = intake.cleaned
    return result
