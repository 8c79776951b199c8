"""Merging imported concepts into a glossary without losing anything.

An imported concept is matched to an existing one by id, else by its
preferred Japanese form already being a form of an existing concept. Unmatched concepts are added (with a fresh id when theirs is taken or
missing); matched ones gain the forms, sources and confusables they lack.

A conflict is a change that would overwrite something: a form owned by
another concept, a different preferred Japanese or English term, a form whose
status differs, a different note/type/extra cell. Conflicts are listed and the
existing data is kept, unless ``prefer`` says which side wins:

* ``prefer="existing"``: the existing value stays; the imported preferred term
  is kept as a variant (or, for a status clash, nothing changes), so no data is
  lost either way;
* ``prefer="import"``: the imported value wins; a replaced preferred term
  becomes a variant, a form moves from the concept that owned it (unless it is
  that concept's preferred ``ja``, which cannot be taken away: that conflict
  stays unresolved).
"""

from __future__ import annotations

import copy
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from yakugo.glossary.errors import InputError
from yakugo.glossary.model import CANONICAL_COLUMNS, LIST_COLUMNS, Concept, Glossary
from yakugo.glossary.normalize import fold
from yakugo.glossary.tsv import ID_PATTERN, validate

Prefer = Literal["import", "existing"] | None
JA_LISTS = {"variant": "ja_variants", "deprecated": "ja_deprecated"}
# List columns that are merged as plain unions (forms and confusables have rules of their own).
UNION_LISTS = tuple(
    name for name in LIST_COLUMNS if name not in ("ja_variants", "ja_deprecated", "en_variants", "en_forbidden", "confusables")
)
EN_LISTS = {"variant": "en_variants", "forbidden": "en_forbidden"}


@dataclass
class Change:
    concept: str
    action: str  # add-concept, add-form, set-status, set-preferred, move-form, set-field, add-value, add-confusable
    detail: str

    def to_dict(self) -> dict[str, str]:
        return {"concept": self.concept, "action": self.action, "detail": self.detail}


@dataclass
class Conflict:
    concept: str
    kind: str  # form-owned, preferred-ja, preferred-en, status, field
    detail: str
    resolution: str = "left"  # left (nothing changed), import, existing
    brief: str = ""  # the detail in one short line (long values cut); empty when the detail is short already

    def to_dict(self) -> dict[str, str]:
        return {"concept": self.concept, "kind": self.kind, "detail": self.detail, "resolution": self.resolution}


# A conflict's brief shows this much of each value (notes run to paragraphs).
BRIEF_VALUE = 60


def cut(value: str) -> str:
    """``value`` on one line, at most ``BRIEF_VALUE`` characters (…)."""
    flat = " ".join(value.split())
    return flat if len(flat) <= BRIEF_VALUE else flat[: BRIEF_VALUE - 1] + "…"


@dataclass
class MergeReport:
    changes: list[Change] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)

    @property
    def unresolved(self) -> list[Conflict]:
        return [conflict for conflict in self.conflicts if conflict.resolution == "left"]

    def to_dict(self) -> dict[str, object]:
        return {
            "added": self.added,
            "updated": self.updated,
            "changes": [change.to_dict() for change in self.changes],
            "conflicts": [conflict.to_dict() for conflict in self.conflicts],
        }


def merge_concepts(glossary: Glossary, imported: list[Concept], prefer: Prefer = None) -> tuple[Glossary, MergeReport]:
    """A merged copy of ``glossary`` (the original is untouched) and what changed."""
    merged = copy.deepcopy(glossary)
    merger = _Merger(merged, prefer)
    final_ids: dict[str, str] = {}
    for concept in imported:
        final_ids[concept.id or concept.ja] = merger.merge(concept)
    for concept in imported:  # confusables once every imported concept has its final id
        merger.merge_confusables(final_ids[concept.id or concept.ja], concept.confusables, final_ids)
    _add_used_columns(merged)
    problems = validate(merged)
    if problems:  # a bug in the merge, never the user's input: say so loudly
        raise InputError([f"internal error: the merged glossary is invalid: {problem}" for problem in problems])
    return merged, merger.report


