"""Which files a command reads: files as named, directories searched recursively."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

ARTICLE_SUFFIXES = (".txt", ".md")


def expand_paths(paths: Iterable[str], suffixes: tuple[str, ...] = ARTICLE_SUFFIXES) -> list[str]:
    """Files named on the command line stay as they are (``-`` is standard input);
    a directory stands for every file below it with one of ``suffixes``, sorted."""
    expanded: list[str] = []
    for path in paths:
        folder = Path(path)
        if path != "-" and folder.is_dir():
            found = (p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)
            expanded.extend(sorted(str(p) for p in found))
        else:
            expanded.append(path)
    return expanded
