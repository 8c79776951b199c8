"""``yakugo survey --html``: one self-contained page (plotly.js inlined once, nothing fetched).

The page shows the archive's totals, a chart and a table of the concepts
ranked by inconsistency, and a section per concept: its forms, a chart of
form shares (per group with ``--by``, e.g. per year), and the ids of the
documents that deviate (mixing rival forms, using deprecated forms, or
writing a rival of the dominant or preferred form). Every text from the
archive or the glossary is HTML-escaped, in the page and in the charts'
labels (plotly reads a few tags in labels; escaped, they show as text).
"""

from __future__ import annotations

import html
from typing import Any

from yakugo.aligner.lint.rules.mixed_variants import are_rivals
from yakugo.aligner.survey.counts import ADMITTED
from yakugo.aligner.survey.report import SurveyReport

# Per-concept charts: enough for any glossary concept written in several forms, bounded so a
# page over a huge glossary stays light (the tables list every concept).
MAX_CONCEPT_CHARTS = 80
RANKING_CHART_CONCEPTS = 30

STYLE = """
body { font-family: system-ui, "Noto Sans CJK JP", sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #222; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2.5rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; } th, td { padding: 0.2rem 0.6rem; border-bottom: 1px solid #eee; text-align: left; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
.status-preferred { color: #1a7f37; } .status-variant { color: #0969da; } .status-deprecated { color: #cf222e; }
.totals span { margin-right: 1.5rem; } ul.ids { columns: 2; font-family: ui-monospace, monospace; font-size: 0.85rem; }
.note { color: #666; font-size: 0.9rem; }
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _label(value: object) -> str:
    """A label for plotly: escaped, since plotly renders <b>, <a href> and the like in labels."""
    return html.escape(str(value), quote=False)


def _chart(figure: Any, first: bool, div_id: str) -> str:
    import plotly.io

    return str(plotly.io.to_html(
        figure,
        full_html=False,
        include_plotlyjs=True if first else False,  # the whole library inline, once
        div_id=div_id,
        config={"displaylogo": False, "responsive": True},
    ))


def _ranking_figure(report: SurveyReport) -> Any:
    import plotly.graph_objects as go

    ranked = [item for item in report.ranking if item["deviating_documents"]][:RANKING_CHART_CONCEPTS]
    figure = go.Figure(go.Bar(
        x=[float(item["inconsistency"]) for item in reversed(ranked)],
        y=[_label(item["concept"]) for item in reversed(ranked)],
        orientation="h",
        hovertemplate="%{y}: %{x:.0%} of its documents deviate<extra></extra>",
    ))
    figure.update_layout(
        title="Share of each concept's documents that deviate", xaxis={"tickformat": ".0%", "range": [0, 1]},
        height=max(260, 22 * len(ranked) + 120), margin={"l": 200},
    )
    return figure


def _concept_figure(entry: dict[str, Any], grouped: bool) -> Any:
    import plotly.graph_objects as go

    forms = [form["form"] for form in entry["forms"]]
    figure = go.Figure()
    if grouped:
        groups = list(entry["groups"])
        totals = [sum(entry["groups"][group].values()) or 1 for group in groups]
        for form in forms:
            figure.add_trace(go.Bar(
                name=_label(form),
                x=[_label(group or "(none)") for group in groups],
                y=[entry["groups"][group].get(form, 0) / total for group, total in zip(groups, totals)],
                hovertemplate="%{x}: %{y:.0%}<extra>%{fullData.name}</extra>",
            ))
        figure.update_layout(barmode="stack", yaxis={"tickformat": ".0%", "range": [0, 1]}, title="Form shares per group")
    else:
        total = sum(form["occurrences"] for form in entry["forms"]) or 1
        figure.add_trace(go.Bar(
            x=[_label(form["form"]) for form in entry["forms"]],
            y=[form["occurrences"] / total for form in entry["forms"]],
            hovertemplate="%{x}: %{y:.0%} of occurrences<extra></extra>",
        ))
        figure.update_layout(yaxis={"tickformat": ".0%", "range": [0, 1]}, title="Form shares")
    figure.update_layout(height=320, margin={"t": 50, "b": 60})
    return figure


def _ids(title: str, ids: list[str], anchor: str, note: str = "") -> str:
    if not ids:
        return ""
    items = "".join(f"<li>{_e(document_id)}</li>" for document_id in ids)
    extra = f' <span class="note">{_e(note)}</span>' if note else ""
    return f'<h3 id="{anchor}">{_e(title)} ({len(ids)}){extra}</h3><ul class="ids">{items}</ul>'


def _rival_forms(entry: dict[str, Any]) -> list[dict[str, Any]]:
    """The forms whose documents deviate: deprecated ones, and rivals of the dominant or preferred form."""
    dominant, preferred = entry["dominant"], entry["ja"]
    return [
        form for form in entry["forms"]
        if form["status"] == "deprecated"
        or (form["status"] in ADMITTED and form["form"] not in (dominant, preferred)
            and (are_rivals(form["form"], dominant) or are_rivals(form["form"], preferred)))
    ]


def render_page(report: SurveyReport, title: str = "yakugo survey") -> str:
    """The page as one string."""
    anchors = {entry["concept"]: f"concept-{index}" for index, entry in enumerate(report.concepts)}
    by_id = {entry["concept"]: entry for entry in report.concepts}
    charts_done = 0
    parts = [
        "<!DOCTYPE html>", '<html lang="ja"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        '<p class="totals">'
        f'<span id="total-documents">{report.documents:,} documents</span>'
        f"<span>{report.characters:,} characters</span><span>{len(report.concepts)} concepts</span>"
        f'<span id="total-findings">{report.documents_with_findings:,} documents mix rival forms or use deprecated ones</span></p>',
    ]
    deviating = [item for item in report.ranking if item["deviating_documents"]]
    parts.append('<h2 id="ranking">Concepts ranked by inconsistency</h2>')
    if deviating:
        parts.append(_chart(_ranking_figure(report), first=True, div_id="ranking-chart"))
        charts_done += 1
    rows = []
    for rank, item in enumerate(report.ranking, 1):
        entry = by_id[item["concept"]]
        anchor = anchors[item["concept"]]
        link = f'<a href="#{anchor}-deviating">{item["deviating_documents"]}</a>' if item["deviating_documents"] else "0"
        rows.append(
            f'<tr><td class="number">{rank}</td><td><a href="#{anchor}">{_e(item["concept"])}</a></td>'
            f'<td>{_e(entry["ja"])}</td><td>{_e(entry["dominant"])}</td><td class="number deviating">{link}</td>'
            f'<td class="number">{item["documents"]}</td><td class="number">{float(item["inconsistency"]):.0%}</td></tr>'
        )
    parts.append(
        '<table id="ranking-table"><thead><tr><th class="number">#</th><th>concept</th><th>preferred</th><th>dominant</th>'
        '<th class="number">deviating documents</th><th class="number">documents</th><th class="number">share</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    for entry in report.concepts:
        anchor = anchors[entry["concept"]]
        parts.append(
            f'<section class="concept" id="{anchor}"><h2>{_e(entry["ja"])} · {_e(entry["en"])} '
            f'<span class="note">({_e(entry["concept"])})</span></h2>'
            f'<p>{entry["occurrences"]} occurrences in {entry["documents"]} documents; dominant form '
            f'<b>{_e(entry["dominant"])}</b>; {entry["deviating_documents"]} documents deviate.</p>'
        )
        form_rows = "".join(
            f'<tr><td class="status-{_e(form["status"])}">{_e(form["form"])}</td><td>{_e(form["status"])}</td>'
            f'<td class="number">{form["occurrences"]}</td><td class="number">{form["documents"]}</td></tr>'
            for form in entry["forms"]
        )
        parts.append(
            '<table class="forms"><thead><tr><th>form</th><th>status</th><th class="number">occurrences</th>'
            f'<th class="number">documents</th></tr></thead><tbody>{form_rows}</tbody></table>'
        )
        if len(entry["forms"]) > 1 and charts_done < MAX_CONCEPT_CHARTS:
            parts.append(_chart(_concept_figure(entry, report.grouped), first=charts_done == 0, div_id=f"{anchor}-chart"))
            charts_done += 1
        lists = [
            _ids("Documents mixing rival admitted forms", entry["mixed_documents"], f"{anchor}-mixed"),
            _ids("Documents using deprecated forms", entry["deprecated_documents"], f"{anchor}-deprecated"),
        ]
        for number, form in enumerate(_rival_forms(entry)):
            examples = report.examples.get((entry["concept"], form["form"]), [])
            more = f"the first {len(examples)} of {form['documents']}" if len(examples) < form["documents"] else ""
            lists.append(_ids(f"Documents writing {form['form']}", examples, f"{anchor}-form-{number}", more))
        body = "".join(lists)
        parts.append(f'<div class="deviating" id="{anchor}-deviating">{body}</div></section>' if body else
                     f'<div class="deviating" id="{anchor}-deviating"></div></section>')
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
