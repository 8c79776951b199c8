"""annotate --html on Markdown articles: rendered, terms still marked, everything escaped."""

from __future__ import annotations

import re

from yakugo.aligner.annotate.html import render_html
from yakugo.aligner.annotate.markdown_page import render_markdown
from yakugo.aligner.annotate.model import annotate_document
from yakugo.glossary.textfile import TextFile

ARTICLE = """# 北大西洋条約機構の会議

本文で*イェルツィン*が`イェルツィン`と書かれた。
**北大西洋**条約機構は分けて強調された。

1. [資料](javascript:alert(1))
2. 項目

```
<b>コード</b> イェルツィン
```

<img src=x onerror=alert(1)> &amp; <!-- note -->
"""


def page_of(bundled, text: str = ARTICLE, name: str = "a.md", **options) -> str:
    return render_html(annotate_document(TextFile(name, text), bundled), bundled, **options)


def main_of(page: str) -> str:
    return page[page.index('<main id="article"'):page.index("</main>")]


def test_markdown_blocks_render_with_the_terms_marked_inside(bundled):
    main = main_of(page_of(bundled))
    heading = re.search(r'<h1 id="L1" data-line="1">(.*?)</h1>', main).group(1)
    assert heading.startswith('<span class="term st-preferred" id="t-1" tabindex="0" data-concept="nato" data-gloss="North Atlantic Treaty Organization"')
    assert heading.endswith(">北大西洋条約機構</span>の会議")
    assert '<p id="L3" data-line="3">本文で<em><span class="term st-deprecated flag sev-warning"' in main
    assert "<code>イェルツィン</code>" in main  # code is never marked
    assert "<strong>北大西洋</strong>条約機構は" in main  # a term split by markup is plain text
    assert '<ol>\n<li id="L6" data-line="6">' in main and "<li" in main
    assert '<pre id="L9" data-line="9"><code>&lt;b&gt;コード&lt;/b&gt; イェルツィン\n</code></pre>' in main
    assert "#" not in re.sub(r'id="[^"]*"|href="#[^"]*"', "", main)


def test_raw_html_and_links_in_the_article_stay_text(bundled):
    main = main_of(page_of(bundled))
    # &amp; is an entity in Markdown: it reads as &, escaped again in the page.
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &lt;!-- note --&gt;" in main
    assert "<img" not in main and "href" not in main and "<a " not in main
    # markdown-it refuses a javascript: link: it stays the text it was written as.
    assert "[資料](javascript:alert(1))" in main


def test_a_link_shows_its_text_then_its_url_escaped(bundled):
    main = main_of(page_of(bundled, '見出し\n\n[外務省](https://example.org/a?b="c"&d=<e>)の発表\n'))
    assert '<span class="link"><span class="term' in main
    assert '</span> <span class="url">&lt;https://example.org/a?b=%22c%22&amp;d=%3Ce%3E&gt;</span>の発表' in main


def test_findings_link_to_the_rendered_block(bundled):
    page = page_of(bundled)
    assert '<a href="#t-2">3:5</a>' in page and 'id="t-2"' in main_of(page)
    # A finding away from a term links to the block that holds its line.
    _, anchors = render_markdown(["# 見出し", "", "一行目", "二行目", "", "- 項目"], lambda number: [], lambda span: "")
    assert anchors == {1: "L1", 3: "L3", 4: "L3", 6: "L6"}


def test_a_text_file_is_not_rendered_as_markdown(bundled):
    main = main_of(page_of(bundled, "# 北大西洋条約機構\n", name="a.txt"))
    assert '<p id="L1" data-line="1"># <span class="term' in main and "<h1" not in main


def test_show_glosses_starts_the_page_with_the_switch_on(bundled):
    off, on = page_of(bundled), page_of(bundled, show_glosses=True)
    assert "<body>" in off and 'id="show-glosses" aria-pressed="false"' in off
    assert '<body class="glosses-shown">' in on and 'id="show-glosses" aria-pressed="true"' in on


def test_show_glosses_needs_the_html_page(run_cli, tmp_path):
    article = tmp_path / "a.md"
    article.write_text("北大西洋条約機構\n", encoding="utf-8")
    result = run_cli("annotate", article, "--show-glosses")
    assert result.exit_code == 2 and result.stderr.strip().startswith("yakugo annotate: --show-glosses is for the --html page")
    page = tmp_path / "a.html"
    assert run_cli("annotate", article, "--html", page, "--show-glosses").exit_code == 0
    assert '<body class="glosses-shown">' in page.read_text(encoding="utf-8")


def test_a_table_renders_with_its_terms_marked_and_no_inline_style(bundled):
    main = main_of(page_of(bundled, "| 組織 | 備考 |\n|:---|---:|\n| 北大西洋条約機構 | 本部 |\n"))
    assert "<table" in main and "style=" not in main
    assert re.search(r'<td><span class="term st-preferred"[^>]*data-concept="nato"[^>]*>北大西洋条約機構</span></td>', main)
