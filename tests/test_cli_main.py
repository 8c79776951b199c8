"""The entry point: only the named command's module is imported, and yakugo stays a group of commands."""

from __future__ import annotations

import subprocess
import sys

from support import ROOT

RUN_MAIN = """
import sys
sys.argv = ["yakugo", *sys.argv[1:]]
from yakugo.cli.main import main
try:
    main()
except SystemExit as exit:
    status = exit.code
else:
    status = 0
print("MODULES", *sorted(name for name in sys.modules if name.startswith("yakugo.cli.")))
print("STATUS", status)
segment = sys.modules.get("yakugo.aligner.core.segment")
print("SUDACHI", segment.sudachi_dictionary.cache_info().currsize if segment else 0)
"""


def loaded_sudachi(output: str) -> bool:
    return next(line for line in output.splitlines() if line.startswith("SUDACHI")) != "SUDACHI 0"


def run_main(*args: str) -> tuple[list[str], int, str]:
    done = subprocess.run([sys.executable, "-c", RUN_MAIN, *args], cwd=ROOT, capture_output=True, text=True, env={"NO_COLOR": "1", "PATH": ""})
    lines = done.stdout.splitlines()
    modules = next(line for line in lines if line.startswith("MODULES")).split()[1:]
    status = int(next(line for line in lines if line.startswith("STATUS")).split()[1])
    return modules, status, done.stdout


def test_a_named_command_imports_only_its_own_module(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("イェルツィン氏が演説した。\n", encoding="utf-8")
    modules, status, output = run_main("lint", str(article))
    assert status == 1 and "deprecated-variant" in output
    commands = {name for name in modules if name not in {"yakugo.cli.common", "yakugo.cli.main", "yakugo.cli.parameters"}}
    assert commands == {"yakugo.cli.lint"}
    assert loaded_sudachi(output)  # イェルツィン is a deprecated form: its line is segmented


def test_lint_loads_no_dictionary_when_no_line_holds_a_form_a_rule_reads(tmp_path):
    article = tmp_path / "a.txt"
    # Terms, but none deprecated, no rival spellings together, nothing a context rule avoids.
    article.write_text("日本と米国は拡大抑止について協議した。\nロシアの高官も同席した。\n", encoding="utf-8")
    _, status, output = run_main("lint", str(article))
    assert status == 0 and "0 errors, 0 warnings" in output
    assert not loaded_sudachi(output)
    _, status, output = run_main("lint", str(article), "--select", "ALL")
    assert loaded_sudachi(output)  # unlisted-variant reads every line


def test_help_and_unknown_names_register_every_command():
    modules, status, output = run_main("--help")
    assert status == 0
    for name in ("align", "terms", "annotate", "check", "export", "extract", "import", "lint", "lookup"):
        assert f"  {name} " in output
    assert {"yakugo.cli.align", "yakugo.cli.import_", "yakugo.cli.lookup"} <= set(modules)
    _, status, _ = run_main("lnit")
    assert status == 2
