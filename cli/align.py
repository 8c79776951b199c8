"""``yakugo align``: English equivalents of Japanese terms from parallel text."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import typer
from rich.text import Text

from yakugo.cli.bilingual import (
    InputFormat,
    bilingual_path_argument,
    input_format_option,
    read_segments,
    source_option,
    target_option,
)
from yakugo.cli.common import command, config_option, format_option, glossary_option, isolated_option, open_project_glossary, print_json, report_problem, stdout_console, phased_progress
from yakugo.glossary.tsv import format_glossary

if TYPE_CHECKING:
    from yakugo.aligner.mining.align import TermAlignment

EXAMPLE_CHARS = 100


@command()
def align(
    path: str | None = bilingual_path_argument(),
    source: str | None = source_option(),
    target: str | None = target_option(),
    input_format: InputFormat = input_format_option(),
    glossary: Path | None = glossary_option(),
    config: Path | None = config_option(),
    isolated: bool = isolated_option(),
    terms_file: str | None = typer.Option(
        None, "--terms", help="Japanese terms to align: a terms.tsv-shaped file or one term per line (default: the glossary's concepts)."
    ),
    top: int = typer.Option(5, "--top", "-k", min=1, help="Propose this many English candidates per term."),
    output_format: Literal["text", "json", "tsv"] = format_option(),
) -> None:
    """Propose English equivalents for Japanese terms from aligned translations (eflomal word
    alignment, Dice co-occurrence and a JMdict prior), and flag where the corpus disagrees with the glossary."""
    from yakugo.aligner.mining.align import align_terms, alignments_glossary, corpus_warning, read_term_list  # numpy, eflomal, JMdict: load on use

    terms = open_project_glossary(glossary, config, isolated)
    wanted = read_term_list(terms_file) if terms_file else None
    with phased_progress() as progress:
        progress.phase("reading")
        segments = read_segments(path, source, target, input_format)
        warning = corpus_warning(segments)
        if warning:
            report_problem(warning)
        results = align_terms(segments, terms, wanted, top_k=top, progress=progress)
    if output_format == "json":
        print_json([result.to_dict() for result in results])
    elif output_format == "tsv":
        sys.stdout.write(format_glossary(alignments_glossary(results, [path] if path else [name for name in (source, target) if name is not None])))
    else:
        print_report(results, {segment.id: segment for segment in segments})


def print_report(results: list[TermAlignment], segments: dict) -> None:
    console = stdout_console()
    found = [result for result in results if result.occurrences]
    for result in found:
        console.print(describe(result, segments))
        console.print()
    differing = sum(result.differs_from_glossary for result in found)
    console.print(
        f"{len(found)} of {len(results)} terms occur in {len(segments)} segments; "
        f"{differing} glossary concept(s) rendered differently from the glossary."
    )


def describe(result: TermAlignment, segments: dict) -> Text:
    text = Text()
    text.append(result.ja, style="bold")
    if result.concept is not None:
        text.append(f"  [{result.concept.id}: {result.concept.en}]", style="dim")
    text.append(f"  in {result.occurrences} segment(s)\n", style="dim")
    for rank, candidate in enumerate(result.candidates, start=1):
        text.append(f"  {rank:>2}. ")
        text.append(candidate.en, style="bold green" if rank == 1 else "")
        text.append(f"  {candidate.score:.2f}, {candidate.count}×, segment {candidate.example}\n", style="dim")
    if result.concept is not None and result.differs_from_glossary:
        text.append(
            f"  ≠ the corpus mostly says '{result.candidates[0].en}'; the glossary has "
            f"{' / '.join(result.concept.accepted_en)}\n",
            style="bold yellow",
        )
    if result.candidates:
        example = segments[result.candidates[0].example]
        where = f"segment {example.id}" + (f", line {example.line}" if example.line and str(example.line) != example.id else "")
        text.append(f"  e.g. {where}:\n", style="dim")
        text.append(f"    ja │ {_clip(example.source)}\n    en │ {_clip(example.target)}", style="dim")
    text.rstrip()
    return text


def _clip(sentence: str) -> str:
    return sentence if len(sentence) <= EXAMPLE_CHARS else sentence[: EXAMPLE_CHARS - 1] + "…"
