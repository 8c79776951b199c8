"""The bilingual input options shared by ``yakugo check`` and ``yakugo align``.

Use them as parameter defaults, as ``glossary_option()`` is used::

    path: str | None = bilingual_path_argument(),
    source: str | None = source_option(),
    target: str | None = target_option(),
    input_format: InputFormat = input_format_option(),

then ``read_segments(path, source, target, input_format)``.
"""

from __future__ import annotations

from typing import Literal

import typer

from yakugo.aligner.qa.readers import Segment, read_bilingual

InputFormat = Literal["auto", "tsv", "tmx", "xliff"]


def bilingual_path_argument():
    return typer.Argument(None, help="A bilingual file: TSV (source<TAB>target), TMX 1.4 or XLIFF 1.2/2.x; - for stdin.")


def source_option():
    return typer.Option(None, "--source", "-s", help="Source file (Japanese; English for check en→ja), one segment per line.")


def target_option():
    return typer.Option(None, "--target", "-t", help="Target file (the translation), line-aligned with --source.")


def input_format_option():
    return typer.Option("auto", "--input-format", "-i", help="Format of PATH (default: told from its content).")


def read_segments(
    path: str | None, source: str | None, target: str | None, input_format: str, direction: str | None = "ja-en"
) -> list[Segment]:
    """The segments of the bilingual input the options name (``InputError`` on bad input), in
    ``direction`` (None: told from the input; ``yakugo align`` reads ja→en only)."""
    fmt = None if input_format == "auto" else input_format
    return read_bilingual(path, source=source, target=target, fmt=fmt, direction=direction)
