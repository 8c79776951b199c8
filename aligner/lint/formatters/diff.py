"""What ``--fix`` would change, as a unified diff."""

from __future__ import annotations

import difflib


def unified_diff(path: str, before: str, after: str) -> str:
    """What ``--fix`` would change, as a unified diff (``a/PATH`` → ``b/PATH``)."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{path}", f"b/{path}"
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
