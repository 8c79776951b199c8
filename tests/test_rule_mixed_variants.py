"""mixed-variants on articles written for these tests."""

from lint_helpers import lint, spans


def test_less_frequent_admitted_form_is_reported_with_dominant_form_and_counts():
    text = "米ロ首脳会談が開かれた。\n米露関係は冷え込んだ。\n米ロの対立は続く。"
    findings = lint(text, "mixed-variants")
    assert spans(findings) == [(2, 1, 3, "米露")]
    finding = findings[0]
    assert (finding.severity, finding.concept, finding.replacement) == ("warning", "us-russia", "米ロ")
    assert "米ロ ×2" in finding.message and "米露 ×1" in finding.message
    assert finding.message.startswith("米露 mixed with 米ロ")


def test_on_a_tie_the_glossary_preferred_form_wins_whichever_came_first():
    # The fixture glossary prefers 米ロ: on a tie it is the form to write, met first or not.
    findings = lint("米露の協議。米ロの協議。", "mixed-variants")
    assert spans(findings) == [(1, 1, 3, "米露")]
    assert findings[0].replacement == "米ロ"
    assert findings[0].message.endswith("write one form (米ロ) for US-Russia")
    assert spans(lint("米ロの協議。米露の協議。", "mixed-variants")) == [(1, 7, 9, "米露")]


def test_the_dominant_form_wins_over_the_preferred_one_and_the_message_names_both():
    findings = lint("米露の協議。米露の会談。米ロの協議。", "mixed-variants")
    assert spans(findings) == [(1, 13, 15, "米ロ")]
    assert findings[0].message.endswith("write one form (米露) for US-Russia; the glossary prefers 米ロ")


def test_every_occurrence_of_every_minority_form_is_reported():
    text = "2プラス4の協議。二プラス四の協議。2プラス4の協議。ツー・プラス・フォーの協議。二プラス四の協議。2プラス4の協議。"
    findings = lint(text, "mixed-variants")
    assert [f.text for f in findings] == ["二プラス四", "ツー・プラス・フォー", "二プラス四"]
    assert {f.replacement for f in findings} == {"2プラス4"}
    assert "2プラス4 ×3, 二プラス四 ×2, ツー・プラス・フォー ×1" in findings[0].message


def test_short_and_long_forms_are_not_rival_spellings():
    # First mention in full, later mentions short: ordinary news style, not inconsistency.
    text = (
        "ボリス・エリツィン大統領が演説した。エリツィン氏はエリツィン政権の成果を語った。"
        "核兵器不拡散条約（NPT）の会議で、NPT体制の強化が議論された。"
        "NATOの拡大とNATO拡大、NATO拡大。"
    )
    assert lint(text, "mixed-variants") == []


def test_among_three_forms_each_minority_is_measured_against_the_form_it_rivals():
    text = "PfPとPfPとPfP。平和のためのパートナーシップとパートナーシップ・フォー・ピース。平和のためのパートナーシップ。"
    findings = lint(text, "mixed-variants")
    assert [(f.text, f.replacement) for f in findings] == [("パートナーシップ・フォー・ピース", "平和のためのパートナーシップ")]


def test_deprecated_forms_are_left_to_deprecated_variant():
    text = "NATO拡大とNATO拡張とNATO拡張。"
    assert lint(text, "mixed-variants") == []
    both = lint(text, "mixed-variants", "deprecated-variant")
    assert [(f.rule, f.text) for f in both] == [
        ("deprecated-variant", "NATO拡張"),
        ("deprecated-variant", "NATO拡張"),
    ]


def test_width_and_case_do_not_make_another_form():
    assert lint("ＮＡＴＯ拡大とNATO拡大とnato拡大。", "mixed-variants") == []


def test_kanji_traps_are_not_the_one_character_form():
    # 露 is an admitted form of Russia, but not inside 暴露, 披露, 露骨 or 日露.
    text = "ロシアの計画が暴露された。\n新型機を披露した。露骨な圧力。日露関係。"
    assert lint(text, "mixed-variants") == []
    findings = lint(text + "\n露大統領が来日した。", "mixed-variants")
    assert spans(findings) == [(3, 1, 2, "露")]


def test_markdown_code_block_does_not_count():
    text = "米ロの協議。\n\n```\n米露 米露 米露\n```\n"
    assert lint(text, "mixed-variants", path="a.md") == []
    assert len(lint(text, "mixed-variants", path="a.txt")) == 1  # 米ロ ×1 loses to 米露 ×3


def test_suppression_region():
    text = "米ロ。米ロ。\n<!-- yakugo-disable mixed-variants -->\n米露。\n<!-- yakugo-enable mixed-variants -->\n米露。"
    assert [f.line for f in lint(text, "mixed-variants", path="a.md")] == [5]


def test_only_documents_holding_two_rival_forms_need_the_concept_recognised():
    from yakugo.aligner.lint.rules.mixed_variants import forms_with_rivals
    from lint_helpers import fixture_glossary

    watch = forms_with_rivals(fixture_glossary())
    assert watch({"米ロ", "エリツィン"}) == set()
    assert watch({"エリツィン", "ボリス・エリツィン"}) == set()  # a short and a long form
    assert watch({"pfp", "平和のためのパートナーシップ"}) == set()  # an acronym and its full name
    assert watch({"米ロ", "米露", "エリツィン"}) == {"米ロ", "米露"}
    # With one rival pair present, every present form of the concept is read, so the counts stay whole.
    assert watch({"pfp", "平和のためのパートナーシップ", "パートナーシップ・フォー・ピース"}) == {
        "pfp", "平和のためのパートナーシップ", "パートナーシップ・フォー・ピース"
    }
