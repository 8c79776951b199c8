"""Which files a command reads: files as named, directories searched recursively."""

from __future__ import annotations

import os
from typing import Iterable

ARTICLE_SUFFIXES = (".txt", ".md")


def expand_paths(paths: Iterable[str], suffixes: tuple[str, ...] = ARTICLE_SUFFIXES) -> list[str]:
    """Files named on the command line stay as they are (``-`` is standard input);
    a directory stands for every file below it with one of ``suffixes``, sorted."""
    expanded: list[str] = []
    for path in paths:
        if path != "-" and os.path.isdir(path):
            found = (
                os.path.normpath(os.path.join(folder, name))
                for folder, _, names in os.walk(path)
                for name in names
                if os.path.splitext(name)[1].lower() in suffixes
            )
            expanded.extend(sorted(found))
        else:
            expanded.append(path)
    return expanded
