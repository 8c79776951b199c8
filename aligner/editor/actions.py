"""Code actions for lint findings: fixes, suggestions, glossary edits and suppressions.

Every action works from a diagnostic as published: its range, and its
``data`` (the finding's ``rule``, ``concept``, ``text`` and ``replacement``,
plus ``fix``: ``"safe"``, ``"unsafe"`` or None):

* a finding with a fix: a ``quickfix`` replacing exactly its span, preferred
  when the fix is safe (an unsafe one, in a quotation or a title, is offered
  but not preferred);
* any other finding with a suggested replacement (context-confusable,
  mixed-variants): the suggestion as a quickfix that is never preferred, since
  a person has to confirm it;
* a ``mixed-variants`` form that is an admitted variant: "Add as deprecated
  form of <concept>" (the house style settles on the other forms, and
  deprecated-variant then fixes it); a ``deprecated-variant`` form: "Add as
  admitted variant of <concept>"; an ``unlisted-variant`` spelling whose
  other spelling (the one the document uses most) is an admitted form of a
  concept: "Add as admitted variant of <concept>" (no action when it is not).
  All rewrite the glossary file atomically, and are offered only when the
  glossary in use is a file of the workspace;
* "Suppress on this line": the directive of ``yakugo.aligner.lint.suppress``
  on a line of its own before the finding's line (``<!-- … -->`` in Markdown,
  ``# …`` in plain text), or the rule added to such a directive already there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from lsprotocol import types

from yakugo.aligner.editor.diagnostics import split_lines
from yakugo.aligner.editor.positions import Encoding, to_client
from yakugo.aligner.lint.rules.unlisted_variant import spellings_of
from yakugo.glossary.errors import InputError
from yakugo.glossary.model import LIST_SEPARATOR, Concept, Glossary
from yakugo.glossary.normalize import fold
from yakugo.glossary.textfile import TextFile
from yakugo.glossary.tsv import format_glossary, load_glossary, parse_glossary, save_glossary

ADD_TO_GLOSSARY = "yakugo.addToGlossary"
FormStatus = Literal["variant", "deprecated"]

_MARKDOWN_DIRECTIVE = re.compile(r"^(.*?<!--\s*yakugo-disable-next-line)\b([^\n]*?)(\s*-->\s*)$")
_HASH_DIRECTIVE = re.compile(r"^(\s*#\s*yakugo-disable-next-line)\b([^\n]*?)(\s*)$")


@dataclass
class ActionContext:
    """What the actions of one document need to know."""

    uri: str
    text: str
    markdown: bool
    glossary: Glossary
    encoding: Encoding = "utf-16"
    # The glossary file actions may rewrite: None for the bundled glossary or one outside the workspace.
    glossary_file: Path | None = None


def code_actions(diagnostic: types.Diagnostic, context: ActionContext) -> list[types.CodeAction]:
    """The actions for one of yakugo's diagnostics, most useful first."""
    data = diagnostic.data if isinstance(diagnostic.data, dict) else None
    if data is None or "rule" not in data:
        return []
    actions: list[types.CodeAction] = []
    replacement = data.get("replacement")
    if replacement is not None:
        safety = data.get("fix")
        title = {
            "safe": f"Replace with {replacement}",
            "unsafe": f"Replace with {replacement} (unsafe fix: check the quotation or title)",
        }.get(safety or "", f"Replace with {replacement} (suggestion: check the context)")
        actions.append(
            types.CodeAction(
                title=title,
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                is_preferred=safety == "safe",
                edit=_edit(context.uri, [types.TextEdit(range=diagnostic.range, new_text=replacement)]),
            )
        )
    actions.extend(_glossary_actions(diagnostic, data, context))
    actions.append(
        types.CodeAction(
            title=f"Suppress {data['rule']} on this line",
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            edit=_edit(context.uri, [suppression_edit(context.text, diagnostic.range.start.line + 1, data["rule"], context.markdown, context.encoding)]),
        )
    )
    return actions


