"""Text (rich tables) and CSV renderings of a ``SurveyReport`` (JSON is ``SurveyReport.to_dict``)."""

from __future__ import annotations

from typing import Any

from rich.console import RenderableType
from rich.table import Table as RichTable
from rich.text import Text

from yakugo.aligner.core.styles import STATUS_STYLE
from yakugo.aligner.survey.report import CSV_COLUMNS, SurveyReport
from yakugo.glossary.spreadsheet import Table, write_csv
from yakugo.glossary.textfile import printable

# Concepts shown in the text ranking and ids listed per concept there (JSON, CSV and the page hold all).
TEXT_RANKED = 25
TEXT_IDS = 5


def survey_csv(report: SurveyReport) -> bytes:
    """One row per concept × form × group (group empty without ``--by``), spreadsheet-safe
    as ``yakugo check``'s CSV (UTF-8 with a BOM, formulas neutralised)."""
    rows = [[str(value) for value in row] for row in report.rows[CSV_COLUMNS].itertuples(index=False)]
    return write_csv(Table(list(CSV_COLUMNS), rows))


def _cell(value: object, style: str = "") -> Text:
    return Text(printable(str(value)), style=style)


def _listed(ids: list[str]) -> str:
    shown = ", ".join(ids[:TEXT_IDS])
    return shown + (f" … (+{len(ids) - TEXT_IDS})" if len(ids) > TEXT_IDS else "")


def text_report(report: SurveyReport) -> list[RenderableType]:
    out: list[RenderableType] = []
    by_id = {entry["concept"]: entry for entry in report.concepts}
    ranked = [item for item in report.ranking if item["deviating_documents"]][:TEXT_RANKED]
    if ranked:
        table = RichTable(title="Concepts the archive writes least consistently", title_justify="left")
        for header in ("concept", "ja", "dominant"):
            table.add_column(header)
        for header in ("deviating", "documents", "share"):
            table.add_column(header, justify="right")
        for item in ranked:
            entry = by_id[item["concept"]]
            table.add_row(
                _cell(item["concept"]), _cell(entry["ja"]), _cell(entry["dominant"]),
                _cell(item["deviating_documents"]), _cell(item["documents"]), _cell(f"{float(item['inconsistency']):.0%}"),
            )
        out.append(table)
    several = [entry for entry in report.concepts if len(entry["forms"]) > 1]
    if several:
        table = RichTable(title="Concepts written in more than one form", title_justify="left")
        for header in ("concept", "form", "status"):
            table.add_column(header)
        for header in ("occurrences", "documents"):
            table.add_column(header, justify="right")
        for entry in several:
            for rank, form in enumerate(entry["forms"]):
                table.add_row(
                    _cell(entry["concept"] if rank == 0 else ""), _cell(form["form"], STATUS_STYLE.get(form["status"], "")),
                    _cell(form["status"]), _cell(form["occurrences"]), _cell(form["documents"]),
                )
        out.append(table)
    for entry in report.concepts:
        for key, label in (("mixed_documents", "mix rival forms"), ("deprecated_documents", "use deprecated forms")):
            ids: list[str] = entry[key]
            if ids:
                out.append(Text.assemble((printable(str(entry["concept"])), "bold"), f": {len(ids)} documents {label}: ",
                                         printable(_listed(ids))))
    if report.grouped:
        for item in ranked:
            if len(by_id[item["concept"]]["forms"]) > 1:
                out.append(_groups_table(by_id[item["concept"]]))
    out.append(Text(
        f"{report.documents:,} documents, {report.characters:,} characters, {len(report.concepts)} concepts; "
        f"{report.documents_with_findings:,} documents mix rival forms or use deprecated ones.",
        style="bold",
    ))
    return out


def _groups_table(entry: dict[str, Any]) -> RichTable:
    forms = [form["form"] for form in entry["forms"]]
    # Text, not str: rich would read [brackets] in a glossary form or a group as markup.
    table = RichTable(title=Text(f"{printable(str(entry['concept']))} by group"), title_justify="left")
    table.add_column("group")
    for form in forms:
        table.add_column(Text(printable(form)), justify="right")
    for group, counts in entry["groups"].items():
        table.add_row(_cell(group or "(none)"), *(_cell(counts.get(form, 0)) for form in forms))
    return table
