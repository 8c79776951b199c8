"""``yakugo lsp`` end to end: a pytest-lsp client drives the server over standard input/output."""

from __future__ import annotations

import asyncio
import json
import shutil
import sys
from pathlib import Path
from typing import Awaitable, TypeVar, Union

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from support import FIXTURES, ROOT

from yakugo.aligner.editor.actions import ADD_TO_GLOSSARY
from yakugo.aligner.editor.positions import from_client
from yakugo.glossary import load_glossary

pytestmark = pytest.mark.asyncio(loop_scope="module")

# Sentences written for these tests. Line 4 has 𠮟 (outside the BMP: two UTF-16 units) before
# the second NATO拡張, so its columns differ between UTF-16 and code points.
ARTICLE = (
    "# 米ロ関係\n"
    "\n"
    "米ロ首脳会談では米ロ関係と米露の対話が議題になった。\n"
    "NATO拡張を𠮟責する声もあり、NATO拡張は議論を呼んだ。\n"
    "ブダペスト覚書で、ウクライナは安全の保証を得た。\n"
    "\n"
    "```\n"
    "NATO拡張\n"
    "```\n"
)
T = TypeVar("T")

SERVER = [sys.executable, "-m", "yakugo.cli", "lsp", "--debounce", "0"]
# Seconds any one exchange with the server may take: a server that stops answering fails the test.
TIMEOUT = 30


async def timely(awaitable: Awaitable[T]) -> T:
    return await asyncio.wait_for(awaitable, TIMEOUT)


def make_workspace(folder: Path) -> Path:
    """A folder with a yakugo.toml naming its own terms.tsv (the lint fixture) and an article."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURES / "lint.tsv", folder / "terms.tsv")
    (folder / "yakugo.toml").write_text('glossary = "terms.tsv"\n', encoding="utf-8")
    (folder / "article.md").write_text(ARTICLE, encoding="utf-8")
    return folder / "article.md"


def utf16(line: str, column: int) -> int:
    """A 1-based code-point column as a 0-based UTF-16 character, counted independently."""
    return len(line[: column - 1].encode("utf-16-le")) // 2


def capabilities(encodings: list[str], watch: bool = True) -> types.ClientCapabilities:
    return types.ClientCapabilities(
        general=types.GeneralClientCapabilities(position_encodings=[types.PositionEncodingKind(e) for e in encodings]),
        workspace=types.WorkspaceClientCapabilities(
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=watch)
        ),
        window=types.WindowClientCapabilities(show_message=types.ShowMessageRequestClientCapabilities()),
    )


def read_code_actions_as_sent(client: LanguageClient) -> None:
    """lsprotocol's converter reads a CodeAction that carries a command as a Command (both have
    ``title`` and ``command``); an editor reads the JSON as sent, so the test client does too."""
    converter = client.protocol._converter

    def structure(value: dict, _: object) -> types.Command | types.CodeAction:
        if isinstance(value.get("command"), dict) or {"kind", "edit", "diagnostics"} & set(value):
            return converter.structure(value, types.CodeAction)
        return converter.structure(value, types.Command)

    converter.register_structure_hook(Union[types.Command, types.CodeAction], structure)


async def start(client: LanguageClient, article: Path, encodings: list[str], watch: bool = True) -> types.InitializeResult:
    read_code_actions_as_sent(client)

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        client.registrations = params.registrations  # type: ignore[attr-defined]

    folder = article.parent
    result = await timely(
        client.initialize_session(
            types.InitializeParams(
                capabilities=capabilities(encodings, watch),
                root_uri=folder.as_uri(),
                workspace_folders=[types.WorkspaceFolder(uri=folder.as_uri(), name="articles")],
            )
        )
    )
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=article.as_uri(), language_id="markdown", version=1, text=ARTICLE)
        )
    )
    await wait_for_diagnostics(client)
    return result


@pytest.fixture(scope="module")
def article(tmp_path_factory) -> Path:
    return make_workspace(tmp_path_factory.mktemp("lsp") / "articles")


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER), scope="module")
async def client(lsp_client: LanguageClient, article: Path):
    lsp_client.initialize_result = await start(lsp_client, article, ["utf-16"])  # type: ignore[attr-defined]
    yield
    await timely(lsp_client.shutdown_session())


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER), loop_scope="module")
async def fresh(lsp_client: LanguageClient, tmp_path: Path):
    """A server of its own, on a workspace a test may change; the client offers UTF-32."""
    article = make_workspace(tmp_path / "articles")
    lsp_client.article = article  # type: ignore[attr-defined]
    lsp_client.initialize_result = await start(lsp_client, article, ["utf-8", "utf-32", "utf-16"])  # type: ignore[attr-defined]
    yield
    await timely(lsp_client.shutdown_session())


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER), loop_scope="module")
async def unwatched(lsp_client: LanguageClient, tmp_path: Path):
    """A server whose client watches no files (Neovim on Linux): the server polls."""
    article = make_workspace(tmp_path / "articles")
    lsp_client.article = article  # type: ignore[attr-defined]
    lsp_client.registrations = []  # type: ignore[attr-defined]
    await start(lsp_client, article, ["utf-16"], watch=False)
    yield
    await timely(lsp_client.shutdown_session())


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply UTF-16 edits to ``text`` (as a client does), last first."""
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)

    def offset(position: types.Position) -> int:
        line = lines[position.line]
        return starts[position.line] + from_client(line, position.character, "utf-16")

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


