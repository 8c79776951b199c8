"""The documents of an archive, streamed one at a time.

An archive is any mix of:

* article files (``.txt``, ``.md``, ``.docx`` read as its paragraphs; directories searched as ``yakugo lint`` does):
  one document each, its id the path, decoded as every command decodes files;
* JSON Lines files (``.jsonl``, ``.ndjson``): one JSON object per line;
* CSV and TSV files (``.csv``, ``.tsv``): a header row, then one document per row;

and each of them may be gzip-compressed (``NAME.jsonl.gz``). A record's text is
its ``text_field``; its id its ``id_field``, or ``PATH#N`` (its record number N in
the file) when it has none; its other fields are kept as metadata for grouping.

Records are read line by line in bounded memory: a record longer than
``MAX_RECORD_BYTES`` is refused, never loaded. A record that cannot be used
(invalid JSON, no text, a row with too many cells) is an ``InputError`` naming
the file, the line and the record number; the caller reports it and goes on.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import zlib
from dataclasses import dataclass, field
from typing import IO, Callable, Iterable, Iterator

from yakugo.aligner.core.inputs import expand_paths
from yakugo.glossary.errors import InputError, located
from yakugo.glossary.textfile import decode_bytes, read_bytes

ARTICLE_KINDS = {".txt": "text", ".md": "markdown", ".docx": "docx"}
RECORD_KINDS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv"}
SURVEY_SUFFIXES = (*ARTICLE_KINDS, *RECORD_KINDS, ".gz")
# One record (a line of JSON, a CSV row) larger than this is refused rather than read.
MAX_RECORD_BYTES = 64 * 1024 * 1024
# Bytes a gzip member may inflate to in one article file (records are read line by line).
MAX_ARTICLE_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class RecordFormat:
    """How records name their text and their id."""

    text_field: str = "text"
    id_field: str = "id"


@dataclass
class SourceDocument:
    """One document of the archive, as read: ``markdown`` documents are masked before counting."""

    id: str
    text: str
    metadata: dict[str, str] = field(default_factory=dict)
    markdown: bool = False
    path: str = ""
    line: int | None = None  # the record's first line in its file (None for an article file)
    number: int | None = None  # the record's number in its file (None for an article file)

    @property
    def label(self) -> str:
        """How a problem names the document: ``record N``, or its path."""
        return f"record {self.number}" if self.number is not None else self.path


def kind_of(path: str) -> str:
    """``text``, ``markdown``, ``docx``, ``jsonl``, ``csv`` or ``tsv`` by the suffix under any ``.gz``
    (a file named on the command line with another suffix is an article, as in ``lint``)."""
    inner = path[:-3] if path.lower().endswith(".gz") else path
    suffix = os.path.splitext(inner)[1].lower()
    return RECORD_KINDS.get(suffix) or ARTICLE_KINDS.get(suffix, "text")


def _known_suffix(path: str) -> bool:
    inner = path[:-3] if path.lower().endswith(".gz") else path
    return os.path.splitext(inner)[1].lower() in (*ARTICLE_KINDS, *RECORD_KINDS)


def archive_paths(paths: Iterable[str]) -> list[str]:
    """The files to read: as named, directories expanded (sorted) to every file with a survey
    suffix (a ``.gz`` only when what it compresses has one)."""
    found: list[str] = []
    for given in paths:
        expanded = expand_paths([given], SURVEY_SUFFIXES)
        if given != "-" and os.path.isdir(given):
            expanded = [path for path in expanded if _known_suffix(path)]
        found.extend(expanded)
    return found


def read_documents(
    paths: Iterable[str],
    record_format: RecordFormat = RecordFormat(),
    on_error: Callable[[InputError], None] | None = None,
) -> Iterator[SourceDocument]:
    """Every document of the files in ``paths`` (directories expanded), in order.

    A bad record or an unreadable file goes to ``on_error`` and is skipped (without
    ``on_error`` the ``InputError`` is raised)."""
    for entry in read_archive(paths, record_format, on_error):
        if isinstance(entry, RawRecord):
            parsed = parse_json_record(entry, record_format)
            if isinstance(parsed, InputError):
                if on_error is None:
                    raise parsed
                on_error(parsed)
                continue
            entry = parsed
        yield entry


def read_archive(
    paths: Iterable[str],
    record_format: RecordFormat = RecordFormat(),
    on_error: Callable[[InputError], None] | None = None,
) -> Iterator[SourceDocument | RawRecord]:
    """As ``read_documents``, but a JSON Lines record comes as its raw line (``RawRecord``),
    to be parsed with ``parse_json_record`` where it is counted: in a worker, decoding
    and parsing JSON would otherwise be most of the driver's work."""
    for path in archive_paths(paths):
        try:
            yield from read_file(path, record_format, on_error)
        except InputError as error:
            if on_error is None:
                raise
            on_error(error)


