"""Parsing untrusted XML (TBX files from other tools) without its classic attacks.

Two passes: defusedxml first refuses any entity declaration, so neither an
entity-expansion bomb ("billion laughs") nor an external entity (XXE) gets
anywhere; then lxml builds the tree (line numbers, XPath) with entity
resolution, DTD loading and network access all off. A plain
``<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">``, as TBX 2008 files carry,
is accepted and never fetched.
"""

from __future__ import annotations

from typing import cast

from defusedxml import DefusedXmlException, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml import ElementTree as defused_tree
from lxml import etree

from yakugo.glossary.errors import InputError, located


def safe_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
    )


def parse_xml(data: bytes, path: str = "<xml>") -> etree._ElementTree:
    """The parsed document, or ``InputError`` with one ``PATH:LINE: problem`` line."""
    try:
        defused_tree.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except EntitiesForbidden as error:
        line = _line_of(data, b"<!ENTITY")
        if error.sysid or error.pubid:
            message = f"external entity '{error.name}' ({error.sysid or error.pubid}) refused: external entities are never loaded"
        else:
            message = f"entity declaration '{error.name}' refused: entity expansion is disabled (entity-expansion bomb guard)"
        raise InputError(located(path, line, message)) from None
    except ExternalReferenceForbidden as error:
        raise InputError(located(path, _line_of(data, b"<!DOCTYPE"), f"external reference refused: {error}")) from None
    except DefusedXmlException as error:
        raise InputError(located(path, None, f"unsafe XML refused: {error}")) from None
    except defused_tree.ParseError as error:
        line = getattr(error, "position", (None,))[0]
        raise InputError(located(path, line, f"not well-formed XML: {error}")) from None
    try:
        return etree.ElementTree(etree.fromstring(data, safe_parser()))
    except etree.XMLSyntaxError as error:
        raise InputError(located(path, error.lineno, f"not well-formed XML: {error.msg}")) from None


def _line_of(data: bytes, marker: bytes) -> int | None:
    offset = data.find(marker)
    return None if offset < 0 else data.count(b"\n", 0, offset) + 1


def source_line(element: etree._Element) -> int | None:
    """The line ``element`` starts on, None when lxml does not know it.

    lxml-stubs leaves ``sourceline`` untyped (its stub value is ``...``); lxml documents it as an int or None.
    """
    return cast("int | None", element.sourceline)
