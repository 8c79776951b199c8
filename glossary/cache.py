"""The compiled-glossary cache: a parsed and validated glossary, and what is built from it,
kept on disk so that the next command on the same glossary skips the work.

An entry is one file in the user cache folder (``YAKUGO_CACHE_DIR`` when set, else
the platform's, e.g. ``~/.cache/yakugo`` on Linux), named by the SHA-256 of the
glossary file's bytes together with yakugo's version and the entry format, so a
changed glossary or a new yakugo reads a different file. It holds the glossary and
normalize's fold table and, added as commands ask for them, what they build from it
(``compiled_part``: the recognizer, each rule's set-up); a part few commands use (the
English matcher) is a file of its own beside it, and so is ``lookup``'s index
(``cached_lookup_index``).

Reading an entry costs little whatever the glossary's size: the file is mapped into
memory, the glossary is a ``glossary.stored.StoredGlossary`` whose concepts are
unpickled one by one as a command uses them, each part is unpickled when first asked
for, and their large arrays (the recognizer's keys and tables) stay in the mapped
file as pickle protocol 5 out-of-band buffers, so a command reads the pages it
touches. Parts refer to concepts by row.

Each file is written to a temporary file in the same folder and moved into place
(``os.replace``), so two commands building it at once each write a whole file and
one of them wins; a command that mapped the file before keeps reading what it
mapped. A file that cannot be read back, or that holds another key, is rebuilt
without a word; a cache that cannot be written is skipped. ``set_enabled(False)``
(the ``--no-cache`` flag) turns it off.

Entries are pickles. ``pickle`` runs code named in the file it loads, so it is used
here only on files yakugo itself wrote, of yakugo's own objects, in the user's own
cache folder: whoever can write there can already run code as that user.
"""

from __future__ import annotations

import atexit
import hashlib
import io
import mmap
import os
import pickle
import sys
import time
from unicodedata import unidata_version
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, TypeVar

from yakugo.glossary.errors import InputError
from yakugo.glossary.model import Concept, Glossary
from yakugo.glossary.normalize import fold_table_in_use, use_fold_table
from yakugo.glossary.query import LookupIndex
from yakugo.glossary.stored import StoredGlossary, stored
from yakugo.glossary.textfile import read_bytes, write_atomic
from yakugo.glossary.tsv import bundled_glossary_path, collector_paused, load_glossary

CACHE_DIR_VARIABLE = "YAKUGO_CACHE_DIR"
# Raised whenever what an entry holds changes shape, so older entries are not read.
ENTRY_FORMAT = 8

T = TypeVar("T")
_enabled = True


@dataclass
class _Entry:
    key: str
    glossary: Glossary
    # Parts built or read by this process, by name.
    parts: dict[str, Any] = field(default_factory=dict)
    # normalize's fold table (the same for every glossary; a part of every command's start-up).
    fold_table: str = ""
    # Parts that cannot be pickled, built again by each process (never written).
    unpicklable: dict[str, Any] = field(default_factory=dict)
    # Parts stored in files of their own (``compiled_part(apart=True)``), as read or built.
    apart: dict[str, Any] = field(default_factory=dict)
    # Every picklable part, pickled with its concepts as rows (``_pickle_part``): read back
    # only when a command asks for it, so a command pays for the parts it uses.
    pickled_parts: dict[str, list[Any]] = field(default_factory=dict)

    def __getstate__(self) -> dict[str, Any]:
        # The glossary as flat rows (glossary.stored): its concepts are unpickled one by one
        # as they are asked for, so that reading an entry costs little at any size.
        parts = {name: [pickle.PickleBuffer(piece) for piece in pieces] for name, pieces in self.pickled_parts.items()}
        return {"key": self.key, "glossary": stored(self.glossary), "fold_table": self.fold_table, "pickled_parts": parts}

    def __setstate__(self, state: dict[str, Any]) -> None:
        # An entry written before a field was added has no value for it: the default.
        self.__dict__.update({"parts": {}, "fold_table": "", "unpicklable": {}, "apart": {}, "pickled_parts": {}, **state})


# The entries of glossaries this process loaded through the cache, by id(glossary); the
# entry holds the glossary, so the id is not reused while it is listed.
_loaded: dict[int, tuple[Path, _Entry]] = {}


def set_enabled(enabled: bool) -> None:
    """Turn the cache on or off for this process (``--no-cache``)."""
    global _enabled
    _enabled = enabled


