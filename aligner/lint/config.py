"""Project configuration: ``yakugo.toml`` or ``[tool.yakugo]`` in ``pyproject.toml``.

The nearest one wins, searching upward from the folder of the file being
read (the current directory for standard input); in one directory
``yakugo.toml`` comes before ``pyproject.toml`` (which counts only when it has
a ``[tool.yakugo]`` table). ``--config PATH`` names the file instead, and
``--isolated`` uses none. The search never enters a folder listed in
``YAKUGO_CONFIG_CEILING`` (``os.pathsep``-separated) or any folder above one.
In ``yakugo.toml`` the keys may stand at the top level or under
``[tool.yakugo]``, so the block from ``pyproject.toml`` can be pasted as it
is. Keys (all optional)::

    glossary = "terms/house.tsv"      # relative to the config file
    select = ["deprecated-variant", "mixed-variants"]
    ignore = ["unlisted-variant"]
    severity = { mixed-variants = "error" }
    include = ["articles/*"]          # fnmatch globs on paths relative to the
    exclude = ["articles/drafts"]     # config file's directory (* matches /; a
                                      # folder covers its files; **/ may be no folder)
    fail-on = "error"
    lang = "en"                       # en, ja or auto (default: mostly Latin script is English)

Command-line flags override the file. Unknown keys and wrong types are
input errors (``PATH:LINE: problem``, exit status 2).
"""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from yakugo.glossary.errors import InputError, located

CONFIG_FILE = "yakugo.toml"
_LIST_KEYS = ("select", "ignore", "include", "exclude")


@dataclass
class Config:
    path: Path | None = None  # the file it came from (None: no file found)
    glossary: Path | None = None
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    fail_on: str | None = None
    lang: str | None = None

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def wants(self, path: str) -> bool:
        """Whether the include/exclude globs let ``path`` be linted (standard input always is)."""
        if path == "-" or not (self.include or self.exclude):
            return True
        relative = Path(os.path.relpath(os.path.abspath(path), os.path.abspath(self.root))).as_posix()
        if self.include and not any(glob_matches(relative, glob) for glob in self.include):
            return False
        return not any(glob_matches(relative, glob) for glob in self.exclude)


def glob_matches(relative: str, glob: str) -> bool:
    """fnmatch of ``glob`` on a relative path or on a folder above it (``drafts`` and
    ``articles/drafts/`` cover the folder's files); ``**/`` also matches no folder."""
    globs = {glob.rstrip("/"), glob.replace("**/", "").rstrip("/")}
    parts = relative.split("/")
    candidates = ["/".join(parts[:end]) for end in range(1, len(parts) + 1)]
    return any(fnmatch.fnmatch(candidate, pattern) for candidate in candidates for pattern in globs if pattern)


CEILING_VARIABLE = "YAKUGO_CONFIG_CEILING"


def _ceilings() -> list[Path]:
    value = os.environ.get(CEILING_VARIABLE, "")
    return [Path(part).resolve() for part in value.split(os.pathsep) if part]


def find_config(start: Path | None = None) -> tuple[Path, dict] | None:
    """The nearest config file at or above ``start`` and its yakugo table."""
    folder = (start or Path.cwd()).resolve()
    ceilings = _ceilings()
    for directory in (folder, *folder.parents):
        if any(directory == ceiling or ceiling.is_relative_to(directory) for ceiling in ceilings):
            return None
        dedicated = directory / CONFIG_FILE
        if dedicated.is_file():
            return dedicated, cast(dict, _yakugo_table(dedicated))  # never None for CONFIG_FILE
        project = directory / "pyproject.toml"
        if project.is_file():
            table = _yakugo_table(project)
            if table is not None:
                return project, table
    return None


def _yakugo_table(path: Path) -> dict | None:
    """The yakugo keys of a config file: all of ``yakugo.toml`` (or its ``[tool.yakugo]``),
    ``[tool.yakugo]`` of a ``pyproject.toml`` (None when it has none)."""
    document = _read_toml(path)
    tool = document.get("tool")
    if tool is not None and not isinstance(tool, dict):
        raise InputError(located(path, _key_lines(path, anywhere=True).get("tool"), "'tool' must be a table"))
    table = tool.get("yakugo") if isinstance(tool, dict) else None
    if table is not None and not isinstance(table, dict):
        raise InputError(located(path, _key_lines(path, anywhere=True).get("tool"), "[tool] yakugo must be a table"))
    if path.name == CONFIG_FILE:
        if table is not None:
            rest = {key: value for key, value in document.items() if key != "tool"}
            return {**rest, **table}
        return document
    return table


def load_config(start: Path | None = None, *, path: Path | None = None, isolated: bool = False) -> Config:
    """The configuration that applies in folder ``start`` (default: the current directory);
    ``path`` names the file instead; ``isolated`` gives the defaults, reading no file."""
    if isolated:
        return Config()
    if path is not None:
        path = Path(path)
        if not path.is_file():
            raise InputError(f"{path}: no such configuration file")
        table = _yakugo_table(path)
        return parse_config(path, table or {})
    found = find_config(start)
    if found is None:
        return Config()
    config_path, table = found
    return parse_config(config_path, table)


