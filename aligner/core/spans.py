"""Questions about many spans of one line, each answered in logarithmic time.

Asked once per match on a line, a comparison with every span of the line is
quadratic on a line of millions of characters; here the spans are sorted by
start once, with the furthest end reached by any span starting at or before each.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate
from typing import Iterable


class Spans:
    """``(start, end)`` offsets of one line (end exclusive)."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._furthest = list(accumulate((end for _, end in ordered), max))

    def __bool__(self) -> bool:
        return bool(self._starts)

    def cover(self, start: int, end: int) -> bool:
        """Whether one span holds ``start..end`` whole."""
        count = bisect_right(self._starts, start)
        return count > 0 and self._furthest[count - 1] >= end

    def overlap(self, start: int, end: int) -> bool:
        """Whether one span shares a character with ``start..end``."""
        count = bisect_left(self._starts, end)
        return count > 0 and self._furthest[count - 1] > start
