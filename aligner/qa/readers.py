"""Reading bilingual input in either direction: a line-aligned pair of files, TSV, TMX, XLIFF.

Every reader returns the same thing, a list of ``Segment`` (source, target, an
id a reviewer can find again: the line number for text and TSV, the unit id
for TMX and XLIFF, and the direction, ``ja-en`` or ``en-ja``). The direction is
told from the file: language attributes (TMX ``srclang``, XLIFF
``source-language``/``srcLang``), a TSV header (``ja<TAB>en``, ``en<TAB>ja``),
or else which side is written in Japanese. ``direction=`` insists on one: a
file that says (or shows) the other is an input error, not something to guess
around, and so is one input that mixes the two directions.

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
from dataclasses import dataclass, replace
from typing import Literal, cast

from lxml import etree

from yakugo.aligner.core.script import has_japanese, is_japanese_text, japanese_share
from yakugo.glossary.errors import InputError, located
from yakugo.glossary.textfile import TextFile, read_text
from yakugo.glossary.xmlsafe import parse_xml as safe_parse_xml, source_line

BilingualFormat = Literal["tsv", "tmx", "xliff"]
FORMATS: tuple[str, ...] = ("tsv", "tmx", "xliff")
Direction = Literal["ja-en", "en-ja"]
DIRECTIONS: tuple[Direction, ...] = ("ja-en", "en-ja")

XLIFF_1_NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF_2_NAMESPACE_PREFIX = "urn:oasis:names:tc:xliff:document:2."
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Header cells a TSV of pairs may start with (lower-cased): languages, and sides.
_JAPANESE_HEADERS = {"ja", "ja-jp", "jpn", "japanese", "日本語"}
_ENGLISH_HEADERS = {"en", "en-us", "en-gb", "eng", "english", "英語"}
_SOURCE_HEADERS = {"source", "src", "原文"}
_TARGET_HEADERS = {"target", "tgt", "trg", "訳文"}
_HEADERS = _JAPANESE_HEADERS | _ENGLISH_HEADERS | _SOURCE_HEADERS | _TARGET_HEADERS
# A side of a pair shows its language when its weighted Japanese share is at least
# this (Japanese) or under the other bound (English); in between it shows nothing.
_ENGLISH_SIDE_SHARE = 0.1
_LANGUAGE_NAME = {"ja-en": ("Japanese", "English"), "en-ja": ("English", "Japanese")}
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
    direction: Direction = "ja-en"

    @property
    def japanese(self) -> str:
        """The Japanese side (the source for ja-en, the target for en-ja)."""
        return self.source if self.direction == "ja-en" else self.target

    @property
    def english(self) -> str:
        return self.target if self.direction == "ja-en" else self.source


def read_bilingual(
    path: str | None = None,
    *,
    source: str | None = None,
    target: str | None = None,
    fmt: str | None = None,
    direction: str | None = None,
) -> list[Segment]:
    """Read bilingual pairs from ``path`` (TSV, TMX or XLIFF 1.2/2.x, told apart by content
    unless ``fmt`` says), or from the line-aligned files ``source`` and ``target``.

    The direction (``ja-en`` or ``en-ja``) is told from the file unless ``direction``
    insists on one. Raises ``InputError`` (``PATH:LINE: message``) for unreadable or
    malformed input, a file in the other direction than the one insisted on, an input
    mixing directions, or line counts that differ.
    """
    if direction is not None and direction not in DIRECTIONS:
        raise InputError(f"<input>: unknown direction '{direction}' (expected {' or '.join(DIRECTIONS)})")
    insisted = cast("Direction | None", direction)
    if path is not None and (source is not None or target is not None):
        raise InputError(located(path, None, "give either one bilingual file or --source and --target, not both"))
    if path is None:
        if source is None or target is None:
            raise InputError("<input>: give a bilingual file (TSV, TMX, XLIFF), or both --source and --target")
        return read_line_aligned(source, target, insisted)
    if fmt is not None and fmt not in FORMATS:
        raise InputError(located(path, None, f"unknown bilingual format '{fmt}' (expected one of {', '.join(FORMATS)})"))
    file = read_text(path)
    detected = detect_format(file)
    if fmt is not None and fmt != detected:
        raise InputError(located(path, None, f"this looks like {detected.upper()}, not {fmt.upper()}"))
    if detected == "tsv":
        return parse_tsv(file, insisted)
    root = parse_xml(file)
    if detected == "tmx":
        return parse_tmx(root, file.path, insisted)
    return parse_xliff(root, file.path, insisted)


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


def read_line_aligned(source: str, target: str, direction: Direction | None = None) -> list[Segment]:
    """Two files with one segment per line; their line counts must agree. The direction is
    ``direction``, else told from which side is written in Japanese."""
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
    return _settle_direction(segments, target, direction)


def parse_tsv(file: TextFile, direction: Direction | None = None) -> list[Segment]:
    """``source<TAB>target`` per line; ``#`` comments, blank lines and one header line are
    skipped. A header naming languages (``ja<TAB>en``, ``en<TAB>ja``) tells the direction;
    otherwise (or with ``source<TAB>target``) the content does."""
    segments: list[Segment] = []
    problems: list[str] = []
    declared: Direction | None = None
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
            if len(names) == 2 and names[0] in _HEADERS and names[1] in _HEADERS:
                declared = _header_direction(file.path, number, names[0], names[1], direction)
                continue
        if len(cells) != 2:
            first, second = _LANGUAGE_NAME[declared or direction or "ja-en"]
            problems.append(located(file.path, number, f"{len(cells)} cells, expected 2 ({first}<TAB>{second})"))
            continue
        segments.append(Segment(str(number), cells[0].strip(), cells[1].strip(), number))
    if problems:
        raise InputError(problems)
    return _settle_direction(segments, file.path, direction or declared, declared=declared is not None)


def _header_direction(path: str, line: int, first: str, second: str, insisted: Direction | None) -> Direction | None:
    """The direction a TSV header names (None for ``source<TAB>target``, which leaves it to the content)."""
    if first in _TARGET_HEADERS or second in _SOURCE_HEADERS:
        raise InputError(located(path, line, "the header puts the target first: the source must be the first column"))
    languages = {"ja": _JAPANESE_HEADERS, "en": _ENGLISH_HEADERS}
    source_language = next((code for code, names in languages.items() if first in names), None)
    target_language = next((code for code, names in languages.items() if second in names), None)
    if source_language is not None and source_language == target_language:
        raise InputError(located(path, line, f"the header names one language twice ({first}, {second})"))
    if source_language == "ja" or target_language == "en":
        declared: Direction = "ja-en"
    elif source_language == "en" or target_language == "ja":
        declared = "en-ja"
    else:
        return None
    if insisted is not None and declared != insisted:
        source_name = _LANGUAGE_NAME[insisted][0]
        raise InputError(
            located(path, line, f"the header puts {_LANGUAGE_NAME[declared][0]} first: {source_name} must be the source column")
        )
    return declared


def _content_lines(file: TextFile) -> list[str]:
    lines = file.lines()
    if lines and lines[-1] == "":
        lines.pop()  # the final line ending
    return lines


def shown_direction(source: str, target: str) -> Direction | None:
    """The direction a pair shows by its scripts: one side mostly Japanese, the other
    (nearly) without Japanese; None when it shows none (both English, an empty side)."""
    if not source.strip() or not target.strip():
        return None
    if is_japanese_text(source) and japanese_share(target) < _ENGLISH_SIDE_SHARE:
        return "ja-en"
    if is_japanese_text(target) and japanese_share(source) < _ENGLISH_SIDE_SHARE:
        return "en-ja"
    return None


def _settle_direction(
    segments: list[Segment], path: str, direction: Direction | None, declared: bool = False
) -> list[Segment]:
    """Files without language labels: the segments in ``direction`` (insisted on, or declared by
    a header), else in the direction their content shows. A segment showing the other direction
    is an input error; so is, without any direction given, a file showing both."""
    settled = direction
    first: Segment | None = None
    for segment in segments:
        shown = shown_direction(segment.source, segment.target)
        if shown is None:
            continue
        if settled is None:
            settled, first = shown, segment
        elif shown != settled:
            raise InputError(located(path, segment.line, _reversed_pair(shown, settled, first, declared)))
    if settled is None:
        # Nothing shows a direction: a file with Japanese only as the target reads as en-ja.
        japanese_targets = any(has_japanese(s.target) and not has_japanese(s.source) for s in segments)
        settled = "en-ja" if japanese_targets and not any(has_japanese(s.source) for s in segments) else "ja-en"
    return [segment if segment.direction == settled else replace(segment, direction=settled) for segment in segments]


def _reversed_pair(shown: Direction, settled: Direction, first: Segment | None, declared: bool) -> str:
    side = "target" if shown == "en-ja" else "source"
    if first is None:  # the direction was insisted on or declared by the header
        message = f"the Japanese is on the {side} side: {_LANGUAGE_NAME[settled][0]} must be the source"
        return message + (" (the header says so)" if declared else "")
    where = f"line {first.line}" if first.line is not None else f"segment {first.id}"
    return f"the Japanese is on the {side} side, but {where} is {settled}: one input must have one direction"


# ---------------------------------------------------------------------------
# XML: TMX 1.4, XLIFF 1.2 and XLIFF 2.x


def parse_xml(file: TextFile) -> etree._Element:
    """Parse untrusted XML with ``glossary.xmlsafe`` (entity declarations refused, no DTD,
    no network). The text is already decoded (BOM, UTF-16, Shift_JIS), so it goes to the
    parser as UTF-8 with its declaration saying so."""
    text = _XML_DECLARED_ENCODING.sub(r"\1UTF-8\2", file.text, count=1)
    return safe_parse_xml(text.encode("utf-8"), file.path).getroot()


def parse_tmx(root: etree._Element, path: str, direction: Direction | None = None) -> list[Segment]:
    """Each ``<tu>``'s source is its ``srclang`` (else the header's; ``*all*``: the language
    ``direction`` or the units before it say, else Japanese); the target the ``<tuv>`` of the
    other language."""
    header = _first_child(root, "header")
    if header is None:
        raise InputError(located(path, source_line(root), "TMX without a <header>"))
    default_source = header.get("srclang", "")
    segments: list[Segment] = []
    settled = direction
    for number, unit in enumerate(_descendants(root, "tu"), start=1):
        variants = [(_tuv_language(tuv), tuv) for tuv in _children(unit, "tuv")]
        declared = unit.get("srclang", default_source)
        source_language = declared
        if declared.lower() in ("", "*all*"):
            wanted = _is_english if settled == "en-ja" else _is_japanese
            source_language = next((lang for lang, _ in variants if wanted(lang)), declared)
        line = source_line(unit)
        unit_direction = _direction_of(source_language)
        if unit_direction is None:
            if any(_is_japanese(lang) for lang, _ in variants):
                raise InputError(located(path, line, f"source language is '{source_language}': {_source_wanted(direction)}"))
            raise InputError(located(path, line, f"no Japanese <tuv> (source language '{declared}')"))
        if settled is not None and unit_direction != settled:
            raise InputError(located(path, line, _wrong_source(source_language, settled, direction, segments)))
        settled = unit_direction
        source_tuv = next((tuv for lang, tuv in variants if _same_language(lang, source_language)), None)
        if source_tuv is None:
            raise InputError(located(path, line, f"no <tuv> in the source language '{source_language}'"))
        target_tuvs = [(lang, tuv) for lang, tuv in variants if tuv is not source_tuv]
        is_target = _is_english if unit_direction == "ja-en" else _is_japanese
        translations = [tuv for lang, tuv in target_tuvs if is_target(lang)]
        if target_tuvs and not translations:
            found = ", ".join(sorted({lang for lang, _ in target_tuvs}))
            raise InputError(located(path, line, f"no {_LANGUAGE_NAME[unit_direction][1]} <tuv> (found {found})"))
        segments.append(
            Segment(
                unit.get("tuid") or str(number),
                _inline_text(_first_child(source_tuv, "seg")),
                _inline_text(_first_child(translations[0], "seg")) if translations else "",
                line,
                unit_direction,
            )
        )
    return segments


def _direction_of(source_language: str) -> Direction | None:
    if _is_japanese(source_language):
        return "ja-en"
    if _is_english(source_language):
        return "en-ja"
    return None


def _source_wanted(insisted: Direction | None) -> str:
    return f"{_LANGUAGE_NAME[insisted][0]} must be the source" if insisted else "Japanese or English must be the source"


def _wrong_source(language: str, settled: Direction, insisted: Direction | None, earlier: list[Segment]) -> str:
    """The message for a unit (or file) whose source language is not that of the input."""
    if insisted is not None or not earlier:
        return f"source language is '{language}': {_LANGUAGE_NAME[settled][0]} must be the source"
    first = earlier[0]
    return f"source language is '{language}', but unit {first.id} (line {first.line}) is {settled}: one input must have one direction"


def parse_xliff(root: etree._Element, path: str, direction: Direction | None = None) -> list[Segment]:
    namespace = etree.QName(root).namespace or ""
    version = root.get("version", "")
    if namespace.startswith(XLIFF_2_NAMESPACE_PREFIX) or version.startswith("2"):
        return _parse_xliff_2(root, path, direction)
    if namespace not in ("", XLIFF_1_NAMESPACE) or (version and not version.startswith("1")):
        raise InputError(located(path, source_line(root), f"unsupported XLIFF version '{version or namespace}'"))
    return _parse_xliff_1(root, path, direction)


def _parse_xliff_1(root: etree._Element, path: str, direction: Direction | None = None) -> list[Segment]:
    segments: list[Segment] = []
    number = 0
    settled = direction
    for file_element in _descendants(root, "file"):
        file_direction = _check_direction(
            path, file_element, file_element.get("source-language", ""), file_element.get("target-language"), settled, direction
        )
        settled = file_direction
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
                segments.append(Segment(unit_id, _inline_text(source), _inline_text(target), source_line(unit), file_direction))
                continue
            # Segmented by <mrk mtype="seg">: one segment per mid, named "unit::mid" as in XLIFF 2.
            target_parts = {mark.get("mid"): mark for mark in _seg_marks(target)}
            for mark in source_parts:
                mid = mark.get("mid", "")
                segments.append(
                    Segment(
                        f"{unit_id}::{mid}",
                        _inline_text(mark),
                        _inline_text(target_parts.get(mid)),
                        source_line(mark),
                        file_direction,
                    )
                )
    return segments


def _seg_marks(element: etree._Element | None) -> list[etree._Element]:
    """The ``<mrk mtype="seg">`` sentences of an XLIFF 1.2 ``<seg-source>`` or ``<target>``."""
    if element is None:
        return []
    return [node for node in element.iter() if _local(node) == "mrk" and node.get("mtype") == "seg"]


def _parse_xliff_2(root: etree._Element, path: str, direction: Direction | None = None) -> list[Segment]:
    file_direction = _check_direction(path, root, root.get("srcLang", ""), root.get("trgLang"), direction, direction)
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
            segments.append(Segment(segment_id, _inline_text(source), _inline_text(target), source_line(part), file_direction))
    return segments


def _check_direction(
    path: str,
    element: etree._Element,
    source_language: str,
    target_language: str | None,
    settled: Direction | None,
    insisted: Direction | None,
) -> Direction:
    """The direction an XLIFF ``<file>`` (1.2) or ``<xliff>`` (2.x) declares; it must agree with
    ``settled`` (insisted on, or declared by an earlier ``<file>``)."""
    line = source_line(element)
    if not source_language:
        raise InputError(located(path, line, f"no source language declared: {_source_wanted(insisted)}"))
    declared = _direction_of(source_language)
    if declared is None:
        raise InputError(located(path, line, f"source language is '{source_language}': {_source_wanted(insisted)}"))
    if settled is not None and declared != settled:
        if insisted is not None:
            message = f"source language is '{source_language}': {_LANGUAGE_NAME[settled][0]} must be the source"
        else:
            message = f"source language is '{source_language}', but an earlier <file> is {settled}: one input must have one direction"
        raise InputError(located(path, line, message))
    wanted_target = _LANGUAGE_NAME[declared][1]
    is_target = _is_english if declared == "ja-en" else _is_japanese
    if target_language and not is_target(target_language):
        raise InputError(located(path, line, f"target language is '{target_language}': {wanted_target} must be the target"))
    return declared


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
                    code = int(child.get("hex", ""), 16)
                    # A lone surrogate is no character: it could be neither matched nor printed.
                    parts.append("\ufffd" if 0xD800 <= code <= 0xDFFF else chr(code))
                except (ValueError, OverflowError):
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