def enabled() -> bool:
    return _enabled


def cache_folder() -> Path:
    """``YAKUGO_CACHE_DIR``, else the user cache folder of the platform."""
    configured = os.environ.get(CACHE_DIR_VARIABLE)
    if configured:
        return Path(configured)
    # The three conventions platformdirs follows, written out rather than adding a
    # dependency for them: Windows' local application data, macOS's Caches, XDG elsewhere.
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "yakugo" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "yakugo"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "yakugo"


def entry_key(data: bytes) -> str:
    from yakugo import __version__

    digest = hashlib.sha256(data)
    # The fold table follows the Unicode database of the Python that built it.
    digest.update(f"\0yakugo {__version__}\0format {ENTRY_FORMAT}\0{sys.version_info[:2]}\0{unidata_version}".encode())
    return digest.hexdigest()


# A file written less than this long before its key would be noted may be written again
# within the same timestamp and keep its size ("racy" in git's words): its key is not
# noted. The change time moves on every write and every change of times; it needs only
# to be older than the file system clock's tick (a few milliseconds).
_SETTLED_SECONDS = 2.0
_SETTLED_CHANGE_SECONDS = 0.1


def glossary_key(path: str | Path) -> str:
    """``entry_key`` of the file's bytes. Hashing 10 MB takes longer than reading a cache
    entry, so the key is noted in the cache folder with the file's size, times, inode and
    device, and taken from there while all of them are unchanged; any write to the file
    changes its ctime."""
    if str(path) == "-":
        return entry_key(read_bytes(path))
    try:
        status = os.stat(path)
    except OSError:
        return entry_key(read_bytes(path))  # the one-line error of read_bytes
    # entry_key(b"") stands for what else goes into a key (yakugo's version, the formats).
    signature = f"{status.st_size} {status.st_mtime_ns} {status.st_ctime_ns} {status.st_ino} {status.st_dev} {entry_key(b'')[:16]}"
    note = cache_folder() / f"key-{hashlib.sha256(os.path.abspath(path).encode(errors='surrogateescape')).hexdigest()[:32]}.txt"
    try:
        noted_signature, noted_key = note.read_text(encoding="ascii").split("\t")
        if noted_signature == signature and len(noted_key) == 64:
            return noted_key
    except (OSError, ValueError, UnicodeDecodeError):
        pass
    key = entry_key(read_bytes(path))
    now = time.time()
    if now - status.st_mtime > _SETTLED_SECONDS and now - status.st_ctime > _SETTLED_CHANGE_SECONDS:
        _write_quietly(note, f"{signature}\t{key}".encode("ascii"))
    return key


def load_cached_glossary(path: str | Path | None = None) -> Glossary:
    """``load_glossary(path)``, read from the cache when an entry for the file's bytes is
    there, else loaded and stored. A glossary with problems raises ``InputError`` as
    ``load_glossary`` does, and is never stored."""
    if not _enabled:
        return load_glossary(path)
    write_pending()  # what this process made is on disk before it reads an entry
    path = path if path is not None else bundled_glossary_path()
    key = glossary_key(path)
    file = cache_folder() / f"glossary-{key}.pickle"
    entry = _read_entry(file, key)
    if entry is None:
        entry = _Entry(key, load_glossary(path))
        entry.fold_table = fold_table_in_use()
        _pending_write(file, entry)
    else:
        use_fold_table(entry.fold_table)
    entry.glossary.path = str(path)  # the same bytes may sit at another path
    _loaded[id(entry.glossary)] = (file, entry)
    return entry.glossary


def cached_lookup_index(path: str | Path | None = None) -> LookupIndex:
    """``LookupIndex(load_glossary(path))``, kept in a cache file of its own beside the
    glossary's entry, so that ``yakugo lookup`` reads the forms and only the concepts it
    shows, never the whole glossary (see ``LookupIndex``)."""
    if not _enabled:
        return LookupIndex(load_glossary(path))
    path = path if path is not None else bundled_glossary_path()
    key = glossary_key(path)
    file = cache_folder() / f"lookup-{key}.pickle"
    stored_index = _read_framed(file)
    if isinstance(stored_index, tuple) and len(stored_index) == 3:
        stored_key, table, index = stored_index
        if stored_key == key and isinstance(index, LookupIndex):
            use_fold_table(table)
            return index
    index = LookupIndex(load_cached_glossary(path))
    try:
        data = _framed((key, fold_table_in_use(), index))
    except (pickle.PicklingError, TypeError):
        return index
    _write_quietly(file, data)
    return index


