"""yakugo align: English proposals on pairs written for the tests, on WMT23 and WMT24, and the CLI."""

from __future__ import annotations

import json
from xml.sax.saxutils import escape

import pytest

from yakugo.aligner.mining.align import Aligner, align_terms, grow_diagonal, read_term_list, term_glossary
from yakugo.aligner.core.english import rendering_key
from yakugo.aligner.qa.readers import Segment, read_bilingual
from yakugo.glossary import InputError, load_glossary
from yakugo.glossary.model import CANONICAL_COLUMNS, Concept, Glossary

from support import FIXTURES

PAIRS = FIXTURES / "align_pairs.tsv"
WMT23_TERMS = FIXTURES / "wmt23_terms.tsv"

# A glossary whose English for 停戦 is not what the translations say.
TRUCE_GLOSSARY = """id\tja\ten\ten_variants
truce\t停戦\ttruce\tarmistice
nuclear-deterrence\t核抑止\tnuclear deterrence\t
"""


def plain(*terms: str) -> list[Concept]:
    return [Concept(id=f"t{n}", ja=term, en="") for n, term in enumerate(terms)]


def accepted(result) -> set[tuple[str, ...]]:
    return {rendering_key(text) for text in result.concept.accepted_en}


def test_known_terms_come_out_first_on_written_pairs(mini):
    results = align_terms(read_bilingual(str(PAIRS)), mini, plain("核抑止", "停戦合意", "停戦"), top_k=3)
    best = {result.ja: result.candidates[0] for result in results}
    assert best["核抑止"].en == "nuclear deterrence"
    assert best["停戦合意"].en == "ceasefire agreement"
    assert best["停戦"].en == "ceasefire"
    assert [result.occurrences for result in results] == [5, 4, 4]
    # count is the pairs with both, example one of them (TSV segments are numbered by line).
    assert best["核抑止"].count == 5
    assert best["核抑止"].example in {"3", "4", "5", "6", "7"}
    assert all(result.concept is None for result in results)


def test_candidates_group_inflections_and_skip_function_words_at_the_edges():
    assert rendering_key("graduation ceremonies") == rendering_key("Graduation Ceremony")
    assert rendering_key("security guarantees") == rendering_key("security guarantee")
    segments = read_bilingual(str(PAIRS))
    aligner = Aligner(segments)
    spans = {spelling for side, segment in zip(aligner.sides, segments) for _, spelling in aligner._ngrams(side, segment.target)}
    assert "the ceasefire" not in spans and "ceasefire agreement" in spans
    assert "credibility of nuclear deterrence" in spans
    assert "nuclear deterrence." not in spans and "later. The" not in spans


def test_grow_diagonal_keeps_agreed_links_and_adds_neighbours_of_unlinked_words():
    forward = {(0, 0), (1, 1), (2, 5)}
    reverse = {(0, 0), (1, 2), (3, 3)}
    # (1, 1) touches the agreed (0, 0) while source word 1 is unlinked; (1, 2) then touches
    # (1, 1) while target word 2 is unlinked; (2, 5) and (3, 3) touch nothing accepted.
    assert grow_diagonal(forward, reverse) == {(0, 0), (1, 1), (1, 2)}


def test_a_term_seen_in_one_pair_keeps_its_short_candidates():
    # In one pair every n-gram co-occurs alike: no longer n-gram may swallow the others.
    segments = read_bilingual(str(PAIRS)) + [Segment("99", "核実験場が閉鎖された。", "The nuclear test site was closed.", 99)]
    (result,) = Aligner(segments).align(Glossary(concepts=plain("核実験場")), top_k=20)
    assert result.occurrences == 1
    proposed = {candidate.en for candidate in result.candidates}
    assert {"nuclear test site", "nuclear test site was closed"} <= proposed


def test_an_aligned_span_is_cut_where_a_word_belongs_to_the_rest_of_the_sentence():
    aligner = Aligner([Segment("1", "米国の番組", "different shows in the United States", 1)])
    assert [text for _, _, text in aligner.sides[0].ja_tokens] == ["米国", "の", "番組"]
    # 米国 linked to "different", "United", "States"; "shows" belongs to 番組.
    aligner.links = [{(0, 0), (0, 4), (0, 5), (2, 1)}]
    assert aligner._aligned_span(0, 0, 2)[1] == "United States"


