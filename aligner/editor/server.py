"""The language server behind ``yakugo lsp`` (pygls, LSP 3.17, standard input/output).

It lints each open Markdown or plain-text document exactly as ``yakugo lint``
lints the file at that path (``LintRun``: the configuration of the document's
folder, its glossary, rules, severities and suppressions) and publishes the
findings as diagnostics; serves code actions, hovers and completion from the
same glossary; and reloads glossary and configuration when their files change.

Edits are debounced per document: a change waits ``debounce`` seconds, and a
newer change cancels the wait, so only the latest version is linted and only
its diagnostics are published. Everything runs on the server's one event-loop
thread (Sudachi's tokenizers are shared and not made for concurrent use).
"""

from __future__ import annotations

import asyncio
import os
from collections import OrderedDict
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Iterable

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument

from yakugo import __version__
from yakugo.aligner.core.markdown_mask import is_markdown
from yakugo.aligner.core.recognize import Recognizer, TermMatch
from yakugo.aligner.editor.actions import ADD_TO_GLOSSARY, ActionContext, add_form, code_actions
from yakugo.aligner.editor.completion import TermIndex
from yakugo.aligner.editor.diagnostics import default_rules_url, problem_diagnostic, split_lines, to_diagnostics
from yakugo.aligner.editor.hover import hover_markdown, term_at
from yakugo.aligner.editor.positions import ENCODINGS, Encoding, choose_encoding, from_client, to_client
from yakugo.aligner.lint.engine import Linter
from yakugo.aligner.lint.runner import LintFlags, LintRun
from yakugo.glossary.errors import InputError
from yakugo.glossary.model import Glossary
from yakugo.glossary.textfile import TextFile
from yakugo.glossary.tsv import bundled_glossary_path, load_glossary

LANGUAGES = ("markdown", "plaintext")
SUFFIXES = (".md", ".txt")
# Seconds a change waits for the next one before it is linted: enough for the changes an
# editor sends in one burst (a paste, an undo, a multi-cursor edit) to arrive and be coalesced.
DEFAULT_DEBOUNCE = 0.005
# Seconds between looks at the glossary and configuration files, for clients that watch no files.
POLL_INTERVAL = 2.0
WATCHED_GLOBS = ("**/*.tsv", "**/yakugo.toml", "**/pyproject.toml")
# Lines whose terms are remembered between edits (an edit changes a line or two).
LINE_CACHE_SIZE = 20_000


class _Recent:
    """A dictionary of at most ``size`` entries that forgets the least recently used."""

    def __init__(self, size: int):
        self._size = size
        self._items: OrderedDict = OrderedDict()

    def get(self, key: object) -> Any:
        value = self._items.get(key)
        if value is not None:
            self._items.move_to_end(key)
        return value

    def put(self, key: object, value: object) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        if len(self._items) > self._size:
            self._items.popitem(last=False)


class LineCache:
    """Remembers what each line of a document resolves to, for a ``Recognizer``.

    Segmenting a line (Sudachi) is most of a lint's time, and an edit leaves
    all lines but one as they were. What a line resolves to depends only on
    its text and its candidates, so the result is reused, renumbered, for an
    unchanged line anywhere in the document.
    """

    def __init__(self, resolve: Callable[[str, int, list], list[TermMatch]], size: int = LINE_CACHE_SIZE):
        self._resolve = resolve
        self._lines = _Recent(size)  # (line text, candidates) → (its line number then, matches)

    def __call__(self, line: str, number: int, candidates: list) -> list[TermMatch]:
        key = (line, tuple(candidates))
        known = self._lines.get(key)
        if known is None:
            matches = self._resolve(line, number, candidates)
        else:
            known_number, matches = known
            if known_number != number:  # the line moved (a line inserted above): renumber once
                matches = [replace(match, line=number) for match in matches]
        self._lines.put(key, (number, matches))
        return list(matches)


