"""Machine-readable lint output: JSON (the documented keys) and SARIF 2.1.0."""

from __future__ import annotations

from typing import Iterable

from yakugo.aligner.core.findings import SARIF_LEVEL, Rule
from yakugo.aligner.core.sarif import artifact_uri, sarif_log
from yakugo.aligner.lint.model import Finding


def json_report(findings: Iterable[Finding]) -> list[dict[str, object]]:
    return [finding.to_dict() for finding in findings]


def sarif_report(findings: Iterable[Finding], rules: list[Rule]) -> dict[str, object]:
    """A SARIF 2.1.0 log with one run; columns are Unicode code points, as in the JSON."""
    index = {rule.id: number for number, rule in enumerate(rules)}
    results = []
    for finding in findings:
        rule = rules[index[finding.rule]]
        location = {
            "physicalLocation": {
                "artifactLocation": {"uri": artifact_uri(finding.path)},
                "region": {
                    "startLine": finding.line,
                    "startColumn": finding.column,
                    "endColumn": finding.end_column,
                    "snippet": {"text": finding.text},
                },
            }
        }
        result: dict[str, object] = {
            "ruleId": finding.rule,
            "ruleIndex": index[finding.rule],
            "level": SARIF_LEVEL[finding.severity],
            "message": {"text": finding.message},
            "locations": [location],
            "properties": {"concept": finding.concept, "replacement": finding.replacement},
        }
        if rule.fixable and finding.replacement is not None:
            result["fixes"] = [
                {
                    "description": {"text": f"Replace {finding.text} with {finding.replacement}"},
                    "artifactChanges": [
                        {
                            "artifactLocation": {"uri": artifact_uri(finding.path)},
                            "replacements": [
                                {
                                    "deletedRegion": {
                                        "startLine": finding.line,
                                        "startColumn": finding.column,
                                        "endColumn": finding.end_column,
                                    },
                                    "insertedContent": {"text": finding.replacement},
                                }
                            ],
                        }
                    ],
                }
            ]
        results.append(result)
    return sarif_log(results, rules)
