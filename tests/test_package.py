"""The package as users install it: one import name, no cycles, typed, documented from the code."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from support import ROOT
from yakugo.cli import reference

PACKAGE_DIRS = ("glossary", "aligner", "cli")


def source_modules() -> dict[str, Path]:
    """Every module of the package by its dotted name (``yakugo.aligner.core.recognize``)."""
    modules = {"yakugo": ROOT / "__init__.py"}
    for top in PACKAGE_DIRS:
        for path in sorted((ROOT / top).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(("yakugo", *parts))
            modules[name.removesuffix(".__init__")] = path
    return modules


def test_every_subpackage_is_listed_for_the_wheel():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    packages = {"yakugo"} | {
        ".".join(("yakugo", *path.parent.relative_to(ROOT).parts))
        for top in PACKAGE_DIRS
        for path in (ROOT / top).rglob("__init__.py")
    }
    assert listed == packages


def _module_level_imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The package modules ``name`` imports when it is imported (not inside functions or
    ``if TYPE_CHECKING:``), resolved to module names."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]

    def visit(nodes):
        for node in nodes:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                continue
            if isinstance(node, (ast.If, ast.Try)):
                visit(node.body)
                visit(getattr(node, "orelse", []))
                for handler in getattr(node, "handlers", []):
                    visit(handler.body)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names if alias.name in known)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(parent + ([node.module] if node.module else []))
                for alias in node.names:
                    if f"{base}.{alias.name}" in known:
                        found.add(f"{base}.{alias.name}")
                    elif base in known:
                        found.add(base)

    visit(tree.body)
    found.discard(name)
    return found


def test_no_import_cycle_in_the_package():
    modules = source_modules()
    graph = {name: _module_level_imports(name, path, set(modules)) for name, path in modules.items()}
    state: dict[str, int] = {}
    stack: list[str] = []

    def walk(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                cycle = stack[stack.index(target):] + [target]
                pytest.fail("import cycle: " + " → ".join(cycle))
            if target not in state:
                walk(target)
        stack.pop()
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            walk(module)


def run_python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, env=env, timeout=120)


def test_import_yakugo_is_cheap_and_works_from_any_directory(tmp_path):
    result = run_python(
        "import sys, yakugo\n"
        "print(sorted(m for m in sys.modules if m.startswith('yakugo.')))\n"
        "g = yakugo.load_glossary()\n"
        "print(len(g), yakugo.Recognizer.__module__)",
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    loaded, counted = result.stdout.splitlines()
    assert loaded == "[]"  # nothing beyond the top-level module until a name is used
    count, module = counted.split()
    assert int(count) >= 165 and module == "yakugo.aligner.core.recognize"


def test_an_unknown_attribute_is_an_attribute_error():
    import yakugo

    with pytest.raises(AttributeError):
        yakugo.no_such_name  # noqa: B018
    assert set(yakugo.__all__) >= {"load_glossary", "Recognizer", "lint_text", "fix_text", "check_segments", "render_html"}


@pytest.mark.slow
def test_the_wheel_holds_only_the_yakugo_package(tmp_path):
    if shutil.which("pip") is None:
        pytest.skip("pip is not on PATH")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    [wheel] = tmp_path.glob("yakugo-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/")[0] for name in names}
    assert {top for top in tops if not top.endswith(".dist-info")} == {"yakugo"}
    assert {"yakugo/terms.tsv", "yakugo/py.typed", "yakugo/aligner/lint/rules/mixed_variants.py"} <= set(names)
    assert not any(name.startswith(("yakugo/tests/", "yakugo/benchmarks/", "yakugo/docs/")) for name in names)


def test_mypy_is_clean_on_the_package(tmp_path):
    mypy = pytest.importorskip("mypy.api", reason="mypy is not installed (pip install -e '.[test]')")
    # The checkout's root is the package: a link named yakugo lets mypy see it under that name.
    (tmp_path / "yakugo").symlink_to(ROOT)
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        out, err, status = mypy.run(
            ["--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", str(tmp_path / ".mypy_cache"),
             "-p", "yakugo.glossary", "-p", "yakugo.aligner", "-p", "yakugo.cli", "-m", "yakugo"]
        )
    finally:
        os.chdir(cwd)
    assert status == 0, out + err


# --- documentation generated from the code -------------------------------------------


def test_the_rules_page_is_generated_from_the_rule_docstrings():
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == reference.rules_page(), "docs/rules.md is stale: run python -m yakugo.cli.reference"
    for rule_id in ("deprecated-variant", "mixed-variants", "context-confusable", "unlisted-variant",
                    "term-missing", "term-forbidden", "term-inconsistent"):
        assert f"### {rule_id}" in committed


def test_every_command_and_option_is_documented():
    for command, parameters in reference.command_options().items():
        page = ROOT / "docs" / "commands" / f"{command}.md"
        assert page.exists(), f"no docs page for yakugo {command}"
        text = page.read_text(encoding="utf-8")
        assert reference.page_with_options(text, command) == text, f"{page}: option table stale: run python -m yakugo.cli.reference"
        for parameter in parameters:
            if parameter.param_type_name == "option":
                assert f"`{parameter.opts[0]}`" in text, f"{command}: {parameter.opts[0]} undocumented"
        assert f"commands/{command}.md" in (ROOT / "docs" / "index.md").read_text(encoding="utf-8")


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, flags=re.S)
    test_command = next(block for block in blocks if "pytest" in block)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command.strip() in ci.splitlines()
