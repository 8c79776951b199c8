"""The concept-oriented glossary: one ``Concept`` per row of ``terms.tsv``."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterator, Literal

from yakugo.glossary.normalize import fold

REQUIRED_COLUMNS = ("id", "ja", "en")
# The list columns after ``source`` (context rules, English deprecation, referents, fixes),
# in the order a new file writes them.
CONTEXT_COLUMNS = (
    "context_cues",
    "context_avoid",
    "en_deprecated",
    "ja_blocked",
    "ja_shared",
    "referent_cues",
    "ja_abbreviations",
    "ja_replacements",
)
LIST_COLUMNS = (
    "ja_variants",
    "ja_deprecated",
    "en_variants",
    "en_forbidden",
    "confusables",
    "source",
    *CONTEXT_COLUMNS,
)
TEXT_COLUMNS = ("type", "note")
# The order a new file is written in; a loaded file keeps its own order.
CANONICAL_COLUMNS = (
    "id",
    "ja",
    "en",
    "ja_variants",
    "ja_deprecated",
    "en_variants",
    "en_forbidden",
    "confusables",
    "type",
    "note",
    "source",
    *CONTEXT_COLUMNS,
)
KNOWN_COLUMNS = frozenset(CANONICAL_COLUMNS)
LIST_SEPARATOR = "|"

JaStatus = Literal["preferred", "variant", "deprecated"]
EnStatus = Literal["preferred", "variant", "forbidden"]


@dataclass
class Concept:
    id: str
    ja: str
    en: str
    ja_variants: list[str] = field(default_factory=list)
    ja_deprecated: list[str] = field(default_factory=list)
    en_variants: list[str] = field(default_factory=list)
    en_forbidden: list[str] = field(default_factory=list)
    confusables: list[str] = field(default_factory=list)
    type: str = ""
    note: str = ""
    source: list[str] = field(default_factory=list)
    # Where this concept is the right one and other concepts' forms are wrong
    # (lint rule context-confusable): words marking the context, and the
    # Japanese forms to avoid there.
    context_cues: list[str] = field(default_factory=list)
    context_avoid: list[str] = field(default_factory=list)
    # English renderings an English writer should replace with ``en`` (Kiev for Kyiv):
    # lint's en-deprecated. Translation QA does not read them (a forbidden rendering is en_forbidden).
    en_deprecated: list[str] = field(default_factory=list)
    # Longer words and names that contain one of this concept's forms but denote something
    # else (アメリカ大陸 on united-states): a form inside one of them is no match.
    ja_blocked: list[str] = field(default_factory=list)
    # Forms this concept shares with the one concept that lists them in ja/ja_variants (the
    # default referent): an occurrence is this concept when one of ``referent_cues`` is near.
    ja_shared: list[str] = field(default_factory=list)
    referent_cues: list[str] = field(default_factory=list)
    # One-kanji abbreviations used only inside compounds (米 in 日米, 露 in 露大統領).
    ja_abbreviations: list[str] = field(default_factory=list)
    # ``DEPRECATED=ADMITTED``: the admitted form a deprecated form is fixed to, where ``ja``
    # would drop a qualifier (NATOの東方拡張=NATOの東方拡大).
    ja_replacements: list[str] = field(default_factory=list)
    # Columns yakugo does not know, kept so that saving loses nothing.
    extra: dict[str, str] = field(default_factory=dict)
    # Line of the row in its file (0 when the concept did not come from a file).
    line: int = 0

    def ja_forms(self) -> Iterator[tuple[str, JaStatus]]:
        yield self.ja, "preferred"
        for form in self.ja_variants:
            yield form, "variant"
        for form in self.ja_deprecated:
            yield form, "deprecated"

    def en_forms(self) -> Iterator[tuple[str, EnStatus]]:
        yield self.en, "preferred"
        for form in self.en_variants:
            yield form, "variant"
        for form in self.en_forbidden:
            yield form, "forbidden"

    def replacement_for(self, deprecated: str) -> str:
        """The admitted form that replaces ``deprecated``: the one ``ja_replacements`` states;
        else an admitted form that is the deprecated one with at most two characters changed
        in one place (NATOの東方拡張 → NATOの東方拡大), so the writer's qualifiers stay; else ``ja``."""
        for pair in self.ja_replacements:
            old, _, new = pair.partition("=")
            if fold(old) == fold(deprecated) and new:
                return new
        for form in self.admitted_ja:
            if form != self.ja and _one_small_change(deprecated, form):
                return form
        return self.ja

    @property
    def accepted_en(self) -> list[str]:
        """The English renderings a translation may use: ``en`` then ``en_variants``."""
        return [self.en, *self.en_variants]

    @property
    def admitted_ja(self) -> list[str]:
        """The Japanese forms a writer may use: ``ja`` then ``ja_variants``."""
        return [self.ja, *self.ja_variants]

    def get(self, column: str) -> str | list[str]:
        """A column's value by its ``terms.tsv`` name (lists for list columns)."""
        if column in KNOWN_COLUMNS:
            return getattr(self, column)
        return self.extra.get(column, "")

    def to_dict(self) -> dict[str, object]:
        """The concept with ``terms.tsv`` field names, lists as lists."""
        record: dict[str, object] = {name: self.get(name) for name in CANONICAL_COLUMNS}
        record.update(self.extra)
        return record


