"""``yakugo annotate --html``: one self-contained HTML page for an ``Annotation``.

No network at all: CSS and JS are inline, and a Content-Security-Policy
allows only those two blocks (by hash), so even a mistake in escaping could
not run a script from the article. Every piece of article and glossary text
goes through ``html.escape``.

Each term is focusable and names, with ``aria-describedby``, the hidden gloss
of its concept (and the message of any lint finding on it); the small script
shows those descriptions in one floating tooltip on hover and on keyboard
focus, and hides it on Escape. The side panel lists the concepts by frequency
with the count of each spelling, and the lint findings with their messages.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape

from yakugo.aligner.annotate.markdown_page import render_markdown
from yakugo.aligner.annotate.model import Annotation, ConceptUse, Span, counted
from yakugo.glossary.model import Concept, Glossary
from yakugo.glossary.textfile import shown_path

STATUS_LABEL = {
    "variant": "an admitted variant spelling (preferred: {ja})",
    "deprecated": "a deprecated spelling: write {ja}",
    "abbreviation": "a one-kanji abbreviation of {ja} in a compound",
}

CSS = """
:root { --sans: system-ui, "Hiragino Sans", "Yu Gothic UI", "Noto Sans CJK JP", sans-serif;
  --ink:#1d1d1f; --paper:#fdfcf8; --dim:#6b6b70; --line:#d9d6cc; --panel:#f4f1e8;
  --preferred:#1f7a3d; --variant:#1f5fa8; --deprecated:#b3261e;
  --error:#fbd3cf; --warning:#fbeaa5; --info:#d6e6fb; --hl:#dccfff; }
@media (prefers-color-scheme: dark) {
  :root { --ink:#e8e6e1; --paper:#1b1b1d; --dim:#9a9893; --line:#3a3935; --panel:#242427;
    --preferred:#6cc98a; --variant:#7fb0ec; --deprecated:#f08a80;
    --error:#5c2420; --warning:#4d4214; --info:#1f3550; --hl:#45386e; }
}
* { box-sizing: border-box; }
body { margin:0; color:var(--ink); background:var(--paper);
  font: 17px/1.9 "Hiragino Mincho ProN","Yu Mincho","Noto Serif CJK JP","Noto Sans CJK JP",serif; }
/* Japanese glyphs (not Chinese ones) in the English-language parts, which quote Japanese too. */
header { padding: .8rem 1.5rem; border-bottom: 1px solid var(--line); font-family: var(--sans); }
header h1 { font-size: 1.05rem; margin: 0; overflow-wrap: anywhere; }
header p { margin: .2rem 0 0; color: var(--dim); font-size: .85rem; }
.legend span { margin-right: 1em; }
.layout { display: grid; grid-template-columns: minmax(0, 49rem) minmax(16rem, 24rem); gap: 2rem; padding: 1rem 1.5rem; }
@media (max-width: 62rem) { .layout { grid-template-columns: minmax(0, 1fr); } }
main p { margin: 0 0 .35em; white-space: pre-wrap; overflow-wrap: anywhere; line-break: strict; position: relative; }
main p.gap { margin-top: 1em; }
/* Line numbers sit in main's left padding, wide enough for five digits. */
main { padding-left: 3rem; }
main p::before { content: attr(data-line); position: absolute; left: -3rem; width: 2.6rem; text-align: right;
  color: var(--dim); font: .7rem/2.6 system-ui, sans-serif; }
.term { text-decoration: underline 2px var(--preferred); text-underline-offset: .25em; cursor: help; border-radius: 2px; }
.term.st-variant { text-decoration-color: var(--variant); text-decoration-style: dashed; }
.term.st-deprecated { text-decoration-color: var(--deprecated); text-decoration-style: double; }
.flag.sev-error { background: var(--error); }
.flag.sev-warning { background: var(--warning); }
.flag.sev-info { background: var(--info); }
.flag::after { content: "!"; font: bold .65em system-ui, sans-serif; vertical-align: super; color: var(--deprecated); }
.term:focus, .flag:focus, button:focus-visible, a:focus-visible { outline: 2px solid var(--variant); outline-offset: 2px; }
.term.hl { background: var(--hl); box-shadow: 0 0 0 2px var(--hl); }
aside { font: 14px/1.5 var(--sans); }
aside section { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; margin-bottom: 1rem; }
@media (min-width: 62rem) { aside { position: sticky; top: 0; align-self: start; max-height: 100vh; overflow-y: auto; padding-top: .2rem; } }
aside h2 { font-size: .95rem; margin: 0 0 .4rem; }
aside ol { margin: 0; padding: 0; list-style: none; }
.concepts li { padding: .25rem 0; border-top: 1px solid var(--line); }
.concepts li:first-child { border-top: 0; }
/* all: unset also drops box-sizing and the focus ring: both are set again after it. The ring is
   drawn inside the button (padded, its text still in line) so that it does not cover the spellings. */
.concepts button { all: unset; box-sizing: border-box; cursor: pointer; display: flex; gap: .5em; align-items: baseline;
  width: calc(100% + .6rem); margin: 0 -.3rem; padding: .1rem .3rem; border-radius: 3px; }
.concepts button[aria-pressed="true"] { background: var(--hl); }
.concepts button:focus-visible { outline: 2px solid var(--variant); outline-offset: -2px; }
.concepts .ja { font-weight: 600; }
.concepts .en { color: var(--dim); flex: 1; }
.concepts .count { font-variant-numeric: tabular-nums; font-weight: 600; }
.spellings { display: block; font-size: .85em; color: var(--dim); }
.spellings .st-variant { color: var(--variant); }
.spellings .st-deprecated { color: var(--deprecated); }
.findings li { padding: .3rem .4rem; margin-bottom: .3rem; border-radius: 4px; }
.findings li.sev-error { background: var(--error); }
.findings li.sev-warning { background: var(--warning); }
.findings li.sev-info { background: var(--info); }
header a { color: inherit; }
.findings a { color: inherit; font-variant-numeric: tabular-nums; margin-right: .4em; }
.rule { font-weight: 600; }
#glosses { display: none; }
#tooltip { position: absolute; z-index: 10; max-width: min(26rem, 92vw); padding: .55rem .75rem;
  background: var(--paper); color: var(--ink); border: 1px solid var(--dim); border-radius: 6px;
  box-shadow: 0 4px 14px rgba(0,0,0,.18); font: 14px/1.45 var(--sans); overflow-y: auto; overscroll-behavior: contain; }
#tooltip[hidden] { display: none; }
#tooltip > * + * { margin-top: .4rem; padding-top: .4rem; border-top: 1px solid var(--line); }
.gloss .head { font-size: 1.05em; }
.gloss .en { font-weight: 700; font-size: 1.1em; }
.gloss small { color: var(--dim); margin-left: .3em; }
.gloss dl { margin: .3rem 0 0; display: grid; grid-template-columns: auto 1fr; gap: .1rem .6rem; }
.gloss dt { color: var(--dim); }
.gloss dd { margin: 0; }
.status-deprecated { color: var(--deprecated); font-weight: 600; }
.status-variant { color: var(--variant); }
.msg { display: block; }
/* A rendered Markdown article: its blocks numbered in the margin like a text file's lines. */
main [data-line] { position: relative; }
main [data-line]::before { content: attr(data-line); position: absolute; left: -3rem; width: 2.6rem; text-align: right;
  color: var(--dim); font: .7rem/2.6 system-ui, sans-serif; font-weight: normal; }
main li[data-line]::before { left: calc(-3rem - 2.5em); }
main h1, main h2, main h3, main h4, main h5, main h6 { line-height: 1.5; margin: 1.1em 0 .4em; overflow-wrap: anywhere; }
main h1 { font-size: 1.6rem; } main h2 { font-size: 1.35rem; } main h3 { font-size: 1.15rem; }
main h4, main h5, main h6 { font-size: 1rem; }
main code { font: .9em ui-monospace, "Cascadia Mono", "Noto Sans Mono CJK JP", monospace; background: var(--panel);
  padding: 0 .2em; border-radius: 3px; }
main pre { background: var(--panel); border: 1px solid var(--line); border-radius: 4px; padding: .5rem .7rem;
  overflow-x: auto; line-height: 1.5; }
main pre code { background: none; padding: 0; }
main blockquote { margin: .5em 0; padding-left: 1em; border-left: 3px solid var(--line); color: var(--dim); }
main ul, main ol { margin: .2em 0 .6em; padding-left: 2.5em; }
main li p { margin: 0; }
main table { border-collapse: collapse; margin: .5em 0; }
main th, main td { border: 1px solid var(--line); padding: .1rem .5rem; }
.url, .image { color: var(--dim); font: .8em var(--sans); overflow-wrap: anywhere; }
.link { text-decoration: underline dotted var(--dim); }
header button { font: inherit; font-size: .85rem; padding: .05rem .6rem; border: 1px solid var(--dim); border-radius: 4px;
  background: var(--panel); color: var(--ink); cursor: pointer; }
header button[aria-pressed="true"] { background: var(--hl); }
/* Ruby-style glosses: each term's English above it, the term widened to hold it. */
.glosses-shown main .term { display: inline-flex; flex-direction: column; align-items: center; vertical-align: bottom;
  line-height: 1.3; text-indent: 0; }
.glosses-shown main .term::before { content: attr(data-gloss); font: 600 .58rem/1.2 var(--sans); color: var(--dim);
  white-space: nowrap; padding: 0 .1em; }
/* A flex box would pass its underline on to the gloss: the term's text is underlined by a border instead. */
.glosses-shown main .term { text-decoration: none; border-bottom: 2px solid var(--preferred); border-radius: 0; position: relative; }
.glosses-shown main .term.st-variant { border-bottom-style: dashed; border-bottom-color: var(--variant); }
.glosses-shown main .term.st-deprecated { border-bottom: 3px double var(--deprecated); }
.glosses-shown main .term.flag::after { position: absolute; right: -.45em; bottom: .9em; }
"""

SCRIPT = """
(function () {
  var tip = document.getElementById('tooltip');
  var hideTimer = null;
  function target(node) { return node && node.closest ? node.closest('.term, .flag') : null; }
  function show(el) {
    clearTimeout(hideTimer);
    tip.replaceChildren();
    (el.getAttribute('aria-describedby') || '').split(/\\s+/).forEach(function (id) {
      var source = id && document.getElementById(id);
      if (!source) return;
      var part = source.cloneNode(true);
      part.removeAttribute('id');
      part.hidden = false;
      tip.appendChild(part);
    });
    tip.style.maxHeight = '';
    tip.hidden = false;
    tip.scrollTop = 0;
    var box = el.getBoundingClientRect();
    var width = tip.offsetWidth, height = tip.offsetHeight;
    var viewport = document.documentElement.clientWidth;
    var left = Math.max(4, Math.min(box.left, viewport - width - 8));
    // Below the term when it fits, else above; a note too long for either
    // side gets the roomier one and scrolls, so the term stays in view.
    var below = window.innerHeight - box.bottom - 10, above = box.top - 10;
    var under = height <= below || (height > above && below >= above);
    if (height > (under ? below : above)) {
      tip.style.maxHeight = Math.max(under ? below : above, 48) + 'px';
      height = tip.offsetHeight;
    }
    var top = under ? box.bottom + 6 : box.top - height - 6;
    tip.style.left = (window.scrollX + left) + 'px';
    tip.style.top = (window.scrollY + top) + 'px';
  }
  function hide() { tip.hidden = true; }
  function hideSoon() { clearTimeout(hideTimer); hideTimer = setTimeout(hide, 250); }
  document.addEventListener('mouseover', function (e) { var el = target(e.target); if (el) show(el); });
  document.addEventListener('mouseout', function (e) {
    var el = target(e.target);
    if (el && !el.contains(e.relatedTarget)) hideSoon();
  });
  tip.addEventListener('mouseenter', function () { clearTimeout(hideTimer); });
  tip.addEventListener('mouseleave', hideSoon);
  document.addEventListener('focusin', function (e) { var el = target(e.target); if (el) show(el); });
  document.addEventListener('focusout', function (e) { if (target(e.target)) hide(); });
  // A tooltip too long for the window scrolls: with the keyboard too, by the arrow and page keys.
  var STEPS = {ArrowDown: 40, ArrowUp: -40, PageDown: 0.9, PageUp: -0.9};
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') { hide(); return; }
    if (!(e.key in STEPS) || tip.hidden || !target(document.activeElement)) return;
    if (tip.scrollHeight <= tip.clientHeight) return;
    var step = STEPS[e.key];
    tip.scrollTop += Math.abs(step) < 1 ? step * tip.clientHeight : step;
    e.preventDefault();
  });
  // Every gloss at once, above its term (CSS draws each term's data-gloss): for reading a whole page.
  var glossSwitch = document.getElementById('show-glosses');
  glossSwitch.addEventListener('click', function () {
    var on = document.body.classList.toggle('glosses-shown');
    glossSwitch.setAttribute('aria-pressed', on ? 'true' : 'false');
  });
  document.querySelectorAll('.concepts button').forEach(function (button) {
    button.addEventListener('click', function () {
      var on = button.getAttribute('aria-pressed') !== 'true';
      button.setAttribute('aria-pressed', on ? 'true' : 'false');
      var terms = document.querySelectorAll('.term[data-concept="' + button.dataset.concept + '"]');
      terms.forEach(function (term) { term.classList.toggle('hl', on); });
      if (on && terms.length) terms[0].scrollIntoView({block: 'center'});
    });
  });
})();
"""


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; style-src {_csp_hash(CSS)}; script-src {_csp_hash(SCRIPT)}; "
    "img-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'"
)


def render_html(annotation: Annotation, glossary: Glossary, show_glosses: bool = False) -> str:
    """The whole page for ``annotation``; ``glossary`` supplies the confusables' names.
    A Markdown article is rendered (``markdown_page``), a text file shown line by line;
    ``show_glosses`` opens the page with every term's English shown above it."""
    finding_ids = {id(finding): f"f-{number}" for number, finding in enumerate(annotation.findings, start=1)}
    term_anchor: dict[tuple[int, int], str] = {}
    span_count = [0]

    def draw(span: Span) -> str:
        span_count[0] += 1
        anchor = f"t-{span_count[0]}"
        for finding in span.findings:
            term_anchor.setdefault((finding.line, finding.column), anchor)
        return _span_html(span, anchor, finding_ids)

    line_anchor: dict[int, str] = {}
    paragraphs: list[str] = []  # one per non-blank line, numbered like the file
    if annotation.markdown:
        rendered, line_anchor = render_markdown(annotation.lines, annotation.spans, draw)
        paragraphs.append(rendered)
    after_blank = False
    for number, line in enumerate(annotation.lines if not annotation.markdown else [], start=1):
        if not line.strip():
            after_blank = bool(paragraphs)
            continue
        pieces = [draw(span) for span in annotation.spans(number)]
        gap = ' class="gap"' if after_blank else ""
        paragraphs.append(f'<p id="L{number}" data-line="{number}"{gap}>{"".join(pieces)}</p>')
        after_blank = False

    # Links to the panel, so that a keyboard gets there without tabbing through every term.
    summary = (
        f'{counted(len(annotation.matches), "term")} · '
        f'<a href="#concepts-title">{counted(len(annotation.concepts), "concept")}</a> · '
        f'<a href="#findings-title">{counted(len(annotation.findings), "lint finding")}</a>'
    )
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="referrer" content="no-referrer">',
            f"<title>{escape(shown_path(annotation.path))} · yakugo annotate</title>",
            f"<style>{CSS}</style>",
            "</head>",
            '<body class="glosses-shown">' if show_glosses else "<body>",
            "<header>",
            f"<h1>{escape(shown_path(annotation.path))}</h1>",
            f"<p>{summary}. Hover or focus (Tab) an underlined term for its English; Escape hides it, the arrow keys scroll a long one.</p>",
            '<p class="legend"><span class="term">preferred</span> <span class="term st-variant">variant</span> '
            '<span class="term st-deprecated">deprecated</span> <span class="flag sev-warning">lint finding</span> '
            f'<button type="button" id="show-glosses" aria-pressed="{"true" if show_glosses else "false"}">'
            "Show all glosses</button></p>",
            "</header>",
            '<div class="layout">',
            '<main id="article" lang="ja">',
            *paragraphs,
            "</main>",
            '<aside aria-label="Concepts and lint findings">',
            _concept_panel(annotation.concepts),
            _findings_panel(annotation, finding_ids, term_anchor, line_anchor),
            "</aside>",
            "</div>",
            '<div id="glosses">',
            *(_gloss_html(use.concept, glossary) for use in annotation.concepts),
            *_status_html(annotation.concepts),
            "</div>",
            '<div id="tooltip" role="tooltip" hidden></div>',
            f"<script>{SCRIPT}</script>",
            "</body>",
            "</html>",
            "",
        ]
    )


