"""What a short ``yakugo lint`` imports: the libraries other commands need stay unloaded
(benchmarks/startup.py measures the time)."""

from __future__ import annotations

import json
import subprocess
import sys

from support import ROOT

HEAVY = ("pydantic", "lemminflect", "numpy", "rapidfuzz", "lxml", "multiprocessing", "pandas")

RUN = """
import json, sys
sys.argv = ["yakugo", *sys.argv[1:]]
from yakugo.cli.main import main
try:
    main()
except SystemExit:
    pass
print("MODULES " + json.dumps(sorted(sys.modules)))
"""


def imported(tmp_path, *args: str, cwd=ROOT) -> set[str]:
    env = {"NO_COLOR": "1", "PATH": "", "YAKUGO_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", RUN, *args], cwd=cwd, capture_output=True, text=True, env=env)
    line = next(line for line in done.stdout.splitlines() if line.startswith("MODULES "))
    return {name.split(".")[0] for name in json.loads(line.removeprefix("MODULES "))}


def test_japanese_lint_imports_none_of_the_heavy_libraries(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("イェルツィン氏が演説した。\n", encoding="utf-8")
    for _ in range(2):  # building the cache entry, then reading it
        assert not imported(tmp_path, "lint", str(article), "-f", "json") & set(HEAVY)


def test_json_lint_leaves_rich_unloaded_and_text_lint_loads_it(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("イェルツィン氏が演説した。\n", encoding="utf-8")
    assert "rich" not in imported(tmp_path, "lint", str(article), "-f", "json")
    assert "rich" not in imported(tmp_path, "lint", str(article), "-f", "github")
    assert "rich" in imported(tmp_path, "lint", str(article))  # the text report is built with rich


def test_toml_is_parsed_only_where_a_configuration_file_is_found(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("イェルツィン氏が演説した。\n", encoding="utf-8")
    assert "tomllib" not in imported(tmp_path, "lint", str(article), "-f", "json", "--isolated", cwd=tmp_path)
    (tmp_path / "yakugo.toml").write_text('ignore = ["unlisted-variant"]\n', encoding="utf-8")
    assert "tomllib" in imported(tmp_path, "lint", str(article), "-f", "json", cwd=tmp_path)


def test_english_lint_and_lookup_import_what_they_need(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("The Budapest Memorandum gave security assurances to Ukraine.\n", encoding="utf-8")
    assert "lemminflect" in imported(tmp_path, "lint", str(article))
    assert "rapidfuzz" in imported(tmp_path, "lookup", "NATO")


def test_a_glossary_path_is_taken_without_pydantic(tmp_path):
    # typer turns a Path option through a pydantic adapter; cli/parameters makes the Path itself.
    article = tmp_path / "a.txt"
    article.write_text("イェルツィン氏が演説した。\n", encoding="utf-8")
    glossary = ROOT / "tests" / "fixtures" / "mini.tsv"
    assert "pydantic" not in imported(tmp_path, "lint", str(article), "-f", "json", "-g", str(glossary))
    assert "pydantic" not in imported(tmp_path, "lookup", "ロシア", "-f", "json", "--glossary", str(glossary))
