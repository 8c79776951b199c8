"""The lint rules, one module each; ``RULES`` maps each stable id to its ``Rule``.

A rule module defines ``RULE`` (``aligner.lint.Rule``) and documents itself
in its docstring, which ``yakugo lint --list-rules`` and the SARIF rule
metadata show.
"""

from __future__ import annotations

from aligner.lint import Rule
from aligner.rules import context_confusable, deprecated_variant, mixed_variants, unlisted_variant

RULES: dict[str, Rule] = {
    module.RULE.id: module.RULE
    for module in (deprecated_variant, mixed_variants, context_confusable, unlisted_variant)
}

__all__ = ["RULES"]
