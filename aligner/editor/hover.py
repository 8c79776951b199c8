"""What a hover on a recognised term shows: the concept's glossary entry as Markdown."""

from __future__ import annotations

from yakugo.aligner.core.markdown_mask import mask_markdown
from yakugo.aligner.core.recognize import Recognizer, TermMatch
from yakugo.aligner.editor.diagnostics import split_lines
from yakugo.glossary.model import Glossary

_STATUS = {"preferred": "preferred form", "variant": "admitted variant", "deprecated": "deprecated form"}


def term_at(text: str, line: int, offset: int, recognizer: Recognizer, markdown: bool) -> TermMatch | None:
    """The term under 0-based ``line`` and code-point ``offset``, recognised as the lint does
    (in Markdown, not in code, link targets or comments)."""
    lines = split_lines(mask_markdown(text) if markdown else text)
    if not 0 <= line < len(lines):
        return None
    for match in recognizer.find_in_line(lines[line], line + 1):
        if match.column - 1 <= offset < match.end_column - 1:
            return match
    return None


def _escape(text: str) -> str:
    # A glossary cell shown as Markdown text, not read as markup.
    return "".join("\\" + char if char in "\\`*_[]<>#|" else char for char in text)


def hover_markdown(match: TermMatch, glossary: Glossary) -> str:
    """Japanese, English, the status of the form written, variants, note, confusables
    with their English, and sources."""
    concept = match.concept
    out = [f"**{_escape(concept.ja)}** — {_escape(concept.en)}", ""]
    status = _STATUS[match.status]
    if match.status == "preferred":
        out.append(f"*{status}*")
    else:
        out.append(f"*{_escape(match.form.text)}: {status}; write {_escape(concept.ja)}*" if match.status == "deprecated" else f"*{_escape(match.form.text)}: {status}*")
    rows: list[tuple[str, str]] = []
    if concept.ja_variants:
        rows.append(("variants", "、".join(map(_escape, concept.ja_variants))))
    if concept.ja_deprecated:
        rows.append(("deprecated", "、".join(map(_escape, concept.ja_deprecated))))
    if concept.en_variants:
        rows.append(("English variants", ", ".join(map(_escape, concept.en_variants))))
    if concept.en_forbidden:
        rows.append(("English to avoid", ", ".join(map(_escape, concept.en_forbidden))))
    if concept.confusables:
        confusables = [
            f"{_escape(glossary[other].ja)} ({_escape(glossary[other].en)})" if other in glossary else _escape(other)
            for other in concept.confusables
        ]
        rows.append(("not to confuse with", "; ".join(confusables)))
    if concept.note:
        rows.append(("note", _escape(concept.note)))
    if concept.source:
        rows.append(("source", "; ".join(map(_escape, concept.source))))
    if rows:
        out.append("")
        out.extend(f"- {label}: {value}" for label, value in rows)
    out += ["", f"`{concept.id}`"]
    return "\n".join(out)
