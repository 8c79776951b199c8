"""Reading Japanese→English bilingual input: a line-aligned pair of files, TSV, TMX, XLIFF.

Every reader returns the same thing, a list of ``Segment`` (Japanese source,
English target, an id a reviewer can find again: the line number for text and
TSV, the unit id for TMX and XLIFF). Japanese must be the source; a file that
says (or shows) the opposite direction is an input error, not something to
guess around.

XML comes from CAT tools and is untrusted: it is parsed by ``glossary.xmlsafe``
(defusedxml refuses entity declarations, then lxml builds the tree with entity
substitution, DTD loading and network access all switched off). The units are read
here rather than through translate-toolkit's stores because a TMX ``<tu>``
lists its languages in any order, a check needs each unit's line, and inline
codes (``<ph>``, ``<bpt>``, ``<x/>``) must not leak their native markup into
the text that terms are matched in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from lxml import etree

from yakugo.glossary.errors import InputError, located
from yakugo.glossary.textfile import TextFile, read_text
from yakugo.glossary.xmlsafe import parse_xml as safe_parse_xml, source_line

BilingualFormat = Literal["tsv", "tmx", "xliff"]
FORMATS: tuple[str, ...] = ("tsv", "tmx", "xliff")

XLIFF_1_NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF_2_NAMESPACE_PREFIX = "urn:oasis:names:tc:xliff:document:2."
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Header cells a TSV of pairs may start with (lower-cased), by side.
_SOURCE_HEADERS = {"ja", "ja-jp", "jpn", "japanese", "source", "src", "日本語", "原文"}
_TARGET_HEADERS = {"en", "en-us", "en-gb", "eng", "english", "target", "tgt", "trg", "英語", "訳文"}
# Hiragana, katakana, CJK ideographs (and the iteration mark 々).
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々]")
_XML_DECLARED_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*?encoding\s*=\s*["'])[^"']*(["'])""")
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")
# Inline codes whose content is the original document's markup, not text.
_NATIVE_CODE = {"bpt", "ept", "ph", "it", "ut", "sub"}
# XLIFF 1.2 target states of a target that is not a translation yet (often a copy of the source).
_UNTRANSLATED_1 = {"new", "needs-translation"}


@dataclass(frozen=True)
class Segment:
    """One translation unit: ``id`` is the line number as a string for text and TSV,
    the unit id for TMX and XLIFF; ``line`` is where it starts in the file."""

    id: str
    source: str
    target: str
    line: int | None


def read_bilingual(
    path: str | None = None,
    *,
    source: str | None = None,
    target: str | None = None,
    fmt: str | None = None,
) -> list[Segment]:
    """Read Japanese→English pairs from ``path`` (TSV, TMX or XLIFF 1.2/2.x, told apart
    by content unless ``fmt`` says), or from the line-aligned files ``source`` and ``target``.

    Raises ``InputError`` (``PATH:LINE: message``) for unreadable or malformed input,
    a reversed language direction, or line counts that differ.
    """
    if path is not None and (source is not None or target is not None):
        raise InputError(located(path, None, "give either one bilingual file or --source and --target, not both"))
    if path is None:
        if source is None or target is None:
            raise InputError("<input>: give a bilingual file (TSV, TMX, XLIFF), or both --source and --target")
        return read_line_aligned(source, target)
    if fmt is not None and fmt not in FORMATS:
        raise InputError(located(path, None, f"unknown bilingual format '{fmt}' (expected one of {', '.join(FORMATS)})"))
    file = read_text(path)
    detected = detect_format(file)
    if fmt is not None and fmt != detected:
        raise InputError(located(path, None, f"this looks like {detected.upper()}, not {fmt.upper()}"))
    if detected == "tsv":
        return parse_tsv(file)
    root = parse_xml(file)
    if detected == "tmx":
        return parse_tmx(root, file.path)
    return parse_xliff(root, file.path)


def detect_format(file: TextFile) -> BilingualFormat:
    """``tmx`` or ``xliff`` by the XML root element, ``tsv`` for anything that is not XML."""
    head = file.text.lstrip()
    if not head.startswith("<"):
        return "tsv"
    root = re.search(r"<(?![?!])(?:[\w.-]+:)?([\w.-]+)", head)
    name = root.group(1).lower() if root else ""
    if name == "tmx":
        return "tmx"
    if name == "xliff":
        return "xliff"
    raise InputError(located(file.path, 1, f"XML with root <{name or '?'}> is neither TMX nor XLIFF"))


# ---------------------------------------------------------------------------
# Plain text and TSV


def read_line_aligned(source: str, target: str) -> list[Segment]:
    """Two files with one segment per line; their line counts must agree."""
    source_lines = _content_lines(read_text(source))
    target_lines = _content_lines(read_text(target))
    if len(source_lines) != len(target_lines):
        shorter = min(len(source_lines), len(target_lines))
        raise InputError(
            located(
                target,
                shorter + 1,
                f"{len(target_lines)} lines but the source {source} has {len(source_lines)}: "
                "the files must be line-aligned",
            )
        )
    segments = [
        Segment(str(number), ja, en, number)
        for number, (ja, en) in enumerate(zip(source_lines, target_lines), start=1)
    ]
    _require_japanese_source(segments, target)
    return segments


