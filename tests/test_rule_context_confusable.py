"""context-confusable on articles written for these tests (the seeds are in test_lint_seeds.py)."""

import pytest

from yakugo.aligner.lint.engine import LintOptions, lint_text
from yakugo.glossary import InputError
from yakugo.glossary.textfile import TextFile
from yakugo.glossary.tsv import parse_glossary

from lint_helpers import lint, spans


def flagged(text: str, path: str = "a.txt") -> list[tuple[int, int, int, str]]:
    return spans(lint(text, "context-confusable", path=path))


def test_same_sentence_as_the_memorandum():
    text = "1994年のブダペスト覚書で、ウクライナは米英露から安全保障の保証を得た。"
    findings = lint(text, "context-confusable")
    assert spans(findings) == [(1, 27, 34, "安全保障の保証")]
    finding = findings[0]
    assert (finding.severity, finding.concept, finding.replacement) == ("error", "security-assurances", "安全の約束")
    assert finding.message == (
        "安全保障の保証 (security guarantees) is wrong where the text is about ブダペスト覚書: "
        "write 安全の約束 (security assurances)"
    )


def test_sentence_referring_back_with_kore_wa():
    text = "最も有名なのはブダペスト覚書だろう。これは、核を手放す見返りに安全の保証を与える内容だった。"
    assert flagged(text) == [(1, 32, 37, "安全の保証")]


def test_sentence_referring_back_with_dou_oboegaki_a_few_sentences_later():
    text = "ブダペスト覚書は1994年に署名された。核兵器はロシアへ移送された。同覚書で3カ国は安全の保証を与えた。"
    assert flagged(text) == [(1, 43, 48, "安全の保証")]


def test_cue_in_the_previous_paragraph_reached_by_a_back_reference():
    text = "ウクライナはブダペスト・メモランダムに署名した。\n\nその内容は、安全保障の保証と呼べるものではなかった。"
    # 「…と呼べる」 is not a quotation, so this is a use.
    assert flagged(text) == [(3, 7, 14, "安全保障の保証")]


def test_quoted_mention_of_the_phrase_is_not_a_use():
    text = "ウクライナは停戦後の「安全の保証」を求めた。ブダペスト覚書には「安全の保証」という文言がなかった。"
    assert flagged(text) == []
    assert flagged("ブダペスト覚書に「安全の保証(security guarantee)」との表現はない。") == []
    assert flagged("ブダペスト覚書の時代、「安全の保証」と言えば同盟を意味した。") == []


def test_scare_quotes_are_still_a_use():
    assert flagged("ブダペスト覚書でウクライナは「安全の保証」を得た。") == [(1, 16, 21, "安全の保証")]


def test_silent_without_the_context():
    assert flagged("ウクライナは停戦後の安全の保証を米国に求めている。") == []
    # The memorandum is named, but the next sentence does not refer back to it.
    assert flagged("ブダペスト覚書は破られた。ウクライナは今、安全の保証を求めている。") == []


def test_the_right_term_in_the_context_is_fine():
    assert flagged("ブダペスト覚書で米英露はウクライナに安全の約束を与えた。") == []


def test_markdown_and_suppression():
    text = "<!-- yakugo-disable-next-line context-confusable -->\nブダペスト覚書で安全の保証を得た。\nブダペスト覚書で安全の保証を得た。\n"
    assert flagged(text, "a.md") == [(3, 9, 14, "安全の保証")]
    code = "ブダペスト覚書の条文:\n\n    ブダペスト覚書で安全の保証\n"
    assert flagged(code, "a.md") == []


GLOSSARY_HEAD = "id\tja\ten\tja_variants\tcontext_cues\tcontext_avoid\n"


def test_glossary_columns_are_checked_with_the_row_line():
    bad = GLOSSARY_HEAD + "a\t安全の約束\tsecurity assurances\t\t覚書\t安全保障上の保証\nb\t安全の保証\tsecurity guarantees\t\t\t\n"
    glossary = parse_glossary(TextFile("g.tsv", bad))
    with pytest.raises(InputError) as error:
        lint_text("覚書", glossary, options=LintOptions(select=["context-confusable"]))
    assert error.value.problems == ["g.tsv:2: context_avoid of 'a': '安全保障上の保証' is not a Japanese form in the glossary"]


def test_cues_and_avoid_forms_come_from_the_glossary_not_the_code():
    columns = GLOSSARY_HEAD + "a\t核の傘\tnuclear umbrella\t\t拡大抑止\t核の盾\nb\t核の盾\tnuclear shield\t\t\t\n"
    glossary = parse_glossary(TextFile("g.tsv", columns))
    findings = lint("米国の拡大抑止は核の盾で支えられる。", "context-confusable", glossary=glossary)
    assert [(f.text, f.replacement, f.concept) for f in findings] == [("核の盾", "核の傘", "a")]