def _span_html(span: Span, anchor: str, finding_ids: dict[int, str]) -> str:
    text = escape(span.text)
    described = [finding_ids[id(finding)] for finding in span.findings]
    flag = ""
    if span.findings:
        worst = min(span.findings, key=lambda f: ("error", "warning", "info").index(f.severity))
        flag = f" flag sev-{worst.severity}"
    if span.match is not None:
        match = span.match
        status = [f"s-{match.status}-{match.concept.id}"] if match.status in STATUS_LABEL else []
        # The finding's message first: a long gloss must not push it out of a small tooltip.
        described = [*described, *status, f"c-{match.concept.id}"]
        return (
            f'<span class="term st-{match.status}{flag}" id="{anchor}" tabindex="0" '
            f'data-concept="{escape(match.concept.id)}" data-gloss="{escape(match.concept.en)}" '
            f'aria-describedby="{escape(" ".join(described))}">{text}</span>'
        )
    if span.findings:
        return f'<mark class="{flag.strip()}" id="{anchor}" tabindex="0" aria-describedby="{" ".join(described)}">{text}</mark>'
    return text


def _status_html(uses: list[ConceptUse]) -> list[str]:
    """For each concept written in a variant or deprecated spelling, what that means."""
    return [
        f'<div id="s-{status}-{escape(use.concept.id)}" class="status-{status}">'
        f"{escape(STATUS_LABEL[status].format(ja=use.concept.ja))}</div>"
        for use in uses
        for status in STATUS_LABEL
        if status in use.statuses.values()
    ]


