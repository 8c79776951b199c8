"""Reading text files in whatever encoding they come in, and writing them back atomically.

Japanese articles arrive as UTF-8 (with or without a BOM), Shift_JIS or
EUC-JP, with LF or CRLF line endings. A ``TextFile`` remembers all of that so
a rewrite (``lint --fix``, ``import --into``) gives back the same bytes
everywhere except where something was meant to change.
"""

from __future__ import annotations

import codecs
import difflib
import os
import re
import stat
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from yakugo.glossary.errors import InputError, located

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Legacy Japanese encodings, tried strictly in this order when UTF-8 fails;
# cp932 is the Windows superset of Shift_JIS that most files really use.
_LEGACY = ("cp932", "euc_jp")


@dataclass
class TextFile:
    path: str
    text: str  # decoded, BOM removed, line endings as in the file
    encoding: str = "utf-8"
    bom: bytes = b""
    kind: str = "text"  # "docx": a Word document's paragraphs, one a line (glossary.wordfile); never rewritten

    @property
    def newline(self) -> str:
        return "\r\n" if "\r\n" in self.text else "\n"

    def lines(self) -> list[str]:
        """The lines without their line endings (a trailing CR is dropped)."""
        return [line[:-1] if line.endswith("\r") else line for line in self.text.split("\n")]


def decode_bytes(data: bytes, path: str = "<bytes>") -> TextFile:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            try:
                return TextFile(path, body.decode(encoding), encoding, bom)
            except UnicodeDecodeError as error:
                # Lines counted in the text decoded so far: in UTF-16 a 0x0A byte need not be a line break.
                line = body[: error.start].decode(encoding).count("\n") + 1
                message = f"starts with a {encoding.upper()} byte-order mark but is not valid {encoding.upper()}"
                raise InputError(located(path, line, message)) from None
    if b"\x00" in data:
        raise InputError(located(path, None, "binary file (contains NUL bytes)"))
    try:
        return TextFile(path, data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as error:
        utf8_error = error
    decodable = []
    for encoding in _LEGACY:
        try:
            decodable.append((encoding, data.decode(encoding)))
        except UnicodeDecodeError:
            continue
    if decodable:
        # EUC-JP bytes often also decode as cp932, into half-width katakana and
        # rarities that real Japanese prose hardly uses; take the cleaner reading.
        encoding, text = min(decodable, key=lambda pair: _oddities(pair[1]))
        return TextFile(path, text, encoding)
    line = _line_of(data, utf8_error.start)
    raise InputError(located(path, line, "cannot decode: not UTF-8, Shift_JIS or EUC-JP"))


_ODD = re.compile("[\uff61-\uff9f\ue000-\uf8ff\u0080-\u009f]")


def _oddities(text: str) -> int:
    return len(_ODD.findall(text))


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of ``path`` (``-`` for standard input), or ``InputError`` in one line."""
    name = str(path)
    if name == "-":
        return sys.stdin.buffer.read()
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise InputError(located(name, None, "no such file")) from None
    except IsADirectoryError:
        raise InputError(located(name, None, "is a directory")) from None
    except OSError as error:
        raise InputError(located(name, None, error.strerror or str(error))) from None


def read_text(path: str | os.PathLike[str]) -> TextFile:
    """Read ``path`` (``-`` for standard input) and decode it, or raise ``InputError``.
    A ``.docx`` comes as its paragraphs, one a line (``glossary.wordfile``)."""
    if str(path) != "-" and str(path).lower().endswith(".docx"):  # wordfile imports this module: no import at the top
        from yakugo.glossary.wordfile import read_docx

        return read_docx(read_bytes(path), str(path))
    return decode_bytes(read_bytes(path), str(path))


def write_atomic(path: str | os.PathLike[str], data: bytes) -> list[str]:
    """Replace ``path`` with ``data`` in one step: a crash leaves the old file or the new one.

    A symbolic link is followed: the file it points to is replaced, the link stays. The
    replacement keeps the old file's permissions, owner and group; a read-only file, or one
    whose owner cannot be kept, is refused (``InputError``, the file untouched). Returns
    notes for the user (``PATH: …``): replacing one of several hard links is said, since
    the other names keep the old text."""
    target = Path(os.path.realpath(path))
    notes: list[str] = []
    try:
        old: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        old = None
    except OSError as error:
        raise InputError(located(str(path), None, f"cannot write: {error.strerror or error}")) from None
    if old is not None:
        if not stat.S_ISREG(old.st_mode):
            raise InputError(located(str(path), None, "cannot write: not a regular file"))
        if not old.st_mode & 0o222 or not os.access(target, os.W_OK):
            raise InputError(located(str(path), None, "read-only file; left as it was"))
        if old.st_nlink > 1:
            notes.append(located(str(path), None, f"was one of {old.st_nlink} hard links to one file: this name now has a file of its own, the others keep the old text"))
        mode = old.st_mode & 0o7777
    else:  # what open() would have given a new file, not mkstemp's 0600
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    except OSError as error:  # a missing folder, no permission
        raise InputError(located(str(path), None, f"cannot write: {error.strerror or error}")) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if old is not None:
            _keep_owner(temporary, old, str(path))
        os.chmod(temporary, mode)  # after chown, which may clear set-id bits
        os.replace(temporary, target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):  # the disk full: the old file is untouched
            raise InputError(located(str(path), None, f"cannot write: {error.strerror or error}")) from None
        raise
    return notes


def _keep_owner(temporary: str, old: os.stat_result, path: str) -> None:
    """Give the new file the old one's owner and group (root may; others only a group they
    belong to), or refuse: a rewrite must not hand someone's file to whoever ran yakugo."""
    new = os.stat(temporary)
    if (new.st_uid, new.st_gid) == (old.st_uid, old.st_gid) or not hasattr(os, "chown"):
        return
    try:
        os.chown(temporary, old.st_uid, old.st_gid)
    except PermissionError:
        raise InputError(
            located(path, None, f"cannot keep its owner and group ({old.st_uid}:{old.st_gid}) in a rewritten copy; left as it was")
        ) from None


