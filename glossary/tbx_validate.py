"""Validating TBX: RELAX NG (lxml) for the core structure, Schematron for the dialect.

The TBX-Basic DCA Schematron uses XPath 2 (``matches()``, ``./local-name()``),
which lxml's XSLT 1 isoschematron cannot run, so this module runs Schematron
itself with elementpath, following ISO Schematron's processing rules: within
one pattern each node (element or attribute) is checked by the FIRST rule whose
context matches it, later rules of that pattern are skipped for that node; each
failing ``assert`` and each firing ``report`` is a problem.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from elementpath import XPath2Parser, XPathContext
from lxml import etree

from yakugo.glossary.errors import InputError, located
from yakugo.glossary.xmlsafe import parse_xml, safe_parser

SCHEMATRON_NS = "http://purl.oclc.org/dsdl/schematron"
RNG_NAME = "TBXcoreStructV03.rng"
SCH_NAME = "TBX-Basic_DCA.sch"


@dataclass(frozen=True)
class Check:
    test: str
    message: str
    is_report: bool  # ``report`` fires when true; ``assert`` when false


@dataclass(frozen=True)
class Rule:
    context: str
    checks: tuple[Check, ...]


@dataclass(frozen=True)
class Pattern:
    id: str
    rules: tuple[Rule, ...]


class Schematron:
    """An ISO Schematron schema (query binding XPath 2) run with elementpath."""

    def __init__(self, schema_path: str | os.PathLike[str]):
        tree = etree.parse(str(schema_path), safe_parser())
        sch = {"sch": SCHEMATRON_NS}
        self.namespaces = {
            prefix: uri
            for ns in tree.iterfind("sch:ns", sch)
            if (prefix := ns.get("prefix")) is not None and (uri := ns.get("uri")) is not None
        }
        self.patterns = tuple(
            Pattern(
                pattern.get("id", ""),
                tuple(
                    Rule(
                        rule.get("context", ""),
                        tuple(
                            Check(check.get("test", ""), " ".join("".join(check.itertext()).split()), check.tag.endswith("report"))  # type: ignore[arg-type]  # lxml-stubs: itertext() yields str, not str | bytes
                            for check in rule
                            if isinstance(check.tag, str) and etree.QName(check).localname in ("assert", "report")
                        ),
                    )
                    for rule in pattern.iterfind("sch:rule", sch)
                ),
            )
            for pattern in tree.iterfind("sch:pattern", sch)
        )
        self._parser = XPath2Parser(namespaces=self.namespaces)
        self._compiled: dict[str, object] = {}

    def _compile(self, expression: str):
        if expression not in self._compiled:
            self._compiled[expression] = self._parser.parse(expression)
        return self._compiled[expression]

    def validate(self, document: etree._ElementTree) -> list[tuple[int | None, str, str]]:
        """Every failure as ``(line, pattern id, message)``, in pattern then document order."""
        context = XPathContext(document)
        failures: list[tuple[int | None, str, str]] = []
        for pattern in self.patterns:
            checked: set[tuple] = set()
            for rule in pattern.rules:
                # An XSLT match pattern P matches the nodes that //(P) selects.
                selector = self._compile(f"/descendant-or-self::node()/({rule.context})")
                for node in selector.select(context):
                    key = _node_key(node)
                    if key in checked:
                        continue
                    checked.add(key)
                    item_context = XPathContext(context.root, item=node)
                    for check in rule.checks:
                        test = self._compile(check.test)
                        holds = test.boolean_value(test.evaluate(item_context))
                        if holds == check.is_report:
                            failures.append((_line(node), pattern.id, check.message))
        return failures


def _node_key(node) -> tuple:
    element = getattr(node, "elem", None)
    if element is not None:
        return ("element", id(element))
    parent = getattr(node.parent, "elem", None)
    return ("attribute", id(parent), node.name)


def _line(node) -> int | None:
    element = getattr(node, "elem", None)
    if element is None and node.parent is not None:
        element = getattr(node.parent, "elem", None)
    return getattr(element, "sourceline", None)


def default_schema_dir() -> Path | None:
    """``$YAKUGO_TBX_SCHEMAS``, else ``../shared/data/tbx`` beside a source checkout."""
    configured = os.environ.get("YAKUGO_TBX_SCHEMAS")
    candidates = [Path(configured)] if configured else []
    candidates.append(Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "tbx")
    return next((path for path in candidates if (path / RNG_NAME).exists() and (path / SCH_NAME).exists()), None)


@cache
def _relax_ng(path: str) -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(path, safe_parser()))


@cache
def _schematron(path: str) -> Schematron:
    return Schematron(path)


def validate_tbx(data: bytes, path: str = "<tbx>", schema_dir: str | os.PathLike[str] | None = None) -> list[str]:
    """Every problem of a TBX-Basic DCA file, one ``PATH:LINE: message`` each (empty when valid).

    Runs the TBX core RELAX NG schema and every rule of the TBX-Basic DCA
    Schematron. A file that is not well-formed raises ``InputError``.
    """
    directory = Path(schema_dir) if schema_dir else default_schema_dir()
    if directory is None or not (directory / RNG_NAME).exists() or not (directory / SCH_NAME).exists():
        raise InputError(
            located(schema_dir or "TBX schemas", None, f"{RNG_NAME} and {SCH_NAME} not found (set YAKUGO_TBX_SCHEMAS)")
        )
    document = parse_xml(data, path)
    problems: list[str] = []
    relax_ng = _relax_ng(str(directory / RNG_NAME))
    if not relax_ng.validate(document):
        problems.extend(located(path, error.line, f"RELAX NG: {error.message}") for error in relax_ng.error_log)
    for line, pattern, message in _schematron(str(directory / SCH_NAME)).validate(document):
        problems.append(located(path, line, f"Schematron {pattern}: {message}"))
    return problems