def glossary_for(
    flag: Path | None, start: Path | None = None, *, config: Path | None = None, isolated: bool = False
) -> Path | None:
    """The terms.tsv a command reads: ``--glossary`` when given, else the ``glossary`` key of
    the configuration that applies in folder ``start`` (``config``/``isolated`` as in
    ``load_config``), else None (the bundled glossary)."""
    if flag is not None:
        return flag
    return load_config(start, path=config, isolated=isolated).glossary


def parse_config(path: Path, table: dict) -> Config:
    prefix = "" if path.name == CONFIG_FILE else "[tool.yakugo] "
    problems: list[tuple[int | None, str]] = []  # (line, message), reported in line order
    line_of = _key_lines(path)

    def problem(key: str, message: str) -> None:
        problems.append((line_of.get(key), prefix + message))

    config = Config(path=path)
    known = {"glossary", "severity", "fail-on", "lang", *_LIST_KEYS}
    for key, value in table.items():
        if key not in known:
            problem(key, f"unknown key {key!r} (known: {', '.join(sorted(known))})")  # repr: one line, no escapes
        elif key in _LIST_KEYS:
            if not (isinstance(value, list) and all(isinstance(item, str) for item in value)):
                problem(key, f"'{key}' must be a list of strings")
            else:
                setattr(config, key, list(value))
        elif key == "severity":
            if not (isinstance(value, dict) and all(isinstance(level, str) for level in value.values())):
                problem(key, "'severity' must be a table of rule = \"error\" | \"warning\" | \"info\"")
            else:
                config.severity = dict(value)
        elif not isinstance(value, str):
            problem(key, f"'{key}' must be a string")
        elif key == "glossary":
            config.glossary = path.parent / value
        elif key == "lang":
            if value not in ("en", "ja", "auto"):
                problem(key, "'lang' must be en, ja or auto")
            config.lang = value
        else:
            if value not in ("error", "warning", "info"):
                problem(key, "'fail-on' must be error, warning or info")
            config.fail_on = value
    problems += _rule_problems(config, line_of, prefix)
    if problems:
        ordered = sorted(problems, key=lambda problem: problem[0] or 0)
        raise InputError([located(path, line, message) for line, message in ordered])
    return config


def _rule_problems(config: Config, line_of: dict[str, int], prefix: str) -> list[tuple[int | None, str]]:
    """Rule ids and severities checked here, so a mistake points at the config file's line."""
    from yakugo.aligner.lint.engine import SEVERITIES, all_rules

    known = all_rules()
    problems = []
    named = [("select", name) for name in config.select or () if name != "ALL"]
    named += [("ignore", name) for name in config.ignore] + [("severity", name) for name in config.severity]
    for key, name in named:
        if name not in known:
            line = line_of.get(name) if key == "severity" else None
            problems.append((line or line_of.get(key), f"{prefix}unknown rule '{name}' in '{key}' (known: {', '.join(known)})"))
    for name, level in config.severity.items():
        if level not in SEVERITIES:
            line = line_of.get(name) or line_of.get("severity")
            problems.append((line, f"{prefix}severity of {name} must be error, warning or info, not '{level}'"))
    return problems


def _read_toml(path: Path) -> dict:
    import tomllib  # here, not above: most runs find no configuration file to parse

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        line = re.search(r"line (\d+)", str(error))
        number = int(line.group(1)) if line else None
        if number is None and "end of document" in str(error):
            number = path.read_text(encoding="utf-8").count("\n") or 1
        raise InputError(located(path, number, f"bad TOML: {error}")) from None
    except RecursionError:  # tomllib recurses once per nested array or inline table
        raise InputError(located(path, None, "bad TOML: nested too deeply")) from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(located(path, None, f"cannot read: {error}")) from None


def _key_lines(path: Path, anywhere: bool = False) -> dict[str, int]:
    """The line of each ``key =`` of the yakugo table, so problems can point at it."""
    in_table = path.name == CONFIG_FILE or anywhere
    lines: dict[str, int] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        header = re.match(r"\s*\[\s*([^\]]+?)\s*\]", line)
        if header:
            name = header.group(1)
            in_table = anywhere or path.name == CONFIG_FILE or name == "tool.yakugo" or name.startswith("tool.yakugo.")
            if in_table:  # [severity] or [tool.yakugo.severity] is the line of its key
                key = name.removeprefix("tool.yakugo").lstrip(".").split(".")[0].strip('"')
                if key:
                    lines.setdefault(key, number)
            continue
        match = re.match(r"\s*\"?([A-Za-z0-9_-]+)\"?\s*=", line)
        if in_table and match:
            lines.setdefault(match.group(1), number)
        elif in_table and (quoted := _QUOTED_KEY.match(line)):
            lines.setdefault(_unquoted_key(quoted.group(1)), number)
    return lines


# A quoted key may hold what a bare one cannot ("a\nb", spaces): found by what TOML makes of it.
_QUOTED_KEY = re.compile(r"""\s*("(?:[^"\\]|\\.)*"|'[^']*')\s*=""")


def _unquoted_key(quoted: str) -> str:
    import tomllib

    try:
        return next(iter(tomllib.loads(f"{quoted} = 0")))
    except (tomllib.TOMLDecodeError, StopIteration):
        return quoted