def cli_findings(run_cli, article: Path) -> list[dict]:
    result = run_cli("lint", article, "--format", "json")
    return json.loads(result.stdout)


async def test_server_negotiates_utf16_by_default(client: LanguageClient):
    assert client.initialize_result.capabilities.position_encoding == "utf-16"  # type: ignore[attr-defined]


async def test_diagnostics_equal_the_command_line(client: LanguageClient, article: Path, run_cli):
    findings = cli_findings(run_cli, article)
    lines = ARTICLE.split("\n")
    expected = [
        (f["line"] - 1, utf16(lines[f["line"] - 1], f["column"]), utf16(lines[f["line"] - 1], f["end_column"]), f["rule"], f["severity"], f["message"])
        for f in findings
    ]
    severities = {1: "error", 2: "warning", 3: "info"}
    shown = [
        (d.range.start.line, d.range.start.character, d.range.end.character, d.code, severities[d.severity], d.message)
        for d in client.diagnostics[article.as_uri()]
    ]
    assert shown == expected
    rules = [d.code for d in client.diagnostics[article.as_uri()]]
    assert rules.count("deprecated-variant") == 2  # not the one in the code block
    assert "context-confusable" in rules and "mixed-variants" in rules
    # The second NATO拡張 comes after 𠮟: code point 16, UTF-16 character 16 + 1.
    second = [d for d in client.diagnostics[article.as_uri()] if d.code == "deprecated-variant"][1]
    assert lines[3][16:22] == "NATO拡張"
    assert (second.range.start.character, second.range.end.character) == (17, 23)
    assert all(d.source == "yakugo" for d in shown_diagnostics(client, article))
    # The rule's section of the checkout's rules page (its heading: "### deprecated-variant").
    assert second.code_description.href == (ROOT / "docs" / "rules.md").as_uri() + "#deprecated-variant"  # type: ignore[union-attr]


def shown_diagnostics(client: LanguageClient, article: Path) -> list[types.Diagnostic]:
    return list(client.diagnostics[article.as_uri()])


async def actions_for(client: LanguageClient, article: Path, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
    result = await timely(
        client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=article.as_uri()),
                range=diagnostic.range,
                context=types.CodeActionContext(diagnostics=[diagnostic]),
            )
        )
    )
    return [action for action in result or [] if isinstance(action, types.CodeAction)]


async def test_fix_of_a_deprecated_form_is_a_preferred_quickfix(client: LanguageClient, article: Path):
    second = [d for d in shown_diagnostics(client, article) if d.code == "deprecated-variant"][1]
    actions = await actions_for(client, article, second)
    fix = actions[0]
    assert (fix.title, fix.kind, fix.is_preferred) == ("Replace with NATO拡大", types.CodeActionKind.QuickFix, True)
    fixed = apply(ARTICLE, fix.edit.changes[article.as_uri()])
    assert fixed.split("\n")[3] == "NATO拡張を𠮟責する声もあり、NATO拡大は議論を呼んだ。"
    assert fixed.split("\n")[:3] == ARTICLE.split("\n")[:3]


