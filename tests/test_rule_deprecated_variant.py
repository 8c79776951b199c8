"""deprecated-variant on articles written for these tests."""

from yakugo.aligner.lint.engine import fix_text
from yakugo.aligner.lint.registry import RULES

from lint_helpers import fixture_glossary, lint, spans


def test_deprecated_form_is_reported_with_replacement_and_english():
    findings = lint("1993年、イェルツィン大統領は訪問した。", "deprecated-variant")
    assert spans(findings) == [(1, 7, 13, "イェルツィン")]
    finding = findings[0]
    assert (finding.rule, finding.severity, finding.concept, finding.replacement) == (
        "deprecated-variant",
        "warning",
        "yeltsin",
        "エリツィン",
    )
    assert finding.message == "イェルツィン is deprecated: write エリツィン (Boris Yeltsin)"
    assert RULES["deprecated-variant"].fixable


def test_preferred_and_variant_forms_are_not_deprecated():
    assert lint("エリツィンはNATO拡大にもNATOの拡大にも反対した。", "deprecated-variant") == []


def test_full_width_form_is_found_at_its_own_columns():
    findings = lint("ロシアはＮＡＴＯ拡張に反対した。", "deprecated-variant")
    assert spans(findings) == [(1, 5, 11, "ＮＡＴＯ拡張")]
    assert findings[0].replacement == "NATO拡大"


def test_markdown_code_links_and_comments_are_not_linted_and_positions_stay():
    article = "\n".join(
        [
            "# イェルツィンの時代",
            "",
            "```",
            "イェルツィン",
            "```",
            "コード `イェルツィン` と[資料](https://example.org/イェルツィン)と<!-- イェルツィン -->の後、イェルツィン。",
        ]
    )
    findings = lint(article, "deprecated-variant", path="article.md")
    assert spans(findings) == [(1, 3, 9, "イェルツィン"), (6, 66, 72, "イェルツィン")]
    # The same text as plain text: nothing is masked.
    assert len(lint(article, "deprecated-variant", path="article.txt")) == 6


def test_suppressions_in_markdown_comments_and_plain_text_hash_lines():
    markdown = "<!-- yakugo-disable-next-line deprecated-variant -->\nイェルツィン\nイェルツィン\n"
    assert [f.line for f in lint(markdown, "deprecated-variant", path="a.md")] == [3]
    plain = "# yakugo-disable-next-line\nイェルツィン\n# yakugo-disable deprecated-variant\nイェルツィン\n# yakugo-enable\nイェルツィン\n"
    assert [f.line for f in lint(plain, "deprecated-variant")] == [6]
    # Another rule's directive does not silence this one.
    other = "# yakugo-disable-next-line mixed-variants\nイェルツィン\n"
    assert [f.line for f in lint(other, "deprecated-variant")] == [2]


def test_fix_replaces_only_the_span_and_is_idempotent():
    text = "イェルツィンは\r\nＮＡＴＯ拡張に反対した。\r\nエリツィン"
    fixed, applied = fix_text(text, fixture_glossary())
    assert fixed == "エリツィンは\r\nNATO拡大に反対した。\r\nエリツィン"
    assert [f.text for f in applied] == ["イェルツィン", "ＮＡＴＯ拡張"]
    assert fix_text(fixed, fixture_glossary()) == (fixed, [])
