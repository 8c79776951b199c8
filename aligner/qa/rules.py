"""The rules of ``yakugo check``, bilingual terminology QA, in both directions (ja→en, en→ja).

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
ja→en: the English has one of the concept's ``en_forbidden`` renderings (in the
ja→en direction): 安全の約束 rendered as "security guarantees". The span is
not reported when it is (inside) an accepted rendering of another concept
present in the same segment: in "a security guarantee and security
assurances", "security guarantee" belongs to 安全の保証 when 安全の保証 is
in the Japanese too. A forbidden span inside a longer capitalised name of the
glossary ("Non-Proliferation" in "the Non-Proliferation Treaty") is a name,
not a wrong rendering. The message names the concept the rendering belongs
to and the accepted renderings.

en→ja: the English source renders concept C and the Japanese target has no
form of C but a form of a concept D that the source does not render, where D
is confusable with C (``confusables`` of either) or lists the source's
rendering in its ``en_forbidden``: "security assurances" translated 安全の保証
(write 安全の約束). The finding's ``concept`` is C; ``ja_text`` and
``target_text`` are D's form as the target writes it.
""",
)

TERM_MISSING = Rule(
    id="term-missing",
    severity="warning",
    summary="A glossary term of the source has none of its accepted renderings in the translation.",
    doc="""
ja→en: none of the concept's accepted renderings (``en``, ``en_variants``; any
inflection, case, hyphen or U.S./US spelling) is in the translation, and no
forbidden one either (that is reported as ``term-forbidden``). With
``--count`` each occurrence in the source needs a rendering of its own. A
term inside a longer word that JMdict translates without naming the concept
(日本 in 日本酒) needs no rendering.

en→ja: the English source has an accepted rendering (``en``, ``en_variants``,
inflection-aware as above) of a concept and the Japanese target has no form of
it (``ja``, ``ja_variants`` or ``ja_deprecated``), nor a wrong form reported as
``term-forbidden``. A rendering several concepts share is satisfied by a form of
any of them. ``--count`` counts occurrences as for ja→en. ``ja_text`` is null.
""",
)

TERM_DEPRECATED = Rule(
    id="term-deprecated",
    severity="warning",
    summary="The Japanese translation writes a deprecated form (en→ja); the message gives the preferred one.",
    doc="""
en→ja: the Japanese target writes one of a concept's ``ja_deprecated`` forms
(イェルツィン for Boris Yeltsin); the message names the concept's ``ja``. The
form counts as a rendering of its concept, so it is not also ``term-missing``.
""",
)

TERM_INCONSISTENT = Rule(
    id="term-inconsistent",
    severity="info",
    summary="Over the whole input, one concept is rendered in rival accepted ways.",
    doc="""
ja→en: each use of a minority English rendering is reported, measured against the most used
rendering it rivals (on a tie the glossary's ``en``, then the one seen
first), except in segments that also have that rival. A short form is no
rival of its long form or of its derived forms ("KCNA" and "Korean Central
News Agency"; "Russia" and "Russian").

en→ja: the same over the Japanese target's admitted forms (``ja``,
``ja_variants``), with lint's mixed-variants rival logic: a form is measured
against the most used form it rivals, and a short form is no rival of its long
form (エリツィン, ボリス・エリツィン; NPT, 核兵器不拡散条約).
""",
)

REDIRECTS: dict[str, str] = {}
REGISTRY = RuleSet((TERM_FORBIDDEN, TERM_MISSING, TERM_DEPRECATED, TERM_INCONSISTENT), REDIRECTS)
RULES = REGISTRY.rules

__all__ = ["REDIRECTS", "REGISTRY", "RULES"]
