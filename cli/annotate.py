"""``yakugo annotate``: an article with its glossary terms glossed in English.

The terminal renderer is ``yakugo.aligner.annotate.terminal``; ``--html``
writes the same as a self-contained page (``yakugo.aligner.annotate.html``).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Literal

import typer
from rich.text import Text

from yakugo.aligner.annotate.html import render_html
from yakugo.aligner.annotate.model import annotate_document
from yakugo.aligner.annotate.terminal import print_annotation, summary
from yakugo.aligner.lint.runner import LintFlags, LintRun
from yakugo.cli.common import (
    command,
    config_option,
    format_option,
    glossary_option,
    isolated_option,
    open_glossary,
    print_json,
    report_problem,
    stdin_filename_option,
    stdout_console,
)
from yakugo.glossary import InputError
from yakugo.glossary.textfile import read_text, write_atomic


@command()
def annotate(
    path: str = typer.Argument(..., help="A Japanese article (.txt, .md or .docx), or - for stdin."),
    html: Path | None = typer.Option(
        None, "--html", dir_okay=False, help="Write a self-contained HTML page to this file (- for standard output)."
    ),
    glossary: Path | None = glossary_option(),
    output_format: Literal["text", "json"] = format_option(),
    lint: bool = typer.Option(True, "--lint/--no-lint", help="Mark lint findings (default: on)."),
    show_glosses: bool = typer.Option(
        False, "--show-glosses", help="With --html: open the page with every term's English shown above it (its button toggles this)."
    ),
    markdown: bool = typer.Option(False, "--markdown", help="Read standard input as Markdown."),
    config: Path | None = config_option(),
    isolated: bool = isolated_option(),
    stdin_filename: str | None = stdin_filename_option(),
) -> None:
    """Show an article with each glossary term glossed in English, lint findings marked,
    and a table of the concepts found."""
    # The lint's configuration and policy, so that annotate marks what yakugo lint reports.
    if show_glosses and html is None:
        raise InputError("yakugo annotate: --show-glosses is for the --html page; the terminal view always shows the glosses")
    run = LintRun(LintFlags(glossary=glossary, markdown=markdown, config=config, isolated=isolated), open_glossary=open_glossary)
    article = read_text(path)
    if path == "-" and stdin_filename:
        article.path = stdin_filename
    linter = run.linter_for(article.path)
    terms = linter.glossary
    annotation = annotate_document(article, terms, linter.recognizer, lint=lint, options=linter.options)
    console = stdout_console()
    if html is not None:
        page = render_html(annotation, terms, show_glosses=show_glosses)
        if str(html) == "-":
            if output_format == "json":
                raise InputError("yakugo annotate: --html - and --format json would both take standard output; write the page to a file")
            sys.stdout.write(page)
        else:
            for note in write_atomic(html, page.encode("utf-8")):
                report_problem(note)
            wrote = f"wrote {html}: {summary(annotation)}"
            if output_format == "json":  # both: the page to its file, the JSON to standard output
                report_problem(wrote)
                print_json(annotation.to_dict())
            else:
                console.print(Text(wrote))
    elif output_format == "json":
        print_json(annotation.to_dict())
    else:
        print_annotation(console, annotation)


