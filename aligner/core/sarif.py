"""SARIF 2.1.0 logs, for every subsystem that reports findings (lint, check).

A subsystem turns its findings into SARIF ``results``; this module wraps them
in a log with the tool's rules. Columns are Unicode code points.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable
from urllib.parse import quote

from yakugo.aligner.core.findings import SARIF_LEVEL, Rule

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def yakugo_version() -> str:
    from importlib import metadata  # only SARIF needs it; it costs start-up

    try:
        return metadata.version("yakugo")
    except metadata.PackageNotFoundError:
        from yakugo import __version__

        return __version__


def sarif_log(results: list[dict[str, object]], rules: Iterable[Rule]) -> dict[str, object]:
    """A SARIF log with one run of yakugo, its rules and ``results``."""
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "yakugo",
                        "version": yakugo_version(),
                        "rules": [sarif_rule(rule) for rule in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def sarif_rule(rule: Rule) -> dict[str, object]:
    return {
        "id": rule.id,
        "name": "".join(word.capitalize() for word in rule.id.split("-")),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.doc.strip() or rule.summary},
        "help": {"text": rule.doc.strip() or rule.summary},
        "defaultConfiguration": {"level": SARIF_LEVEL[rule.severity], "enabled": True},
        "properties": {"fixable": rule.fixable, "enabledByDefault": rule.enabled_by_default},
    }


def artifact_uri(path: str) -> str:
    """A URI for a path as named: relative paths stay relative references (what code
    scanning resolves against the checkout), absolute ones become ``file://`` URIs;
    Japanese file names and spaces are percent-encoded."""
    if os.path.isabs(path):
        return Path(path).as_uri()
    return quote(path.replace("\\", "/"), safe="/-._~")