def _gloss_html(concept: Concept, glossary: Glossary) -> str:
    rows: list[tuple[str, str]] = []
    if concept.en_variants:
        rows.append(("also", " · ".join(concept.en_variants)))
    if concept.en_forbidden:
        rows.append(("not", " · ".join(concept.en_forbidden)))
    if concept.ja_variants:
        rows.append(("variants", " · ".join(concept.ja_variants)))
    if concept.ja_deprecated:
        rows.append(("avoid", " · ".join(concept.ja_deprecated)))
    confusables = [glossary[other] for other in concept.confusables if other in glossary]
    if confusables:
        rows.append(("confusable", " · ".join(f"{other.ja} ({other.en})" for other in confusables)))
    if concept.note:
        rows.append(("note", concept.note))
    details = "".join(f"<dt>{escape(label)}</dt><dd>{escape(value)}</dd>" for label, value in rows)
    kind = f" <small>{escape(concept.type)}</small>" if concept.type else ""
    return (
        f'<div id="c-{escape(concept.id)}" class="gloss"><div class="head"><span lang="ja">{escape(concept.ja)}</span> = '
        f'<span class="en">{escape(concept.en)}</span>{kind}</div>'
        + (f"<dl>{details}</dl>" if details else "")
        + "</div>"
    )


