"""``yakugo export``: the glossary in a CAT or MT tool's format."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Literal

import typer

from yakugo.aligner.core.wording import counted
from yakugo.cli.common import command, config_option, glossary_option, isolated_option, open_project_glossary, report_problem
from yakugo.glossary import InputError
from yakugo.glossary.export import export_glossary, left_out
from yakugo.glossary.textfile import write_atomic

# Literal needs the names spelled out; a test checks they match glossary.export.EXPORTERS.
ExportFormat = Literal["tbx", "omegat", "deepl", "google", "google-sets", "memoq", "trados", "phrase", "prh", "csv", "xlsx"]
BINARY_FORMATS = ("xlsx", "trados")
TBX_FORMATS = ("tbx",)  # phrase is TBX 2008 in Phrase's own flavour: no schema to check it against


@command("export")
def export(
    to: ExportFormat | None = typer.Option(None, "--to", help="Format to write (required)."),
    deprecated_to: ExportFormat | None = typer.Option(None, "-t", hidden=True, help="Deprecated spelling of --to."),
    output: Path | None = typer.Option(None, "--output", "-o", help="File to write (atomically); default: standard output."),
    glossary: Path | None = glossary_option(),
    config: Path | None = config_option(),
    isolated: bool = isolated_option(),
    validate: bool = typer.Option(
        False, "--validate", help="tbx: check the file against the TBX core RELAX NG and TBX-Basic DCA Schematron."
    ),
    tbx_schemas: Path | None = typer.Option(
        None, "--tbx-schemas", help="Folder with TBXcoreStructV03.rng and TBX-Basic_DCA.sch (default: $YAKUGO_TBX_SCHEMAS)."
    ),
) -> None:
    """Export the glossary for a CAT or MT tool (see the README for each format's import settings)."""
    if deprecated_to is not None:
        # -t is --target in check and align; export's -t still works for now.
        report_problem("-t is deprecated for export; use --to")
        to = to or deprecated_to
    if to is None:
        from typer._click.exceptions import MissingParameter

        raise MissingParameter(param_hint="'--to'", param_type="option")
    terms = open_project_glossary(glossary, config, isolated)
    data = export_glossary(terms, to)
    if validate:
        if to not in TBX_FORMATS:
            raise InputError(f"--validate: only the tbx export can be validated (TBX-Basic schemas), not {to}")
        from yakugo.glossary.tbx_validate import validate_tbx  # elementpath: load on use

        problems = validate_tbx(data, str(output or f"<{to} export>"), tbx_schemas)
        if problems:
            raise InputError(problems)
    skipped = left_out(terms, to)
    if skipped:
        shown = ", ".join(skipped[:10]) + (f" and {len(skipped) - 10} more" if len(skipped) > 10 else "")
        report_problem(f"note: {counted(len(skipped), 'concept')} without English (en = (untranslated)) left out of the {to} export: {shown}")
    if output is not None:
        for note in write_atomic(output, data):
            report_problem(note)
        exported = len(terms) - len(skipped)
        print(f"wrote {output}: {counted(exported, 'concept')} as {to} ({counted(len(data), 'byte')})")
        return
    if to in BINARY_FORMATS and sys.stdout.isatty():
        raise InputError(f"--to {to} writes a binary XLSX file: give -o FILE.xlsx or redirect standard output")
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
