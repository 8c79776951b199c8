"""Term recognition: word boundaries, width and case, leftmost-longest, positions."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from yakugo.aligner.core.recognize import Recognizer
from yakugo.glossary.model import Concept, Glossary


def found(recognizer: Recognizer, text: str) -> list[tuple[int, int, int, str, str, str]]:
    return [(m.line, m.column, m.end_column, m.text, m.concept.id, m.status) for m in recognizer.find(text)]


def test_single_character_form_only_at_word_boundaries(mini):
    recognizer = Recognizer(mini)
    assert found(recognizer, "露大統領が会見した。") == [(1, 1, 2, "露", "russia", "variant")]
    for word in ("暴露", "披露", "露骨", "日露"):
        assert found(recognizer, f"今回の{word}は大きな話題になった。") == []


def test_width_is_folded_but_acronyms_written_in_capitals_match_only_in_capitals(mini):
    recognizer = Recognizer(mini)
    # ＮＡＴＯ is NATO; "nato" in lower case is not the acronym the glossary writes in capitals.
    assert found(recognizer, "ＮＡＴＯ拡張とnatoの拡大とNATOの拡大") == [
        (1, 1, 7, "ＮＡＴＯ拡張", "nato-enlargement", "variant"),
        (1, 16, 23, "NATOの拡大", "nato-enlargement", "variant"),
    ]


def test_deprecated_variant_and_preferred_statuses(mini):
    assert found(Recognizer(mini), "イェルツィン氏とエリツィン氏") == [
        (1, 1, 7, "イェルツィン", "yeltsin", "deprecated"),
        (1, 9, 14, "エリツィン", "yeltsin", "preferred"),
    ]


def test_leftmost_longest_and_compounds():
    glossary = Glossary(
        [
            Concept("pentagon", "国防総省", "Department of Defense", ja_variants=["米国防総省"]),
            Concept("defence", "国防", "national defence"),
            Concept("extended-deterrence", "拡大抑止", "extended deterrence"),
            Concept("deterrence", "抑止", "deterrence"),
        ]
    )
    recognizer = Recognizer(glossary)
    # The longer listed form wins over the forms inside it.
    assert found(recognizer, "米国防総省の発表")[0][1:5] == (1, 6, "米国防総省", "pentagon")
    # Compounds are looked into at Sudachi's finest boundaries: 拡大抑止 inside 拡大抑止力.
    assert found(recognizer, "拡大抑止力を高める") == [(1, 1, 5, "拡大抑止", "extended-deterrence", "preferred")]
    # 国防 alone is found where it is a word of its own.
    assert found(recognizer, "国防の方針")[0][3:5] == ("国防", "defence")


def test_the_no_forms_are_distinct_forms(mini):
    recognizer = Recognizer(mini)
    assert [m.text for m in recognizer.find("NATOの東方拡大とNATO東方拡大")] == ["NATOの東方拡大"]


def test_positions_on_lines_with_full_width_characters_and_crlf(mini):
    text = "（１）　冒頭。\r\n　　ＮＡＴＯ拡大と米ロ関係、😀米露\r\n"
    assert found(Recognizer(mini), text) == [
        (2, 3, 9, "ＮＡＴＯ拡大", "nato-enlargement", "preferred"),
        (2, 10, 12, "米ロ", "us-russia", "preferred"),
        (2, 16, 18, "米露", "us-russia", "variant"),
    ]


def test_surface_forms_that_sudachi_normalises_together_stay_apart():
    glossary = Glossary([Concept("start", "ＳＴＡＲＴ", "START"), Concept("su", "スタート", "start (the word)")])
    assert [m.concept.id for m in Recognizer(glossary).find("ＳＴＡＲＴとスタート")] == ["start", "su"]


def test_long_lines_beyond_sudachis_input_limit(mini):
    line = ("平和について話し合った。" * 3000) + "拡大抑止を確認した。"
    matches = Recognizer(mini).find(line)
    assert [(m.column, m.text) for m in matches] == [(36001, "拡大抑止")]


def test_empty_glossary_and_empty_text():
    assert Recognizer(Glossary([])).find("拡大抑止") == []


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["拡大抑止", "露", "暴露", "ＮＡＴＯ拡張", "と", "、", "米ロ", "日露", "。", " ", "ｶﾞ"]), max_size=12))
def test_reported_text_is_always_the_slice_at_the_reported_columns(mini, pieces):
    text = "".join(pieces)
    for match in Recognizer(mini).find(text):
        assert text[match.column - 1 : match.end_column - 1] == match.text
        assert match.concept.id in {"extended-deterrence", "russia", "nato-enlargement", "us-russia"}


def test_latin_forms_are_not_found_inside_latin_words_but_next_to_digits_and_kana():
    glossary = Glossary([Concept("ec", "欧州共同体", "European Community", ja_variants=["EC"]),
                         Concept("start-1", "第1次戦略兵器削減条約", "START I", ja_variants=["START"])])
    recognizer = Recognizer(glossary)
    assert found(recognizer, "ECONOMY誌とSECTORとEC加盟国") == [(1, 17, 19, "EC", "ec", "variant")]
    assert [m.text for m in recognizer.find("START1の交渉")] == ["START"]


def test_wanted_narrows_to_the_given_forms_and_skips_lines_without_them(mini, monkeypatch):
    import yakugo.aligner.core.recognize

    segmented = []
    real_boundaries = yakugo.aligner.core.recognize.boundaries_at
    monkeypatch.setattr(
        yakugo.aligner.core.recognize, "boundaries_at", lambda line, positions: segmented.append(line) or real_boundaries(line, positions)
    )
    recognizer = Recognizer(mini)
    lines = ["拡大抑止を論じた。", "イェルツィン氏とエリツィン氏", "露大統領と暴露"]
    everything = list(recognizer.find_lines(lines))
    assert len(segmented) == 3
    segmented.clear()
    yeltsin = {form.key for form in mini.ja_forms() if form.concept.id == "yeltsin"}
    narrowed = list(recognizer.find_lines(lines, wanted=yeltsin.intersection))
    assert segmented == ["イェルツィン氏とエリツィン氏"]  # the other lines hold no wanted form
    assert narrowed == [match for match in everything if match.concept.id == "yeltsin"]
    assert [(m.line, m.column, m.text) for m in narrowed] == [(2, 1, "イェルツィン"), (2, 9, "エリツィン")]


def test_wanted_keeps_leftmost_longest_against_the_forms_left_out():
    glossary = Glossary(
        [
            Concept("pentagon", "国防総省", "Department of Defense", ja_variants=["米国防総省"]),
            Concept("us", "米国", "United States", ja_deprecated=["米"]),
        ]
    )
    # 米 is watched, 米国防総省 is not: 米 inside the longer term is still no match.
    narrowed = Recognizer(glossary).find_lines(["米国防総省の発表と米の立場"], wanted={"米"}.intersection)
    assert [(m.column, m.text, m.status) for m in narrowed] == [(10, "米", "deprecated")]


def test_a_space_where_latin_or_digits_meet_japanese_is_the_same_form(mini):
    # Japanese typesetting (and PDF text) often spaces Latin from kana/kanji: NATO 拡張, ＮＡＴＯ　拡大.
    recognizer = Recognizer(mini)
    assert found(recognizer, "NATO 拡張とＮＡＴＯ　拡大、NATOの 拡大") == [
        (1, 1, 8, "NATO 拡張", "nato-enlargement", "variant"),
        (1, 9, 16, "ＮＡＴＯ　拡大", "nato-enlargement", "preferred"),
    ]
    # Only a seam between Latin and Japanese takes a space, and only one.
    assert recognizer.find("NATOの 拡大とNATO  拡大") == []


def test_spaced_seams_reach_every_latin_japanese_boundary_of_a_form():
    glossary = Glossary([Concept("article-5", "北大西洋条約第5条", "Article 5", ja_variants=["NATO第5条"])])
    assert [m.text for m in Recognizer(glossary).find("NATO 第 5 条とNATO第 5条")] == ["NATO 第 5 条", "NATO第 5条"]


def test_web_addresses_are_not_prose():
    glossary = Glossary([Concept("nato", "北大西洋条約機構", "NATO", ja_variants=["NATO"])])
    text = "NATOの発表（https://www.nato.int/cps/en/natohq/ と www.nato.int/docu/）をNATO加盟国が支持した。"
    assert [(m.column, m.text) for m in Recognizer(glossary).find(text)] == [(1, "NATO"), (67, "NATO")]