def test_dominant_rendering_differing_from_the_glossary_is_reported(tmp_path, run_cli):
    glossary_path = tmp_path / "truce.tsv"
    glossary_path.write_text(TRUCE_GLOSSARY, encoding="utf-8")
    glossary = load_glossary(glossary_path)
    results = {r.ja: r for r in align_terms(read_bilingual(str(PAIRS)), glossary)}
    assert results["停戦"].concept.id == "truce"
    assert results["停戦"].candidates[0].en == "ceasefire"
    assert results["停戦"].differs_from_glossary
    assert not results["核抑止"].differs_from_glossary
    result = run_cli("align", PAIRS, "-g", glossary_path)
    assert result.exit_code == 0
    assert "≠ the corpus mostly says 'ceasefire'; the glossary has truce / armistice" in result.stdout
    assert "1 glossary concept(s) rendered differently" in result.stdout


def test_cli_json_has_exactly_the_documented_keys(run_cli, mini_path, tmp_path):
    terms = tmp_path / "terms.txt"
    terms.write_text("# terms to align\n核抑止\n\n停戦合意\n米ロ\n", encoding="utf-8")
    result = run_cli("align", PAIRS, "-g", mini_path, "--terms", terms, "-k", "2", "-f", "json")
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert [record["ja"] for record in records] == ["核抑止", "停戦合意", "米ロ"]
    for record in records:
        assert set(record) == {"ja", "concept", "occurrences", "candidates"}
        for candidate in record["candidates"]:
            assert set(candidate) == {"en", "score", "count", "example"}
    assert records[0]["candidates"][0]["en"] == "nuclear deterrence"
    assert len(records[0]["candidates"]) <= 2
    assert records[2] == {"ja": "米ロ", "concept": "us-russia", "occurrences": 0, "candidates": []}


def test_line_aligned_files_and_tsv_pairs_give_the_same_proposals(run_cli, tmp_path, mini_path):
    pairs = written_pairs()
    source, target = tmp_path / "ja.txt", tmp_path / "en.txt"
    source.write_text("\n".join(ja for ja, _ in pairs) + "\n", encoding="utf-8")
    target.write_text("\n".join(en for _, en in pairs) + "\n", encoding="utf-8")
    terms = tmp_path / "terms.txt"
    terms.write_text("核抑止\n", encoding="utf-8")
    from_files = json.loads(run_cli("align", "-s", source, "-t", target, "--terms", terms, "-f", "json", "-g", mini_path).stdout)
    from_tsv = json.loads(run_cli("align", PAIRS, "--terms", terms, "-f", "json", "-g", mini_path).stdout)
    assert from_files[0]["candidates"][0]["en"] == from_tsv[0]["candidates"][0]["en"] == "nuclear deterrence"
    assert from_files[0]["occurrences"] == from_tsv[0]["occurrences"] == 5


def written_pairs() -> list[tuple[str, str]]:
    return [tuple(line.split("\t")) for line in PAIRS.read_text(encoding="utf-8").splitlines()[2:]]


# Unit and document templates of the bilingual XML formats, for pairs written as files by the tests.
BILINGUAL_XML = {
    "tmx": (
        '<tu tuid="u{n}"><tuv xml:lang="ja"><seg>{ja}</seg></tuv><tuv xml:lang="en"><seg>{en}</seg></tuv></tu>',
        '<tmx version="1.4"><header srclang="ja" segtype="sentence" o-tmf="none" adminlang="en" datatype="plaintext"'
        ' creationtool="t" creationtoolversion="1"/><body>\n{units}\n</body></tmx>',
    ),
    "xliff 1.2": (
        '<trans-unit id="u{n}"><source>{ja}</source><target>{en}</target></trans-unit>',
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a.txt" source-language="ja"'
        ' target-language="en" datatype="plaintext"><body>\n{units}\n</body></file></xliff>',
    ),
    "xliff 2.0": (
        '<unit id="u{n}"><segment><source>{ja}</source><target>{en}</target></segment></unit>',
        '<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="ja" trgLang="en"><file id="f1">\n{units}\n</file></xliff>',
    ),
}


