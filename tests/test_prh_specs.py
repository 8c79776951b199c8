"""prh's own rule specs as a third-party test suite for `yakugo import --from prh` + `yakugo lint`.

For every rule imported from a prh dictionary (literal, or a regex spelled out
as literal forms) that carries ``specs``, linting the spec's ``from`` with the
imported glossary and applying the suggested replacements must give its ``to``.

Two designed differences make some specs fail, and each failure must be one of them:

* ``boundary``: prh replaces raw substrings; yakugo matches only at Sudachi
  word boundaries (so 露 is never found inside 暴露). A prh fragment such as
  ウエア inside ハードウエア, or 有ろ inside 有ろう, is not a word of its own.
* ``folding``: yakugo treats forms that differ only in width or Latin case as
  the same form (ＮＡＴＯ is NATO), so a rule that only changes case or width
  (csv → CSV, ！！ → !!) cannot be a deprecated form; the import lists it as a
  conflict instead.
"""

from __future__ import annotations

from collections import Counter

import pytest

from yakugo.aligner.lint.engine import LintOptions, apply_fixes, lint_text
from yakugo.aligner.core.recognize import Recognizer
from yakugo.aligner.core.segment import boundaries
from yakugo.glossary import Glossary
from yakugo.glossary.importers import read_import
from yakugo.glossary.merge import merge_concepts
from yakugo.glossary.normalize import fold

# file → (specs that pass, boundary failures, folding failures); measured, see the module docstring.
EXPECTED = {
    "WEB+DB_PRESS.yml": (47, 1, 0),
    "smarthr-prh-idiomatic-usage.yml": (136, 10, 6),
}


def classify(source: str, pairs: list[tuple[str, str]]) -> str:
    """Why a spec failed: the designed difference that explains it, or 'unexplained'."""
    used = [(old, new) for old, new in pairs if old in source]
    if used and all(fold(old) == fold(new) for old, new in used):
        return "folding"
    edges = boundaries(source)
    for old, _new in used:
        start = source.find(old)
        if start not in edges or start + len(old) not in edges:
            return "boundary"
    return "unexplained"


def run_specs(path):
    result = read_import(str(path), path.read_bytes(), "prh")
    glossary, _report = merge_concepts(Glossary(path=str(path)), result.concepts)
    recognizer = Recognizer(glossary)
    options = LintOptions(select=["deprecated-variant"])
    outcomes: Counter[str] = Counter()
    failures = []
    for rule in result.prh_rules:
        if not rule.imported:
            continue
        for source, expected in rule.specs:
            findings = lint_text(source, glossary, recognizer, options)
            suggested = apply_fixes(source, [finding for finding in findings if finding.replacement is not None])
            if suggested == expected:
                outcomes["pass"] += 1
            else:
                reason = classify(source, rule.pairs)
                outcomes[reason] += 1
                failures.append((reason, source, expected, suggested))
    return result, outcomes, failures


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_prh_specs_pass_through_lint(name):
    from support import need_shared

    path = need_shared("data", "prh", name)
    result, outcomes, failures = run_specs(path)
    skipped_specs = sum(len(rule.specs) for rule in result.prh_rules if not rule.imported)
    print(f"\n{name}: {dict(outcomes)}; specs of skipped regex rules: {skipped_specs}")
    for failure in failures:
        print("   ", failure)
    assert outcomes["unexplained"] == 0, [failure for failure in failures if failure[0] == "unexplained"]
    assert (outcomes["pass"], outcomes["boundary"], outcomes["folding"]) == EXPECTED[name]


def test_spec_examples_are_suggested():
    from support import need_shared

    path = need_shared("data", "prh", "smarthr-prh-idiomatic-usage.yml")
    result = read_import(str(path), path.read_bytes(), "prh")
    glossary, _ = merge_concepts(Glossary(path=str(path)), result.concepts)
    findings = lint_text("予め説明を頂いた", glossary, options=LintOptions(select=["deprecated-variant"]))
    assert [(f.text, f.replacement, f.column) for f in findings] == [("予め", "あらかじめ", 1), ("頂い", "いただい", 6)]