def encode_like(file: TextFile, text: str, original: bytes | None = None) -> bytes:
    """``text`` in ``file``'s encoding and BOM, every character that did not change in the
    bytes it had in ``original`` (the file's bytes; read again when None).

    Some cp932 and EUC-JP codes do not survive decoding and encoding again (cp932 ``87 90``
    ≒ comes back as ``81 E0``): re-encoding the whole text would change bytes nobody meant
    to change, so the changed stretches are spliced into the original bytes. A file that
    changed since it was read, or a new character the encoding cannot hold, is an
    ``InputError`` and nothing is written."""
    if file.kind != "text":
        from yakugo.glossary.wordfile import REWRITE_REFUSED

        raise InputError(located(file.path, None, REWRITE_REFUSED))
    if original is None:
        original = read_bytes(file.path)
    body = original[len(file.bom):] if original.startswith(file.bom) else None
    try:
        unchanged = body is not None and body.decode(file.encoding) == file.text
    except UnicodeDecodeError:
        unchanged = False
    if not unchanged or body is None:
        raise InputError(located(file.path, None, "changed since it was read; left as it was"))
    try:
        if file.text.encode(file.encoding) == body:  # UTF-8, UTF-16, most legacy files
            return file.bom + text.encode(file.encoding)
        return file.bom + _splice(body, file.text, text, file.encoding, file.path)
    except UnicodeEncodeError as error:
        line = error.object.count("\n", 0, error.start) + 1 if error.object is text else None
        bad = error.object[error.start:error.end]
        raise InputError(located(file.path, line, f"cannot write the fix {bad} in {file.encoding}; file left as it was")) from None


# Lines longer than this are compared by common prefix and suffix only (difflib is quadratic).
_DIFFED_LINE = 20_000


