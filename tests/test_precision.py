"""Precision on real writing: homonyms and longer names, acronyms, shared names, country
abbreviations, rival spellings, context and safe fixes (sentences written for these tests)."""

from __future__ import annotations

import json

import pytest

from yakugo.aligner.core.recognize import Recognizer
from yakugo.aligner.lint.engine import LintOptions, fix_text, lint_text


@pytest.fixture(scope="module")
def recognizer(bundled):
    return Recognizer(bundled)


def terms(recognizer, text):
    return [(m.column, m.text, m.concept.id) for m in recognizer.find(text)]


# --- a form inside a longer name of something else ----------------------------------


@pytest.mark.parametrize(
    "text",
    ["アメリカ大陸を横断した。", "南アメリカの国々。", "ロンドンのベーカー街を歩く。", "中国語と日本語とロシア語を学ぶ。", "日本維新の会が会見した。"],
)
def test_a_form_inside_a_longer_name_of_something_else_is_no_match(recognizer, text):
    assert terms(recognizer, text) == []


def test_longer_names_that_are_concepts_win_and_same_concept_compounds_still_match(recognizer):
    assert terms(recognizer, "日本海で演習。日本国憲法第9条。") == [(1, "日本海", "sea-of-japan"), (8, "日本国憲法", "constitution-of-japan")]
    # The same concept inside a compound is still found.
    found = terms(recognizer, "拡大抑止力の強化と米国防総省の発表")
    assert (1, "拡大抑止", "extended-deterrence") in found and (10, "米国防総省", "us-department-of-defense") in found


# --- acronyms, web and code --------------------------------------------------------------


def test_acronyms_written_in_capitals_match_only_in_capitals_and_width_still_folds(recognizer):
    assert terms(recognizer, "NATOとＮＡＴＯ") == [(1, "NATO", "nato"), (6, "ＮＡＴＯ", "nato")]
    assert terms(recognizer, "サイトのHTML Mapとnatoとecの話") == []
    assert terms(recognizer, "MAPを申請した。") == [(1, "MAP", "membership-action-plan")]


@pytest.mark.parametrize(
    "text",
    ["連絡先 nato@example.org まで", "詳細は report_nato_ec.pdf を参照", "文字列 \\u30ec\\u30ec を置換", "設定 config.nato.map を読む"],
)
def test_nothing_is_recognised_inside_addresses_file_names_escapes_or_code(recognizer, text):
    assert [t for t in terms(recognizer, text) if t[2] in {"nato", "european-communities", "membership-action-plan"}] == []


# --- names with several referents ---------------------------------------------------------


def test_a_shared_form_goes_to_the_concept_whose_cue_is_in_its_sentence(recognizer, bundled):
    [japan] = recognizer.find("政府は国家安全保障会議を開いた。")
    assert (japan.concept.id, japan.ambiguous, japan.resolved_by) == ("japan-nsc", True, None)
    [_, us, *_] = recognizer.find("トランプ政権で国家安全保障会議の高官が辞任した。")
    assert (us.concept.id, us.resolved_by) == ("us-national-security-council", "トランプ")
    korea = [m for m in recognizer.find("李在明大統領は国家安全保障会議を招集した。") if m.text == "国家安全保障会議"]
    assert korea[0].concept.id == "south-korea-nsc"
    assert recognizer.find("ヒラリー・クリントン氏と、上院議員だったクリントン氏。")[1].concept.id == "hillary-clinton"
    assert recognizer.find("クリントン政権はNATO拡大を進めた。")[0].concept.id == "bill-clinton"


def test_npt_usage_of_the_guarantee_forms_is_read_as_security_assurances(recognizer):
    match = next(m for m in recognizer.find("NPTの下で非核兵器国に安全の保証を与える。") if m.text == "安全の保証")
    assert match.concept.id == "security-assurances" and match.en if hasattr(match, "en") else True
    assert match.concept.en == "security assurances"
    budapest = next(m for m in recognizer.find("ウクライナは停戦後の安全の保証を求めた。") if m.text == "安全の保証")
    assert budapest.concept.id == "security-guarantees"


