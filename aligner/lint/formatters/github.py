"""GitHub Actions workflow commands: one annotation per finding."""

from __future__ import annotations

from typing import Iterable

from yakugo.aligner.lint.model import Finding

GITHUB_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def github_report(findings: Iterable[Finding]) -> list[str]:
    """``::warning file=…,line=…,col=…,endColumn=…,title=…::message`` per finding."""
    return [
        f"::{GITHUB_COMMAND[f.severity]} file={_property(f.path)},line={f.line},col={f.column},"
        f"endColumn={f.end_column},title={_property(f.rule)}::{_data(f.message)}"
        for f in findings
    ]


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")
