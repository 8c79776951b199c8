"""A glossary kept as flat values, its concepts turned back into objects only when asked for.

Reading 100,000 ``Concept`` objects back from a pickle takes about a second, which a
command that looks at a few of them should not pay. ``ConceptRows`` keeps each
concept pickled on its own, one after another in one byte string (or in a region of
a file), and unpickles a row the first time it is asked for. ``StoredGlossary`` is a
``Glossary`` over such rows: ``glossary[concept_id]``, ``concept_at(row)``,
``len(glossary)`` and ``concept_id in glossary`` read only what they name; anything
that uses the concept list itself (iteration, ``glossary.concepts``, saving) gets
every concept, unpickled then, and works as with any glossary.
"""

from __future__ import annotations

import pickle
from array import array
from itertools import accumulate
from dataclasses import fields
from typing import Any, Iterable, Iterator, Literal

from yakugo.glossary.model import Concept, Glossary


def joined_lines(texts: Iterable[str]) -> tuple[str, array]:
    """``texts`` (none holding a line break) as one string, one per line, and the offset
    where each starts: a few flat values instead of one object per text."""
    texts = list(texts)
    starts = array("q", accumulate((len(text) + 1 for text in texts[:-1]), initial=0)) if texts else array("q")
    return "\n".join(texts), starts


def line_at(joined: str, starts: array, position: int) -> str:
    """Line ``position`` of ``joined`` (lines joined by line breaks, ``starts`` their offsets)."""
    end = starts[position + 1] - 1 if position + 1 < len(starts) else len(joined)
    return joined[starts[position] : end]


# A concept is pickled as the tuple of its field values in this order: the field names
# and the class, in every row, would make the rows three times larger.
_FIELDS = tuple(field.name for field in fields(Concept))


def _pickled(concept: Concept) -> bytes:
    return pickle.dumps(tuple(getattr(concept, name) for name in _FIELDS), protocol=pickle.HIGHEST_PROTOCOL)


def _unpickled(data: bytes) -> Concept:
    return Concept(*pickle.loads(data))


def out_of_band(data: Any, protocol: int) -> Any:
    """``data`` (bytes or an array) to pickle: with protocol 5 a ``PickleBuffer``, which a
    file written with ``buffer_callback`` keeps outside the pickle, to be read back as a
    view of the mapped file (no copy; pages read as they are touched)."""
    return pickle.PickleBuffer(data) if protocol >= 5 else bytes(data)


def as_ints(data: Any, typecode: Literal["i", "q"]) -> memoryview:
    """An array pickled ``out_of_band``, as read back (bytes, or a view of a mapped file),
    seen again as integers of its ``typecode``."""
    return memoryview(data).cast("B").cast(typecode)


class ConceptRows:
    """Concepts by row, each pickled apart and unpickled the first time it is read (the
    same object after that). Pickled, the rows are two byte strings: every concept's
    pickle one after another, and where each starts."""

    def __init__(self, concepts: Iterable[Concept]):
        self._concepts: list[Concept | None] = list(concepts)
        self._blob: Any = None  # bytes, or a view of a mapped cache file
        self._starts: Any = None  # array or memoryview of int64

    def __len__(self) -> int:
        return len(self._concepts)

    def __getitem__(self, row: int) -> Concept:
        concept = self._concepts[row]
        if concept is None:
            concept = self._concepts[row] = _unpickled(self._blob[self._starts[row] : self._starts[row + 1]])
        return concept

    def __iter__(self) -> Iterator[Concept]:
        return (self[row] for row in range(len(self)))

    def unpickled(self) -> int:
        """How many rows have been turned back into concepts."""
        return sum(concept is not None for concept in self._concepts)

    def read(self, row: int) -> Concept | None:
        """Row ``row`` if it was unpickled already, else None (nothing is read)."""
        return self._concepts[row]

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        if self._blob is None:  # made from concepts: every row is there
            pickles = [_pickled(concept) for concept in self._concepts if concept is not None]
            self._blob = b"".join(pickles)
            self._starts = array("q", accumulate((len(data) for data in pickles), initial=0))
        return _restored_rows, (out_of_band(self._blob, protocol), out_of_band(self._starts, protocol))


