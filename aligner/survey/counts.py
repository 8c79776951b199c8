"""Counting one document's terms, and counters that merge.

A document is recognised exactly as ``yakugo terms`` recognises a file
(``Recognizer.find``, Markdown masked first), so the survey's occurrences are
those ``yakugo terms`` lists. What is kept of it is small: per concept, each
form's occurrences and the set of forms the document used, and its id only
when it mixes rival admitted forms (what the lint rule ``mixed-variants``
reports: its own check runs on the document's terms, so headlines, aliases
and short forms count as they do in the lint), uses a deprecated form, or is
among the first few documents to use a form.

``SurveyCounts`` of separate partitions merge by addition (``merge``), in any
order: ids carry the document's place in the archive, so the merged result is
the same however the archive was partitioned.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Collection, Iterable

from yakugo.aligner.core.markdown_mask import mask_markdown
from yakugo.aligner.core.recognize import Recognizer, TermMatch
from yakugo.aligner.lint.model import Document
from yakugo.aligner.lint.rules import mixed_variants
from yakugo.aligner.survey.readers import RawRecord, RecordFormat, SourceDocument, parse_json_record
from yakugo.glossary.errors import InputError, located

# How many documents using each form are kept by id (the first ones of the archive), for
# the page's links to documents that write a concept otherwise than the archive mostly does.
EXAMPLES_PER_FORM = 50

PERIODS = ("year", "month", "day")
# The statuses of a concept's admitted forms (its ja and ja_variants): the forms weighed as rivals.
ADMITTED = ("preferred", "variant")

# What travels to a worker: a document's place in the archive, and the document, or the raw
# JSON Lines record it is still to be parsed from.
WorkItem = tuple[int, "SourceDocument | RawRecord"]
Placed = tuple[int, str]  # (place in the archive, document id)


@dataclass
class SurveyCounts:
    """What a survey keeps of any number of documents; ``merge`` adds another's."""

    documents: int = 0
    characters: int = 0
    documents_with_findings: int = 0
    # (concept id, form, status, group) → [occurrences, documents]
    forms: dict[tuple[str, str, str, str], list[int]] = field(default_factory=dict)
    # (concept id, the forms one document used, sorted) → documents
    form_sets: dict[tuple[str, tuple[str, ...]], int] = field(default_factory=dict)
    mixed: dict[str, list[Placed]] = field(default_factory=dict)
    # Records that could not be used: (place in the archive, the one-line problem)
    problems: list[Placed] = field(default_factory=list)
    deprecated: dict[str, list[Placed]] = field(default_factory=dict)
    examples: dict[tuple[str, str], list[Placed]] = field(default_factory=dict)

    def add_document(
        self, place: int, document_id: str, text: str, group: str, matches: Iterable[TermMatch], mixed: Collection[str] = ()
    ) -> None:
        """Count one document: its terms, and the concepts in which it mixes rival forms."""
        self.documents += 1
        self.characters += len(text)
        by_concept: dict[str, list[TermMatch]] = {}
        for match in matches:
            by_concept.setdefault(match.concept.id, []).append(match)
        flagged = False
        for concept_id, concept_matches in by_concept.items():
            occurrences = Counter(match.form.text for match in concept_matches)  # first use first
            statuses = {match.form.text: match.status for match in concept_matches}
            for form, count in occurrences.items():
                cell = self.forms.setdefault((concept_id, form, statuses[form], group), [0, 0])
                cell[0] += count
                cell[1] += 1
                examples = self.examples.setdefault((concept_id, form), [])
                if len(examples) < EXAMPLES_PER_FORM:
                    examples.append((place, document_id))
            used = tuple(sorted(occurrences))
            self.form_sets[(concept_id, used)] = self.form_sets.get((concept_id, used), 0) + 1
            if concept_id in mixed:
                self.mixed.setdefault(concept_id, []).append((place, document_id))
                flagged = True
            if "deprecated" in statuses.values():
                self.deprecated.setdefault(concept_id, []).append((place, document_id))
                flagged = True
        self.documents_with_findings += flagged

    def merge(self, other: SurveyCounts) -> SurveyCounts:
        """Add ``other`` into this counter (and return it)."""
        self.documents += other.documents
        self.characters += other.characters
        self.documents_with_findings += other.documents_with_findings
        for key, (occurrences, documents) in other.forms.items():
            cell = self.forms.setdefault(key, [0, 0])
            cell[0] += occurrences
            cell[1] += documents
        for set_key, documents in other.form_sets.items():
            self.form_sets[set_key] = self.form_sets.get(set_key, 0) + documents
        self.problems.extend(other.problems)
        for concept_id, placed in other.mixed.items():
            self.mixed.setdefault(concept_id, []).extend(placed)
        for concept_id, placed in other.deprecated.items():
            self.deprecated.setdefault(concept_id, []).extend(placed)
        for form_key, placed in other.examples.items():
            # The first documents of the archive, whichever partition counted them.
            self.examples[form_key] = sorted([*self.examples.get(form_key, []), *placed])[:EXAMPLES_PER_FORM]
        return self


