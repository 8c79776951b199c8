"""yakugo: a curated Japanese-English term base for international security, and the tools on it.

The supported Python API is what this module exports; everything is loaded on
first use (PEP 562), so ``import yakugo`` stays cheap::

    import yakugo

    glossary = yakugo.load_glossary()            # the bundled terms.tsv
    for match in yakugo.Recognizer(glossary).find_in_line("米国とNATOの関係"):
        print(match.text, match.concept.en)
    findings = yakugo.lint_text("グルジアは…", glossary)
    fixed, applied = yakugo.fix_text("グルジアは…", glossary)
    qa = yakugo.check_segments(glossary, yakugo.read_bilingual("pairs.tmx"))

The subpackages (``yakugo.glossary``, ``yakugo.aligner.*``, ``yakugo.cli``) are
importable too, but only the names below are a stable contract.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

# public name → module that defines it
_EXPORTS = {
    # glossary: load, validate, save, query, formats
    "Concept": "yakugo.glossary.model",
    "Form": "yakugo.glossary.model",
    "Glossary": "yakugo.glossary.model",
    "InputError": "yakugo.glossary.errors",
    "load_glossary": "yakugo.glossary.tsv",
    "parse_glossary": "yakugo.glossary.tsv",
    "save_glossary": "yakugo.glossary.tsv",
    "bundled_glossary_path": "yakugo.glossary.tsv",
    "export_glossary": "yakugo.glossary.export",
    "read_import": "yakugo.glossary.importers",
    "merge_concepts": "yakugo.glossary.merge",
    "read_text": "yakugo.glossary.textfile",
    # recognition
    "Recognizer": "yakugo.aligner.core.recognize",
    "TermMatch": "yakugo.aligner.core.recognize",
    # findings, lint and fixes
    "Rule": "yakugo.aligner.core.findings",
    "Linter": "yakugo.aligner.lint.engine",
    "LintOptions": "yakugo.aligner.lint.engine",
    "Finding": "yakugo.aligner.lint.model",
    "lint_text": "yakugo.aligner.lint.engine",
    "fix_text": "yakugo.aligner.lint.engine",
    "load_config": "yakugo.aligner.lint.config",
    # bilingual QA
    "Segment": "yakugo.aligner.qa.readers",
    "read_bilingual": "yakugo.aligner.qa.readers",
    "Checker": "yakugo.aligner.qa.checker",
    "check_segments": "yakugo.aligner.qa.checker",
    # reading aid
    "annotate_document": "yakugo.aligner.annotate.model",
    "render_html": "yakugo.aligner.annotate.html",
}

__all__ = sorted(_EXPORTS) + ["__version__"]

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from yakugo.aligner.annotate.html import render_html
    from yakugo.aligner.annotate.model import annotate_document
    from yakugo.aligner.core.findings import Rule
    from yakugo.aligner.core.recognize import Recognizer, TermMatch
    from yakugo.aligner.lint.config import load_config
    from yakugo.aligner.lint.engine import Linter, LintOptions, fix_text, lint_text
    from yakugo.aligner.lint.model import Finding
    from yakugo.aligner.qa.checker import Checker, check_segments
    from yakugo.aligner.qa.readers import Segment, read_bilingual
    from yakugo.glossary.errors import InputError
    from yakugo.glossary.export import export_glossary
    from yakugo.glossary.importers import read_import
    from yakugo.glossary.merge import merge_concepts
    from yakugo.glossary.model import Concept, Form, Glossary
    from yakugo.glossary.textfile import read_text
    from yakugo.glossary.tsv import bundled_glossary_path, load_glossary, parse_glossary, save_glossary


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'yakugo' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
