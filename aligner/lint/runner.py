"""Linting files as the command line does: the configuration that applies to each file,
flags over configuration, and the fix/diff/write loop.

``LintRun`` is what ``yakugo lint`` (and the editor server) call: it finds the
configuration of each file's folder, lets command-line flags override it,
builds one ``Linter`` per distinct glossary and rule set, and fixes files
without ever writing a byte the fix did not change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from yakugo.aligner.lint.config import Config, load_config
from yakugo.aligner.lint.engine import Linter, LintOptions
from yakugo.aligner.core.markdown_mask import is_markdown
from yakugo.aligner.lint.model import Finding
from yakugo.aligner.lint.registry import REGISTRY
from yakugo.aligner.lint.suppress import read_directives
from yakugo.glossary.errors import InputError, located
from yakugo.glossary.model import Glossary
from yakugo.glossary.textfile import TextFile, encode_like, write_atomic
from yakugo.glossary.tsv import load_glossary
from yakugo.glossary.wordfile import DOCX_KIND, REWRITE_REFUSED


@dataclass
class LintFlags:
    """What the command line says; None (or empty) means "not given", so the configuration decides."""

    glossary: Path | None = None
    select: list[str] | None = None
    ignore: list[str] | None = None
    fail_on: str | None = None
    markdown: bool = False
    config: Path | None = None
    isolated: bool = False
    lang: str | None = None  # en, ja or auto (None: the configuration's, else auto)
    unsafe_fixes: bool = False  # --fix applies unsafe fixes too (quoted, cited, may repeat text)


def options_for(config: Config, flags: LintFlags) -> LintOptions:
    """The rule options: flags win over the file, and a rule named with ``--select``
    runs even when the file ignores it."""
    if flags.select == []:
        raise InputError("yakugo lint: --select names no rule (give rule ids or ALL)")
    config_ignore = [name for name in config.ignore if name not in (flags.select or ())]
    return LintOptions(
        select=flags.select if flags.select is not None else config.select,
        ignore=flags.ignore if flags.ignore is not None else config_ignore,
        severity=config.severity,
        markdown=True if flags.markdown else None,
        lang=flags.lang or config.lang or "auto",
    )


@dataclass
class FixOutcome:
    text: str  # the fixed text (the original when nothing was fixable)
    fixed: list[Finding] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.fixed)


class LintRun:
    """Lint (and fix) any number of files, each with the configuration of its folder."""

    def __init__(self, flags: LintFlags | None = None, open_glossary: Callable[[Path | None], Glossary] = load_glossary):
        self.flags = flags or LintFlags()
        self._open_glossary = open_glossary
        self._configs: dict[Path, Config] = {}
        self._linters: dict[tuple, Linter] = {}
        self._glossaries: dict[Path | None, Glossary] = {}

    def config_for(self, path: str) -> Config:
        """The configuration for ``path`` (standard input: the current directory's)."""
        if self.flags.isolated or self.flags.config is not None:
            folder = Path(".")
        else:
            folder = Path.cwd() if path == "-" else Path(path).resolve().parent
        if folder not in self._configs:
            self._configs[folder] = load_config(folder, path=self.flags.config, isolated=self.flags.isolated)
        return self._configs[folder]

    def wants(self, path: str) -> bool:
        return self.config_for(path).wants(path)

    def fail_on(self, path: str = "-") -> str:
        return self.flags.fail_on or self.config_for(path).fail_on or "warning"

    def linter_for(self, path: str) -> Linter:
        config = self.config_for(path)
        glossary_path = self.flags.glossary if self.flags.glossary is not None else config.glossary
        options = options_for(config, self.flags)
        key = (
            glossary_path,
            tuple(options.select) if options.select is not None else None,
            tuple(options.ignore),
            tuple(sorted(options.severity.items())),
            options.markdown,
            options.lang,
        )
        if key not in self._linters:
            if glossary_path not in self._glossaries:
                self._glossaries[glossary_path] = self._open_glossary(glossary_path)
            self._linters[key] = Linter(self._glossaries[glossary_path], options=options)
        return self._linters[key]

    def lint(self, file: TextFile) -> list[Finding]:
        return self.linter_for(file.path).lint_text(file.text, file.path)

    def directive_warnings(self, file: TextFile) -> list[str]:
        """``PATH:LINE`` warnings about the file's suppression directives (an unknown rule id)."""
        if "yakugo-" not in file.text:
            return []
        options = self.linter_for(file.path).options
        markdown = is_markdown(file.path) if options.markdown is None else options.markdown
        return read_directives(file.text, markdown, REGISTRY.known(), file.path).warnings

    def fix(self, file: TextFile) -> FixOutcome:
        """What ``--fix`` would make of ``file`` (nothing is written). A Word document is
        refused (``InputError``): its paragraphs are runs of formatted text, not lines."""
        if file.kind == DOCX_KIND:
            raise InputError(located(file.path, None, REWRITE_REFUSED))
        text, fixed = self.linter_for(file.path).fix_text(file.text, file.path, unsafe=self.flags.unsafe_fixes)
        return FixOutcome(text, fixed if text != file.text else [])

    def write_fix(self, file: TextFile, outcome: FixOutcome) -> list[str]:
        """Write a fixed file atomically in its own encoding and BOM, every byte outside the
        fixed spans as it was (``glossary.textfile.encode_like``); returns notes for the user
        (a hard link replaced). A fix that cannot be written so leaves the file as it was
        (``InputError`` naming the line)."""
        notes = write_atomic(file.path, encode_like(file, outcome.text))
        file.text = outcome.text
        return notes
