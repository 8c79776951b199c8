"""What every lint output format is given: one file's findings with the lines they point into."""

from __future__ import annotations

from dataclasses import dataclass

from yakugo.aligner.lint.model import Finding


@dataclass
class FileReport:
    path: str
    lines: list[str]  # the file's lines, to show the source of each finding
    findings: list[Finding]