def read_file(
    path: str, record_format: RecordFormat = RecordFormat(), on_error: Callable[[InputError], None] | None = None
) -> Iterator[SourceDocument | RawRecord]:
    """The documents of one file (JSON Lines records raw); a broken file raises
    ``InputError`` where it breaks, after the documents before that point."""
    kind = kind_of(path)
    if kind in ARTICLE_KINDS.values():
        yield _article(path, kind)
        return
    with _open_binary(path) as handle:
        if kind == "jsonl":
            yield from _json_lines(_binary_lines(handle, path), path)
            return
        for record in _table_records(_decoded_lines(handle, path), path, kind, record_format):
            if isinstance(record, InputError):
                if on_error is None:
                    raise record
                on_error(record)
            else:
                yield record


def _article(path: str, kind: str) -> SourceDocument:
    if path.lower().endswith(".gz"):
        try:
            with gzip.open(path, "rb") as handle:
                data = handle.read(MAX_ARTICLE_BYTES + 1)
        except FileNotFoundError:
            raise InputError(located(path, None, "no such file")) from None
        except (OSError, EOFError, zlib.error) as error:
            raise InputError(located(path, None, f"not a readable gzip file ({error})")) from None
        if len(data) > MAX_ARTICLE_BYTES:
            raise InputError(located(path, None, f"inflates to more than {MAX_ARTICLE_BYTES:,} bytes"))
    else:
        data = read_bytes(path)
    if kind == "docx":
        from yakugo.glossary.wordfile import read_docx

        return SourceDocument(path, read_docx(data, path).text, path=path)
    file = decode_bytes(data, path)
    return SourceDocument(path, file.text, markdown=kind == "markdown", path=path)


class _Opened:
    """A binary handle on a plain or gzip file; errors of either kind become ``InputError``."""

    def __init__(self, path: str):
        self.path = path
        try:
            raw: IO[bytes] = open(path, "rb")
        except FileNotFoundError:
            raise InputError(located(path, None, "no such file")) from None
        except IsADirectoryError:
            raise InputError(located(path, None, "is a directory")) from None
        except OSError as error:
            raise InputError(located(path, None, error.strerror or str(error))) from None
        self.raw = raw
        self.handle: IO[bytes] = raw
        if path.lower().endswith(".gz"):
            self.handle = gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[assignment]

    def __enter__(self) -> _Opened:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()
        self.raw.close()


def _open_binary(path: str) -> _Opened:
    return _Opened(path)


def _binary_lines(opened: _Opened, path: str) -> Iterator[tuple[int, bytes]]:
    """``(line number, line with its ending)`` (a UTF-8 BOM on the first line dropped)."""
    number = 0
    while True:
        number += 1
        try:
            data = opened.handle.readline(MAX_RECORD_BYTES + 1)
        except (OSError, EOFError, zlib.error) as error:
            raise InputError(located(path, number, f"not a readable gzip file ({error})")) from None
        if not data:
            return
        if len(data) > MAX_RECORD_BYTES:
            raise InputError(located(path, number, f"line longer than {MAX_RECORD_BYTES:,} bytes"))
        if number == 1 and data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        yield number, data


