"""Exporting the glossary for CAT and MT tools: one function per format, all in ``EXPORTERS``.

Each exporter takes a ``Glossary`` and returns the file's bytes. The README
documents every format and how to import it into the tool it is for.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable

from yakugo.glossary.errors import InputError, located
from yakugo.glossary.model import Concept, Glossary
from yakugo.glossary.prh import write_prh
from yakugo.glossary.spreadsheet import Table, glossary_table, joined, write_csv, write_xlsx
from yakugo.glossary.tbx import UNTRANSLATED, write_phrase_tbx, write_tbx

OMEGAT_CODING_LINE = "# Glossary in tab-separated format -*- coding: utf-8 -*-"
DEEPL_MAX_TERM_BYTES = 1024
# C0/C1 controls (tab and newlines included) and the Unicode line/paragraph separators.
DEEPL_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass(frozen=True)
class Exporter:
    name: str
    write: Callable[[Glossary], bytes]
    suffix: str  # the file extension the target tool expects
    description: str


def untranslated(concept: Concept) -> bool:
    """A concept imported without English (``en`` = ``(untranslated)``), waiting for a translator."""
    return concept.en == UNTRANSLATED


def english_forms(concept: Concept) -> list[str]:
    """``en`` then ``en_variants``, without the ``(untranslated)`` placeholder."""
    return [form for form in concept.accepted_en if form != UNTRANSLATED]


def omegat(glossary: Glossary) -> bytes:
    """``source<TAB>target<TAB>comment``, one line per Japanese form, English always the preferred one."""
    lines = [OMEGAT_CODING_LINE]
    for concept in glossary:
        if untranslated(concept):
            continue  # a target of "(untranslated)" would be offered as the translation
        for text, status in concept.ja_forms():
            comment = _omegat_comment(concept, status)
            lines.append("\t".join(_one_line(cell) for cell in (text, concept.en, comment)).rstrip("\t"))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _omegat_comment(concept: Concept, status: str) -> str:
    if status == "deprecated":
        return f"deprecated: write {concept.ja}"
    if status == "variant":
        return f"variant of {concept.ja}"
    parts = [concept.note] if concept.note else []
    if concept.en_forbidden:
        parts.append("not: " + ", ".join(concept.en_forbidden))
    return "; ".join(parts)


def _one_line(cell: str) -> str:
    return " ".join(cell.replace("\t", " ").split())


def ja_to_en_pairs(glossary: Glossary) -> list[tuple[str, str]]:
    """Every Japanese form (deprecated ones too: the MT must still translate them right) → preferred English."""
    return [
        (text, concept.en) for concept in glossary if not untranslated(concept) for text, _status in concept.ja_forms()
    ]


def check_deepl_entries(pairs: list[tuple[str, str]]) -> list[str]:
    """Every violation of DeepL's glossary rules, one message each."""
    problems: list[str] = []
    seen: dict[str, str] = {}
    for source, target in pairs:
        for side, term in (("source", source), ("target", target)):
            if not term.strip():
                problems.append(f"DeepL: empty {side} term (pair {source!r} → {target!r})")
            elif DEEPL_FORBIDDEN.search(term):
                problems.append(f"DeepL: {side} term {term!r} contains a control character or U+2028/U+2029")
            elif term != term.strip():
                problems.append(f"DeepL: {side} term {term!r} has leading or trailing whitespace")
            if len(term.encode("utf-8")) > DEEPL_MAX_TERM_BYTES:
                problems.append(f"DeepL: {side} term {term[:30]!r}… is {len(term.encode('utf-8'))} bytes (limit {DEEPL_MAX_TERM_BYTES})")
        if source in seen:
            problems.append(f"DeepL: duplicate source term {source!r} (→ {seen[source]!r} and → {target!r})")
        seen.setdefault(source, target)
    return problems


def deepl(glossary: Glossary) -> bytes:
    """DeepL glossary TSV (ja→en): no header, ``source<TAB>target`` per line."""
    pairs = ja_to_en_pairs(glossary)
    problems = check_deepl_entries(pairs)
    if problems:
        raise InputError([f"{glossary.path or 'terms.tsv'}: {problem}" for problem in problems])
    return "".join(f"{source}\t{target}\n" for source, target in pairs).encode("utf-8")


def google(glossary: Glossary) -> bytes:
    """Google Cloud Translation unidirectional glossary: 2-column CSV ``ja,en``, no header."""
    pairs = ja_to_en_pairs(glossary)
    duplicates = sorted(source for source, count in Counter(source for source, _ in pairs).items() if count > 1)
    if duplicates:
        raise InputError(f"{glossary.path or 'terms.tsv'}: Google glossary: duplicate source terms {duplicates}")
    return write_csv(Table(["ja", "en"], [list(pair) for pair in pairs]), bom=False, header=False)


def google_sets(glossary: Glossary) -> bytes:
    """Google Cloud Translation equivalent term sets: header ``ja,en,description``, one row per concept."""
    rows = [[concept.ja, concept.en, concept.note] for concept in glossary if not untranslated(concept)]
    return write_csv(Table(["ja", "en", "description"], rows), bom=False)


