"""The lint rule registry: every rule by stable id, in the order they are listed and run.

A rule module defines ``RULE`` (a ``yakugo.aligner.core.findings.Rule``) and
documents itself in its docstring, which ``yakugo lint --list-rules``, the
SARIF rule metadata and ``docs/rules.md`` show. ``REDIRECTS`` maps an id a
rule once had to the id it has now: configurations, ``--select`` and
suppression directives that name the old id keep working.
"""

from __future__ import annotations

from yakugo.aligner.core.findings import RuleSet
from yakugo.aligner.lint.rules import (
    context_confusable,
    deprecated_variant,
    en_context_confusable,
    en_deprecated,
    en_mixed_renderings,
    mixed_variants,
    unlisted_variant,
)

REDIRECTS: dict[str, str] = {}

# The rules of English documents (``yakugo lint --lang en``): they read an ``EnglishDocument``.
ENGLISH_MODULES = (en_deprecated, en_mixed_renderings, en_context_confusable)
ENGLISH_RULES = frozenset(module.RULE.id for module in ENGLISH_MODULES)

REGISTRY = RuleSet(
    (module.RULE for module in (deprecated_variant, mixed_variants, context_confusable, unlisted_variant, *ENGLISH_MODULES)),
    REDIRECTS,
)
RULES = REGISTRY.rules

__all__ = ["ENGLISH_RULES", "REDIRECTS", "REGISTRY", "RULES"]