async def test_context_suggestion_is_not_preferred(client: LanguageClient, article: Path):
    confusable = next(d for d in shown_diagnostics(client, article) if d.code == "context-confusable")
    actions = await actions_for(client, article, confusable)
    suggestion = actions[0]
    assert suggestion.title.startswith("Replace with 安全の約束")
    assert not suggestion.is_preferred
    fixed = apply(ARTICLE, suggestion.edit.changes[article.as_uri()])
    assert "ウクライナは安全の約束を得た。" in fixed


async def test_suppress_on_this_line_silences_only_that_finding(client: LanguageClient, article: Path):
    first = next(d for d in shown_diagnostics(client, article) if d.code == "deprecated-variant")
    actions = await actions_for(client, article, first)
    suppress = next(action for action in actions if action.title.startswith("Suppress"))
    edited = apply(ARTICLE, suppress.edit.changes[article.as_uri()])
    # Inside a paragraph the comment goes at the end of the line before (a line of its own would split it).
    assert edited.split("\n")[2].endswith("議題になった。<!-- yakugo-disable-next-line deprecated-variant -->")
    linter_findings = load_and_lint(edited, article)
    assert [(f.rule, f.line) for f in linter_findings if f.rule == "deprecated-variant"] == []
    assert any(f.rule == "context-confusable" for f in linter_findings)


def load_and_lint(text: str, article: Path):
    from yakugo.aligner.lint.runner import LintRun

    run = LintRun()
    return run.linter_for(str(article)).lint_text(text, str(article))


async def test_glossary_actions_are_offered_for_a_workspace_glossary(client: LanguageClient, article: Path):
    mixed = next(d for d in shown_diagnostics(client, article) if d.code == "mixed-variants")
    titles = [action.title for action in await actions_for(client, article, mixed)]
    assert "Add 米露 as deprecated form of 米ロ (US-Russia)" in titles
    deprecated = next(d for d in shown_diagnostics(client, article) if d.code == "deprecated-variant")
    titles = [action.title for action in await actions_for(client, article, deprecated)]
    assert "Add NATO拡張 as admitted variant of NATO拡大 (NATO enlargement)" in titles


async def test_hover_shows_the_glossary_entry(client: LanguageClient, article: Path):
    hover = await timely(
        client.text_document_hover_async(
            types.HoverParams(text_document=types.TextDocumentIdentifier(uri=article.as_uri()), position=types.Position(line=2, character=13))
        )
    )
    assert hover is not None
    value = hover.contents.value  # type: ignore[union-attr]
    assert value.startswith("**米ロ** — US-Russia")
    assert "米露: admitted variant" in value
    assert (hover.range.start.character, hover.range.end.character) == (13, 15)
    hover = await timely(
        client.text_document_hover_async(
            types.HoverParams(text_document=types.TextDocumentIdentifier(uri=article.as_uri()), position=types.Position(line=4, character=16))
        )
    )
    value = hover.contents.value  # type: ignore[union-attr]
    assert value.startswith("**安全の保証** — security guarantees")
    assert "not to confuse with: 安全の約束 (security assurances)" in value
    assert "English to avoid: security assurances" in value
    nothing = await timely(
        client.text_document_hover_async(
            types.HoverParams(text_document=types.TextDocumentIdentifier(uri=article.as_uri()), position=types.Position(line=7, character=1))
        )
    )
    assert nothing is None  # NATO拡張 in a code block is not a term of the article


async def complete(client: LanguageClient, article: Path, line: int, character: int) -> list[types.CompletionItem]:
    result = await timely(
        client.text_document_completion_async(
            types.CompletionParams(
                text_document=types.TextDocumentIdentifier(uri=article.as_uri()), position=types.Position(line=line, character=character)
            )
        )
    )
    assert isinstance(result, types.CompletionList)
    return result.items


async def test_completion_offers_admitted_forms_with_their_english(client: LanguageClient, article: Path):
    # Line 4 ends "…NATO拡張は議論を呼んだ。"; after "ブダペ" on line 5 (character 3):
    items = await complete(client, article, 4, 3)
    assert [(item.label, item.detail) for item in items] == [
        ("ブダペスト覚書", "Budapest Memorandum"),
        ("ブダペスト・メモランダム", "Budapest Memorandum (variant of ブダペスト覚書)"),
    ]
    assert items[0].text_edit.range.start.character == 0  # type: ignore[union-attr]
    # After "NATO拡" (line 4, character 5): NATO拡大, never the deprecated NATO拡張.
    labels = [item.label for item in await complete(client, article, 3, 5)]
    assert labels[0] == "NATO拡大" and "NATO拡張" not in labels


