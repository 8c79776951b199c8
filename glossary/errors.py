"""Errors that reach the user as one line each, never as a traceback."""

from __future__ import annotations


class InputError(Exception):
    """Bad input from the user: a file, a line and what is wrong with it.

    ``problems`` holds one ``PATH:LINE: message`` string per problem so that
    a loader can report everything it found, not only the first problem.
    """

    def __init__(self, problems: list[str] | str):
        if isinstance(problems, str):
            problems = [problems]
        self.problems = problems
        super().__init__("\n".join(problems))


def located(path: object, line: int | None, message: str) -> str:
    """Format a problem as ``PATH:LINE: message`` (``PATH: message`` without a line)."""
    if line is None:
        return f"{path}: {message}"
    return f"{path}:{line}: {message}"
