"""Output formats of ``yakugo lint``: text, JSON, SARIF 2.1.0, GitHub workflow commands, diffs.

Formatters only present findings; the rules never know how they are shown.
"""

from yakugo.aligner.lint.formatters.diff import unified_diff
from yakugo.aligner.lint.formatters.github import github_report
from yakugo.aligner.lint.formatters.structured import json_report, sarif_report
from yakugo.aligner.lint.formatters.text import FileReport, summary, text_report

__all__ = ["FileReport", "github_report", "json_report", "sarif_report", "summary", "text_report", "unified_diff"]
