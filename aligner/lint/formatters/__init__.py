"""Output formats of ``yakugo lint``: text, JSON, SARIF 2.1.0, GitHub workflow commands, diffs.

Formatters only present findings; the rules never know how they are shown. The
text format (and rich, which it is built with) is imported when first asked for:
a ``--format json`` run has no use for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from yakugo.aligner.lint.formatters.diff import unified_diff
from yakugo.aligner.lint.formatters.github import github_report
from yakugo.aligner.lint.formatters.report import FileReport
from yakugo.aligner.lint.formatters.structured import json_report, sarif_report

if TYPE_CHECKING:
    from yakugo.aligner.lint.formatters.text import summary, text_report

__all__ = ["FileReport", "github_report", "json_report", "sarif_report", "summary", "text_report", "unified_diff"]


def __getattr__(name: str) -> Any:
    if name in ("summary", "text_report"):
        from yakugo.aligner.lint.formatters import text

        return getattr(text, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