def memoq(glossary: Glossary) -> bytes:
    """memoQ delimited term-base import: tab-separated UTF-8, synonyms split by '|'."""
    header = ["Japanese", "English", "Japanese_Forbidden", "English_Forbidden", "Entry_Note", "Entry_Subject"]
    rows = [
        [
            joined(concept.admitted_ja),
            joined(english_forms(concept)),
            joined(concept.ja_deprecated),
            joined(concept.en_forbidden),
            _note_with_sources(concept),
            concept.type,
        ]
        for concept in glossary
    ]
    return write_csv(Table(header, rows), delimiter="\t")


def _note_with_sources(concept: Concept) -> str:
    sources = f"Source: {', '.join(concept.source)}" if concept.source else ""
    return " ".join(part for part in (concept.note, sources) if part)


def trados(glossary: Glossary) -> bytes:
    """XLSX for Trados' Glossary Converter / MultiTerm: language names in the first row."""
    header = ["Japanese", "English", "Deprecated Japanese", "Forbidden English", "Note", "Type", "Source", "Concept ID", "Confusables"]
    rows = [
        [
            joined(concept.admitted_ja),
            joined(english_forms(concept)),
            joined(concept.ja_deprecated),
            joined(concept.en_forbidden),
            concept.note,
            concept.type,
            joined(concept.source),
            concept.id,
            joined(concept.confusables),
        ]
        for concept in glossary
    ]
    lines = [concept.line for concept in glossary]
    return write_xlsx(Table(header, rows, lines), sheet_title="Glossary", path=glossary.path or "terms.tsv")


# Characters XML 1.0 cannot hold, not even as a character reference.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_checked(write: Callable[[Glossary], bytes], kind: str) -> Callable[[Glossary], bytes]:
    """``write`` after saying where a field holds a character XML cannot carry (lxml would
    fail deep inside with "All strings must be XML compatible")."""

    def checked(glossary: Glossary) -> bytes:
        path = glossary.path or "terms.tsv"
        problems = [
            located(path, concept.line or None, f"column '{name}': control character U+{ord(bad.group()):04X} cannot be stored in {kind}")
            for concept in glossary
            for name, field in concept.to_dict().items()
            for value in _values(field)
            if (bad := _NOT_XML.search(value))
        ]
        if problems:
            raise InputError(problems)
        return write(glossary)

    return checked


def _values(value: object) -> list[str]:
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return [value] if isinstance(value, str) else []


def full_csv(glossary: Glossary) -> bytes:
    return write_csv(glossary_table(glossary))


def full_xlsx(glossary: Glossary) -> bytes:
    return write_xlsx(glossary_table(glossary), path=glossary.path or "terms.tsv")


EXPORTERS: dict[str, Exporter] = {
    exporter.name: exporter
    for exporter in (
        Exporter("tbx", _xml_checked(write_tbx, "TBX"), ".tbx", "TBX-Basic (ISO 30042:2019, DCA), statuses, notes, sources, cross-references"),
        Exporter("omegat", omegat, ".utf8", "OmegaT glossary, source<TAB>target<TAB>comment, UTF-8"),
        Exporter("deepl", deepl, ".tsv", "DeepL glossary TSV, ja→en, every Japanese form → preferred English"),
        Exporter("google", google, ".csv", "Google Cloud Translation unidirectional glossary (2-column CSV)"),
        Exporter("google-sets", google_sets, ".csv", "Google Cloud Translation equivalent term sets (ja,en,description)"),
        Exporter("memoq", memoq, ".txt", "memoQ term-base import (tab-separated, synonyms split by |)"),
        Exporter("trados", trados, ".xlsx", "XLSX for Trados Glossary Converter / MultiTerm"),
        Exporter("phrase", _xml_checked(write_phrase_tbx, "TBX"), ".tbx", "Phrase TMS term base import (TBX 2008 with Phrase's preferred/forbidden flags)"),
        Exporter("prh", write_prh, ".yml", "prh YAML dictionary for textlint-rule-prh"),
        Exporter("csv", full_csv, ".csv", "the whole glossary, every terms.tsv column (UTF-8 with BOM)"),
        Exporter("xlsx", full_xlsx, ".xlsx", "the whole glossary, every terms.tsv column"),
    )
}


# MT and OmegaT glossaries map a Japanese form to an English one: concepts without English stay out.
LEAVE_OUT_UNTRANSLATED = ("omegat", "deepl", "google", "google-sets")


def left_out(glossary: Glossary, fmt: str) -> list[str]:
    """Ids of the concepts that the ``fmt`` export leaves out (no English yet)."""
    return [concept.id for concept in glossary if untranslated(concept)] if fmt in LEAVE_OUT_UNTRANSLATED else []


def export_glossary(glossary: Glossary, fmt: str) -> bytes:
    if fmt not in EXPORTERS:
        raise InputError(f"--to: unknown format '{fmt}' (known: {', '.join(EXPORTERS)})")
    return EXPORTERS[fmt].write(glossary)