_NOT_UTF8 = "not valid UTF-8 (JSON Lines and CSV records are read as UTF-8)"


def _decoded_lines(opened: _Opened, path: str) -> Iterator[tuple[int, str]]:
    for number, data in _binary_lines(opened, path):
        try:
            yield number, data.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError(located(path, number, _NOT_UTF8)) from None


def _scalar(value: object) -> str:
    """A metadata value as text: strings as they are, anything else in JSON."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _record(
    fields: dict[str, object], path: str, line: int, number: int, record_format: RecordFormat
) -> SourceDocument | InputError:
    where = f"record {number}"
    text = fields.get(record_format.text_field)
    if text is None:
        return InputError(located(path, line, f"{where}: no {record_format.text_field!r} field (--text-field)"))
    if not isinstance(text, str):
        return InputError(located(path, line, f"{where}: {record_format.text_field!r} is not a string"))
    identifier = fields.get(record_format.id_field)
    if identifier is None or identifier == "":
        document_id = f"{path}#{number}"
    elif isinstance(identifier, (str, int)) and not isinstance(identifier, bool):
        document_id = str(identifier)
    else:
        return InputError(located(path, line, f"{where}: {record_format.id_field!r} is neither a string nor an integer"))
    metadata = {
        name: _scalar(value) for name, value in fields.items() if name not in (record_format.text_field, record_format.id_field)
    }
    return SourceDocument(document_id, text, metadata, path=path, line=line, number=number)


@dataclass(frozen=True)
class RawRecord:
    """A JSON Lines record as read: its file, line, record number and bytes."""

    path: str
    line: int
    number: int
    content: bytes


def _json_lines(lines: Iterator[tuple[int, bytes]], path: str) -> Iterator[RawRecord]:
    number = 0
    for line, content in lines:
        if not content.strip():
            continue
        number += 1
        yield RawRecord(path, line, number, content)


def parse_json_record(raw: RawRecord, record_format: RecordFormat = RecordFormat()) -> SourceDocument | InputError:
    """The document of one JSON Lines record, or the ``InputError`` saying why there is none."""
    path, line, number = raw.path, raw.line, raw.number
    try:
        fields = json.loads(raw.content.decode("utf-8"))
    except UnicodeDecodeError:
        return InputError(located(path, line, f"record {number}: {_NOT_UTF8}"))
    except RecursionError:
        return InputError(located(path, line, f"record {number}: JSON nested too deeply"))
    except ValueError as error:
        reason = error.msg if isinstance(error, json.JSONDecodeError) else str(error)
        return InputError(located(path, line, f"record {number}: invalid JSON ({reason})"))
    if not isinstance(fields, dict):
        return InputError(located(path, line, f"record {number}: not a JSON object"))
    return _record(fields, path, line, number, record_format)


def _table_records(
    lines: Iterator[tuple[int, str]], path: str, kind: str, record_format: RecordFormat
) -> Iterator[SourceDocument | InputError]:
    numbered = iter(lines)
    physical = [0]

    def texts() -> Iterator[str]:
        for line, content in numbered:
            physical[0] = line
            yield content

    reader = csv.reader(texts(), delimiter="\t" if kind == "tsv" else ",", strict=True)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as error:
        raise InputError(located(path, physical[0], f"header: {error}")) from None
    if record_format.text_field not in header:
        raise InputError(located(path, 1, f"no {record_format.text_field!r} column (--text-field); the header has {', '.join(header)}"))
    number = 0
    while True:
        start = physical[0] + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            number += 1
            yield InputError(located(path, start, f"record {number}: {error}"))
            return  # the reader cannot resynchronise after a broken quote
        if not any(row):
            continue  # a blank line
        number += 1
        if len(row) > len(header):
            yield InputError(located(path, start, f"record {number}: {len(row)} cells, the header has {len(header)}"))
            continue
        fields: dict[str, object] = dict(zip(header, row))
        yield _record(fields, path, start, number, record_format)