def parse_tsv(file: TextFile) -> list[Segment]:
    """``ja<TAB>en`` per line; ``#`` comments, blank lines and one header line are skipped."""
    segments: list[Segment] = []
    problems: list[str] = []
    header_allowed = True
    for number, line in enumerate(_content_lines(file), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        while len(cells) > 2 and not cells[-1].strip():
            cells.pop()  # trailing empty cells from spreadsheet exports
        if header_allowed:
            header_allowed = False
            names = [cell.strip().lower() for cell in cells]
            if len(names) == 2 and names[0] in _TARGET_HEADERS and names[1] in _SOURCE_HEADERS:
                raise InputError(located(file.path, number, "the header puts English first: Japanese must be the source column"))
            if len(names) == 2 and names[0] in _SOURCE_HEADERS and names[1] in _TARGET_HEADERS:
                continue
        if len(cells) != 2:
            problems.append(located(file.path, number, f"{len(cells)} cells, expected 2 (Japanese<TAB>English)"))
            continue
        segments.append(Segment(str(number), cells[0].strip(), cells[1].strip(), number))
    if problems:
        raise InputError(problems)
    _require_japanese_source(segments, file.path)
    return segments


def _content_lines(file: TextFile) -> list[str]:
    lines = file.lines()
    if lines and lines[-1] == "":
        lines.pop()  # the final line ending
    return lines


def _require_japanese_source(segments: list[Segment], path: str) -> None:
    """Files without language labels: refuse them when only the target side is Japanese."""
    if any(_JAPANESE.search(segment.source) for segment in segments):
        return
    for segment in segments:
        if _JAPANESE.search(segment.target):
            raise InputError(
                located(path, segment.line, "the Japanese is on the target side: Japanese must be the source")
            )


# ---------------------------------------------------------------------------
# XML: TMX 1.4, XLIFF 1.2 and XLIFF 2.x


def parse_xml(file: TextFile) -> etree._Element:
    """Parse untrusted XML with ``glossary.xmlsafe`` (entity declarations refused, no DTD,
    no network). The text is already decoded (BOM, UTF-16, Shift_JIS), so it goes to the
    parser as UTF-8 with its declaration saying so."""
    text = _XML_DECLARED_ENCODING.sub(r"\1UTF-8\2", file.text, count=1)
    return safe_parse_xml(text.encode("utf-8"), file.path).getroot()


def parse_tmx(root: etree._Element, path: str) -> list[Segment]:
    header = _first_child(root, "header")
    if header is None:
        raise InputError(located(path, source_line(root), "TMX without a <header>"))
    default_source = header.get("srclang", "")
    segments: list[Segment] = []
    for number, unit in enumerate(_descendants(root, "tu"), start=1):
        variants = [(_tuv_language(tuv), tuv) for tuv in _children(unit, "tuv")]
        declared = unit.get("srclang", default_source)
        source_language = declared
        if declared.lower() in ("", "*all*"):
            source_language = next((lang for lang, _ in variants if _is_japanese(lang)), declared)
        if not _is_japanese(source_language):
            if any(_is_japanese(lang) for lang, _ in variants):
                raise InputError(
                    located(path, source_line(unit), f"source language is '{source_language}': Japanese must be the source")
                )
            raise InputError(located(path, source_line(unit), f"no Japanese <tuv> (source language '{declared}')"))
        source_tuv = next((tuv for lang, tuv in variants if _same_language(lang, source_language)), None)
        if source_tuv is None:
            raise InputError(located(path, source_line(unit), f"no <tuv> in the source language '{source_language}'"))
        target_tuvs = [(lang, tuv) for lang, tuv in variants if tuv is not source_tuv]
        english = [tuv for lang, tuv in target_tuvs if _is_english(lang)]
        if target_tuvs and not english:
            found = ", ".join(sorted({lang for lang, _ in target_tuvs}))
            raise InputError(located(path, source_line(unit), f"no English <tuv> (found {found})"))
        segments.append(
            Segment(
                unit.get("tuid") or str(number),
                _inline_text(_first_child(source_tuv, "seg")),
                _inline_text(_first_child(english[0], "seg")) if english else "",
                source_line(unit),
            )
        )
    return segments


def parse_xliff(root: etree._Element, path: str) -> list[Segment]:
    namespace = etree.QName(root).namespace or ""
    version = root.get("version", "")
    if namespace.startswith(XLIFF_2_NAMESPACE_PREFIX) or version.startswith("2"):
        return _parse_xliff_2(root, path)
    if namespace not in ("", XLIFF_1_NAMESPACE) or (version and not version.startswith("1")):
        raise InputError(located(path, source_line(root), f"unsupported XLIFF version '{version or namespace}'"))
    return _parse_xliff_1(root, path)


def _parse_xliff_1(root: etree._Element, path: str) -> list[Segment]:
    segments: list[Segment] = []
    number = 0
    for file_element in _descendants(root, "file"):
        _check_direction(path, file_element, file_element.get("source-language", ""), file_element.get("target-language"))
        for unit in _descendants(file_element, "trans-unit"):
            number += 1
            source = _first_child(unit, "source")
            target = _first_child(unit, "target")
            if source is None:
                raise InputError(located(path, source_line(unit), "<trans-unit> without <source>"))
            unit_id = unit.get("id") or str(number)
            if unit.get("translate") == "no" or (target is not None and target.get("state") in _UNTRANSLATED_1):
                target = None
            source_parts = _seg_marks(_first_child(unit, "seg-source"))
            if len(source_parts) < 2:
                segments.append(Segment(unit_id, _inline_text(source), _inline_text(target), source_line(unit)))
                continue
            # Segmented by <mrk mtype="seg">: one segment per mid, named "unit::mid" as in XLIFF 2.
            target_parts = {mark.get("mid"): mark for mark in _seg_marks(target)}
            for mark in source_parts:
                mid = mark.get("mid", "")
                segments.append(
                    Segment(f"{unit_id}::{mid}", _inline_text(mark), _inline_text(target_parts.get(mid)), source_line(mark))
                )
    return segments


def _seg_marks(element: etree._Element | None) -> list[etree._Element]:
    """The ``<mrk mtype="seg">`` sentences of an XLIFF 1.2 ``<seg-source>`` or ``<target>``."""
    if element is None:
        return []
    return [node for node in element.iter() if _local(node) == "mrk" and node.get("mtype") == "seg"]


def _parse_xliff_2(root: etree._Element, path: str) -> list[Segment]:
    _check_direction(path, root, root.get("srcLang", ""), root.get("trgLang"))
    segments: list[Segment] = []
    for number, unit in enumerate(_descendants(root, "unit"), start=1):
        unit_id = unit.get("id") or str(number)
        parts = _children(unit, "segment")
        for index, part in enumerate(parts, start=1):
            source = _first_child(part, "source")
            if source is None:
                raise InputError(located(path, source_line(part), "<segment> without <source>"))
            # One segment: the unit id; several: "unit::segment", as translate-toolkit names them.
            segment_id = unit_id if len(parts) == 1 else f"{unit_id}::{part.get('id') or index}"
            target = _first_child(part, "target")
            if unit.get("translate") == "no" or part.get("state") == "initial":
                target = None  # not translated yet (or not to be): nothing to check
            segments.append(Segment(segment_id, _inline_text(source), _inline_text(target), source_line(part)))
    return segments


def _check_direction(path: str, element: etree._Element, source_language: str, target_language: str | None) -> None:
    if not source_language:
        raise InputError(located(path, source_line(element), "no source language declared: Japanese must be the source"))
    if not _is_japanese(source_language):
        raise InputError(
            located(path, source_line(element), f"source language is '{source_language}': Japanese must be the source")
        )
    if target_language and not _is_english(target_language):
        raise InputError(
            located(path, source_line(element), f"target language is '{target_language}': English must be the target")
        )


def _inline_text(element: etree._Element | None) -> str:
    """The text of a segment, keeping the content of ``<g>``, ``<pc>``, ``<mrk>``, ``<hi>``,
    dropping native codes, comments and unresolved entities; line breaks become spaces."""
    if element is None:
        return ""
    parts: list[str] = []
    _collect_text(element, parts)
    return _LINE_BREAKS.sub(" ", "".join(parts)).strip()


def _collect_text(element: etree._Element, parts: list[str]) -> None:
    if element.text:
        parts.append(element.text)
    for child in element:
        if isinstance(child.tag, str):
            name = etree.QName(child).localname
            if name == "cp":  # XLIFF 2: a code point XML cannot carry
                try:
                    parts.append(chr(int(child.get("hex", ""), 16)))
                except ValueError:
                    pass
            elif name not in _NATIVE_CODE:
                _collect_text(child, parts)
        if child.tail:
            parts.append(child.tail)


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if _local(child) == name]


def _first_child(element: etree._Element, name: str) -> etree._Element | None:
    return next((child for child in element if _local(child) == name), None)


def _descendants(element: etree._Element, name: str) -> list[etree._Element]:
    return [node for node in element.iter() if _local(node) == name and node is not element]


def _tuv_language(tuv: etree._Element) -> str:
    return tuv.get(XML_LANG) or tuv.get("lang") or ""  # TMX 1.1 used a plain lang attribute


def _primary(language: str) -> str:
    return language.replace("_", "-").split("-")[0].lower()


def _is_japanese(language: str) -> bool:
    return _primary(language) in ("ja", "jpn")


def _is_english(language: str) -> bool:
    return _primary(language) in ("en", "eng")


def _same_language(a: str, b: str) -> bool:
    return _primary(a) == _primary(b)
