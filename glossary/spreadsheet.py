"""Tables: CSV and XLSX files written for spreadsheets and CAT tools, and read back.

Every cell a spreadsheet would run as a formula (one starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return) is written with a leading
apostrophe, the OWASP-recommended neutralisation; reading strips it again.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import cast

from yakugo.glossary.errors import InputError, located
from yakugo.glossary.model import CANONICAL_COLUMNS, KNOWN_COLUMNS, LIST_COLUMNS, LIST_SEPARATOR, Concept, Glossary
from yakugo.glossary.tbx import UNTRANSLATED
from yakugo.glossary.textfile import decode_bytes
from yakugo.glossary.tsv import split_list

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
UTF8_BOM = b"\xef\xbb\xbf"


def neutralise(cell: str) -> str:
    """The cell as a spreadsheet must show it: text, never a formula.

    A cell that already looks neutralised (``'=…``) gets an apostrophe too, so
    that ``restore`` gives it back unchanged.
    """
    return f"'{cell}" if cell.startswith(FORMULA_TRIGGERS) or _looks_neutralised(cell) else cell


def _looks_neutralised(cell: str) -> bool:
    return cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_TRIGGERS)


def restore(cell: str) -> str:
    """Undo ``neutralise``."""
    return cell[1:] if _looks_neutralised(cell) else cell


def joined(value: str | list[str]) -> str:
    return LIST_SEPARATOR.join(value) if isinstance(value, list) else value


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    lines: list[int] = field(default_factory=list)  # file line (CSV) or sheet row (XLSX) of each row


def glossary_table(glossary: Glossary) -> Table:
    """The whole glossary with every ``terms.tsv`` column, lists joined with ``|``."""
    header = list(glossary.columns or CANONICAL_COLUMNS)
    rows = [[joined(concept.get(name)) for name in header] for concept in glossary]
    return Table(header, rows, [concept.line for concept in glossary])


def write_csv(table: Table, delimiter: str = ",", bom: bool = True, header: bool = True) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    for row in [table.header, *table.rows] if header else table.rows:
        writer.writerow([neutralise(cell) for cell in row])
    return (UTF8_BOM if bom else b"") + out.getvalue().encode("utf-8")


def write_xlsx(table: Table, sheet_title: str = "terms", path: str = "terms.tsv") -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.worksheet.worksheet import Worksheet

    # XLSX (XML 1.0) cannot hold most control characters: say where they are instead of failing deep in openpyxl.
    problems = [
        located(
            path,
            (table.lines[index] or None) if index < len(table.lines) else None,
            f"column '{table.header[column]}': control character U+{ord(bad.group()):04X} cannot be stored in an XLSX cell",
        )
        for index, row in enumerate(table.rows)
        for column, value in enumerate(row)
        if (bad := ILLEGAL_CHARACTERS_RE.search(value))
    ]
    if problems:
        raise InputError(problems)
    workbook = Workbook()
    sheet = cast(Worksheet, workbook.active)  # a new Workbook starts with one worksheet, active
    sheet.title = sheet_title
    for row_number, row in enumerate([table.header, *table.rows], start=1):
        for column_number, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=column_number)
            cell.value = neutralise(value)
            cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
            if row_number == 1:
                cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- reading


def read_csv_table(data: bytes, path: str, delimiter: str | None = None) -> Table:
    text = decode_bytes(data, path).text
    first_line = text.split("\n", 1)[0]
    if delimiter is None:
        delimiter = "\t" if "\t" in first_line else ";" if first_line.count(";") > first_line.count(",") else ","
    # strict: an unterminated or stray quote is an error, not a cell swallowing the rest of the file
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    lines: list[int] = []
    try:
        for row in reader:
            if delimiter == "\t" and row and row[0].startswith("#"):
                continue  # terms.tsv comment lines
            if any(cell.strip() for cell in row):
                rows.append([restore(cell.strip()) for cell in row])
                lines.append(reader.line_num)
    except csv.Error as error:
        raise InputError(located(path, reader.line_num, f"bad CSV: {error}")) from None
    if not rows:
        raise InputError(located(path, 1, "empty table: a header row is needed"))
    return Table(rows[0], rows[1:], lines[1:])


def read_xlsx_table(data: bytes, path: str) -> Table:
    from openpyxl import load_workbook  # parses with defusedxml when it is installed, as it is here

    check_inflated_sizes(data, path)
    rows: list[list[str]] = []
    lines: list[int] = []
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        # read-only mode parses the sheet XML only now, row by row: its errors surface here
        for number, values in enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1):
            cells = ["" if value is None else restore(str(value).strip()) for value in values]
            if any(cells):
                rows.append(cells)
                lines.append(number)
        workbook.close()
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, SyntaxError, IndexError, zlib.error, NotImplementedError, EOFError) as error:
        # SyntaxError: ElementTree's ParseError (broken sheet XML); defusedxml's refusals are ValueErrors;
        # zlib.error, NotImplementedError (a compression method zipfile lacks) and EOFError: corrupt members
        raise InputError(located(path, None, f"not a readable XLSX workbook: {_reason(error)}")) from None
    if not rows:
        raise InputError(located(path, 1, "empty sheet: a header row is needed"))
    return Table(rows[0], rows[1:], lines[1:])


# A term list's XLSX inflates to a few megabytes. A zip bomb (2 MB of deflated spaces that
# inflate to 2.2 GB) is refused from the sizes the archive declares, before anything is read;
# zipfile also stops reading a member at its declared size, so a lie cannot slip past.
MAX_XLSX_INFLATED = 256 * 1024 * 1024
MAX_XLSX_RATIO = 200  # deflated XML is 5-20 times smaller; spaces compress 1000 times


def _reason(error: BaseException) -> str:
    """The error in one line (an EOFError says nothing: its name then)."""
    return " ".join(str(error).split()) or ("truncated member" if isinstance(error, EOFError) else type(error).__name__)


def check_inflated_sizes(data: bytes, path: str, kind: str = "XLSX", document: str = "XLSX workbook") -> None:
    """Refuse an Office zip (XLSX, DOCX) whose members would inflate too far, from the sizes
    it declares; ``kind`` and ``document`` name the format in the one-line message."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as error:
        raise InputError(located(path, None, f"not a readable {document}: {_reason(error)}")) from None
    total = sum(member.file_size for member in members)
    if total > MAX_XLSX_INFLATED:
        raise InputError(located(path, None, f"{kind} members inflate to {total:,} bytes (limit {MAX_XLSX_INFLATED:,}): refused as a possible zip bomb"))
    for member in members:
        if member.file_size > 1024 * 1024 and member.file_size > MAX_XLSX_RATIO * max(member.compress_size, 1):
            ratio = member.file_size // max(member.compress_size, 1)
            raise InputError(located(path, None, f"{kind} member {member.filename} inflates {ratio} times: refused as a possible zip bomb"))


# Header names recognised without a mapping (lower-cased, spaces and '-' as '_').
HEADER_ALIASES = {
    **{name: name for name in CANONICAL_COLUMNS},
    **dict.fromkeys(["japanese", "日本語", "ja_jp", "jpn", "japanese_term", "term_ja", "source_term"], "ja"),
    **dict.fromkeys(["english", "英語", "en_us", "en_gb", "eng", "english_term", "term_en", "target_term"], "en"),
    **dict.fromkeys(["japanese_forbidden", "deprecated_japanese", "deprecated_japanese_terms"], "ja_deprecated"),
    **dict.fromkeys(["english_forbidden", "forbidden_english", "forbidden_english_terms"], "en_forbidden"),
    **dict.fromkeys(["entry_note", "note", "notes", "comment", "description", "definition", "備考"], "note"),
    **dict.fromkeys(["entry_subject", "concept_type"], "type"),
    **dict.fromkeys(["sources", "entry_source", "出典"], "source"),
    **dict.fromkeys(["concept_id", "entry_id"], "id"),
}


def parse_column_mapping(spec: str, path: str = "--columns") -> dict[str, str]:
    """``"Japanese=ja,English=en"`` → ``{"Japanese": "ja", "English": "en"}``."""
    mapping: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in spec.split(","))):
        source, equals, target = item.partition("=")
        if not equals or not source.strip() or not target.strip():
            raise InputError(located(path, None, f"bad mapping '{item}': write HEADER=COLUMN, e.g. Japanese=ja"))
        mapping[source.strip()] = target.strip()
    return mapping