def as_xml(kind: str, pairs: list[tuple[str, str]]) -> str:
    unit, document = BILINGUAL_XML[kind]
    units = "\n".join(unit.format(n=n, ja=escape(ja), en=escape(en)) for n, (ja, en) in enumerate(pairs, start=1))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + document.format(units=units) + "\n"


@pytest.mark.parametrize("kind", BILINGUAL_XML)
def test_tmx_and_xliff_inputs_give_the_proposals_of_the_tsv(run_cli, tmp_path, mini_path, kind):
    path = tmp_path / "pairs.xml"
    path.write_text(as_xml(kind, written_pairs()), encoding="utf-8")
    terms = tmp_path / "terms.txt"
    terms.write_text("核抑止\n停戦合意\n", encoding="utf-8")
    result = run_cli("align", path, "--terms", terms, "-f", "json", "-g", mini_path)
    assert result.exit_code == 0, result.stderr
    deterrence, agreement = json.loads(result.stdout)
    assert (deterrence["occurrences"], deterrence["candidates"][0]["en"]) == (5, "nuclear deterrence")
    assert (agreement["occurrences"], agreement["candidates"][0]["en"]) == (4, "ceasefire agreement")
    # Segments are named by their unit ids, as yakugo check names them.
    assert deterrence["candidates"][0]["example"] in {"u1", "u2", "u3", "u4", "u5"}


def test_a_tab_between_english_words_does_not_split_the_tsv_row(run_cli, tmp_path, mini_path):
    pairs = [(ja, en.replace("nuclear deterrence", "nuclear\tdeterrence")) for ja, en in written_pairs()]
    path = tmp_path / "tabs.tmx"
    path.write_text(as_xml("tmx", pairs), encoding="utf-8")
    terms = tmp_path / "terms.txt"
    terms.write_text("核抑止\n", encoding="utf-8")
    result = run_cli("align", path, "--terms", terms, "-f", "tsv", "-g", mini_path)
    header, row = [line.split("\t") for line in result.stdout.splitlines() if not line.startswith("#")]
    assert len(row) == len(header)
    assert dict(zip(header, row))["en"] == "nuclear deterrence"


def test_terms_file_in_terms_tsv_shape_with_empty_en(run_cli, tmp_path, mini_path):
    terms = tmp_path / "candidates.tsv"
    terms.write_text("# from yakugo extract\nid\tja\ten\tja_variants\tnote\nceasefire-deal\t停戦合意\t\t\t\n\t核抑止\t\t\t\n", encoding="utf-8")
    read = read_term_list(str(terms))
    assert [(t.id, t.ja, t.en) for t in read] == [("ceasefire-deal", "停戦合意", ""), ("kaku-yokushi", "核抑止", "")]
    result = run_cli("align", PAIRS, "--terms", terms, "-f", "tsv", "-g", mini_path)
    assert result.exit_code == 0
    lines = [line for line in result.stdout.splitlines() if not line.startswith("#")]
    header = lines[0].split("\t")
    assert header[: len(CANONICAL_COLUMNS)] == list(CANONICAL_COLUMNS)
    rows = [dict(zip(header, line.split("\t"))) for line in lines[1:]]
    assert (rows[0]["id"], rows[0]["ja"], rows[0]["en"]) == ("ceasefire-deal", "停戦合意", "ceasefire agreement")
    assert rows[0]["note"].startswith("yakugo align: 4 segments; candidates: ceasefire agreement (")
    assert rows[1]["en"] == "nuclear deterrence"