def document_matches(recognizer: Recognizer, text: str, markdown: bool) -> tuple[list[str], list[TermMatch]]:
    """The lines (Markdown masked) and terms of one document, as ``yakugo terms`` finds them in a
    file (``Recognizer.find``: lines split on LF, a trailing CR dropped)."""
    lines = [line[:-1] if line.endswith("\r") else line for line in (mask_markdown(text) if markdown else text).split("\n")]
    return lines, list(recognizer.find_lines(lines))


def mixed_concepts(recognizer: Recognizer, lines: list[str], matches: list[TermMatch]) -> set[str]:
    """The concepts that the lint rule mixed-variants reports in this document: its own check,
    run on the terms already found (so headlines, aliases and the like count as they do there)."""
    admitted: dict[str, set[str]] = {}
    for match in matches:
        if match.status in ADMITTED:
            admitted.setdefault(match.concept.id, set()).add(match.form.text)
    if all(len(forms) < 2 for forms in admitted.values()):
        return set()
    document = Document("", lines, recognizer.glossary, recognizer)
    document.matches = matches  # the rule reads the document's terms from here
    return {finding.concept for finding in mixed_variants.check(document) if finding.concept is not None}


def count_partition(recognizer: Recognizer, items: Iterable[WorkItem], reading: Reading) -> SurveyCounts:
    """The counts of a partition; a record that cannot be used is kept as a problem."""
    counts = SurveyCounts()
    for place, entry in items:
        document = parse_json_record(entry, reading.record_format) if isinstance(entry, RawRecord) else entry
        try:
            if isinstance(document, InputError):
                raise document
            group = reading.grouping.group_of(document.metadata, document.path, document.line, document.label)
        except InputError as error:
            counts.problems.extend((place, problem) for problem in error.problems)
            continue
        lines, matches = document_matches(recognizer, document.text, document.markdown)
        counts.add_document(place, document.id, document.text, group, matches, mixed_concepts(recognizer, lines, matches))
    return counts


_DATE = re.compile(r"\s*(\d{4})(?:(?:[-/.]|年)(\d{1,2})(?:(?:[-/.]|月)(\d{1,2}))?|(\d{2})(\d{2}))?")


@dataclass(frozen=True)
class Grouping:
    """``--by FIELD`` (and ``--period``): the group a document's metadata puts it in."""

    by: str | None = None
    period: str | None = None

    def __post_init__(self) -> None:
        if self.period is not None and self.by is None:
            raise InputError("yakugo survey: --period needs --by FIELD (the field holding the date)")
        if self.period is not None and self.period not in PERIODS:
            raise InputError(f"yakugo survey: --period is one of {', '.join(PERIODS)}, not {self.period}")

    def group_of(self, metadata: dict[str, str], path: str, line: int | None, record: str) -> str:
        """The group ("" without ``--by`` or when the field is absent or empty)."""
        if self.by is None:
            return ""
        value = metadata.get(self.by, "")
        if self.period is None or not value:
            return value
        match = _DATE.match(value)
        year, month, day = (match.group(1), match.group(2) or match.group(4), match.group(3) or match.group(5)) if match else (None, None, None)
        wanted = PERIODS.index(self.period)
        parts = [year, month, day][: wanted + 1]
        if any(part is None for part in parts) or (month and not 1 <= int(month) <= 12) or (day and not 1 <= int(day) <= 31):
            raise InputError(located(path, line, f"{record}: {self.by} {value!r} is not a date with a {self.period} (YYYY-MM-DD)"))
        return "-".join(part.zfill(2) for part in parts if part is not None)


@dataclass(frozen=True)
class Reading:
    """How a worker turns what it is sent into grouped documents."""

    record_format: RecordFormat = field(default_factory=RecordFormat)
    grouping: Grouping = field(default_factory=Grouping)


def item_size(item: WorkItem) -> int:
    """Roughly the characters of an item (a raw record's bytes), for cutting partitions."""
    entry = item[1]
    return len(entry.content) if isinstance(entry, RawRecord) else len(entry.text)
