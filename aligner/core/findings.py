"""The findings vocabulary that lint and bilingual QA share: severities, rules, rule sets.

A ``Rule`` has a stable id, a default severity and its documentation (the
docstring of the module that defines it). A ``RuleSet`` is the registry of
one subsystem: its rules in order, and redirects from retired ids to current
ones, so that a rename never breaks a user's configuration. Choosing rules
(``--select``/``--ignore``, severities from a config file) is one function
for every subsystem.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable, Collection, Iterable, Literal, Mapping

from yakugo.aligner.core.styles import SEVERITY_STYLE
from yakugo.glossary.errors import InputError

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}
# SARIF calls info "note".
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


@dataclass(frozen=True)
class Rule:
    """A rule: a stable id, a default severity, a one-line summary and its documentation.

    ``check``, ``prepare`` and ``watched_forms`` are what a lint rule gives the
    lint engine (see ``yakugo.aligner.lint.model``); a QA rule leaves them
    unset, since the checker evaluates every QA rule in one pass over a segment.
    """

    id: str
    severity: str
    summary: str
    check: Callable[[Any], Iterable[Any]] | None = None
    doc: str = ""
    fixable: bool = False
    enabled_by_default: bool = True
    prepare: Callable[[Any], None] | None = None
    watched_forms: Callable[[Any], Callable[[set[str]], Collection[str]]] | None = None

    def describe(self) -> dict[str, object]:
        """The rule as ``--list-rules --format json`` prints it."""
        return {
            "id": self.id,
            "severity": self.severity,
            "fixable": self.fixable,
            "enabled_by_default": self.enabled_by_default,
            "summary": self.summary,
            "doc": self.doc.strip(),
        }


class RuleSet:
    """The rules of one subsystem in registry order, and redirects from old ids."""

    def __init__(self, rules: Iterable[Rule], redirects: Mapping[str, str] | None = None):
        self.rules: dict[str, Rule] = {rule.id: rule for rule in rules}
        self.redirects: dict[str, str] = dict(redirects or {})
        for old, new in self.redirects.items():
            if new not in self.rules:
                raise ValueError(f"redirect {old} → {new}: no such rule")

    def __iter__(self):
        return iter(self.rules.values())

    def __contains__(self, name: object) -> bool:
        return name in self.rules or name in self.redirects

    def __getitem__(self, name: str) -> Rule:
        return self.rules[self.redirects.get(name, name)]

    def known(self) -> frozenset[str]:
        """Every id a configuration or directive may name: current ids and redirected ones."""
        return frozenset(self.rules) | frozenset(self.redirects)

    def canonical(self, name: str) -> str:
        return self.redirects.get(name, name)

    def choose(
        self,
        select: Collection[str] | None = None,
        ignore: Collection[str] = (),
        severity: Mapping[str, str] | None = None,
    ) -> list[Rule]:
        """The rules ``select``/``ignore`` turn on, in registry order, with severities overridden.

        ``select`` None means the rules on by default; ``ALL`` in it means every
        rule. An unknown id or a bad severity is an ``InputError``.
        """
        severity = dict(severity or {})
        named = [*(select or ()), *ignore, *severity]
        unknown = sorted({name for name in named if name not in self and name != "ALL"})
        if unknown:
            raise InputError(f"unknown rule {', '.join(unknown)} (known: {', '.join(self.rules)})")
        bad = sorted(f"{rule}={level}" for rule, level in severity.items() if level not in SEVERITIES)
        if bad:
            raise InputError(f"bad severity {', '.join(bad)} (use {', '.join(SEVERITIES)})")
        chosen_ids = {self.canonical(name) for name in select or ()}
        ignored = {self.canonical(name) for name in ignore}
        levels = {self.canonical(name): level for name, level in severity.items()}
        if select is None:
            chosen = [rule for rule in self if rule.enabled_by_default]
        elif "ALL" in select:
            chosen = list(self)
        else:
            chosen = [rule for rule in self if rule.id in chosen_ids]
        return [replace(rule, severity=levels.get(rule.id, rule.severity)) for rule in chosen if rule.id not in ignored]


def fails(severities: Iterable[str], fail_on: str) -> bool:
    """Whether any of ``severities`` is at or above ``fail_on``."""
    threshold = SEVERITY_RANK[fail_on]
    return any(SEVERITY_RANK[level] >= threshold for level in severities)
