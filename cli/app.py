"""The ``yakugo`` entry point: registers the commands and turns input errors into exit 2."""

from __future__ import annotations

import sys

from cli import lookup, terms  # noqa: F401  (registers the commands)
from cli.common import app
from glossary import InputError


def main() -> None:
    try:
        app()
    except InputError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(1)