class CandidateCache:
    """Remembers each line's glossary candidates (the automaton's hits and their filters).

    The recognizer looks for candidates in a document's lines joined by line
    breaks; no form and no filter reaches across a line break, so the
    candidates of the joined text are those of each line, offset, and an
    unchanged line's are reused.
    """

    def __init__(self, candidates: Callable[[str], list[tuple[int, int, Any]]], size: int = LINE_CACHE_SIZE):
        self._candidates = candidates
        self._lines = _Recent(size)  # line text → its candidates

    def _of_line(self, line: str) -> list[tuple[int, int, Any]]:
        found = self._lines.get(line)
        if found is None:
            found = self._candidates(line)
            self._lines.put(line, found)
        return found

    def __call__(self, text: str) -> list[tuple[int, int, Any]]:
        if "\n" not in text:
            return list(self._of_line(text))
        found: list[tuple[int, int, Any]] = []
        offset = 0
        for line in text.split("\n"):
            if line:
                found.extend((start + offset, end + offset, form) for start, end, form in self._of_line(line))
            offset += len(line) + 1
        return found


def cache_lines(recognizer: Recognizer) -> None:
    """Give ``recognizer`` a ``LineCache`` and a ``CandidateCache``: the lint's own recognizer,
    unchanged otherwise (same forms, same options), so findings stay those of ``yakugo lint``."""
    if not isinstance(recognizer.__dict__.get("_resolve"), LineCache):
        # Instance attributes: the recognizer's own methods call them in place of the methods.
        setattr(recognizer, "_resolve", LineCache(recognizer._resolve))
        setattr(recognizer, "_candidates", CandidateCache(recognizer._candidates))


class EditorRun(LintRun):
    """``LintRun`` whose linters keep line results between the edits of a document."""

    def linter_for(self, path: str) -> Linter:
        linter = super().linter_for(path)
        cache_lines(linter.recognizer)
        return linter


class YakugoProtocol(LanguageServerProtocol):
    @lsp_method(types.INITIALIZE)
    def lsp_initialize(self, params: types.InitializeParams):
        # pygls takes the client's first choice; yakugo asks for code points (UTF-32) when
        # offered, else the protocol's default UTF-16 (never UTF-8, costly for Japanese).
        general = params.capabilities.general
        offered = [getattr(encoding, "value", encoding) for encoding in general.position_encodings or ()] if general else []
        if general is not None:
            general.position_encodings = [types.PositionEncodingKind(choose_encoding(offered))]
        return (yield from super().lsp_initialize(params))