def _splice(body: bytes, old_text: str, new_text: str, encoding: str, path: str) -> bytes:
    """``new_text`` encoded, the unchanged characters of each changed line kept as the bytes
    they were in ``body``. Only for encodings where byte 0x0A is always a line break."""
    old_lines, new_lines, raw_lines = old_text.split("\n"), new_text.split("\n"), body.split(b"\n")
    if not len(old_lines) == len(new_lines) == len(raw_lines):
        raise InputError(located(path, None, f"the fix adds or removes lines in a file whose {encoding} bytes would change elsewhere; left as it was"))
    out = []
    for number, (old, new, raw) in enumerate(zip(old_lines, new_lines, raw_lines), start=1):
        out.append(raw if old == new else _splice_line(raw, old, new, encoding, path, number))
    return b"\n".join(out)


def _splice_line(raw: bytes, old: str, new: str, encoding: str, path: str, number: int) -> bytes:
    if len(old) <= _DIFFED_LINE and len(new) <= _DIFFED_LINE:
        opcodes = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    else:
        prefix = len(os.path.commonprefix([old, new]))
        suffix = len(os.path.commonprefix([old[prefix:][::-1], new[prefix:][::-1]]))
        opcodes = [
            ("equal", 0, prefix, 0, prefix),
            ("replace", prefix, len(old) - suffix, prefix, len(new) - suffix),
            ("equal", len(old) - suffix, len(old), len(new) - suffix, len(new)),
        ]
    for offsets in (_encoded_offsets(old, encoding), _decoded_offsets(raw, encoding)):
        pieces, aligned = [], True
        for tag, old_start, old_end, new_start, new_end in opcodes:
            kept = raw[offsets[old_start]:offsets[old_end]]
            if kept.decode(encoding, "replace") != old[old_start:old_end]:
                aligned = False  # a code whose width changes on re-encoding: count bytes exactly
                break
            if tag == "equal":
                pieces.append(kept)
                continue
            if kept.decode(encoding).encode(encoding) != kept:
                message = f"the fix would also change the {encoding} bytes of {printable(old[old_start:old_end])}, which do not survive re-encoding; left as it was"
                raise InputError(located(path, number, message))
            pieces.append(new[new_start:new_end].encode(encoding))
        if aligned:
            return b"".join(pieces)
    raise InputError(located(path, number, f"cannot map the fix onto the {encoding} bytes; left as it was"))


def _encoded_offsets(text: str, encoding: str) -> list[int]:
    """Where each character of ``text`` would start if every one kept its encoded width."""
    offsets = [0]
    for char in text:
        offsets.append(offsets[-1] + len(char.encode(encoding)))
    return offsets


def _decoded_offsets(raw: bytes, encoding: str) -> list[int]:
    """Where each character decoded from ``raw`` starts in it (byte by byte: slow, exact)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    offsets = [0]
    for index in range(len(raw)):
        offsets.extend([index + 1] * len(decoder.decode(raw[index:index + 1])))
    return offsets


def write_text(file: TextFile, text: str, path: str | os.PathLike[str] | None = None) -> list[str]:
    """Write ``text`` in ``file``'s encoding and BOM (line endings are the caller's)."""
    return write_atomic(path or file.path, file.bom + text.encode(file.encoding))


# A file's control characters (ESC starts terminal escape sequences) shown as their
# Unicode pictures, one cell each so columns stay aligned: never sent to a terminal.
_CONTROL_PICTURES = {code: 0x2400 + code for code in range(0x20)} | {0x7F: 0x2421} | dict.fromkeys(range(0x80, 0xA0), 0xFFFD)


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: control characters as their pictures (␛)."""
    return text.translate(_CONTROL_PICTURES)


def shown_path(path: str) -> str:
    """A file name fit to print or to put in a page. A name that is not UTF-8 (cp932 names
    from a Windows zip) reaches Python with its bytes as lone surrogates, which no UTF-8
    output can carry: shown decoded as cp932 when it is that, else with U+FFFD."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        raw = path.encode("utf-8", "surrogateescape")
    try:
        return raw.decode("cp932")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "replace")