def test_terms_json_says_when_a_match_was_ambiguous(run_cli, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("トランプ政権の国家安全保障会議。\n", encoding="utf-8")
    records = json.loads(run_cli("terms", article, "-f", "json").stdout)
    record = next(r for r in records if r["text"] == "国家安全保障会議")
    assert record["concept"] == "us-national-security-council"
    assert record["ambiguous"] is True and record["resolved_by"] == "トランプ"
    assert record["candidates"][0] == "us-national-security-council" and "japan-nsc" in record["candidates"]


# --- country abbreviations -------------------------------------------------------------


def test_a_compound_the_glossary_lists_is_one_term(recognizer):
    assert terms(recognizer, "日米韓首脳会談が開かれた。") == [(1, "日米韓首脳会談", "japan-us-rok-summit")]


def test_runs_of_country_abbreviations_are_each_country_with_its_position(recognizer):
    found = [(m.column, m.text, m.concept.id, m.compound_en) for m in recognizer.find("米英露と中露が、独仏伊と対立した。") if m.status == "abbreviation"]
    assert found == [
        (1, "米", "united-states", "US-UK-Russia"), (2, "英", "united-kingdom", "US-UK-Russia"), (3, "露", "russia", "US-UK-Russia"),
        (5, "中", "china", "China-Russia"), (6, "露", "russia", "China-Russia"),
        (9, "独", "germany", "Germany-France-Italy"), (10, "仏", "france", "Germany-France-Italy"),
        (11, "伊", "italy", "Germany-France-Italy"),
    ]


def test_single_abbreviations_after_a_prefix_or_before_a_word_of_state(recognizer):
    found = [(m.text, m.concept.id) for m in recognizer.find("首相は訪米し、対中政策と露側の譲歩、英首相の発言を論じた。") if m.status == "abbreviation"]
    assert found == [("米", "united-states"), ("中", "china"), ("露", "russia"), ("英", "united-kingdom")]


@pytest.mark.parametrize(
    "text",
    ["米価が上がり新米が出た。", "中心部の中央広場。", "英語と英雄の話。", "毎日10日政府が会見。", "日中は暑かった。", "朝日新聞と台中市。", "米中央軍の司令官。"],
)
def test_ordinary_words_with_those_kanji_are_no_countries(recognizer, text):
    assert [m.text for m in recognizer.find(text) if m.status == "abbreviation"] == []


def test_abbreviations_are_no_rival_spellings(bundled):
    text = "ロシアは反発した。米英露の首脳が会談し、露側は譲歩しなかった。"
    assert lint_text(text, bundled) == []


# --- mixed-variants: naming patterns --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "旧ソ連の崩壊。ソビエト連邦は解体した。ソビエト連邦の後継国。",
        "包括的共同作業計画の交渉は続いた。包括的共同作業計画、通称イラン核合意は崩れかけている。",
    ],
)
def test_naming_patterns_are_not_reported_as_mixed(bundled, text):
    assert [f for f in lint_text(text, bundled) if f.rule == "mixed-variants"] == []


def test_a_headline_abbreviation_beside_the_body_is_not_mixed(bundled):
    text = "米ロ関係の行方\n米露関係は冷え込んだ。米露両国は協議した。\n"
    assert [f for f in lint_text(text, bundled) if f.rule == "mixed-variants"] == []


def test_on_a_tie_the_message_asks_for_the_glossary_form(bundled):
    [finding] = [f for f in lint_text("当時の米ロ関係と米露関係。", bundled) if f.rule == "mixed-variants"]
    assert (finding.text, finding.replacement) == ("米ロ", "米露")


