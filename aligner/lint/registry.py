"""The lint rule registry: every rule by stable id, in the order they are listed and run.

A rule module defines ``RULE`` (a ``yakugo.aligner.core.findings.Rule``) and
documents itself in its docstring, which ``yakugo lint --list-rules``, the
SARIF rule metadata and ``docs/rules.md`` show. ``REDIRECTS`` maps an id a
rule once had to the id it has now: configurations, ``--select`` and
suppression directives that name the old id keep working.
"""

from __future__ import annotations

from yakugo.aligner.core.findings import RuleSet
from yakugo.aligner.lint.rules import context_confusable, deprecated_variant, mixed_variants, unlisted_variant

REDIRECTS: dict[str, str] = {}

REGISTRY = RuleSet(
    (module.RULE for module in (deprecated_variant, mixed_variants, context_confusable, unlisted_variant)),
    REDIRECTS,
)
RULES = REGISTRY.rules

__all__ = ["REDIRECTS", "REGISTRY", "RULES"]
