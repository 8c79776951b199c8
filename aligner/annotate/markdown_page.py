"""A Markdown article rendered for the ``annotate --html`` page, glossary terms still marked.

markdown-it-py parses the article (CommonMark, plus GFM tables and strikethrough) with
raw HTML off, so ``<script>`` in an article is text like any other. Headings become
``<h1>``–``<h6>``, emphasis ``<em>``/``<strong>``, code ``<code>``/``<pre>``, lists
``<ul>``/``<ol>``. A link is shown as its text followed by its URL as text (the page
loads nothing and links nowhere); an image as its alternative text.

The terms and lint findings are positioned in the source lines (``Annotation.spans``).
Each piece of prose markdown-it hands back is found again in its source line, in order,
and the spans inside it are drawn by the page's own ``render_span``: a term split by
markup (``**北大西洋**条約機構``) or a piece changed by an escape (``\\*``) is shown as
plain text. Code is never marked: the recognizer masks it too.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape
from typing import Any, Callable, Sequence

from yakugo.aligner.annotate.model import Span

_POSITION = "yakugo_at"  # token.meta key: (line number, 0-based column) of a text token in the source
# Blocks whose first line is numbered in the margin and can be linked to (#L12).
_NUMBERED = {"paragraph_open", "heading_open", "blockquote_open", "table_open", "hr"}


def render_markdown(
    lines: list[str], spans_of: Callable[[int], list[Span]], render_span: Callable[[Span], str]
) -> tuple[str, dict[int, str]]:
    """The article's HTML, and for each line number the id of the block holding it."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
    tokens = parser.parse("\n".join(lines))
    anchors = _number_blocks(tokens)
    for token in tokens:
        # A table column's alignment comes as a style attribute, which the page's CSP forbids.
        token.attrs.pop("style", None)
    for token in tokens:
        if token.type == "inline" and token.map and token.children:
            _locate_text(token.children, lines, token.map[0])

    spans = lru_cache(maxsize=None)(spans_of)
    links: list[str] = []

    def text(renderer: Any, tokens: Sequence[Any], index: int, options: Any, env: Any) -> str:
        token = tokens[index]
        position = token.meta.get(_POSITION)
        if position is None:
            return escape(token.content)
        number, start = position
        end = start + len(token.content)
        line = lines[number - 1]
        pieces = []
        for span in spans(number):
            if span.end <= start or span.start >= end:
                continue
            if span.start >= start and span.end <= end and (span.match is not None or span.findings):
                pieces.append(render_span(span))
            else:
                pieces.append(escape(line[max(span.start, start):min(span.end, end)]))
        return "".join(pieces)

    def link_open(renderer: Any, tokens: Sequence[Any], index: int, options: Any, env: Any) -> str:
        links.append(str(tokens[index].attrGet("href") or ""))
        return '<span class="link">'

    def link_close(renderer: Any, tokens: Sequence[Any], index: int, options: Any, env: Any) -> str:
        url = links.pop() if links else ""
        return f'</span> <span class="url">&lt;{escape(url)}&gt;</span>' if url else "</span>"

    def image(renderer: Any, tokens: Sequence[Any], index: int, options: Any, env: Any) -> str:
        return f'<span class="image">[{escape(tokens[index].content)}]</span>'

    def code(renderer: Any, tokens: Sequence[Any], index: int, options: Any, env: Any) -> str:
        token = tokens[index]
        number = token.map[0] + 1 if token.map else None
        where = f' id="L{number}" data-line="{number}"' if number is not None and anchors.get(number) == f"L{number}" else ""
        return f"<pre{where}><code>{escape(token.content)}</code></pre>\n"

    for name, rule in (("text", text), ("link_open", link_open), ("link_close", link_close), ("image", image), ("fence", code), ("code_block", code)):
        parser.add_render_rule(name, rule)
    return parser.renderer.render(tokens, parser.options, {}), anchors


def _number_blocks(tokens: Sequence[Any]) -> dict[int, str]:
    """Give each leaf block (a list item whose paragraph is hidden, in a tight list) the id
    and margin number of its first line; returns line → id for every line in a block."""
    anchors: dict[int, str] = {}
    for index, token in enumerate(tokens):
        if not token.map:
            continue
        numbered = (token.type in _NUMBERED and not token.hidden) or token.type in ("fence", "code_block")
        if token.type == "list_item_open" and index + 1 < len(tokens) and tokens[index + 1].hidden:
            numbered = True
        if not numbered:
            continue
        first, end = token.map
        anchor = f"L{first + 1}"
        if first + 1 in anchors:
            continue  # a quote's paragraph: the quote holds the number
        if token.type not in ("fence", "code_block"):
            token.attrSet("id", anchor)
            token.attrSet("data-line", str(first + 1))
        for number in range(first + 1, max(end, first + 1) + 1):
            anchors.setdefault(number, anchor)
    return anchors


def _locate_text(children: Sequence[Any], lines: list[str], first_line: int) -> None:
    """Record where each text token starts in the source, searching forward line by line."""
    row, column = first_line, 0
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            row, column = row + 1, 0
            continue
        if child.type not in ("text", "code_inline") or not child.content:
            continue
        for candidate in range(row, min(row + 2, len(lines))):
            found = lines[candidate].find(child.content, column if candidate == row else 0)
            if found >= 0:
                if child.type == "text":
                    child.meta[_POSITION] = (candidate + 1, found)
                row, column = candidate, found + len(child.content)
                break