# --- context-confusable ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "ブダペスト覚書の教訓から、ウクライナは今回、法的拘束力のある安全の保証を求めている。",
        "ブダペスト覚書は安全の保証ではなく安全の約束にすぎなかった。",
        "ブダペスト覚書をめぐり、安全の保証と安全の約束の違いが論じられた。",
    ],
)
def test_contrasts_and_the_guarantee_sought_now_are_not_errors(bundled, text):
    assert [f for f in lint_text(text, bundled) if f.rule == "context-confusable"] == []


def test_a_close_use_is_an_error_and_a_reading_from_the_sentence_before_a_warning(bundled):
    [close] = lint_text("ブダペスト覚書でウクライナは安全保障の保証を得た。", bundled)
    assert (close.rule, close.severity) == ("context-confusable", "error")
    far = lint_text("1994年にブダペスト覚書が結ばれた。これは、核を手放す見返りに安全保障の保証を得るという内容だった。", bundled)
    assert [(f.rule, f.severity) for f in far] == [("context-confusable", "warning")]


def test_a_configured_severity_still_applies_to_every_finding(bundled):
    text = "1994年にブダペスト覚書が結ばれた。これは、核を手放す見返りに安全保障の保証を得るという内容だった。"
    options = LintOptions(severity={"context-confusable": "error"})
    assert [f.severity for f in lint_text(text, bundled, options=options)] == ["error"]


# --- safe fixes ---------------------------------------------------------------------------------


def test_a_fix_keeps_the_qualifier_and_never_repeats_text(bundled):
    text = "NATO の更なる東方拡張と、NATOの東方拡張。"
    fixed, applied = fix_text(text, bundled)
    assert fixed == "NATO の更なる東方拡大と、NATOの東方拡大。"
    assert [f.fixable for f in applied] == ["safe", "safe"]


def test_fixes_inside_quotations_titles_and_citations_are_unsafe(bundled):
    text = "ロイターは「グルジアで衝突」と報じた。グルジアは旧ソ連の国だ。\n出典：グルジア情勢（2008年）\n"
    findings = [f for f in lint_text(text, bundled) if f.rule == "deprecated-variant"]
    assert [(f.line, f.column, f.fixable) for f in findings] == [(1, 7, "unsafe"), (1, 20, "safe"), (2, 4, "unsafe")]
    fixed, _ = fix_text(text, bundled)
    assert fixed == text.replace("グルジアは旧", "ジョージアは旧")  # only the safe one, and nothing else
    everything, _ = fix_text(text, bundled, unsafe=True)
    assert "グルジア" not in everything


def test_fix_changes_nothing_outside_the_spans_on_the_seeds(bundled, seeds):
    for path in sorted(seeds.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        fixed, applied = fix_text(text, bundled)
        # Undo each applied span: what remains must be the original text exactly.
        assert len(fixed.split("\n")) == len(text.split("\n"))
        for original, after in zip(text.split("\n"), fixed.split("\n")):
            if original != after:
                spans = [f for f in applied if f.text in original]
                assert spans, (path.name, original)
                rebuilt = after
                for finding in spans:
                    rebuilt = rebuilt.replace(finding.replacement or "", finding.text)
                assert rebuilt == original or all(f.fixable == "safe" for f in spans)


def test_cli_unsafe_fixes_flag(run_cli, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("ロイターは「グルジアで衝突」と報じた。\n", encoding="utf-8")
    assert run_cli("lint", "--fix", article).exit_code == 1
    assert "グルジア" in article.read_text(encoding="utf-8")
    run_cli("lint", "--fix", "--unsafe-fixes", article)
    assert article.read_text(encoding="utf-8") == "ロイターは「ジョージアで衝突」と報じた。\n"


def test_many_code_tokens_on_a_line_exclude_only_the_terms_inside_them(recognizer):
    tokens = " ".join(f"a_{n}_b" for n in range(300))
    line = f"{tokens} NATO と nato_map と NATO"
    found = [(m.column, m.text) for m in recognizer.find(line)]
    assert [text for _, text in found] == ["NATO", "NATO"]