class YakugoServer(LanguageServer):
    def __init__(self, flags: LintFlags | None = None, debounce: float = DEFAULT_DEBOUNCE, rules_url: str | None = None):
        super().__init__("yakugo", __version__, protocol_cls=YakugoProtocol)
        self.flags = flags or LintFlags()
        self.debounce = debounce
        self.rules_url = rules_url if rules_url is not None else default_rules_url()
        # glossary file → (mtime, size, glossary): the last good glossary of each file
        self._glossaries: dict[Path, tuple[int, int, Glossary]] = {}
        self._broken: dict[Path, int] = {}  # glossary file never loaded → mtime of its broken version
        self._reported: set[str] = set()  # problems shown since the last reload
        self._pending: dict[str, asyncio.Task] = {}
        self._indexes: dict[int, TermIndex] = {}
        self._config_files: dict[Path, int] = {}  # configuration read → its mtime then
        self.poller: asyncio.Future | None = None
        self.run = self._new_run()

    # --- state --------------------------------------------------------------

    @property
    def encoding(self) -> Encoding:
        chosen = self.workspace.position_encoding
        name = chosen.value if isinstance(chosen, types.PositionEncodingKind) else chosen
        return name if name in ENCODINGS else "utf-16"

    def _new_run(self) -> LintRun:
        return EditorRun(self.flags, open_glossary=self._open_glossary)

    def _open_glossary(self, path: Path | None) -> Glossary:
        """The glossary of ``path``; a broken file is reported once and its last good
        version stays in use (there is none the first time: then the error stands)."""
        file = (Path(path) if path is not None else bundled_glossary_path()).resolve()
        try:
            stat = file.stat()
            known = self._glossaries.get(file)
            if known is not None and known[:2] == (stat.st_mtime_ns, stat.st_size):
                return known[2]
            glossary = load_glossary(path)
        except InputError as error:
            last = self._glossaries.get(file)
            more = f" (and {len(error.problems) - 1} more)" if len(error.problems) > 1 else ""
            keeping = "; the last good glossary stays in use" if last else ""
            self.report(f"yakugo: glossary not loaded: {error.problems[0]}{more}{keeping}")
            # Remember which version was broken, so that only a new edit of the file reloads.
            if last is None:
                self._broken[file] = stat.st_mtime_ns
                raise
            self._glossaries[file] = (stat.st_mtime_ns, stat.st_size, last[2])
            return last[2]
        except OSError as error:
            raise InputError(f"{file}: {error.strerror}") from None
        self._glossaries[file] = (stat.st_mtime_ns, stat.st_size, glossary)
        self._broken.pop(file, None)
        return glossary

    def report(self, message: str, kind: types.MessageType = types.MessageType.Error) -> None:
        """One ``window/showMessage`` per problem until the next reload."""
        if message in self._reported:
            return
        self._reported.add(message)
        self.window_show_message(types.ShowMessageParams(type=kind, message=message))

    def reload(self) -> None:
        """Read glossaries and configuration afresh and lint every open document again."""
        self._reported.clear()
        self._config_files.clear()
        self.run = self._new_run()
        for uri, document in list(self.workspace.text_documents.items()):
            if self.path_of(document) is not None:
                self.publish(uri)

    # --- documents ----------------------------------------------------------

    def path_of(self, document: TextDocument) -> str | None:
        """The file a document stands for (a name in the current folder for an unsaved one),
        or None for a document yakugo does not read."""
        path = to_fs_path(document.uri)
        served = document.language_id in LANGUAGES or (path is not None and path.lower().endswith(SUFFIXES))
        if not served:
            return None
        if path is None:
            return os.path.join(os.getcwd(), "untitled.md" if document.language_id == "markdown" else "untitled.txt")
        return path

    def diagnostics(self, document: TextDocument) -> list[types.Diagnostic]:
        path = self.path_of(document)
        if path is None:
            return []
        text = document.source
        try:
            config = self.run.config_for(path)
            if config.path is not None and config.path.resolve() not in self._config_files:
                self._config_files[config.path.resolve()] = config.path.stat().st_mtime_ns
            if not config.wants(path):
                return []
            file = TextFile(path, text)
            findings = self.run.lint(file)  # the command's own call
            # What yakugo lint prints as "warning: PATH:LINE: …" beside the findings.
            warnings = self.run.directive_warnings(file)
        except InputError as error:
            return self._problem_diagnostics(error.problems, path, split_lines(text))
        shown = to_diagnostics(findings, text, self.encoding, self.rules_url)
        if warnings:
            shown += self._problem_diagnostics(warnings, path, split_lines(text), types.DiagnosticSeverity.Warning)
        return shown

    def _problem_diagnostics(
        self, problems: Iterable[str], path: str, lines: list[str], severity: types.DiagnosticSeverity = types.DiagnosticSeverity.Error
    ) -> list[types.Diagnostic]:
        """A problem in the document itself (a directive naming an unknown rule) on its line;
        any other (configuration, glossary) as a message."""
        shown = []
        for problem in problems:
            head, _, message = problem.partition(": ")
            file, _, line = head.rpartition(":")
            if file == path and line.isdigit():
                shown.append(problem_diagnostic(int(line), message, lines, self.encoding, severity))
            else:
                self.report(problem if problem.startswith("yakugo") else f"yakugo: {problem}")
        return shown

    def publish(self, uri: str) -> None:
        document = self.workspace.get_text_document(uri)
        version = document.version
        diagnostics = self.diagnostics(document)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        )

    def schedule(self, uri: str) -> None:
        """Lint ``uri`` after the debounce, unless a newer change comes first."""
        if self.path_of(self.workspace.get_text_document(uri)) is None:
            return
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        self._pending[uri] = asyncio.ensure_future(self._lint_later(uri))

    async def _lint_later(self, uri: str) -> None:
        await asyncio.sleep(self.debounce)
        self._pending.pop(uri, None)
        if uri in self.workspace.text_documents:
            self.publish(uri)

    def forget(self, uri: str) -> None:
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    # --- glossary features -----------------------------------------------------

    def linter_of(self, document: TextDocument) -> tuple[str, Linter] | None:
        path = self.path_of(document)
        if path is None:
            return None
        try:
            return path, self.run.linter_for(path)
        except InputError:
            return None

    def markdown_for(self, path: str, linter: Linter) -> bool:
        return is_markdown(path) if linter.options.markdown is None else linter.options.markdown

    def term_index(self, glossary: Glossary) -> TermIndex:
        index = self._indexes.get(id(glossary))
        if index is None or index.glossary is not glossary:
            self._indexes = {id(glossary): TermIndex(glossary)}  # one glossary's index at a time
            index = self._indexes[id(glossary)]
        return index

    def writable_glossary(self, path: str) -> Path | None:
        """The glossary file of ``path`` when it is in the workspace (never the bundled one)."""
        glossary_path = self.flags.glossary if self.flags.glossary is not None else self.run.config_for(path).glossary
        if glossary_path is None:
            return None
        file = Path(glossary_path).resolve()
        if file == bundled_glossary_path().resolve():
            return None
        roots = [Path(p).resolve() for p in self.workspace_roots()]
        return file if any(file.is_relative_to(root) for root in roots) else None

    def writable_glossaries(self) -> set[Path]:
        """The workspace glossary files the open documents use."""
        found = set()
        for document in self.workspace.text_documents.values():
            path = self.path_of(document)
            file = self.writable_glossary(path) if path is not None else None
            if file is not None:
                found.add(file)
        return found

    def workspace_roots(self) -> list[str]:
        roots = [to_fs_path(folder.uri) for folder in self.workspace.folders.values()]
        if not roots and self.workspace.root_path:
            roots = [self.workspace.root_path]
        return [root for root in roots if root]

    # --- files changing on disk -------------------------------------------------

    def files_changed(self) -> bool:
        """Whether a glossary or configuration file in use changed since it was read."""
        read = {file: known[0] for file, known in self._glossaries.items()} | self._broken | self._config_files
        for file, stamp in read.items():
            try:
                now = file.stat().st_mtime_ns
            except OSError:
                now = -1
            if now != stamp:
                return True
        return False

    async def poll_files(self) -> None:
        """For clients that watch no files: reload when a glossary or configuration in use changes."""
        while True:
            await asyncio.sleep(POLL_INTERVAL)
            if self.files_changed():
                self.reload()