async def test_a_bad_directive_is_a_warning_on_its_line_and_other_languages_are_left_alone(client: LanguageClient, article: Path, run_cli):
    script = article.parent / "notes.py"
    bad = article.parent / "bad.md"
    bad_text = "序文。\n<!-- yakugo-disable-next-line no-such-rule -->\nNATO拡張\n"
    for path, language, text in ((script, "python", "x = '米露'\n"), (bad, "markdown", bad_text)):
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(uri=path.as_uri(), language_id=language, version=1, text=text)
            )
        )
    await wait_for_diagnostics(client)
    assert script.as_uri() not in client.diagnostics
    # yakugo lint warns of the directive (PATH:LINE) and still lints: a directive of unknown ids silences nothing.
    *findings, warning = client.diagnostics[bad.as_uri()]
    assert [(d.code, d.range.start.line) for d in findings] == [("deprecated-variant", 2)]
    assert (warning.severity, warning.range.start.line, warning.source) == (types.DiagnosticSeverity.Warning, 1, "yakugo")
    assert warning.message.startswith("unknown rule no-such-rule in yakugo-disable-next-line (known: context-confusable, ")
    # The very warning yakugo lint prints for the file, after its PATH:LINE.
    bad.write_text(bad_text, encoding="utf-8")
    printed = run_cli("lint", bad).stderr.splitlines()
    assert f"warning: {bad}:2: {warning.message}" in printed


async def wait_for_diagnostics(client: LanguageClient) -> None:
    await timely(client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS))


def changed(client: LanguageClient, path: Path) -> None:
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=path.as_uri(), type=types.FileChangeType.Changed)])
    )


async def test_glossary_edit_is_picked_up_and_a_broken_one_is_reported(fresh: LanguageClient):
    article: Path = fresh.article  # type: ignore[attr-defined]
    assert fresh.initialize_result.capabilities.position_encoding == "utf-32"  # type: ignore[attr-defined]
    second = [d for d in shown_diagnostics(fresh, article) if d.code == "deprecated-variant"][1]
    assert (second.range.start.character, second.range.end.character) == (16, 22)  # code points
    assert [r.method for r in fresh.registrations] == [types.WORKSPACE_DID_CHANGE_WATCHED_FILES]  # type: ignore[attr-defined]

    glossary = article.parent / "terms.tsv"
    text = glossary.read_text(encoding="utf-8")
    # 米露 becomes deprecated: deprecated-variant reports it now, and mixed-variants no longer does.
    glossary.write_text(text.replace("米ロ\tUS-Russia\t米露\t", "米ロ\tUS-Russia\t\t米露"), encoding="utf-8")
    changed(fresh, glossary)
    await wait_for_diagnostics(fresh)
    shown = [(d.code, d.range.start.line) for d in shown_diagnostics(fresh, article)]
    assert ("deprecated-variant", 2) in shown and ("mixed-variants", 2) not in shown
    good = shown

    broken_line = text.count("\n", 0, text.index("extended-deterrence")) + 1
    glossary.write_text(text.replace("拡大抑止\textended deterrence", "拡大抑止\t"), encoding="utf-8")
    changed(fresh, glossary)
    await wait_for_diagnostics(fresh)
    errors = [m.message for m in fresh.messages if m.type == types.MessageType.Error]
    assert len(errors) == 1
    assert f"terms.tsv:{broken_line}: empty 'en'" in errors[0] and "last good glossary" in errors[0]
    assert [(d.code, d.range.start.line) for d in shown_diagnostics(fresh, article)] == good


