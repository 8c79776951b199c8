"""Every occurrence of a set of keys in a text: the recognizer's first pass.

An Aho-Corasick automaton (ahocorasick_rs, in Rust) scans fast, but building one
takes about 5 µs per key, a second for 200,000 keys, and it cannot be pickled, so
a command on a large glossary would pay that on every run before reading a short
article. Until the texts searched add up to about as much work, ``KeyIndex``
probes instead: the keys are grouped by the hash of their first two characters in
flat arrays (read from the compiled-glossary cache with no per-key object), and at
each position of the text only the keys of that position's group are compared.
Both ways find exactly the same occurrences (tested), so which one ran never shows.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from itertools import accumulate, compress
from typing import Any, Iterable

from ahocorasick_rs import AhoCorasick

from yakugo.glossary.stored import as_ints, out_of_band

# The automaton is built once the characters probed pass this many per key: by then
# probing has cost about what building would have (measured: ~2 µs a character
# probed, ~5 µs a key built).
PROBE_CHARACTERS_PER_KEY = 2


# Keys are grouped by their first _PREFIX characters (all of them for shorter keys): with
# two, the keys opening with one common pair (日本…) made buckets of hundreds to compare.
_PREFIX = 3
# The hash of a prefix: code points c1 c2 c3 as (c1 × _SPREAD + c2) × _SPREAD + c3, small
# integers, which Python multiplies and adds fastest; a table's bucket is the hash & its mask.
_SPREAD = 131


def _hash(codes: Iterable[int]) -> int:
    value = 0
    for code in codes:
        value = value * _SPREAD + code
    return value


def _mask(keys: int) -> int:
    """A power of two minus one, at least four times ``keys``: most buckets hold no key, so
    few positions of a text compare a key that is not there."""
    return (1 << max(10, (4 * keys).bit_length())) - 1


@dataclass
class _Table:
    """Key indexes grouped by bucket (``members[offsets[b]:offsets[b + 1]]``), and whether
    each bucket holds any (``occupied[b]``)."""

    mask: int
    offsets: Any  # array or memoryview of int32
    members: Any
    occupied: Any  # bytes or memoryview

    @classmethod
    def of(cls, groups: dict[int, list[int]], mask: int) -> "_Table":
        offsets, members = array("i", [0]), array("i")
        for bucket in range(mask + 1):
            members.extend(groups.get(bucket, ()))
            offsets.append(len(members))
        return cls(mask, offsets, members, bytes(bucket in groups for bucket in range(mask + 1)))


class KeyIndex:
    """``find(text)``: ``(key index, start, end)`` of every occurrence of every key,
    overlapping ones included.

    Pickled, the keys are one UTF-32 string (every key's characters, one after another,
    and where each starts) and the probe's tables are arrays, all of them out of band
    (``glossary.stored.out_of_band``): read back from a mapped cache file they stay in
    the file, and a short text touches only the few pages its probes compare."""

    def __init__(self, keys: list[str]):
        self._keys: list[str] | None = keys
        # The keys encoded: UTF-32-LE of them all, and each key's start in characters.
        self._encoded: tuple[Any, Any] | None = None
        self._probe: list[_Table] | None = None
        self._automaton: AhoCorasick | None = None
        self._probed = 0

    def __len__(self) -> int:
        return len(self._keys) if self._keys is not None else len(self._encoded_keys()[1]) - 1

    def keys(self) -> list[str]:
        if self._keys is None:
            data, starts = self._encoded_keys()
            joined = bytes(data).decode("utf-32-le")
            self._keys = [joined[starts[index] : starts[index + 1]] for index in range(len(starts) - 1)]
        return self._keys

    def key(self, index: int) -> str:
        if self._keys is not None:
            return self._keys[index]
        data, starts = self._encoded_keys()
        return bytes(data[4 * starts[index] : 4 * starts[index + 1]]).decode("utf-32-le")

    def find(self, text: str) -> list[tuple[int, int, int]]:
        size = len(self)
        if not size or not text:
            return []
        if self._automaton is None and self._probed + len(text) <= PROBE_CHARACTERS_PER_KEY * size:
            self._probed += len(text)
            return self._probed_in(text)
        if self._automaton is None:
            self._automaton = AhoCorasick(self.keys())
        return self._automaton.find_matches_as_indexes(text, overlapping=True)

    def _encoded_keys(self) -> tuple[Any, Any]:
        if self._encoded is None:
            keys = self._keys or []
            self._encoded = ("".join(keys).encode("utf-32-le"), array("i", accumulate(map(len, keys), initial=0)))
        return self._encoded

    def _probe_tables(self) -> list[_Table]:
        """One table per prefix length: keys of one and of two characters by their hash,
        longer keys by the hash of their first three (see ``_Table``)."""
        if self._probe is None:
            groups: list[dict[int, list[int]]] = [{} for _ in range(_PREFIX)]
            keys = self.keys()
            masks = [_mask(sum(1 for key in keys if min(len(key), _PREFIX) == length)) for length in range(1, _PREFIX + 1)]
            for index, key in enumerate(keys):
                if key:
                    length = min(len(key), _PREFIX)
                    groups[length - 1].setdefault(_hash(map(ord, key[:length])) & masks[length - 1], []).append(index)
            self._probe = [_Table.of(group, mask) for group, mask in zip(groups, masks)]
        return self._probe

    def _probed_in(self, text: str) -> list[tuple[int, int, int]]:
        data, starts = self._encoded_keys()
        encoded = text.encode("utf-32-le")
        codes = list(map(ord, text))
        found: list[tuple[int, int, int]] = []
        # The hash of every position's first one, two and three characters, made by
        # comprehensions over the whole text; Python code runs only where a bucket holds keys.
        prefix_hashes = codes
        for length, table in enumerate(self._probe_tables(), start=1):
            if length > 1:
                prefix_hashes = [before * _SPREAD + code for before, code in zip(prefix_hashes, codes[length - 1 :])]
            if not len(table.members):
                continue
            buckets = [value & table.mask for value in prefix_hashes]
            offsets, members = table.offsets, table.members
            for start in compress(range(len(buckets)), map(table.occupied.__getitem__, buckets)):
                bucket = buckets[start]
                for member in range(offsets[bucket], offsets[bucket + 1]):
                    index = members[member]
                    first, end = starts[index], starts[index + 1]
                    if encoded.startswith(data[4 * first : 4 * end], 4 * start):
                        found.append((index, start, start + end - first))
        return found

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        data, starts = self._encoded_keys()
        tables = [(table.mask, *(out_of_band(part, protocol) for part in (table.offsets, table.members, table.occupied))) for table in self._probe_tables()]
        return _restored_key_index, (out_of_band(data, protocol), out_of_band(starts, protocol), tables)


def _restored_key_index(data: Any, starts: Any, tables: list[tuple[Any, ...]]) -> KeyIndex:
    index = KeyIndex([])
    index._keys = None
    index._encoded = (memoryview(data).cast("B"), as_ints(starts, "i"))
    index._probe = [_Table(mask, as_ints(offsets, "i"), as_ints(members, "i"), memoryview(occupied).cast("B")) for mask, offsets, members, occupied in tables]
    return index
