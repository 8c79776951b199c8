"""The ``yakugo`` typer app with every command registered (``cli.main`` is the entry point)."""

from __future__ import annotations

from yakugo.cli.main import main, register

app = register()

__all__ = ["app", "main"]