async def test_add_as_deprecated_form_rewrites_the_glossary(fresh: LanguageClient):
    article: Path = fresh.article  # type: ignore[attr-defined]
    mixed = next(d for d in shown_diagnostics(fresh, article) if d.code == "mixed-variants")
    action = next(a for a in await actions_for(fresh, article, mixed) if a.title.startswith("Add 米露 as deprecated"))
    assert action.command is not None
    await execute(fresh, action)
    outside = article.parent.parent / "other.tsv"
    shutil.copy(FIXTURES / "lint.tsv", outside)
    await timely(
        fresh.workspace_execute_command_async(
            types.ExecuteCommandParams(
                command=ADD_TO_GLOSSARY,
                arguments=[{"glossary": str(outside), "concept": "russia", "form": "露", "status": "deprecated"}],
            )
        )
    )
    assert outside.read_bytes() == (FIXTURES / "lint.tsv").read_bytes()  # not a glossary of this workspace
    assert "is not a glossary file of this workspace" in fresh.messages[-1].message
    concept = load_glossary(article.parent / "terms.tsv")["us-russia"]
    assert (concept.ja_variants, concept.ja_deprecated) == ([], ["米露"])
    assert ("deprecated-variant", 2) in [(d.code, d.range.start.line) for d in shown_diagnostics(fresh, article)]
    # Everything else in the file is as it was.
    before = (FIXTURES / "lint.tsv").read_text(encoding="utf-8").split("\n")
    after = (article.parent / "terms.tsv").read_text(encoding="utf-8").split("\n")
    assert [a for a, b in zip(before, after) if a != b] == [next(line for line in before if line.startswith("us-russia"))]


async def execute(client: LanguageClient, action: types.CodeAction) -> None:
    """Run an action's command as an editor does. The server re-lints every open document
    before it answers, so the new diagnostics have arrived when this returns."""
    assert action.command is not None and action.command.command == ADD_TO_GLOSSARY
    await timely(
        client.workspace_execute_command_async(
            types.ExecuteCommandParams(command=action.command.command, arguments=list(action.command.arguments or ()))
        )
    )


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    return [(a, b) for a, b in zip(before.split("\n"), after.split("\n"), strict=True) if a != b]


async def test_add_as_admitted_variant_rewrites_the_glossary(fresh: LanguageClient):
    article: Path = fresh.article  # type: ignore[attr-defined]
    glossary = article.parent / "terms.tsv"
    before = glossary.read_text(encoding="utf-8")
    deprecated = next(d for d in shown_diagnostics(fresh, article) if d.code == "deprecated-variant")
    titles = [a.title for a in await actions_for(fresh, article, deprecated)]
    assert titles == [
        "Replace with NATO拡大",
        "Add NATO拡張 as admitted variant of NATO拡大 (NATO enlargement)",
        "Suppress deprecated-variant on this line",
    ]
    action = next(a for a in await actions_for(fresh, article, deprecated) if a.title.startswith("Add NATO拡張"))
    await execute(fresh, action)
    # NATO拡張 leaves ja_deprecated for the end of ja_variants; no other line of the file changes.
    assert changed_lines(before, glossary.read_text(encoding="utf-8")) == [
        (
            "nato-enlargement\tNATO拡大\tNATO enlargement\tNATOの拡大|NATOの東方拡大\tNATO拡張\tNATO expansion\t\t\tpolicy\t\t\t\t",
            "nato-enlargement\tNATO拡大\tNATO enlargement\tNATOの拡大|NATOの東方拡大|NATO拡張\t\tNATO expansion\t\t\tpolicy\t\t\t\t",
        )
    ]
    assert "deprecated-variant" not in [d.code for d in shown_diagnostics(fresh, article)]


