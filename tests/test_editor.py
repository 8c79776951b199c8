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


# A verb for the unlisted-variant tests: 繋がる is a concept of this glossary, つながる is not.
CONNECT_ROW = "connect\t繋がる\tlead to\t\t\t\t\t\tconcept\t\t\t\t\n"
CONNECT_TEXT = "対話が緊張緩和に繋がった。交渉が合意につながった。シミュレーションを行い、シュミレーションを重ねた。\n"


def _unlisted_context(tmp_path, row=CONNECT_ROW):
    from yakugo.aligner.editor.actions import ActionContext
    from yakugo.aligner.editor.diagnostics import to_diagnostics
    from yakugo.aligner.lint.runner import LintFlags, LintRun

    glossary = tmp_path / "terms.tsv"
    glossary.write_text((FIXTURES / "lint.tsv").read_text(encoding="utf-8") + row, encoding="utf-8")
    linter = LintRun(LintFlags(glossary=glossary, select=["unlisted-variant"], isolated=True)).linter_for("a.txt")
    diagnostics = to_diagnostics(linter.lint_text(CONNECT_TEXT, "a.txt"), CONNECT_TEXT, "utf-16")
    return glossary, diagnostics, ActionContext("file:///a.txt", CONNECT_TEXT, False, linter.glossary, glossary_file=glossary)


def test_an_unlisted_spelling_of_a_glossary_form_may_become_its_variant(tmp_path):
    from yakugo.aligner.editor.actions import add_form, code_actions
    from yakugo.aligner.lint.runner import LintFlags, LintRun

    glossary, diagnostics, context = _unlisted_context(tmp_path)
    assert [(d.code, d.range.start.character) for d in diagnostics] == [("unlisted-variant", 19), ("unlisted-variant", 37)]
    verb, katakana = diagnostics
    actions = code_actions(verb, context)
    assert [a.title for a in actions] == ["Add つながる as admitted variant of 繋がる (lead to)", "Suppress unlisted-variant on this line"]
    assert actions[0].command.arguments == [  # type: ignore[union-attr]
        {"glossary": str(glossary), "concept": "connect", "form": "つながる", "status": "variant"}
    ]
    # シミュレーション is in no concept: nothing to add it to.
    assert [a.title for a in code_actions(katakana, context)] == ["Suppress unlisted-variant on this line"]
    add_form(glossary, "connect", "つながる", "variant")
    assert glossary.read_text(encoding="utf-8").endswith("connect\t繋がる\tlead to\tつながる\t\t\t\t\tconcept\t\t\t\t\n")
    # Both spellings admitted now: the rule leaves the inflected つながった alone.
    run = LintRun(LintFlags(glossary=glossary, select=["unlisted-variant"], isolated=True))
    assert [f.text for f in run.linter_for("a.txt").lint_text(CONNECT_TEXT, "a.txt")] == ["シュミレーション"]


def test_no_glossary_action_when_the_other_spelling_is_a_deprecated_form(tmp_path):
    from yakugo.aligner.editor.actions import code_actions

    # 繋がる deprecated for 結び付く: making つながる admitted would not settle the word.
    _, diagnostics, context = _unlisted_context(tmp_path, "connect\t結び付く\tlead to\t\t繋がる\t\t\t\tconcept\t\t\t\t\n")
    verb = diagnostics[0]
    assert (verb.code, verb.message.split(" are one word")[0]) == ("unlisted-variant", "つながる and 繋がる")
    assert [a.title for a in code_actions(verb, context)] == ["Suppress unlisted-variant on this line"]


@pytest.mark.parametrize(
    ("concept", "form", "problem"),
    [
        ("connect", "つな|がる", "cannot be a form of 'connect'"),
        ("connect", "米露", "Japanese form '米露' belongs to both 'us-russia' (line 10) and 'connect' (line 15)"),
        ("connect", "繋がる", "繋がる is the preferred form of 'connect'"),
        ("no-such-concept", "つながる", "no concept 'no-such-concept'"),
    ],
)
def test_a_glossary_edit_that_would_not_load_is_not_written(tmp_path, concept, form, problem):
    from yakugo.aligner.editor.actions import add_form
    from yakugo.glossary.errors import InputError

    glossary, _, _ = _unlisted_context(tmp_path)
    before = glossary.read_bytes()
    with pytest.raises(InputError) as raised:
        add_form(glossary, concept, form, "variant")
    assert problem in raised.value.problems[0]
    assert glossary.read_bytes() == before


def test_rule_links_point_at_the_headings_of_the_rules_page(monkeypatch):
    import re

    from yakugo.aligner.editor import diagnostics as module
    from yakugo.aligner.lint.registry import REGISTRY
    from yakugo.aligner.lint.runner import LintFlags, LintRun
    from support import ROOT

    page = ROOT / "docs" / "rules.md"
    headings = set(re.findall(r"^### (\S+)$", page.read_text(encoding="utf-8"), re.M))
    assert REGISTRY.known() <= headings  # every rule a diagnostic can name has its anchor
    assert module.default_rules_url() == page.as_uri()
    text = "NATO拡張は進んだ。\n"
    findings = LintRun(LintFlags(glossary=FIXTURES / "lint.tsv", isolated=True)).lint(TextFile("a.txt", text))
    (local,) = module.to_diagnostics(findings, text, "utf-16", module.default_rules_url())
    assert local.code_description.href == page.as_uri() + "#deprecated-variant"  # type: ignore[union-attr]
    (given,) = module.to_diagnostics(findings, text, "utf-16", "https://example.org/yakugo/rules")
    assert given.code_description.href == "https://example.org/yakugo/rules#deprecated-variant"  # type: ignore[union-attr]
    # Installed without the docs and given no --rules-url: no link at all.
    monkeypatch.setattr(module, "_RULES_PAGE", ROOT / "docs" / "no-such-page.md")
    assert module.default_rules_url() is None
    (bare,) = module.to_diagnostics(findings, text, "utf-16", module.default_rules_url())
    assert bare.code_description is None