def _restored_rows(blob: Any, starts: Any) -> ConceptRows:
    rows = ConceptRows(())
    rows._blob, rows._starts = blob, as_ints(starts, "q")
    rows._concepts = [None] * (len(rows._starts) - 1)
    return rows


# Glossary fields a StoredGlossary keeps pickled until they are used (each has one value
# per concept, and only saving the glossary reads them).
_LAZY_FIELDS = ("comments_before", "row_widths")


class StoredGlossary(Glossary):
    """A ``Glossary`` whose concepts come from ``ConceptRows`` as they are asked for (see
    the module docstring). Made by ``stored(glossary)``; pickled, it is its rows, the
    concept ids and the file's other parts, never the unpickled concepts."""

    _rows: ConceptRows
    _ids: Any  # every concept id, each between line breaks, UTF-8 encoded
    _row_of: dict[str, int] | None
    _lazy: Any  # the pickled _LAZY_FIELDS

    def __getattr__(self, name: str) -> Any:
        # Only called for attributes not set: the concept list, the id index and the lazy
        # fields, made from the stored values on first use.
        if name == "concepts":
            concepts = list(self._rows)
            self.__dict__["concepts"] = concepts
            return concepts
        if name == "_by_id":
            by_id = {concept.id: concept for concept in self.concepts}
            self.__dict__["_by_id"] = by_id
            return by_id
        if name in _LAZY_FIELDS and "_lazy" in self.__dict__:
            self.__dict__.update(pickle.loads(self.__dict__["_lazy"]))
            return self.__dict__[name]
        raise AttributeError(name)

    def _concept_row(self, concept_id: str) -> int | None:
        if self._row_of is None:
            ids = bytes(self._ids).decode()[1:-1].split("\n") if len(self._ids) > 1 else []
            self._row_of = {concept_id: row for row, concept_id in enumerate(ids)}
        return self._row_of.get(concept_id)

    @property
    def rows(self) -> ConceptRows:
        return self._rows

    def __len__(self) -> int:
        return len(self._rows) if "concepts" not in self.__dict__ else len(self.concepts)

    def __contains__(self, concept_id: object) -> bool:
        if "_by_id" in self.__dict__ or not isinstance(concept_id, str):
            return concept_id in self._by_id
        return self._concept_row(concept_id) is not None

    def __getitem__(self, concept_id: str) -> Concept:
        if "_by_id" in self.__dict__:
            return self._by_id[concept_id]
        row = self._concept_row(concept_id)
        if row is None:
            raise KeyError(concept_id)
        return self.concept_at(row)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    def concept_at(self, row: int) -> Concept:
        if "concepts" in self.__dict__:
            return self.concepts[row]
        return self._rows[row]

    def row_of(self, concept: Concept) -> int:
        if "concepts" in self.__dict__:
            return super().row_of(concept)
        row = self._concept_row(concept.id)
        if row is None or self._rows.read(row) is not concept:
            raise KeyError(concept.id)
        return row

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        # The stored values as they were read (the glossary the entry's key names), the
        # large ones out of band.
        state = {name: value for name, value in self.__dict__.items() if name not in _MADE_ON_USE}
        state["_ids"], state["_lazy"] = out_of_band(self._ids, protocol), out_of_band(self._lazy, protocol)
        return _restored_glossary, (state,)


def _restored_glossary(state: dict[str, Any]) -> StoredGlossary:
    glossary = StoredGlossary.__new__(StoredGlossary)
    glossary.__dict__.update(state)
    glossary.__dict__["_row_of"] = None
    return glossary


# What a StoredGlossary makes from its stored values, never pickled.
_MADE_ON_USE = ("concepts", "_by_id", "_row_of", "_row_by_id", *_LAZY_FIELDS)


def stored(glossary: Glossary) -> StoredGlossary:
    """``glossary`` as a ``StoredGlossary`` (itself when it is one already)."""
    if isinstance(glossary, StoredGlossary):
        return glossary
    state = {name: value for name, value in glossary.__dict__.items() if name not in _MADE_ON_USE}
    state["_rows"] = ConceptRows(glossary.concepts)
    state["_ids"] = ("\n" + "\n".join(concept.id for concept in glossary.concepts) + "\n").encode()
    state["_lazy"] = pickle.dumps({name: getattr(glossary, name) for name in _LAZY_FIELDS}, protocol=pickle.HIGHEST_PROTOCOL)
    return _restored_glossary(state)
