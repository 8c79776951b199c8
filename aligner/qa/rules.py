"""The rules of ``yakugo check``, bilingual terminology QA.

The checker evaluates them together in one pass over each segment (a
rendering is either accepted, forbidden or missing), so a QA rule is a
documented ``Rule`` without a ``check`` of its own. ``--select``, ``--ignore``,
severities and SARIF work as for lint rules.
"""

from __future__ import annotations

from yakugo.aligner.core.findings import Rule, RuleSet

TERM_FORBIDDEN = Rule(
    id="term-forbidden",
    severity="error",
    summary="The translation uses a rendering the glossary forbids for the source term.",
    doc="""
The English has one of the concept's ``en_forbidden`` renderings (in the
ja→en direction): 安全の約束 rendered as "security guarantees". The span is
not reported when it is (inside) an accepted rendering of another concept
present in the same segment: in "a security guarantee and security
assurances", "security guarantee" belongs to 安全の保証 when 安全の保証 is
in the Japanese too. A forbidden span inside a longer capitalised name of the
glossary ("Non-Proliferation" in "the Non-Proliferation Treaty") is a name,
not a wrong rendering. The message names the concept the rendering belongs
to and the accepted renderings.
""",
)

TERM_MISSING = Rule(
    id="term-missing",
    severity="warning",
    summary="A glossary term of the source has none of its accepted renderings in the translation.",
    doc="""
None of the concept's accepted renderings (``en``, ``en_variants``; any
inflection, case, hyphen or U.S./US spelling) is in the translation, and no
forbidden one either (that is reported as ``term-forbidden``). With
``--count`` each occurrence in the source needs a rendering of its own. A
term inside a longer word that JMdict translates without naming the concept
(日本 in 日本酒) needs no rendering.
""",
)

TERM_INCONSISTENT = Rule(
    id="term-inconsistent",
    severity="info",
    summary="Over the whole input, one concept is rendered in rival accepted ways.",
    doc="""
Each use of a minority rendering is reported, measured against the most used
rendering it rivals (on a tie the glossary's ``en``, then the one seen
first), except in segments that also have that rival. A short form is no
rival of its long form or of its derived forms ("KCNA" and "Korean Central
News Agency"; "Russia" and "Russian").
""",
)

REDIRECTS: dict[str, str] = {}
REGISTRY = RuleSet((TERM_FORBIDDEN, TERM_MISSING, TERM_INCONSISTENT), REDIRECTS)
RULES = REGISTRY.rules

__all__ = ["REDIRECTS", "REGISTRY", "RULES"]
