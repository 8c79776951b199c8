"""Which files a command reads: files as named, directories searched recursively."""

from __future__ import annotations

import os
import stat
from typing import Callable, Iterable

ARTICLE_SUFFIXES = (".txt", ".md", ".docx")  # .docx read as paragraphs (glossary.wordfile)


def expand_paths(
    paths: Iterable[str], suffixes: tuple[str, ...] = ARTICLE_SUFFIXES, on_skip: Callable[[str], None] | None = None
) -> list[str]:
    """Files named on the command line stay as they are (``-`` is standard input);
    a directory stands for every regular file below it with one of ``suffixes``, sorted.

    A FIFO, socket or device named ``*.txt`` inside a folder is skipped (reading a FIFO
    would wait for a writer forever); ``on_skip`` hears ``PATH: not a regular file,
    skipped`` for each."""
    expanded: list[str] = []
    for path in paths:
        if path != "-" and os.path.isdir(path):
            found = sorted(
                os.path.normpath(os.path.join(folder, name))
                for folder, _, names in os.walk(path)
                for name in names
                if os.path.splitext(name)[1].lower() in suffixes
            )
            for candidate in found:
                if _is_special(candidate):
                    if on_skip is not None:
                        on_skip(f"{candidate}: not a regular file, skipped")
                    continue
                expanded.append(candidate)
        else:
            expanded.append(path)
    return expanded


def _is_special(path: str) -> bool:
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False  # a dangling link: reading it says what is wrong