# An entry and lookup's index are framed pickles: the count of out-of-band buffers and the
# length of the pickle (8 bytes each), each buffer's length (8 bytes), the pickle, then the
# buffers (the concepts' pickles, the entry's parts: see glossary.stored.out_of_band). The
# file is mapped into memory to be read, the buffers used in place: a command reads only
# the pages of what it uses, and a file another process replaces meanwhile stays as mapped.
def _framed(value: object) -> bytes:
    buffers: list[pickle.PickleBuffer] = []
    head = pickle.dumps(value, protocol=5, buffer_callback=buffers.append)
    raw = [buffer.raw() for buffer in buffers]
    sizes = b"".join(len(view).to_bytes(8, "little") for view in raw)
    return b"".join([len(raw).to_bytes(8, "little"), len(head).to_bytes(8, "little"), sizes, head, *raw])


def _read_framed(file: Path) -> Any:
    """What a framed file holds; None when it is absent, truncated or foreign."""
    try:
        with open(file, "rb") as stream:
            mapped = memoryview(mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ))
    except (OSError, ValueError):  # absent, empty, or a file that cannot be mapped
        return None
    try:
        count, length = int.from_bytes(mapped[:8], "little"), int.from_bytes(mapped[8:16], "little")
        at = 16 + 8 * count
        if count > len(mapped) // 8 or at + length > len(mapped):
            return None
        sizes = [int.from_bytes(mapped[16 + 8 * n : 24 + 8 * n], "little") for n in range(count)]
        head = mapped[at : at + length]
        buffers, start = [], at + length
        for size in sizes:
            buffers.append(mapped[start : start + size])
            start += size
        if start != len(mapped):
            return None
        with collector_paused():
            return pickle.loads(head, buffers=buffers)
    except Exception:  # foreign, or made from a class that changed: build it again
        return None


def compiled_part(glossary: Glossary, name: str, build: Callable[[], T], apart: bool = False) -> T:
    """What ``build()`` makes of ``glossary``, kept in its cache entry under ``name``
    (built and stored the first time; simply built for a glossary that did not come
    from the cache). ``build`` must give a value that depends on nothing but the
    glossary.

    A part is stored in the entry itself (read with it, sharing its objects), or with
    ``apart`` in a file of its own (``part-KEY-NAME.pickle``, its references to the
    glossary and its concepts stored as row numbers and resolved against the loaded
    glossary), read only by the commands that ask for it: for parts few commands use
    that would make every command's entry larger (with 100,000 concepts the English
    matcher is a third of the entry, and a Japanese lint never uses it)."""
    loaded = _loaded.get(id(glossary)) if _enabled else None
    if loaded is None or loaded[1].glossary is not glossary:
        return build()
    file, entry = loaded
    if name in entry.parts:
        return entry.parts[name]
    if name in entry.apart:
        return entry.apart[name]
    if name in entry.unpicklable:
        return entry.unpicklable[name]
    if not apart:
        if name in entry.pickled_parts:
            stored_value = _unpickle_part(entry, entry.pickled_parts[name])
            if stored_value is not _ABSENT:
                entry.parts[name] = stored_value
                return stored_value
        value = build()
        try:
            entry.pickled_parts[name] = _pickle_part(entry, value)
        except (pickle.PicklingError, TypeError, AttributeError):
            # e.g. a rule's closure: kept for this process only, so that the entry stays writable
            entry.unpicklable[name] = value
            return value
        entry.parts[name] = value
        _pending_write(file, entry)
        return value
    part_file = file.with_name(f"part-{entry.key}-{hashlib.sha256(name.encode()).hexdigest()[:16]}.pickle")
    stored_value = _read_part(part_file, entry, name)
    if stored_value is not _ABSENT:
        entry.apart[name] = stored_value
        return stored_value
    value = build()
    try:
        data = _framed((entry.key, name, [pickle.PickleBuffer(piece) for piece in _pickle_part(entry, value)]))
    except (pickle.PicklingError, TypeError, AttributeError):
        entry.unpicklable[name] = value
        return value
    entry.apart[name] = value
    _pending_write(part_file, data)
    return value


_ABSENT = object()


