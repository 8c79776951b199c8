"""Reading text files in whatever encoding they come in, and writing them back atomically.

Japanese articles arrive as UTF-8 (with or without a BOM), Shift_JIS or
EUC-JP, with LF or CRLF line endings. A ``TextFile`` remembers all of that so
a rewrite (``lint --fix``, ``import --into``) gives back the same bytes
everywhere except where something was meant to change.
"""

from __future__ import annotations

import codecs
import os
import re
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
    """Read ``path`` (``-`` for standard input) and decode it, or raise ``InputError``."""
    return decode_bytes(read_bytes(path), str(path))


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step: a crash leaves the old file or the new one.

    A symbolic link is followed: the file it points to is replaced, the link stays."""
    target = Path(os.path.realpath(path))
    if target.exists():
        mode = target.stat().st_mode & 0o7777
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
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):  # the disk full: the old file is untouched
            raise InputError(located(str(path), None, f"cannot write: {error.strerror or error}")) from None
        raise


def write_text(file: TextFile, text: str, path: str | os.PathLike[str] | None = None) -> None:
    """Write ``text`` in ``file``'s encoding and BOM (line endings are the caller's)."""
    write_atomic(path or file.path, file.bom + text.encode(file.encoding))


# A file's control characters (ESC starts terminal escape sequences) shown as their
# Unicode pictures, one cell each so columns stay aligned: never sent to a terminal.
_CONTROL_PICTURES = {code: 0x2400 + code for code in range(0x20)} | {0x7F: 0x2421} | dict.fromkeys(range(0x80, 0xA0), 0xFFFD)


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: control characters as their pictures (␛)."""
    return text.translate(_CONTROL_PICTURES)