def relevant_change(paths: Iterable[str]) -> bool:
    return any(path.endswith((".tsv", "yakugo.toml", "pyproject.toml")) for path in paths)


def build_server(flags: LintFlags | None = None, debounce: float = DEFAULT_DEBOUNCE, rules_url: str | None = None) -> YakugoServer:
    server = YakugoServer(flags, debounce, rules_url)

    @server.feature(types.INITIALIZED)
    def initialized(ls: YakugoServer, params: types.InitializedParams) -> None:
        watching = ls.client_capabilities.workspace
        dynamic = bool(
            watching
            and watching.did_change_watched_files
            and watching.did_change_watched_files.dynamic_registration
        )
        if dynamic:
            watchers = [types.FileSystemWatcher(glob_pattern=glob) for glob in WATCHED_GLOBS]
            ls.client_register_capability(
                types.RegistrationParams(
                    registrations=[
                        types.Registration(
                            id="yakugo-watched-files",
                            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
                        )
                    ]
                )
            )
        else:
            ls.poller = asyncio.ensure_future(ls.poll_files())  # kept: a task nobody holds may be collected

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: YakugoServer, params: types.DidOpenTextDocumentParams) -> None:
        if ls.path_of(ls.workspace.get_text_document(params.text_document.uri)) is not None:
            ls.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: YakugoServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: YakugoServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: YakugoServer, params: types.DidChangeWatchedFilesParams) -> None:
        if relevant_change(to_fs_path(change.uri) or change.uri for change in params.changes):
            ls.reload()

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(ls: YakugoServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        document = ls.workspace.get_text_document(params.text_document.uri)
        found = ls.linter_of(document)
        if found is None:
            return []
        path, linter = found
        context = ActionContext(
            document.uri, document.source, ls.markdown_for(path, linter), linter.glossary, ls.encoding, ls.writable_glossary(path)
        )
        actions: list[types.CodeAction] = []
        for diagnostic in params.context.diagnostics:
            if diagnostic.source == "yakugo":
                actions.extend(code_actions(diagnostic, context))
        return actions

    @server.command(ADD_TO_GLOSSARY)
    def add_to_glossary(ls: YakugoServer, arguments: dict[str, str]) -> None:
        target = Path(arguments.get("glossary", "")).resolve()
        status = arguments.get("status")
        # Only the workspace glossary an open document uses, as the action offered it.
        if status not in ("variant", "deprecated") or target not in ls.writable_glossaries():
            ls.report(f"yakugo: glossary not changed: {target} is not a glossary file of this workspace in use")
            return
        try:
            add_form(target, arguments["concept"], arguments["form"], status)  # type: ignore[arg-type]
        except InputError as error:
            ls.report(f"yakugo: glossary not changed: {error.problems[0]}")
            return
        ls.reload()

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: YakugoServer, params: types.HoverParams) -> types.Hover | None:
        document = ls.workspace.get_text_document(params.text_document.uri)
        found = ls.linter_of(document)
        if found is None:
            return None
        path, linter = found
        lines = document.lines
        line = params.position.line
        source = lines[line].rstrip("\r\n") if line < len(lines) else ""
        offset = from_client(source, params.position.character, ls.encoding)
        match = term_at(document.source, line, offset, linter.recognizer, ls.markdown_for(path, linter))
        if match is None:
            return None
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=hover_markdown(match, linter.glossary)),
            range=types.Range(
                start=types.Position(line=line, character=to_client(source, match.column - 1, ls.encoding)),
                end=types.Position(line=line, character=to_client(source, match.end_column - 1, ls.encoding)),
            ),
        )

    @server.feature(types.TEXT_DOCUMENT_COMPLETION)
    def completion(ls: YakugoServer, params: types.CompletionParams) -> types.CompletionList:
        document = ls.workspace.get_text_document(params.text_document.uri)
        found = ls.linter_of(document)
        if found is None:
            return types.CompletionList(is_incomplete=False, items=[])
        _, linter = found
        lines = document.lines
        line = params.position.line
        source = lines[line].rstrip("\r\n") if line < len(lines) else ""
        offset = from_client(source, params.position.character, ls.encoding)
        items = []
        for rank, candidate in enumerate(ls.term_index(linter.glossary).complete(source[:offset])):
            start = types.Position(line=line, character=to_client(source, offset - len(candidate.typed), ls.encoding))
            end = types.Position(line=line, character=params.position.character)
            concept = candidate.concept
            items.append(
                types.CompletionItem(
                    label=candidate.form,
                    kind=types.CompletionItemKind.Text,
                    detail=concept.en if candidate.status == "preferred" else f"{concept.en} (variant of {concept.ja})",
                    sort_text=f"{rank:04d}",
                    filter_text=candidate.filter_text,
                    text_edit=types.TextEdit(range=types.Range(start=start, end=end), new_text=candidate.form),
                )
            )
        # Typing on changes which endings match: ask again rather than filter this list.
        return types.CompletionList(is_incomplete=True, items=items)

    return server
