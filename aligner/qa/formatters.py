"""Output formats of ``yakugo check``: text, JSON (the documented keys), CSV and SARIF 2.1.0."""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from rich.text import Text

from yakugo.aligner.core.findings import SARIF_LEVEL, SEVERITY_STYLE, Rule
from yakugo.aligner.core.sarif import artifact_uri, sarif_log
from yakugo.aligner.qa.checker import FIELDS, Finding
from yakugo.glossary.spreadsheet import Table, joined, write_csv
from yakugo.glossary.textfile import printable
from yakugo.aligner.core.wording import counted


def json_report(findings: Iterable[Finding]) -> list[dict[str, object]]:
    return [finding.to_dict() for finding in findings]


def findings_csv(findings: Iterable[Finding]) -> bytes:
    """The findings as CSV for spreadsheets (``glossary.spreadsheet.write_csv``: UTF-8 with
    a BOM so that Excel reads the Japanese right, cells that would run as a formula
    quoted with '), the JSON keys as columns, ``expected`` joined with ``|`` as in terms.tsv."""
    rows = [
        ["" if value is None else joined(value) if isinstance(value, list) else str(value) for value in finding.to_dict().values()]
        for finding in findings
    ]
    return write_csv(Table(list(FIELDS), rows))


def sarif_report(findings: Iterable[Finding], rules: Iterable[Rule], path: str) -> dict[str, object]:
    """A SARIF log: each finding located in the bilingual file at its segment's line, with the
    segment id as a logical location and the source term as the snippet."""
    rules = list(rules)
    index = {rule.id: number for number, rule in enumerate(rules)}
    results: list[dict[str, object]] = []
    for finding in findings:
        line = finding.pair.line if finding.pair is not None and finding.pair.line else 1
        results.append(
            {
                "ruleId": finding.rule,
                "ruleIndex": index[finding.rule],
                "level": SARIF_LEVEL[finding.severity],
                "message": {"text": finding.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": artifact_uri(path)},
                            "region": {"startLine": line, "snippet": {"text": finding.source_text or finding.ja_text or ""}},
                        },
                        "logicalLocations": [{"name": f"segment {finding.segment}", "kind": "element"}],
                    }
                ],
                "properties": {
                    "concept": finding.concept,
                    "segment": finding.segment,
                    "direction": finding.direction,
                    "targetText": finding.target_text,
                    "expected": finding.expected,
                },
            }
        )
    return sarif_log(results, rules)


def text_report(findings: list[Finding], checked: int) -> list[Text]:
    """Each segment with findings: the pair with the terms highlighted, then the findings; a summary last."""
    out: list[Text] = []
    by_pair: dict[int, list[Finding]] = {}
    for finding in findings:
        by_pair.setdefault(id(finding.pair), []).append(finding)
    for pair_findings in by_pair.values():
        pair = pair_findings[0].pair
        if pair is None:
            continue
        where = f" (line {pair.line})" if pair.line is not None and str(pair.line) != pair.id else ""
        out.append(Text(f"segment {pair.id}{where}", style="bold"))
        source_label, target_label = pair.direction.split("-")
        out.append(Text.assemble((f"  {source_label} │ ", "dim"), highlighted_source(pair.source, pair_findings)))
        out.append(Text.assemble((f"  {target_label} │ ", "dim"), highlighted_target(pair.target, pair_findings)))
        out.extend(describe(finding) for finding in pair_findings)
        out.append(Text(""))
    severities = Counter(finding.severity for finding in findings)
    out.append(
        Text(
            f"{counted(len(findings), 'finding')} in {len(by_pair)} of {counted(checked, 'segment')}: "
            f"{counted(severities['error'], 'error')}, {counted(severities['warning'], 'warning')}, {severities['info']} info"
        )
    )
    return out


def highlighted_source(text: str, findings: list[Finding]) -> Text:
    line = Text(printable(text))
    for finding in findings:
        if finding.source_start is not None and finding.source_end is not None:
            line.stylize("bold underline", finding.source_start, finding.source_end)
    return line


def highlighted_target(text: str, findings: list[Finding]) -> Text:
    line = Text(printable(text))
    for finding in findings:
        if finding.target_start is not None and finding.target_end is not None:
            line.stylize(SEVERITY_STYLE[finding.severity] + " underline", finding.target_start, finding.target_end)
    return line


def describe(finding: Finding) -> Text:
    text = Text("  ")
    text.append(f"{finding.severity:<7} ", style=SEVERITY_STYLE[finding.severity])
    text.append(f"{finding.rule:<17} ", style="dim")
    text.append(finding.source_text or "(not in the source)", style="bold")
    text.append(" → ")
    if finding.target_text is None:
        text.append("(no rendering)", style="italic")
    else:
        text.append(finding.target_text, style=SEVERITY_STYLE[finding.severity])
    text.append(f"\n      {finding.message}")
    text.append("\n      accepted: ", style="dim")
    text.append(" / ".join(finding.expected), style="green")
    return text
