"""unlisted-variant on articles written for these tests (its seed count is in test_lint_seeds.py)."""

from yakugo.aligner.lint.registry import RULES

from lint_helpers import lint, spans

SIMULATION = "専門家はシミュレーションを行った。再びシミュレーションした。シュミレーションの結果は公表された。"


def test_off_by_default_and_selectable():
    assert not RULES["unlisted-variant"].enabled_by_default
    assert lint(SIMULATION) == []
    findings = lint(SIMULATION, "unlisted-variant")
    assert spans(findings) == [(1, 31, 39, "シュミレーション")]
    finding = findings[0]
    assert (finding.severity, finding.concept, finding.replacement) == ("info", None, None)
    assert "シミュレーション ×2" in finding.message and "シュミレーション ×1" in finding.message


def test_okurigana_and_kana_kanji_spellings_of_content_words():
    text = "調査を行う。改めて調査を行なう。再び調査を行う。\n両国はつながる。経済で繋がる。"
    findings = lint(text, "unlisted-variant")
    assert [(f.line, f.text) for f in findings] == [(1, "行なう"), (2, "繋がる")]


def test_latin_words_normalised_to_katakana_are_false_friends():
    assert lint("START条約の交渉がスタートした。スタート地点。", "unlisted-variant") == []


def test_function_word_kana_kanji_pairs_are_false_friends():
    text = "平和のために働く。平和の為に働く。その上で、そのうえで。言うまでもなく、ということだ。措置をとる。責任を取る。"
    assert lint(text, "unlisted-variant") == []


def test_homophones_with_different_kanji_and_conjugation_classes_are_false_friends():
    text = "大統領に宛てて書簡を送った。光を当てて調べた。\n輸出を禁じる。輸入も禁じた。要求に応じる。要請に応ずる。"
    assert lint(text, "unlisted-variant") == []


def test_words_inside_glossary_terms_are_left_to_the_glossary_rules():
    assert lint("米ロ関係と米露関係。", "unlisted-variant") == []


def test_a_word_cut_by_a_hard_line_break_is_not_a_spelling():
    text = "その狙いは明らかだ。\n当面の規模と狙\nいを見極める。"
    assert lint(text, "unlisted-variant") == []


def test_two_hiragana_forms_and_two_kana_nouns_are_false_friends():
    # やっぱ is a colloquial やっぱり, not another spelling; もの is the formal noun beside the concrete 物.
    assert lint("やっぱり交渉は続く。やっぱ難しい。", "unlisted-variant") == []
    assert lint("平和というものは尊い。物資と物を運んだ。", "unlisted-variant") == []
    # Katakana pairs and kanji/kana pairs of longer words are still spellings of one word.
    assert [f.text for f in lint("ご飯を食べた。ごはんを炊いた。ごはんの量。", "unlisted-variant")] == ["ご飯"]