class _PartPickler(pickle.Pickler):
    """Pickles a part with the glossary and its concepts as references (row numbers)."""

    def __init__(self, stream: io.BytesIO, glossary: Glossary, buffer_callback: Callable[[pickle.PickleBuffer], None]):
        super().__init__(stream, protocol=5, buffer_callback=buffer_callback)
        self._glossary = glossary

    def persistent_id(self, obj: Any) -> Any:
        if obj is self._glossary:
            return ("glossary",)
        if isinstance(obj, Concept):
            try:
                return ("concept", self._glossary.row_of(obj))
            except KeyError:
                raise pickle.PicklingError("a concept of another glossary") from None
        if isinstance(obj, Glossary):
            raise pickle.PicklingError("another glossary")
        return None


class _PartUnpickler(pickle.Unpickler):
    def __init__(self, stream: Any, glossary: Glossary, buffers: list[Any]):
        super().__init__(stream, buffers=buffers)
        self._glossary = glossary

    def persistent_load(self, pid: Any) -> Any:
        if pid == ("glossary",):
            return self._glossary
        if isinstance(pid, tuple) and len(pid) == 2 and pid[0] == "concept":
            return self._glossary.concept_at(pid[1])  # unpickled now, if it was not yet
        raise pickle.UnpicklingError(f"unknown reference {pid!r}")


def _pickle_part(entry: _Entry, value: object) -> list[bytes]:
    """A part pickled with the entry's glossary and concepts as references, and the
    out-of-band buffers of its large arrays: the pickle first, then the buffers."""
    stream = io.BytesIO()
    buffers: list[pickle.PickleBuffer] = []
    _PartPickler(stream, entry.glossary, buffers.append).dump(value)
    return [stream.getvalue(), *(bytes(buffer.raw()) for buffer in buffers)]


def _unpickle_part(entry: _Entry, pieces: list[Any]) -> Any:
    try:
        with collector_paused():
            return _PartUnpickler(io.BytesIO(pieces[0]), entry.glossary, pieces[1:]).load()
    except Exception:  # made from a class that changed since: build it again
        return _ABSENT


def _read_part(file: Path, entry: _Entry, name: str) -> Any:
    stored_value = _read_framed(file)
    if not (isinstance(stored_value, tuple) and len(stored_value) == 3):
        return _ABSENT
    key, stored_name, pieces = stored_value
    if key != entry.key or stored_name != name or not isinstance(pieces, list) or not pieces:
        return _ABSENT
    return _unpickle_part(entry, pieces)


def cached_table(name: str, version: str, build: Callable[[], T]) -> T:
    """What ``build()`` makes, when it depends on nothing but ``version`` (a library's data,
    such as lemminflect's lemma table): read from the cache folder, else built and stored
    there (only ``build()`` when the cache is off)."""
    if not _enabled:
        return build()
    key = hashlib.sha256(f"{name}\0{version}\0format {ENTRY_FORMAT}\0{sys.version_info[:2]}".encode()).hexdigest()
    file = cache_folder() / f"{name}-{key[:32]}.pickle"
    try:
        with open(file, "rb") as stream, collector_paused():
            stored = pickle.load(stream)
        if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == key:
            return stored[1]
    except Exception:  # absent, truncated or foreign: build it again
        pass
    value = build()
    try:
        _write_quietly(file, pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL))
    except (pickle.PicklingError, TypeError):
        pass
    return value


# Entries and parts made by this process, written once, when it ends (or before an entry is
# read): the command's own work comes first.
_unwritten: dict[Path, _Entry | bytes] = {}


def _pending_write(file: Path, content: _Entry | bytes) -> None:
    if not _unwritten:
        atexit.register(write_pending)
    _unwritten[file] = content


def write_pending() -> None:
    """Write the entries and parts this process made since the last write."""
    while _unwritten:
        file, content = _unwritten.popitem()
        if isinstance(content, bytes):
            _write_quietly(file, content)
        else:
            _write_entry(file, content)


def _read_entry(file: Path, key: str) -> _Entry | None:
    entry = _read_framed(file)
    if not isinstance(entry, _Entry) or entry.key != key or not isinstance(entry.glossary, StoredGlossary):
        return None
    return entry


def _write_entry(file: Path, entry: _Entry) -> None:
    try:
        data = _framed(entry)
    except (pickle.PicklingError, TypeError):
        return
    _write_quietly(file, data)


def _write_quietly(file: Path, data: bytes) -> None:
    """``data`` written atomically to ``file``, or nothing when the folder cannot be written:
    no cache this time, and the command works the same without one."""
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(file, data)
    except (InputError, OSError):
        pass