def _one_small_change(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with one run of at most two characters replaced (拡張 → 拡大)."""
    prefix = 0
    while prefix < min(len(a), len(b)) and a[prefix] == b[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(a), len(b)) - prefix and a[-1 - suffix] == b[-1 - suffix]:
        suffix += 1
    return prefix > 0 and len(a) - prefix - suffix <= 2 and len(b) - prefix - suffix <= 2


@dataclass(frozen=True, eq=False)
class Form:
    """One surface form of a concept, as the matchers see it (compared by identity)."""

    text: str
    concept: Concept
    status: str

    @cached_property
    def key(self) -> str:
        """The form width- and case-folded: what the recognizers match on."""
        return fold(self.text)


class FormMatch:
    """What a found occurrence of a glossary form tells: the form's concept and status."""

    form: Form

    @property
    def concept(self) -> Concept:
        return self.form.concept

    @property
    def status(self) -> str:
        return self.form.status


@dataclass
class Glossary:
    concepts: list[Concept] = field(default_factory=list)
    # Header as read, so a round trip keeps the user's column order.
    columns: list[str] = field(default_factory=lambda: list(CANONICAL_COLUMNS))
    path: str | None = None
    # Comment and blank lines: before the header, and before each concept row
    # (keyed by concept id), and after the last row.
    preamble: list[str] = field(default_factory=list)
    comments_before: dict[str, list[str]] = field(default_factory=dict)
    trailer: list[str] = field(default_factory=list)
    # How many cells each row had, so rows written without trailing empty
    # cells (common after a column is added) are written back the same way.
    row_widths: dict[str, int] = field(default_factory=dict)
    bom: bool = False
    newline: str = "\n"
    final_newline: bool = True  # False when the file's last line had no line ending

    def __post_init__(self) -> None:
        self._by_id = {concept.id: concept for concept in self.concepts}

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    def __len__(self) -> int:
        return len(self.concepts)

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self._by_id

    def __getitem__(self, concept_id: str) -> Concept:
        return self._by_id[concept_id]

    def add(self, concept: Concept) -> None:
        self.concepts.append(concept)
        self._by_id[concept.id] = concept

    def concept_at(self, row: int) -> Concept:
        """The concept of row ``row`` (0-based, in file order)."""
        return self.concepts[row]

    def row_of(self, concept: Concept) -> int:
        """The row of ``concept``, this very object (``KeyError`` for another glossary's)."""
        for attempt in range(2):  # the index made on first use, again if the list changed since
            rows = self.__dict__.get("_row_by_id")
            if rows is None or attempt:
                rows = self.__dict__["_row_by_id"] = {id(known): row for row, known in enumerate(self.concepts)}
            row = rows.get(id(concept))
            if row is not None and row < len(self.concepts) and self.concepts[row] is concept:
                return row
        raise KeyError(concept.id)

    def __getstate__(self) -> dict[str, object]:
        return {name: value for name, value in self.__dict__.items() if name != "_row_by_id"}

    def en_deprecated_forms(self) -> Iterator[Form]:
        """The ``en_deprecated`` renderings, status ``deprecated`` (not among ``en_forms``)."""
        for concept in self.concepts:
            for text in concept.en_deprecated:
                yield Form(text, concept, "deprecated")

    def ja_forms(self) -> Iterator[Form]:
        for concept in self.concepts:
            for text, status in concept.ja_forms():
                yield Form(text, concept, status)

    def en_forms(self) -> Iterator[Form]:
        for concept in self.concepts:
            for text, status in concept.en_forms():
                yield Form(text, concept, status)

    def concept_of_ja(self, text: str) -> Form | None:
        """The concept owning a Japanese form (width and case folded), if any."""
        key = fold(text)
        for form in self.ja_forms():
            if form.key == key:
                return form
        return None