def _edit(uri: str, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(changes={uri: edits})


def _glossary_actions(diagnostic: types.Diagnostic, data: dict[str, Any], context: ActionContext) -> list[types.CodeAction]:
    if context.glossary_file is None:
        return []
    found = _glossary_change(diagnostic, data, context.glossary)
    if found is None:
        return []
    concept, form, status = found
    wording = "admitted variant" if status == "variant" else "deprecated form"
    title = f"Add {form} as {wording} of {_name(concept)}"
    arguments = {"glossary": str(context.glossary_file), "concept": concept.id, "form": form, "status": status}
    return [
        types.CodeAction(
            title=title,
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            command=types.Command(title=title, command=ADD_TO_GLOSSARY, arguments=[arguments]),
        )
    ]


def _glossary_change(diagnostic: types.Diagnostic, data: dict[str, Any], glossary: Glossary) -> tuple[Concept, str, FormStatus] | None:
    """Which concept the finding's form would join, the form, and as what."""
    rule = data["rule"]
    if rule == "unlisted-variant":
        # No concept: the word's other spelling (the one the document uses most) may be a glossary form.
        spellings = spellings_of(diagnostic.message)
        owner = glossary.concept_of_ja(spellings[1]) if spellings is not None else None
        # An admitted form only: then the rule, finding both spellings admitted, stops reporting the word.
        if spellings is None or owner is None or owner.status == "deprecated" or glossary.concept_of_ja(spellings[0]) is not None:
            return None
        return owner.concept, spellings[0], "variant"
    concept_id = data.get("concept")
    if concept_id is None or concept_id not in glossary:
        return None
    concept = glossary[concept_id]
    form = data["text"]
    if rule == "deprecated-variant":
        return concept, form, "variant"
    if rule == "mixed-variants" and fold(form) != fold(concept.ja):
        return concept, form, "deprecated"
    return None


def _name(concept: Concept) -> str:
    return f"{concept.ja} ({concept.en})"


def add_form(glossary_path: str | Path, concept_id: str, form: str, status: FormStatus) -> Glossary:
    """Make ``form`` an admitted variant or a deprecated form of a concept, in the glossary file.

    The file is read afresh (an edit made since the server loaded it is kept),
    the form leaves the concept's other list if it was there (keeping the
    glossary's spelling of it), and the file is written atomically
    (``save_glossary``), only if the text to be written loads as a valid
    glossary with the form where it was put. Raises ``InputError`` otherwise,
    leaving the file as it was.
    """
    glossary = load_glossary(glossary_path)
    if concept_id not in glossary:
        raise InputError(f"{glossary_path}: no concept '{concept_id}'")
    concept = glossary[concept_id]
    key = fold(form)
    if not form.strip() or any(character in form for character in f"\t\r\n{LIST_SEPARATOR}"):
        raise InputError(f"{glossary_path}:{concept.line}: {form!r} cannot be a form of '{concept_id}'")
    if fold(concept.ja) == key:
        raise InputError(f"{glossary_path}:{concept.line}: {form} is the preferred form of '{concept_id}'")
    listed = [known for known in (*concept.ja_variants, *concept.ja_deprecated) if fold(known) == key]
    spelling = listed[0] if listed else form
    concept.ja_variants = [known for known in concept.ja_variants if fold(known) != key]
    concept.ja_deprecated = [known for known in concept.ja_deprecated if fold(known) != key]
    (concept.ja_variants if status == "variant" else concept.ja_deprecated).append(spelling)
    # What the file will hold, loaded as the server will load it (parse_glossary validates).
    written = parse_glossary(TextFile(str(glossary_path), format_glossary(glossary)))
    placed = written[concept_id].ja_variants if status == "variant" else written[concept_id].ja_deprecated
    if spelling not in placed:
        raise InputError(f"{glossary_path}:{concept.line}: {form} would not be read back as a {status} of '{concept_id}'")
    save_glossary(glossary)
    return glossary


def suppression_edit(text: str, line: int, rule: str, markdown: bool, encoding: Encoding = "utf-16") -> types.TextEdit:
    """The edit that silences ``rule`` on 1-based ``line``: a ``disable-next-line``
    directive ending on the line before, or ``rule`` added to the one already there.

    In Markdown a line inside a paragraph gets the comment at the end of the
    line before it: a comment on a line of its own would be an HTML block and
    split the paragraph in two when rendered. Elsewhere the directive takes a
    line of its own, indented as the finding's line.
    """
    lines = split_lines(text)
    newline = "\r\n" if "\r\n" in text else "\n"
    above = lines[line - 2] if line >= 2 else None
    found = (_MARKDOWN_DIRECTIVE if markdown else _HASH_DIRECTIVE).match(above) if above is not None else None
    if found is not None and found.group(2).strip():
        names, dashes, reason = found.group(2).partition("--")
        rules = [name for name in re.split(r"[\s,]+", names.strip()) if name]
        updated = f"{found.group(1)} {', '.join([*rules, rule])}{' ' + dashes + reason.rstrip() if dashes else ''}{found.group(3)}"
        # The whole line with its line break: no column to count in the client's encoding.
        whole = types.Range(start=types.Position(line=line - 2, character=0), end=types.Position(line=line - 1, character=0))
        return types.TextEdit(range=whole, new_text=updated + newline)
    if markdown and above is not None and above.strip() and not _opens_block(above):
        end = types.Position(line=line - 2, character=to_client(above, len(above), encoding))
        return types.TextEdit(range=types.Range(start=end, end=end), new_text=f"<!-- yakugo-disable-next-line {rule} -->")
    target = lines[line - 1] if 0 < line <= len(lines) else ""
    indent = target[: len(target) - len(target.lstrip())]
    comment = f"<!-- yakugo-disable-next-line {rule} -->" if markdown else f"# yakugo-disable-next-line {rule}"
    at_line_start = types.Position(line=line - 1, character=0)
    return types.TextEdit(range=types.Range(start=at_line_start, end=at_line_start), new_text=f"{indent}{comment}{newline}")


# Lines after which the next line starts a block of its own: headings, rules, fences, table rows.
_BLOCK_LINE = re.compile(r"^\s{0,3}(?:#{1,6}(?:\s|$)|(?:[-*_]\s*){3,}$|```|~~~|\|)")


def _opens_block(line: str) -> bool:
    return bool(_BLOCK_LINE.match(line))
