"""The ``yakugo`` entry point.

Each command lives in a module of its own under ``cli/`` and is registered on
``cli.common.app`` when imported. ``main`` imports only the module of the
command named on the command line (every one for ``--help`` or a name it does
not know): importing all nine would cost more start-up than a short
``yakugo lint`` run takes.
"""

from __future__ import annotations

import importlib
import sys

# command name → module under cli/, in the order ``yakugo --help`` lists them
COMMAND_MODULES = {
    "align": "align",
    "terms": "terms",
    "annotate": "annotate",
    "check": "check",
    "export": "export",
    "extract": "extract",
    "import": "import_",
    "lint": "lint",
    "lookup": "lookup",
    "survey": "survey",
    "lsp": "lsp",
    "glossary": "glossary",
}


def register(names: list[str] | None = None):
    """``cli.common.app`` with the named commands (default: every one) registered."""
    for name in names or COMMAND_MODULES:
        importlib.import_module(f"yakugo.cli.{COMMAND_MODULES[name]}")
    from yakugo.cli.common import app

    return app


def main() -> None:
    arguments = sys.argv[1:]
    named = arguments[0] if arguments and arguments[0] in COMMAND_MODULES else None
    app = register([named] if named else None)
    _tolerant_output()
    try:
        app()
    except BrokenPipeError:
        sys.exit(1)


def _tolerant_output() -> None:
    """A strict output encoding (``PYTHONIOENCODING=utf-8:strict``) must not turn a file
    name that is not UTF-8 into a traceback: such characters are printed as ``\\udc83``."""
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
