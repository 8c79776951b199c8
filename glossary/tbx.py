"""TBX: writing TBX-Basic (ISO 30042:2019, DCA style) and reading TBX-Basic or TBX 2008.

The mapping, both ways (documented in the README):

* one ``conceptEntry`` per concept, ``id`` = the concept id (prefixed with
  ``_`` when it starts with a digit, because an XML ID cannot; ``_`` never
  occurs in a yakugo id, so reading strips it back);
* ``langSec xml:lang="ja"`` and ``"en"``, one ``termSec`` per form, its status
  in ``termNote type="administrativeStatus"``: ``ja``/``en`` →
  ``preferredTerm-admn-sts``, variants → ``admittedTerm-admn-sts``,
  ``ja_deprecated``/``en_forbidden`` → ``deprecatedTerm-admn-sts``;
* ``note`` → a concept-level ``note``; ``type``, ``context_cues``,
  ``context_avoid`` and the other columns of ``LIST_NOTE_COLUMNS`` (no TBX-Basic data category fits them) → concept-level
  notes ``NAME: VALUE`` (lists joined with ``|``), read back by that prefix;
  each ``source`` → ``admin type="source"`` on the concept;
  each confusable → ``ref type="crossReference"`` whose ``target`` is the other
  concept's ``conceptEntry`` id and whose text is its English;
* a concept whose ``en`` is the ``(untranslated)`` placeholder has no English
  ``langSec``; reading such an entry gives the placeholder back.

Phrase TMS (``write_phrase_tbx``) gets the same content in the TBX 2008 shape
it writes itself (``martif``/``termEntry``/``langSet``/``tig``) with its own
term flags ``termNote type="preferred"``/``"forbidden"`` set to ``true``;
reading understands those flags too, so a Phrase export comes back in.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from yakugo.glossary.model import LIST_SEPARATOR, Concept, Glossary
from yakugo.glossary.tsv import split_list
from yakugo.glossary.xmlsafe import parse_xml, source_line

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATUS_TO_TBX = {
    "preferred": "preferredTerm-admn-sts",
    "variant": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
    "forbidden": "deprecatedTerm-admn-sts",
}
# Phrase TMS term attributes (termNote types with the value true), by yakugo status.
PHRASE_FLAGS = {"preferred": "preferred", "deprecated": "forbidden", "forbidden": "forbidden"}
# Columns no TBX-Basic data category fits: kept as "column: value" notes so a round trip loses nothing.
LIST_NOTE_COLUMNS = ("context_cues", "context_avoid", "ja_blocked", "ja_shared", "referent_cues", "ja_abbreviations", "ja_replacements", "en_deprecated")
NOTE_COLUMNS = ("type", *LIST_NOTE_COLUMNS)
COLUMN_NOTE = re.compile(r"(" + "|".join(NOTE_COLUMNS) + r"):\s*(.*)")
UNTRANSLATED = "(untranslated)"
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


def tbx_id(concept_id: str) -> str:
    """An XML ID for a concept id (XML IDs may not start with a digit)."""
    return concept_id if concept_id[:1].isalpha() else f"_{concept_id}"


def concept_id_from_tbx(value: str | None) -> str:
    """Back from an XML ID: our own ``_`` prefix is dropped, foreign ids are slugged."""
    return _SLUG_JUNK.sub("-", (value or "").lower()).strip("-")


def _element(parent: etree._Element, name: str, text: str | None = None, namespace: str | None = TBX_NS, **attributes: str):
    child = etree.SubElement(parent, f"{{{namespace}}}{name}" if namespace else name, attributes)
    child.text = text
    return child


def _concept_metadata(entry: etree._Element, concept: Concept, glossary: Glossary, namespace: str | None) -> None:
    """Note, column notes, sources and cross-references: the same in TBX-Basic and in TBX 2008."""
    if concept.note:
        _element(entry, "note", concept.note, namespace)
    for name in NOTE_COLUMNS:
        value = concept.get(name)
        if value:
            _element(entry, "note", f"{name}: {LIST_SEPARATOR.join(value) if isinstance(value, list) else value}", namespace)
    for source in concept.source:
        _element(entry, "admin", source, namespace, type="source")
    for other in concept.confusables:
        label = glossary[other].en if other in glossary else other
        _element(entry, "ref", label, namespace, type="crossReference", target=tbx_id(other))


def _language_forms(concept: Concept) -> list[tuple[str, list[tuple[str, str]]]]:
    """``[("ja", forms), ("en", forms)]``; no English entry while ``en`` is the placeholder."""
    japanese: list[tuple[str, str]] = list(concept.ja_forms())
    english: list[tuple[str, str]] = [(text, status) for text, status in concept.en_forms() if text != UNTRANSLATED]
    return [(language, forms) for language, forms in (("ja", japanese), ("en", english)) if forms]


def _source_description(glossary: Glossary) -> str:
    return f"Exported by yakugo from {Path(glossary.path or 'terms.tsv').name}"


def write_tbx(glossary: Glossary) -> bytes:
    root = etree.Element(f"{{{TBX_NS}}}tbx", {"type": "TBX-Basic", "style": "dca", XML_LANG: "ja"}, nsmap={None: TBX_NS})  # type: ignore[dict-item]  # lxml-stubs: None is the default namespace's prefix
    header = _element(root, "tbxHeader")
    file_description = _element(header, "fileDesc")
    title = _element(file_description, "titleStmt")
    _element(title, "title", "yakugo Japanese-English security glossary")
    source_description = _element(file_description, "sourceDesc")
    _element(source_description, "p", _source_description(glossary))
    body = _element(_element(root, "text"), "body")
    for concept in glossary:
        entry = _element(body, "conceptEntry", id=tbx_id(concept.id))
        _concept_metadata(entry, concept, glossary, TBX_NS)
        for language, forms in _language_forms(concept):
            section = _element(entry, "langSec", **{XML_LANG: language})
            for text, status in forms:
                term_section = _element(section, "termSec")
                _element(term_section, "term", text)
                _element(term_section, "termNote", STATUS_TO_TBX[status], type="administrativeStatus")
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_phrase_tbx(glossary: Glossary) -> bytes:
    """TBX as Phrase TMS writes and reads it: TBX 2008 ``martif`` (``termEntry``/``langSet``/``tig``)
    with Phrase's own term attributes ``termNote type="preferred"`` and ``type="forbidden"`` (``true``).

    Phrase keeps a ``forbidden`` flag, not TBX's ``administrativeStatus``; admitted forms carry neither.
    """
    root = etree.Element("martif", {"type": "TBX", XML_LANG: "ja"})
    header = _element(root, "martifHeader", namespace=None)
    file_description = _element(header, "fileDesc", namespace=None)
    _element(_element(file_description, "sourceDesc", namespace=None), "p", _source_description(glossary), None)
    body = _element(_element(root, "text", namespace=None), "body", namespace=None)
    for concept in glossary:
        entry = _element(body, "termEntry", namespace=None, id=tbx_id(concept.id))
        _concept_metadata(entry, concept, glossary, None)
        for language, forms in _language_forms(concept):
            section = _element(entry, "langSet", namespace=None, **{XML_LANG: language})
            for text, status in forms:
                term_section = _element(section, "tig", namespace=None)
                _element(term_section, "term", text, None)
                flag = PHRASE_FLAGS.get(status)
                if flag:
                    _element(term_section, "termNote", "true", None, type=flag)
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# ---------------------------------------------------------------- reading


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _children(element: etree._Element, *names: str) -> list[etree._Element]:
    return [child for child in element if _local(child) in names]


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())  # type: ignore[arg-type]  # lxml-stubs: itertext() yields str, not str | bytes


def _status(value: str) -> str:
    """``preferred``, ``variant`` or ``deprecated`` from any TBX status spelling."""
    value = value.strip().lower()
    if value.startswith("preferred"):
        return "preferred"
    if value.startswith(("deprecated", "superseded", "notrecommended", "obsolete", "forbidden")):
        return "deprecated"
    return "variant"


def _own_metadata(element: etree._Element, stop: tuple[str, ...]):
    """Descendants of ``element`` that belong to it, not to a nested language or term."""
    for child in element:
        if not isinstance(child.tag, str) or _local(child) in stop:
            continue
        yield child
        yield from _own_metadata(child, stop)


TERM_SECTIONS = ("termSec", "tig", "ntig")
PHRASE_STATUS = {"forbidden": "deprecated", "preferred": "preferred"}
LANGUAGE_SECTIONS = ("langSec", "langSet")


def read_tbx(data: bytes, path: str = "<tbx>") -> tuple[list[Concept], list[str]]:
    """Concepts from a TBX-Basic (``tbx``) or TBX 2008 (``martif``) file, and notes on what was skipped."""
    root = parse_xml(data, path).getroot()
    entries = [element for element in root.iter() if isinstance(element.tag, str) and _local(element) in ("conceptEntry", "termEntry")]
    id_of_entry = {entry_id: concept_id_from_tbx(entry_id) for entry in entries if (entry_id := entry.get("id"))}
    concepts: list[Concept] = []
    skipped: list[str] = []
    for entry in entries:
        concept = _concept_of_entry(entry, id_of_entry)
        if concept is None:
            skipped.append(f"{path}:{entry.sourceline}: entry without an admitted Japanese term skipped")
            continue
        concept.line = source_line(entry) or 0
        concepts.append(concept)
    return concepts, skipped


def _concept_of_entry(entry: etree._Element, id_of_entry: dict[str, str]) -> Concept | None:
    forms: dict[str, list[tuple[str, str]]] = {"ja": [], "en": []}
    notes: list[str] = []
    sources: list[str] = []
    confusables: list[str] = []
    columns: dict[str, str] = {}

    def collect(element: etree._Element, scope_label: str) -> None:
        for node in _own_metadata(element, LANGUAGE_SECTIONS + TERM_SECTIONS):
            name, kind = _local(node), node.get("type", "")
            if name == "admin" and kind == "source":
                sources.append(_text(node))
            elif name == "ref" and kind == "crossReference" and node.get("target") in id_of_entry:
                confusables.append(id_of_entry[node.get("target")])
            elif name == "note" or (name == "descrip" and kind == "definition"):
                text = _text(node)
                column_note = COLUMN_NOTE.fullmatch(text)
                if name == "note" and not scope_label and column_note:
                    columns[column_note.group(1)] = column_note.group(2)
                elif text:
                    notes.append(f"{scope_label}: {text}" if scope_label else text)

    collect(entry, "")
    for language in (node for node in entry.iter() if isinstance(node.tag, str) and _local(node) in LANGUAGE_SECTIONS):
        code = (language.get(XML_LANG) or language.get("lang") or "").lower()
        bucket = forms["ja"] if code.startswith("ja") else forms["en"] if code.startswith("en") else None
        collect(language, "")
        for section in (node for node in language.iter() if isinstance(node.tag, str) and _local(node) in TERM_SECTIONS):
            term = next((node for node in section.iter() if isinstance(node.tag, str) and _local(node) == "term"), None)
            if term is None or not _text(term):
                continue
            status = "variant"
            for node in section.iter():
                if not isinstance(node.tag, str) or _local(node) != "termNote":
                    continue
                kind = node.get("type")
                if kind in ("administrativeStatus", "normativeAuthorization"):
                    status = _status(_text(node))
                elif kind in PHRASE_STATUS and _text(node).lower() == "true":  # Phrase TMS's own flags
                    status = PHRASE_STATUS[kind]
            collect(section, _text(term))
            if bucket is not None:
                bucket.append((_text(term), status))
    ja, ja_variants, ja_deprecated = _split_by_status(forms["ja"])
    if not ja:
        return None
    en, en_variants, en_forbidden = _split_by_status(forms["en"])
    return Concept(
        id=id_of_entry.get(entry.get("id", ""), ""),
        ja=ja,
        en=en or UNTRANSLATED,
        ja_variants=ja_variants,
        ja_deprecated=ja_deprecated,
        en_variants=en_variants,
        en_forbidden=en_forbidden,
        confusables=list(dict.fromkeys(confusables)),
        type=columns.get("type", ""),
        **_list_columns(columns),  # type: ignore[arg-type]  # every key is a list field of Concept
        note=" / ".join(dict.fromkeys(notes)),
        source=list(dict.fromkeys(sources)),
    )


def _list_columns(columns: dict[str, str]) -> dict[str, list[str]]:
    """The list columns kept as TBX column notes, split back into lists."""
    return {name: split_list(columns.get(name, "")) for name in LIST_NOTE_COLUMNS}


def _split_by_status(forms: list[tuple[str, str]]) -> tuple[str, list[str], list[str]]:
    """(preferred, admitted, deprecated); the first preferred form wins, else the first admitted one."""
    preferred = next((text for text, status in forms if status == "preferred"), "")
    if not preferred:
        preferred = next((text for text, status in forms if status == "variant"), "")
    admitted = [text for text, status in forms if status != "deprecated" and text != preferred]
    deprecated = [text for text, status in forms if status == "deprecated" and text != preferred]
    return preferred, list(dict.fromkeys(admitted)), list(dict.fromkeys(deprecated))