def _concept_panel(uses: list[ConceptUse]) -> str:
    items = []
    for use in uses:
        spellings = " / ".join(
            f'<span class="st-{escape(use.statuses[text])}" lang="ja">{escape(text)}</span> ×{count}'
            for text, count in use.spellings.items()
        )
        concept = use.concept
        items.append(
            f'<li><button type="button" data-concept="{escape(concept.id)}" aria-pressed="false" '
            f'title="Highlight every occurrence">'
            f'<span class="ja" lang="ja">{escape(concept.ja)}</span><span class="en">{escape(concept.en)}</span>'
            f'<span class="count">{use.count}</span></button><span class="spellings">{spellings}</span></li>'
        )
    body = f'<ol class="concepts">{"".join(items)}</ol>' if items else "<p>No glossary terms found.</p>"
    return f'<section aria-labelledby="concepts-title"><h2 id="concepts-title">Concepts by frequency</h2>{body}</section>'


def _findings_panel(
    annotation: Annotation, finding_ids: dict[int, str], term_anchor: dict[tuple[int, int], str], line_anchor: dict[int, str]
) -> str:
    items = []
    for finding in annotation.findings:
        anchor = term_anchor.get((finding.line, finding.column)) or line_anchor.get(finding.line, f"L{finding.line}")
        items.append(
            f'<li class="sev-{escape(finding.severity)}"><a href="#{anchor}">{finding.line}:{finding.column}</a>'
            f'<span class="msg" id="{finding_ids[id(finding)]}"><span class="rule">{escape(finding.severity)} · '
            f"{escape(finding.rule)}</span>: {escape(finding.message)}</span></li>"
        )
    body = f'<ol class="findings">{"".join(items)}</ol>' if items else "<p>No lint findings.</p>"
    return f'<section aria-labelledby="findings-title"><h2 id="findings-title">Lint findings</h2>{body}</section>'
