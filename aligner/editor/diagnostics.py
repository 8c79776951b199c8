"""Lint findings as LSP diagnostics.

A diagnostic says what ``yakugo lint`` says: the same message, the rule id as
``code``, severity error=1, warning=2, info=3. Its ``data`` keeps what the code
actions need of the finding (``rule``, ``concept``, ``text`` and
``replacement``, as in ``yakugo lint --format json``) and whether it may be
fixed (``fix``: ``"safe"``, ``"unsafe"`` or null), so that a code action asked
for later works from what was shown, not from a new lint of a text that may
have moved on.
"""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types

from yakugo.aligner.editor.positions import Encoding, to_client
from yakugo.aligner.lint.model import Finding
from yakugo.aligner.lint.registry import REGISTRY

SOURCE = "yakugo"
ACTION_KEYS = ("rule", "concept", "text", "replacement")
SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}
# The rules page of a checkout (docs are not part of an installed wheel).
_RULES_PAGE = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def default_rules_url() -> str | None:
    """Where a rule's documentation is: the checkout's ``docs/rules.md`` when there is one."""
    return _RULES_PAGE.as_uri() if _RULES_PAGE.is_file() else None


def fix_safety(finding: Finding) -> str | None:
    """``"safe"``, ``"unsafe"`` or None: whether (and how confidently) a finding may be fixed.

    A finding that says so itself (a ``fixable`` field) is taken at its word;
    otherwise its replacement is safe exactly when ``--fix`` would apply it.
    """
    declared = getattr(finding, "fixable", _UNDECLARED)
    if declared is not _UNDECLARED:
        return declared if declared in ("safe", "unsafe") else None
    if finding.replacement is not None and finding.rule in REGISTRY and REGISTRY[finding.rule].fixable:
        return "safe"
    return None


_UNDECLARED = object()


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` as the lint numbers them (LF or CRLF)."""
    return [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]


def span_range(lines: list[str], line: int, column: int, end_column: int, encoding: Encoding) -> types.Range:
    """The LSP range of a 1-based code-point span on one line."""
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    return types.Range(
        start=types.Position(line=line - 1, character=to_client(source, column - 1, encoding)),
        end=types.Position(line=line - 1, character=to_client(source, end_column - 1, encoding)),
    )


def to_diagnostic(finding: Finding, lines: list[str], encoding: Encoding, rules_url: str | None = None) -> types.Diagnostic:
    # What the code actions read back (the rest of the finding is in the diagnostic itself).
    data = {key: getattr(finding, key) for key in ACTION_KEYS}
    data["fix"] = fix_safety(finding)
    return types.Diagnostic(
        range=span_range(lines, finding.line, finding.column, finding.end_column, encoding),
        message=finding.message,
        severity=SEVERITY[finding.severity],
        code=finding.rule,
        code_description=types.CodeDescription(href=f"{rules_url}#{finding.rule}") if rules_url else None,
        source=SOURCE,
        data=data,
    )


def to_diagnostics(findings: list[Finding], text: str, encoding: Encoding, rules_url: str | None = None) -> list[types.Diagnostic]:
    """Every finding as a diagnostic, in the lint's order."""
    lines = split_lines(text)
    return [to_diagnostic(finding, lines, encoding, rules_url) for finding in findings]


def problem_diagnostic(
    line: int, message: str, lines: list[str], encoding: Encoding, severity: types.DiagnosticSeverity = types.DiagnosticSeverity.Error
) -> types.Diagnostic:
    """A problem of the document itself on its whole line: an error the lint refused it for,
    or a warning the command prints beside the findings (a directive naming an unknown rule)."""
    length = len(lines[line - 1]) if 0 < line <= len(lines) else 0
    return types.Diagnostic(
        range=span_range(lines, line, 1, length + 1, encoding),
        message=message,
        severity=severity,
        source=SOURCE,
    )
