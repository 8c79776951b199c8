"""From merged counts to the survey's findings, aggregated with pandas, and its JSON contract.

Per concept that occurs: its occurrences and documents; each form used with its
status, occurrences and documents, ordered by occurrences (most first) then
form; the dominant form (the first of them); the documents that mix rival
admitted forms and those that use deprecated forms (ids, in archive order);
with ``--by``, the form counts of each group. A document *deviates* when it
uses a deprecated form (even one the archive mostly writes), or an admitted
form that is neither the dominant form nor the glossary's preferred form but
a rival spelling of either (rivals as the
lint rule ``mixed-variants`` weighs them: ミハイル・ゴルバチョフ beside
ゴルバチョフ, or NPT beside its full name, is a long and a short form, not a
rival); a concept's *inconsistency* is the share of its documents that
deviate, and the archive's concepts are ranked by it (then by deviating
documents, then by id).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from yakugo.aligner.lint.rules.mixed_variants import are_rivals
from yakugo.aligner.survey.counts import ADMITTED, SurveyCounts
from yakugo.glossary.model import Glossary

FORM_COLUMNS = ["concept", "form", "status", "group", "occurrences", "documents"]
CSV_COLUMNS = ["concept", "ja", "en", "form", "status", "group", "occurrences", "documents"]


@dataclass
class SurveyReport:
    documents: int
    characters: int
    documents_with_findings: int
    concepts: list[dict[str, Any]]  # the JSON objects, ordered by concept id
    ranking: list[dict[str, Any]]
    grouped: bool
    # (concept id, form) → the first documents (ids) of the archive that use the form
    examples: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    rows: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=CSV_COLUMNS))

    def to_dict(self) -> dict[str, object]:
        return {
            "documents": self.documents,
            "characters": self.characters,
            "documents_with_findings": self.documents_with_findings,
            "concepts": self.concepts,
            "ranking": self.ranking,
        }


def _ids(placed: list[tuple[int, str]]) -> list[str]:
    return [document_id for _, document_id in sorted(placed)]


def build_report(counts: SurveyCounts, glossary: Glossary, grouped: bool = False) -> SurveyReport:
    forms = pd.DataFrame(
        [(*key, occurrences, documents) for key, (occurrences, documents) in counts.forms.items()], columns=FORM_COLUMNS
    ).astype({"occurrences": "int64", "documents": "int64"})
    if forms.empty:
        return SurveyReport(counts.documents, counts.characters, counts.documents_with_findings, [], [], grouped)

    # Each form over the whole archive, in the contract's order: occurrences (most first), then form.
    form_totals = (
        forms.groupby(["concept", "form", "status"], as_index=False)[["occurrences", "documents"]]
        .sum()
        .sort_values(["concept", "occurrences", "form"], ascending=[True, False, True], kind="stable")
    )
    dominant = form_totals.groupby("concept", sort=True).head(1).set_index("concept")["form"]
    preferred = pd.Series({concept_id: glossary[concept_id].ja for concept_id in dominant.index}, name="preferred")

    # One row per (concept, set of forms a document used, form in that set).
    sets = pd.DataFrame(
        [(concept_id, index, used, documents) for index, ((concept_id, used), documents) in enumerate(counts.form_sets.items())],
        columns=["concept", "set", "forms", "documents"],
    )
    concept_documents = sets.groupby("concept")["documents"].sum()
    members = sets.explode("forms").rename(columns={"forms": "form"})
    members = members.join(dominant.rename("dominant"), on="concept").join(preferred, on="concept")
    members = members.join(form_totals.set_index(["concept", "form"])["status"], on=["concept", "form"])
    members["other"] = [
        status == "deprecated"
        or (status in ADMITTED and form not in (dominant_form, preferred_form)
            and (are_rivals(form, dominant_form) or are_rivals(form, preferred_form)))
        for form, dominant_form, preferred_form, status in zip(
            members["form"], members["dominant"], members["preferred"], members["status"]
        )
    ]
    deviating_sets = members.groupby(["concept", "set"]).agg(other=("other", "any"), documents=("documents", "first"))
    deviating = deviating_sets[deviating_sets["other"]].groupby("concept")["documents"].sum()

    summary = pd.DataFrame(
        {
            "occurrences": form_totals.groupby("concept")["occurrences"].sum(),
            "documents": concept_documents,
            "dominant": dominant,
        }
    )
    summary["deviating"] = deviating.reindex(summary.index, fill_value=0).astype("int64")
    summary["inconsistency"] = (summary["deviating"] / summary["documents"]).round(4)
    summary = summary.sort_index()

    by_group = (
        forms.groupby(["concept", "group", "form"], as_index=False)["occurrences"].sum() if grouped else None
    )
    concepts: list[dict[str, Any]] = []
    form_lists = {concept_id: frame for concept_id, frame in form_totals.groupby("concept", sort=False)}
    group_lists = {concept_id: frame for concept_id, frame in by_group.groupby("concept", sort=False)} if by_group is not None else {}
    for concept_id, row in summary.iterrows():
        concept = glossary[str(concept_id)]
        concept_forms = form_lists[concept_id]
        entry: dict[str, Any] = {
            "concept": concept.id,
            "ja": concept.ja,
            "en": concept.en,
            "occurrences": int(row["occurrences"]),
            "documents": int(row["documents"]),
            "forms": [
                {"form": form.form, "status": form.status, "occurrences": int(form.occurrences), "documents": int(form.documents)}
                for form in concept_forms.itertuples(index=False)
            ],
            "dominant": str(row["dominant"]),
            "mixed_documents": _ids(counts.mixed.get(concept.id, [])),
            "deprecated_documents": _ids(counts.deprecated.get(concept.id, [])),
        }
        if grouped:
            order = {form: rank for rank, form in enumerate(concept_forms["form"])}
            groups: dict[str, dict[str, int]] = {}
            for group, frame in group_lists[concept_id].groupby("group", sort=True):
                ranked = sorted(frame.itertuples(index=False), key=lambda cell: order[cell.form])
                groups[str(group)] = {cell.form: int(cell.occurrences) for cell in ranked}
            entry["groups"] = groups
        entry["deviating_documents"] = int(row["deviating"])
        entry["inconsistency"] = float(row["inconsistency"])
        concepts.append(entry)

    ranked = summary.reset_index(names="concept").sort_values(
        ["inconsistency", "deviating", "concept"], ascending=[False, False, True], kind="stable"
    )
    ranking: list[dict[str, Any]] = [
        {
            "concept": str(item.concept),
            "inconsistency": float(item.inconsistency),
            "deviating_documents": int(item.deviating),
            "documents": int(item.documents),
        }
        for item in ranked.itertuples(index=False)
    ]

    # The spreadsheet: one row per concept × form × group, in the JSON's orders.
    rank_of = {(item.concept, item.form): rank for rank, item in enumerate(form_totals.itertuples(index=False))}
    rows = forms.assign(rank=[rank_of[(c, f)] for c, f in zip(forms["concept"], forms["form"])])
    rows = rows.sort_values(["rank", "group"], kind="stable")
    rows.insert(1, "ja", [glossary[c].ja for c in rows["concept"]])
    rows.insert(2, "en", [glossary[c].en for c in rows["concept"]])
    examples = {key: [document_id for _, document_id in sorted(placed)] for key, placed in counts.examples.items()}
    return SurveyReport(
        counts.documents,
        counts.characters,
        counts.documents_with_findings,
        concepts,
        ranking,
        grouped,
        examples,
        rows[CSV_COLUMNS].reset_index(drop=True),
    )