class _Merger:
    def __init__(self, glossary: Glossary, prefer: Prefer):
        self.glossary = glossary
        self.prefer = prefer
        self.report = MergeReport()
        self.owner: dict[str, Concept] = {form.key: form.concept for form in glossary.ja_forms()}

    # -- bookkeeping -------------------------------------------------------

    def change(self, concept: Concept, action: str, detail: str) -> None:
        self.report.changes.append(Change(concept.id, action, detail))
        if concept.id not in self.report.added and concept.id not in self.report.updated:
            self.report.updated.append(concept.id)

    def conflict(self, concept: Concept, kind: str, detail: str, resolvable: bool = True, brief: str = "") -> str:
        resolution = self.prefer if (self.prefer and resolvable) else "left"
        self.report.conflicts.append(Conflict(concept.id, kind, detail, resolution, brief))
        return resolution

    # -- matching ----------------------------------------------------------

    def find(self, concept: Concept) -> Concept | None:
        """The same concept by id, else the concept owning the imported preferred Japanese.

        Other forms do not decide the match: a variant that another concept owns is
        a conflict to report, not a sign that the two concepts are one.
        """
        if concept.id and concept.id in self.glossary:
            return self.glossary[concept.id]
        return self.owner.get(fold(concept.ja))

    def merge(self, incoming: Concept) -> str:
        existing = self.find(incoming)
        if existing is None:
            return self.add(incoming)
        self.merge_into(existing, incoming)
        return existing.id

    def add(self, incoming: Concept) -> str:
        # Each value is a list[str]; Any because mypy cannot tell which keyword each name fills.
        union_lists: dict[str, Any] = {name: list(getattr(incoming, name)) for name in UNION_LISTS}
        concept = Concept(
            id=self.fresh_id(incoming),
            ja=incoming.ja,
            en=incoming.en,
            type=incoming.type,
            note=incoming.note,
            extra=dict(incoming.extra),
            **union_lists,
        )
        self.glossary.add(concept)
        self.glossary.comments_before.setdefault(concept.id, [])
        self.owner[fold(concept.ja)] = concept
        self.report.added.append(concept.id)
        self.report.changes.append(Change(concept.id, "add-concept", f"{concept.ja} = {concept.en}"))
        self.merge_forms(concept, incoming)
        return concept.id

    def fresh_id(self, concept: Concept) -> str:
        base = concept.id if concept.id and ID_PATTERN.fullmatch(concept.id) else _slug(concept)
        candidate, number = base, 2
        while candidate in self.glossary:
            candidate, number = f"{base}-{number}", number + 1
        return candidate

    # -- merging one concept ----------------------------------------------

    def merge_into(self, existing: Concept, incoming: Concept) -> None:
        if fold(incoming.ja) != fold(existing.ja):
            self.merge_preferred_ja(existing, incoming.ja)
        if incoming.en != existing.en and incoming.en and not _placeholder(incoming.en):
            self.merge_preferred_en(existing, incoming.en)
        self.merge_forms(existing, incoming)
        for name in ("type", "note"):
            self.merge_field(existing, name, getattr(incoming, name))
        for name, value in incoming.extra.items():
            self.merge_field(existing, name, value)
        for name in UNION_LISTS:
            for value in getattr(incoming, name):
                if value not in getattr(existing, name):
                    getattr(existing, name).append(value)
                    self.change(existing, "add-value", f"{name} '{value}'")

    def merge_preferred_ja(self, existing: Concept, text: str) -> None:
        owner = self.owner.get(fold(text))
        if owner is not None and owner is not existing:
            self.form_owned(existing, text, "preferred")
            return
        detail = f"preferred Japanese: existing '{existing.ja}', imported '{text}'"
        resolution = self.conflict(existing, "preferred-ja", detail)
        if resolution == "import":
            self.remove_ja(existing, text)
            self.promote(existing, "ja", text)
            self.owner[fold(text)] = existing
        elif resolution == "existing" and owner is None:
            self.add_ja(existing, text, "variant")

    def merge_preferred_en(self, existing: Concept, text: str) -> None:
        if _placeholder(existing.en):  # an empty cell waiting for English: fill it, no conflict
            self.remove_en(existing, text)
            existing.en = text
            self.change(existing, "set-field", f"en = '{text}' (was (untranslated))")
            return
        detail = f"preferred English: existing '{existing.en}', imported '{text}'"
        resolution = self.conflict(existing, "preferred-en", detail)
        if resolution == "import":
            self.remove_en(existing, text)
            self.promote(existing, "en", text)
        elif resolution == "existing" and text not in existing.accepted_en and text not in existing.en_forbidden:
            existing.en_variants.append(text)
            self.change(existing, "add-form", f"en variant '{text}'")

    def promote(self, concept: Concept, language: str, text: str) -> None:
        """Make ``text`` the preferred form; the old preferred form becomes the first variant."""
        old = getattr(concept, language)
        setattr(concept, language, text)
        getattr(concept, f"{language}_variants").insert(0, old)
        self.change(concept, "set-preferred", f"{language} '{old}' → '{text}' ('{old}' kept as a variant)")

    def merge_forms(self, existing: Concept, incoming: Concept) -> None:
        for text, status in incoming.ja_forms():
            if status != "preferred":
                self.merge_ja(existing, text, status)
        for text, en_status in incoming.en_forms():
            if en_status != "preferred":
                self.merge_en(existing, text, en_status)

    def merge_ja(self, existing: Concept, text: str, status: str) -> None:
        owner = self.owner.get(fold(text))
        if owner is None:
            self.add_ja(existing, text, status)
        elif owner is not existing:
            self.form_owned(existing, text, status)
        else:
            current = _ja_status(existing, text)
            if current != status and current != "preferred":
                detail = f"Japanese '{text}': existing status {current}, imported {status}"
                if self.conflict(existing, "status", detail) == "import":
                    self.remove_ja(existing, text)
                    self.add_ja(existing, text, status, action="set-status")
            elif current == "preferred" and status != "preferred":
                self.conflict(existing, "status", f"Japanese '{text}' is preferred here, {status} in the import", resolvable=False)

    def merge_en(self, existing: Concept, text: str, status: str) -> None:
        current = next((s for form, s in existing.en_forms() if form == text), None)
        if current is None:
            getattr(existing, EN_LISTS[status]).append(text)
            self.change(existing, "add-form", f"en {status} '{text}'")
        elif current != status:
            detail = f"English '{text}': existing status {current}, imported {status}"
            if self.conflict(existing, "status", detail, resolvable=current != "preferred") == "import":
                self.remove_en(existing, text)
                getattr(existing, EN_LISTS[status]).append(text)
                self.change(existing, "set-status", f"en '{text}' → {status}")

    def form_owned(self, existing: Concept, text: str, status: str) -> None:
        owner = self.owner[fold(text)]
        protected = fold(owner.ja) == fold(text)
        detail = f"Japanese '{text}' ({status} in the import) already belongs to '{owner.id}'"
        if self.conflict(existing, "form-owned", detail, resolvable=not protected) == "import":
            self.remove_ja(owner, text)
            self.change(owner, "move-form", f"ja '{text}' moved to '{existing.id}'")
            self.add_ja(existing, text, "variant" if status == "preferred" else status)

    def merge_field(self, existing: Concept, name: str, value: str) -> None:
        current = existing.get(name)
        if not value or value == current:
            return
        if not current:
            self.set_field(existing, name, value)
        elif self.conflict(
            existing, "field", f"{name}: existing '{current}', imported '{value}'", brief=f"{name}: existing '{cut(str(current))}', imported '{cut(value)}'"
        ) == "import":
            self.set_field(existing, name, value)

    def set_field(self, concept: Concept, name: str, value: str) -> None:
        if hasattr(concept, name) and name not in ("extra", "line"):
            setattr(concept, name, value)
        else:
            concept.extra[name] = value
        self.change(concept, "set-field", f"{name} = '{value}'")

    def merge_confusables(self, concept_id: str, others: list[str], final_ids: dict[str, str]) -> None:
        concept = self.glossary[concept_id]
        for other in others:
            target = final_ids.get(other, other)
            if target in self.glossary and target != concept_id and target not in concept.confusables:
                concept.confusables.append(target)
                self.change(concept, "add-confusable", target)

    # -- form lists ----------------------------------------------------------

    def add_ja(self, concept: Concept, text: str, status: str, action: str = "add-form") -> None:
        getattr(concept, JA_LISTS.get(status, "ja_variants")).append(text)
        self.owner[fold(text)] = concept
        self.change(concept, action, f"ja {status} '{text}'")

    def remove_ja(self, concept: Concept, text: str) -> None:
        key = fold(text)
        concept.ja_variants = [form for form in concept.ja_variants if fold(form) != key]
        concept.ja_deprecated = [form for form in concept.ja_deprecated if fold(form) != key]
        self.owner.pop(key, None)

    def remove_en(self, concept: Concept, text: str) -> None:
        concept.en_variants = [form for form in concept.en_variants if form != text]
        concept.en_forbidden = [form for form in concept.en_forbidden if form != text]


def _add_used_columns(glossary: Glossary) -> None:
    """A loaded file keeps its own header: add every column that now holds data, or saving would drop it."""
    for concept in glossary:
        for name in [*CANONICAL_COLUMNS, *concept.extra]:
            if name not in glossary.columns and concept.get(name):
                glossary.columns.append(name)


def _ja_status(concept: Concept, text: str) -> str | None:
    key = fold(text)
    return next((status for form, status in concept.ja_forms() if fold(form) == key), None)


def _placeholder(text: str) -> bool:
    from yakugo.glossary.tbx import UNTRANSLATED

    return text == UNTRANSLATED


def _slug(concept: Concept) -> str:
    """An id from the English when it has Latin letters, else from a hash of the Japanese."""
    english = "" if _placeholder(concept.en) else concept.en
    slug = re.sub(r"[^a-z0-9]+", "-", english.lower()).strip("-")[:48].strip("-")
    if slug:
        return slug
    return "term-" + hashlib.sha1(concept.ja.encode("utf-8")).hexdigest()[:8]
