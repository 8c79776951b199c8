"""The one colour table of every terminal renderer (lint, check, terms, annotate, lookup)."""

from __future__ import annotations

SEVERITY_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}
STATUS_STYLE = {"preferred": "bold green", "variant": "bold cyan", "deprecated": "bold red", "abbreviation": "cyan"}
