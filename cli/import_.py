"""``yakugo import``: term lists from CAT tools, spreadsheets and prh into terms.tsv."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Literal, cast

import typer

from yakugo.aligner.core.wording import counted
from yakugo.cli.common import command, config_option, format_option, isolated_option, report_problem
from yakugo.glossary import InputError
from yakugo.glossary.importers import ImportResult, read_import
from yakugo.glossary.intake import merge_into_file
from yakugo.glossary.merge import MergeReport
from yakugo.glossary.spreadsheet import parse_column_mapping
from yakugo.glossary.textfile import printable, read_bytes
from yakugo.glossary.tsv import format_glossary


@command("import")
def import_(
    file: str = typer.Argument(..., help="File to import (tbx, csv, tsv, xlsx, OmegaT, prh), or - for stdin."),
    from_format: Literal["tbx", "csv", "tsv", "xlsx", "omegat", "prh"] | None = typer.Option(
        None, "--from", help="Format of FILE (default: detected from its content)."
    ),
    into: Path | None = typer.Option(
        None,
        "--into",
        help="terms.tsv to merge into (rewritten atomically), or - to print a new terms.tsv; default: the glossary key of yakugo.toml / [tool.yakugo], else - .",
    ),
    config: Path | None = config_option(),
    isolated: bool = isolated_option(),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print what would change; write nothing."),
    prefer: Literal["import", "existing"] | None = typer.Option(
        None, "--prefer", help="Resolve conflicts for this side (default: list them and change nothing)."
    ),
    columns: str | None = typer.Option(
        None, "--columns", help="csv/tsv/xlsx column mapping HEADER=COLUMN,..., e.g. 'Japanese=ja,English=en'."
    ),
    output_format: Literal["text", "json"] = format_option(),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Print conflicting values in full (default: one short line each)."),
) -> None:
    """Import terms into terms.tsv: new concepts are added, known ones gain forms, conflicts are listed.

    Exit status: 0, or 1 when conflicts were left unresolved, 2 for bad input.
    """
    data = read_bytes(file)
    mapping = parse_column_mapping(columns) if columns else None
    result = read_import(file, data, from_format, mapping)
    into = import_target(into, config, isolated)
    # A new glossary when --into is - (printed) or names a new file.
    outcome = merge_into_file(result.concepts, into, prefer, write=not dry_run)
    merged, report, written = outcome.merged, outcome.report, outcome.written
    for note in outcome.notes:
        report_problem(note)
    to_stdout = into is None and not dry_run  # the new terms.tsv owns standard output
    if output_format == "json":
        payload = {
            "summary": {**result.summary(), "file": file},
            **report.to_dict(),
            "skipped": result.skipped,
            "cleaned": result.cleaned,
            "written": written,
        }
        lines = [json.dumps(payload, ensure_ascii=False, indent=2)]
    else:
        lines = [printable(line) for line in describe(file, result, report, into, dry_run, written, verbose)]
    if to_stdout:
        sys.stdout.write(format_glossary(merged))
        for line in lines:
            report_problem(line)
    else:
        print("\n".join(lines))
    raise typer.Exit(1 if report.unresolved else 0)


def import_target(into: Path | None, config: Path | None, isolated: bool) -> Path | None:
    """The glossary an import rewrites: ``--into``, else the configured one (None: print a
    new terms.tsv, for ``--into -`` or when nothing is configured, as ``import`` always did).
    The bundled glossary is never rewritten: it lives inside the installed package, where
    a rewrite would be lost on the next upgrade."""
    if into == Path("-"):
        return None
    if into is not None:
        return into
    from yakugo.aligner.lint.config import glossary_for
    from yakugo.glossary.tsv import bundled_glossary_path

    configured = glossary_for(None, config=config, isolated=isolated)
    advice = "pass --into terms.tsv, or --into - to print a new terms.tsv"
    if configured is None:
        return None
    if configured.resolve() == bundled_glossary_path():
        raise InputError(f"yakugo import: the configured glossary {configured} is the one bundled inside the package, never rewritten: {advice}")
    return configured


def describe(
    file: str, result: ImportResult, report: MergeReport, into: Path | None, dry_run: bool, written: str | None, verbose: bool = False
) -> list[str]:
    lines = [f"{file}: {counted(len(result.concepts), 'concept')} read as {result.format}, {counted(len(result.skipped), 'entry', 'entries')} skipped"]
    lines.extend(f"  cleaned: {line}" for line in result.cleaned[:20])
    if result.prh_rules:
        counts = cast("dict[str, int]", result.summary()["prh_rules"])  # what summary() counts when there are prh rules
        lines.append("prh rules: " + ", ".join(f"{outcome} {count}" for outcome, count in sorted(counts.items())))
    lines.extend(f"  skipped: {line}" for line in result.skipped[:20])
    if len(result.skipped) > 20:
        lines.append(f"  … and {len(result.skipped) - 20} more skipped (--format json lists all)")
    for change in report.changes:
        marker = "+" if change.action == "add-concept" else "~"
        lines.append(f"{marker} {change.concept}: {change.action} {change.detail}")
    for conflict in report.conflicts:
        how = "left unchanged" if conflict.resolution == "left" else f"resolved for {conflict.resolution}"
        detail = conflict.detail if verbose or not conflict.brief else conflict.brief
        lines.append(f"! {conflict.concept}: {conflict.kind}: {detail} ({how})")
    verb = "would add" if dry_run else "added"
    tail = f"{verb} {counted(len(report.added), 'concept')}, updated {len(report.updated)}, {counted(len(report.unresolved), 'conflict')} unresolved"
    if report.unresolved:
        tail += " (use --prefer import|existing to resolve them)"
    if written:
        tail += f"; wrote {written}"
    elif dry_run and into is not None:
        tail += f"; {into} not written (--dry-run)"
    lines.append(tail)
    return lines
