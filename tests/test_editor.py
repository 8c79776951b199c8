"""The pieces of ``yakugo lsp`` without a server: positions, suppressions, completion."""

from __future__ import annotations

import pytest
from support import FIXTURES

from yakugo.aligner.editor.actions import suppression_edit
from yakugo.aligner.editor.completion import TermIndex
from yakugo.aligner.editor.positions import choose_encoding, from_client, to_client
from yakugo.glossary import load_glossary
from yakugo.glossary.textfile import TextFile


def test_positions_convert_code_points_and_utf16():
    line = "𠮟責とNATO"
    assert [to_client(line, offset, "utf-16") for offset in (0, 1, 2, 3, 7)] == [0, 2, 3, 4, 8]
    assert [from_client(line, units, "utf-16") for units in (0, 2, 3, 8)] == [0, 1, 2, 7]
    assert to_client(line, 3, "utf-32") == 3 and to_client(line, 1, "utf-8") == 4
    assert choose_encoding(["utf-8", "utf-32"]) == "utf-32" and choose_encoding(["utf-8"]) == "utf-16"
    assert choose_encoding(None) == "utf-16"


def test_suppression_adds_the_rule_to_a_directive_already_there():
    text = "<!-- yakugo-disable-next-line mixed-variants -- 引用のまま -->\n米露と米ロ\n"
    edit = suppression_edit(text, 2, "deprecated-variant", markdown=True)
    assert edit.new_text == "<!-- yakugo-disable-next-line mixed-variants, deprecated-variant -- 引用のまま -->\n"
    assert (edit.range.start.line, edit.range.end.line) == (0, 1)
    plain = suppression_edit("序文。\n  米露と米ロ\n", 2, "mixed-variants", markdown=False)
    assert plain.new_text == "  # yakugo-disable-next-line mixed-variants\n"
    heading = suppression_edit("# 見出し\n米露と米ロ\n", 2, "mixed-variants", markdown=True)
    assert heading.new_text == "<!-- yakugo-disable-next-line mixed-variants -->\n"


def test_completion_by_reading_and_spelling_never_deprecated():
    index = TermIndex(load_glossary(FIXTURES / "lint.tsv"))
    by_kana = [(c.form, c.typed) for c in index.complete("政府はえりつ")]
    assert by_kana[0] == ("エリツィン", "えりつ")
    assert "イェルツィン" not in [c.form for c in index.complete("イェル")]
    assert [c.form for c in index.complete("は")] == []



@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_line_caches_find_what_the_lint_finds_after_edits(seeds, suffix):
    """The server's linter reuses each line's candidates and terms between edits; on every
    seed, after typing, a line inserted above (every line below renumbered) and a line
    deleted, its findings are exactly those of a fresh ``yakugo lint`` linter."""
    from yakugo.aligner.editor.server import EditorRun
    from yakugo.aligner.lint.runner import LintFlags, LintRun

    cached_run = EditorRun(LintFlags(isolated=True))
    compared = 0
    for seed in sorted(seeds.glob("*.txt")):
        path = str(seed.with_suffix(suffix))
        text = seed.read_text(encoding="utf-8")
        lines = text.split("\n")
        middle = len(lines) // 2
        versions = [
            text,
            "\n".join([*lines[:middle], "NATO拡張と" + lines[middle], *lines[middle + 1 :]]),  # typing on one line
            "\n".join(["米露の対話。", *lines]),  # a line inserted at the top: every line moves down
            "\n".join(lines[1:]),  # and one deleted: every line moves up
            text,
        ]
        for version in versions:
            fresh = LintRun(LintFlags(isolated=True)).lint(TextFile(path, version))
            assert cached_run.lint(TextFile(path, version)) == fresh
            compared += len(fresh)
    assert compared > 100


def test_a_safe_fix_is_preferred_and_an_unsafe_one_is_not():
    from pathlib import Path

    from yakugo.aligner.editor.actions import ActionContext, code_actions
    from yakugo.aligner.editor.diagnostics import to_diagnostics
    from yakugo.aligner.lint.runner import LintFlags, LintRun

    text = "彼は「NATO拡張」と書いた。NATO拡張は進んだ。\n"  # the first inside a quotation
    linter = LintRun(LintFlags(glossary=Path(FIXTURES / "lint.tsv"), isolated=True)).linter_for("a.txt")
    quoted, plain = to_diagnostics(linter.lint_text(text, "a.txt"), text, "utf-16")
    context = ActionContext("file:///a.txt", text, False, linter.glossary)
    assert (quoted.data["fix"], plain.data["fix"]) == ("unsafe", "safe")  # type: ignore[index]
    first = [code_actions(diagnostic, context)[0] for diagnostic in (quoted, plain)]
    assert [(a.title, a.is_preferred) for a in first] == [
        ("Replace with NATO拡大 (unsafe fix: check the quotation or title)", False),
        ("Replace with NATO拡大", True),
    ]
    # No glossary action: the glossary file is not in a workspace (glossary_file None).
    assert [a.title for a in code_actions(plain, context)] == ["Replace with NATO拡大", "Suppress deprecated-variant on this line"]