async def test_an_unlisted_spelling_becomes_a_variant_of_the_glossary_form(fresh: LanguageClient):
    article: Path = fresh.article  # type: ignore[attr-defined]
    glossary = article.parent / "terms.tsv"
    # A concept 繋がる and unlisted-variant turned on; the reload re-lints the open article.
    glossary.write_text(glossary.read_text(encoding="utf-8") + "connect\t繋がる\tlead to\t\t\t\t\t\tconcept\t\t\t\t\n", encoding="utf-8")
    (article.parent / "yakugo.toml").write_text(
        'glossary = "terms.tsv"\nselect = ["deprecated-variant", "mixed-variants", "unlisted-variant"]\n', encoding="utf-8"
    )
    changed(fresh, glossary)
    await wait_for_diagnostics(fresh)
    before = glossary.read_text(encoding="utf-8")
    notes = article.parent / "notes.md"
    fresh.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=notes.as_uri(), language_id="markdown", version=1, text="対話が緊張緩和に繋がった。交渉が合意につながった。\n"
            )
        )
    )
    await wait_for_diagnostics(fresh)
    (unlisted,) = shown_diagnostics(fresh, notes)
    assert (unlisted.code, unlisted.range.start.character, unlisted.range.end.character) == ("unlisted-variant", 19, 23)
    actions = await actions_for(fresh, notes, unlisted)
    assert [a.title for a in actions] == ["Add つながる as admitted variant of 繋がる (lead to)", "Suppress unlisted-variant on this line"]
    await execute(fresh, actions[0])
    assert changed_lines(before, glossary.read_text(encoding="utf-8")) == [
        ("connect\t繋がる\tlead to\t\t\t\t\t\tconcept\t\t\t\t", "connect\t繋がる\tlead to\tつながる\t\t\t\t\tconcept\t\t\t\t")
    ]
    assert shown_diagnostics(fresh, notes) == []  # both spellings admitted: nothing to report


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[*SERVER, "--isolated", "-g", str(ROOT / "terms.tsv")]), loop_scope="module"
)
async def on_bundled(lsp_client: LanguageClient):
    """A server given the bundled glossary, in a workspace (the checkout) that holds its file."""
    read_code_actions_as_sent(lsp_client)
    await timely(
        lsp_client.initialize_session(
            types.InitializeParams(
                capabilities=capabilities(["utf-16"], watch=False),  # no registration to answer
                root_uri=ROOT.as_uri(),
                workspace_folders=[types.WorkspaceFolder(uri=ROOT.as_uri(), name="yakugo")],
            )
        )
    )
    yield
    await timely(lsp_client.shutdown_session())


async def test_no_glossary_action_writes_the_bundled_glossary(on_bundled: LanguageClient):
    draft = ROOT / "never-written-draft.md"  # open in the editor only, never on disk
    on_bundled.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=draft.as_uri(), language_id="markdown", version=1, text="NATO拡張は議論を呼んだ。\n")
        )
    )
    await wait_for_diagnostics(on_bundled)
    (deprecated,) = shown_diagnostics(on_bundled, draft)
    titles = [a.title for a in await actions_for(on_bundled, draft, deprecated)]
    assert titles == ["Replace with NATO拡大", "Suppress deprecated-variant on this line"]
    bundled = ROOT / "terms.tsv"
    before = bundled.read_bytes()
    try:
        await timely(
            on_bundled.workspace_execute_command_async(
                types.ExecuteCommandParams(
                    command=ADD_TO_GLOSSARY,
                    arguments=[{"glossary": str(bundled), "concept": "nato-enlargement", "form": "NATO拡張", "status": "variant"}],
                )
            )
        )
        after = bundled.read_bytes()
    finally:
        if bundled.read_bytes() != before:  # a regression must not leave the checkout's glossary changed
            bundled.write_bytes(before)
    assert after == before
    assert "is not a glossary file of this workspace" in on_bundled.messages[-1].message


async def test_configuration_edit_is_picked_up(fresh: LanguageClient):
    article: Path = fresh.article  # type: ignore[attr-defined]
    assert "mixed-variants" in [d.code for d in shown_diagnostics(fresh, article)]
    config = article.parent / "yakugo.toml"
    config.write_text('glossary = "terms.tsv"\nignore = ["mixed-variants"]\n', encoding="utf-8")
    changed(fresh, config)
    await wait_for_diagnostics(fresh)
    codes = [d.code for d in shown_diagnostics(fresh, article)]
    assert "mixed-variants" not in codes and "deprecated-variant" in codes


@pytest.mark.slow  # waits for the server's poll (every 2 seconds)
async def test_without_file_watching_the_server_polls(unwatched: LanguageClient):
    article: Path = unwatched.article  # type: ignore[attr-defined]
    assert unwatched.registrations == []  # type: ignore[attr-defined]
    glossary = article.parent / "terms.tsv"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(text.replace("米ロ\tUS-Russia\t米露\t", "米ロ\tUS-Russia\t\t米露"), encoding="utf-8")
    await wait_for_diagnostics(unwatched)  # no notification from the client: the poll finds the change
    assert ("deprecated-variant", 2) in [(d.code, d.range.start.line) for d in shown_diagnostics(unwatched, article)]