def test_bad_terms_files_are_located_input_errors(tmp_path, run_cli):
    empty_ja = tmp_path / "bad.tsv"
    empty_ja.write_text("id\tja\ten\nx\t\t\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_term_list(str(empty_ja))
    assert error.value.problems == [f"{empty_ja}:2: empty 'ja'"]
    result = run_cli("align", PAIRS, "--terms", empty_ja)
    assert result.exit_code == 2
    assert f"{empty_ja}:2: empty 'ja'" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def wmt23_aligner():
    from support import need_shared

    folder = need_shared("data", "wmt23-ja-en")
    segments = read_bilingual(
        source=str(folder / "generaltest2023.ja-en.src.ja"), target=str(folder / "generaltest2023.ja-en.ref.refA.en")
    )
    return Aligner(segments)


# The issue asks for this test with the bundled glossary's concepts that occur at least 3
# times in WMT23: nine do with the grown term base (the test after this one). For a measure
# on more terms, the clear cases of tests/fixtures/wmt23_terms.tsv, a glossary of WMT23's
# own terms (each at least 3 times) whose reference English is one consistent phrase.
WMT23_CLEAR = ["朝鮮人民軍", "配膳ロボット", "狂犬病", "カピバラ", "早池峰山", "競馬場", "優先席", "顔認識", "直射日光", "卒業式", "トルコ", "シリア", "冷凍食品"]


@pytest.mark.slow
def test_wmt23_clear_terms_have_their_english_in_the_top_3(wmt23_aligner):
    results = {r.ja: r for r in wmt23_aligner.align(*term_glossary(load_glossary(WMT23_TERMS), None), top_k=3)}
    for term in WMT23_CLEAR:
        result = results[term]
        assert result.occurrences >= 3
        proposed = [rendering_key(candidate.en) for candidate in result.candidates]
        assert accepted(result) & set(proposed), (term, [c.en for c in result.candidates])


@pytest.mark.slow
def test_wmt23_bundled_concepts_occurring_three_times_have_their_english_in_the_top_3(wmt23_aligner, bundled):
    results = wmt23_aligner.align(*term_glossary(bundled, None), top_k=3)
    frequent = {result.concept.id: result for result in results if result.occurrences >= 3}
    # The clear cases: every bundled concept WMT23 uses three times or more. The term base grew
    # from 165 to 1,195 concepts (France, the KPA, KCNA, Syria, Türkiye, the Prime Minister of
    # Japan joined), and 日本 inside 日本語 and other blocked words no longer counts (44 → 40).
    assert {concept: result.occurrences for concept, result in frequent.items()} == {
        "japan": 40,
        "kim-jong-un": 10,
        "south-korea": 4,
        "france": 3,
        "prime-minister-of-japan": 3,
        "kpa": 13,
        "kcna": 4,
        "syria": 8,
        "turkiye": 12,
    }
    for concept_id, result in frequent.items():
        assert accepted(result) & {rendering_key(c.en) for c in result.candidates}, (concept_id, result.candidates)


@pytest.mark.slow
def test_wmt24_bundled_concepts_have_their_english_in_the_top_3(bundled):
    from support import need_shared

    folder = need_shared("data", "wmt24-ja-news")
    # en-ja: English source, human Japanese; aligned with the Japanese as the source side.
    segments = read_bilingual(source=str(folder / "en-ja.ref.ja"), target=str(folder / "en-ja.src.en"))
    results = {r.concept.id: r for r in align_terms(segments, bundled, top_k=3)}
    for concept_id in ("russia", "european-union", "joe-biden"):
        result = results[concept_id]
        assert result.occurrences >= 3
        assert accepted(result) & {rendering_key(c.en) for c in result.candidates}, (concept_id, result.candidates)


def test_a_small_corpus_is_aligned_several_times_and_links_kept_by_majority(monkeypatch):
    import yakugo.aligner.mining.align

    assert [yakugo.aligner.mining.align.eflomal_runs(words) for words in (150, 6_000, 10_000, 15_000, 40_617)] == [5, 5, 3, 1, 1]
    runs = iter([[{(0, 0), (1, 1)}], [{(0, 0), (1, 2)}], [{(0, 0), (1, 1)}], [{(0, 0)}], [{(1, 2)}]])
    monkeypatch.setattr(yakugo.aligner.mining.align, "_eflomal_once", lambda source, target, iterations: next(runs))
    # (0, 0) is in 4 of the 5 runs; (1, 1) and (1, 2) in 2 each, so neither is kept.
    assert yakugo.aligner.mining.align.word_alignments([["停戦", "合意"]], [["ceasefire", "agreement", "deal"]]) == [{(0, 0)}]
