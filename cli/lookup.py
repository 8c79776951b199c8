"""``yakugo lookup``: a concept by any of its forms, Japanese or English."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import typer
from rich.text import Text

from yakugo.cli.common import command, config_option, format_option, glossary_option, isolated_option, print_json, stdout_console
from yakugo.glossary import InputError
from yakugo.glossary.cache import cached_lookup_index
from yakugo.glossary.query import LookupIndex, LookupResult, lookup as lookup_concepts
from yakugo.glossary.textfile import printable


@command()
def lookup(
    query: str = typer.Argument(..., help="A Japanese or English term, any form of it."),
    glossary: Path | None = glossary_option(),
    config: Path | None = config_option(),
    isolated: bool = isolated_option(),
    output_format: Literal["text", "json"] = format_option(),
    limit: int = typer.Option(5, "--limit", "-n", min=0, help="At most this many fuzzy suggestions."),
) -> None:
    """Look a concept up: exact matches first, then fuzzy suggestions. Exit 1 when nothing is found."""
    if not query.strip():
        raise InputError("yakugo lookup: QUERY is empty (give a Japanese or English term)")
    from yakugo.aligner.lint.config import glossary_for

    # The index alone, not the glossary: at 100,000 concepts loading them all was most of a lookup.
    index = cached_lookup_index(glossary_for(glossary, config=config, isolated=isolated))
    results = lookup_concepts(None, query, limit=limit, index=index)
    if output_format == "json":
        print_json([result.to_dict() for result in results])
    else:
        console = stdout_console()
        if not results:
            console.print(Text(f"Nothing in the glossary matches {printable(repr(query))}."))
        exact = [result for result in results if result.match == "exact"]
        for result in exact:
            console.print(describe(result, index))
            console.print()
        suggestions = [result for result in results if result.match != "exact"]
        if suggestions:
            console.print(Text("Did you mean:" if not exact else "Also close:", style="dim"))
            for result in suggestions:
                console.print(suggestion_line(result))
    raise typer.Exit(0 if results else 1)


def suggestion_line(result: LookupResult) -> Text:
    """A fuzzy suggestion in one line (the full record is one ``yakugo lookup`` away)."""
    concept = result.concept
    line = Text("  ")
    line.append(printable(f"{concept.ja}  {concept.en}"), style="bold")
    line.append(printable(f"  [{concept.id}, fuzzy {result.score:.0f}: {result.form.text}]"), style="dim")
    if result.form.status == "forbidden":  # the one warning a suggestion keeps: a wrong rendering
        line.append("\n  " + forbidden_line(result), style="bold red")
    return line


def forbidden_line(result: LookupResult) -> str:
    owners = ", ".join(f"{c.ja} = {c.en} [{c.id}]" for c in result.use_instead) or "see the confusables"
    return printable(f"  ✗ '{result.form.text}' is a FORBIDDEN rendering of this concept; it belongs to: {owners}")


def describe(result: LookupResult, index: LookupIndex) -> Text:
    concept = result.concept
    text = Text()
    label = "exact" if result.match == "exact" else f"fuzzy {result.score:.0f}"
    text.append(printable(f"{concept.ja}  {concept.en}"), style="bold")
    text.append(printable(f"  [{concept.id}, {label}: {result.form.text}]") + "\n", style="dim")
    if result.form.status == "forbidden":
        text.append(forbidden_line(result) + "\n", style="bold red")
    rows = [
        ("ja variants", " / ".join(concept.ja_variants)),
        ("ja deprecated", " / ".join(concept.ja_deprecated)),
        ("en variants", " / ".join(concept.en_variants)),
        ("en forbidden", " / ".join(concept.en_forbidden)),
        ("confusables", " / ".join(
            f"{known.ja} = {known.en} [{other}]" for other in concept.confusables if (known := index.concept_by_id(other))
        )),
        ("type", concept.type),
        ("note", concept.note),
        ("source", " / ".join(concept.source)),
    ]
    for name, value in rows:
        if value:
            text.append(f"  {name:<14}", style="dim")
            text.append(printable(value) + "\n")  # glossary fields may hold escape sequences
    text.rstrip()
    return text
