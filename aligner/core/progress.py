"""How long library work tells its caller how far it has got.

A long job (mining one large article, aligning a corpus) goes through phases
("segmenting", "scoring" …), each with a number of units (characters,
segments, terms) when it is known. The library reports to a ``Progress``; the
command line shows it as a bar on standard error, a test can record it, and
``SILENT`` ignores it.
"""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def phase(self, label: str, total: int | None = None) -> None:
        """A new phase begins: ``label`` says what is done, ``total`` how many units (None: not known)."""

    def advance(self, amount: int = 1) -> None:
        """``amount`` more units of the current phase are done."""


class _Silent:
    def phase(self, label: str, total: int | None = None) -> None:
        pass

    def advance(self, amount: int = 1) -> None:
        pass


SILENT: Progress = _Silent()
