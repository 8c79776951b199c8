"""The ``yakugo`` entry point: registers the commands."""

from __future__ import annotations

import sys

from cli import align, annotate, check, export, extract, import_, lint, lookup, terms  # noqa: F401  (registers the commands)
from cli.common import app


def main() -> None:
    try:
        app()
    except BrokenPipeError:
        sys.exit(1)