def _normalised_header(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def concepts_from_table(table: Table, path: str, mapping: dict[str, str] | None = None) -> tuple[list[Concept], list[str]]:
    """Concepts from table rows: columns found by ``mapping`` (header → terms.tsv column), else by name."""
    mapping = mapping or {}
    unknown = [name for name in mapping if name not in table.header]
    if unknown:
        raise InputError(located(path, 1, f"--columns names {', '.join(map(repr, unknown))}, not in the header {table.header}"))
    columns = [mapping.get(name) or HEADER_ALIASES.get(_normalised_header(name)) or name for name in table.header]
    if "ja" not in columns:
        raise InputError(
            located(path, 1, f"no Japanese column in {table.header}: name one with --columns HEADER=ja (and HEADER=en)")
        )
    concepts: list[Concept] = []
    skipped: list[str] = []
    for line, row in zip(table.lines, table.rows):
        record: dict[str, str] = {}
        for name, cell in zip(columns, row):
            if cell:
                record[name] = f"{record[name]}{LIST_SEPARATOR}{cell}" if name in record else cell
        concept = _concept_from_record(record, line)
        if concept is None:
            skipped.append(located(path, line, "row without a Japanese term skipped"))
        else:
            concepts.append(concept)
    return concepts, skipped


# What glossary.export's memoQ writer appends to a note (_note_with_sources).
_NOTE_SOURCES = re.compile(r"(?:^|(?<= ))Source: ([^\n]+)$")


def _concept_from_record(record: dict[str, str], line: int) -> Concept | None:
    values: dict[str, object] = {name: split_list(record.get(name, "")) for name in LIST_COLUMNS}
    # A language cell may hold synonyms: the first is the preferred form, the rest are admitted.
    ja_forms, en_forms = split_list(record.get("ja", "")), split_list(record.get("en", ""))
    if not ja_forms:
        return None
    values["ja_variants"] = list(dict.fromkeys(ja_forms[1:] + values["ja_variants"]))  # type: ignore[operator]
    values["en_variants"] = list(dict.fromkeys(en_forms[1:] + values["en_variants"]))  # type: ignore[operator]
    extra = {name: value for name, value in record.items() if name not in KNOWN_COLUMNS}
    note = record.get("note", "")
    if "source" not in record and (cited := _NOTE_SOURCES.search(note)):
        # memoQ has no source field: yakugo's export appends "Source: a, b" to the note; take it back.
        values["source"] = [item.strip() for item in cited.group(1).split(", ") if item.strip()]
        note = note[: cited.start()].rstrip()
    return Concept(
        id=record.get("id", ""),
        ja=ja_forms[0],
        en=en_forms[0] if en_forms else UNTRANSLATED,
        type=record.get("type", ""),
        note=note,
        extra=extra,
        line=line,
        **values,  # type: ignore[arg-type]
    )
