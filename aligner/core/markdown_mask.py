"""Blanking the parts of a Markdown file that are not prose, keeping every position.

``yakugo lint`` must not report terms inside code, URLs or comments, yet its
line and column numbers must be those of the original file. So instead of
parsing Markdown into a tree, the non-prose parts are overwritten with spaces,
character for character (line breaks stay), and the rest of the pipeline runs
on the masked text as if it were the file.

Blanked: fenced code blocks (``` and ~~~), indented code blocks after a blank
line, code spans, link and image targets ``](…)``, reference definitions
``[id]: url``, autolinks ``<https://…>`` and HTML comments ``<!-- … -->``
(which may span lines). ``comments=False`` keeps the comments: suppression
directives count only in comments that survive it, not in ones shown as code.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_INDENTED = re.compile(r"^(?: {4}|\t)")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S")
_BACKTICK_RUN = re.compile(r"`+")
# Possessive (*+, ++): a target that does not close gives up at once instead of retrying
# every shorter prefix, so a crafted line costs linear time.
_LINK_TARGET = re.compile(r"\]\((?:[^()\s]|\([^()]*+\))*+(?:\s++(?:\"[^\"]*+\"|'[^']*+'|\([^()]*+\)))?\s*+\)")
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s]+)>")
_COMMENT_OPEN, _COMMENT_CLOSE = "<!--", "-->"


def blank(text: str) -> str:
    """``text`` with every character but line breaks turned into a space."""
    return re.sub(r"[^\r\n]", " ", text)


def mask_markdown(text: str, comments: bool = True) -> str:
    """``text`` with code, link targets and (unless ``comments`` is False) HTML comments
    blanked; same length, same lines."""
    uncommented = _blank_comments(text) if comments else text
    out: list[str] = []
    fence: str | None = None  # the opening fence while inside a fenced block
    previous_blank = True
    in_indented_code = False
    in_list = False
    # Blocks are told apart on the original lines (a comment blanked away must
    # not make the next line look indented); what is kept comes from the
    # uncommented ones.
    for original, line in zip(text.split("\n"), uncommented.split("\n")):
        content = original.rstrip("\r")
        opening = _FENCE.match(content)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence) and not content[opening.end():].strip():
                fence = None
            out.append(blank(line))
            continue
        if opening:
            fence = opening.group(1)
            out.append(blank(line))
            previous_blank = False
            continue
        is_blank = not content.strip()
        if _LIST_ITEM.match(content):
            in_list = True
        elif not is_blank and not _INDENTED.match(content):
            in_list = False
        if not is_blank and _INDENTED.match(content) and (in_indented_code or (previous_blank and not in_list)):
            in_indented_code = True
            out.append(blank(line))
            continue
        if not is_blank:
            in_indented_code = False
        previous_blank = is_blank
        if _REFERENCE_DEFINITION.match(content):
            out.append(blank(line))
            continue
        out.append(_mask_inline(line))
    return "\n".join(out)


def _blank_comments(text: str) -> str:
    """``text`` with its HTML comments blanked. A ``<!--`` shown in code (`` `<!--` ``, a
    code block about HTML) opens no comment: it must not swallow the prose up to a later ``-->``."""
    code_blanked = mask_markdown(text, comments=False)
    pieces, cursor = [], 0
    start = text.find(_COMMENT_OPEN)
    while start != -1:
        if code_blanked[start] != "<":  # inside code
            start = text.find(_COMMENT_OPEN, start + 1)
            continue
        end = text.find(_COMMENT_CLOSE, start + len(_COMMENT_OPEN))
        if end == -1:
            break
        end += len(_COMMENT_CLOSE)
        pieces += [text[cursor:start], blank(text[start:end])]
        cursor = end
        start = text.find(_COMMENT_OPEN, end)
    pieces.append(text[cursor:])
    return "".join(pieces)


def _code_spans(line: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each code span: a run of n backticks up to the next run of exactly
    n (CommonMark); a run with no partner is literal. One pass, whatever the runs."""
    runs = [match.span() for match in _BACKTICK_RUN.finditer(line)]
    partner: list[int | None] = [None] * len(runs)
    next_of_length: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        partner[index] = next_of_length.get(length)
        next_of_length[length] = index
    spans, index = [], 0
    while index < len(runs):
        closing = partner[index]
        if closing is None:
            index += 1
            continue
        spans.append((runs[index][0], runs[closing][1]))
        index = closing + 1
    return spans


def _mask_inline(line: str) -> str:
    if "`" in line:
        pieces, cursor = [], 0
        for start, end in _code_spans(line):
            pieces += [line[cursor:start], blank(line[start:end])]
            cursor = end
        line = "".join(pieces) + line[cursor:]
    # Keep the "]" so the link text stays; blank "(target)".
    line = _LINK_TARGET.sub(lambda m: "]" + blank(m.group()[1:]), line)
    return _AUTOLINK.sub(lambda m: blank(m.group()), line)


def is_markdown(path: str) -> bool:
    return path.lower().endswith((".md", ".markdown"))
