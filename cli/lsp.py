"""``yakugo lsp``: the language server for editors (library: ``yakugo.aligner.editor``)."""

from __future__ import annotations

from pathlib import Path

import typer

from yakugo.aligner.lint.runner import LintFlags
from yakugo.cli.common import command, config_option, glossary_option, isolated_option


@command()
def lsp(
    glossary: Path | None = glossary_option(),
    config: Path | None = config_option(),
    isolated: bool = isolated_option(),
    debounce: int = typer.Option(5, "--debounce", min=0, help="Milliseconds a change waits for the next before it is linted."),
    rules_url: str | None = typer.Option(
        None, "--rules-url", help="Base address of the rules page for diagnostic links (default: the checkout's docs/rules.md)."
    ),
) -> None:
    """Start the language server on standard input and output (LSP 3.17): live lint, quick fixes,
    glossary hovers and term completion for Markdown and plain text."""
    # pygls is imported here, not at the top: no other command pays for it.
    from yakugo.aligner.editor.server import build_server

    server = build_server(LintFlags(glossary=glossary, config=config, isolated=isolated), debounce / 1000, rules_url)
    server.start_io()
