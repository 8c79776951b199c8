"""The bilingual readers in the en→ja direction (issue 14): every format, told from the file or insisted on."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import FIXTURES

from yakugo.aligner.qa.readers import Segment, read_bilingual, shown_direction
from yakugo.glossary import InputError

PAIRS = FIXTURES / "bilingual_en_ja"
JA_EN = FIXTURES / "bilingual"


def as_tuples(segments: list[Segment]) -> list[tuple[str, str, str, str]]:
    return [(segment.id, segment.source, segment.target, segment.direction) for segment in segments]


def error_of(*args, **kwargs) -> str:
    with pytest.raises(InputError) as caught:
        read_bilingual(*args, **kwargs)
    return str(caught.value)


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def line_pair() -> list[Segment]:
    return read_bilingual(source=str(PAIRS / "pairs.en.txt"), target=str(PAIRS / "pairs.ja.txt"))


def test_line_aligned_english_source_is_en_ja():
    segments = line_pair()
    assert len(segments) == 10
    assert segments[0] == Segment(
        "1",
        "Ukraine received security assurances under the Budapest Memorandum.",
        "ウクライナはブダペスト覚書で安全の保証を得た。",
        1,
        "en-ja",
    )
    assert (segments[0].english, segments[0].japanese) == (segments[0].source, segments[0].target)
    assert {segment.direction for segment in segments} == {"en-ja"}


@pytest.mark.parametrize("name", ["pairs.tmx", "pairs.xlf", "pairs.xliff2.xlf"])
def test_every_xml_format_reads_the_same_en_ja_pairs(name):
    # The XLIFF untranslated unit (state new / initial) has an empty target, as the text pair's empty line.
    assert [t[1:] for t in as_tuples(read_bilingual(str(PAIRS / name)))] == [t[1:] for t in as_tuples(line_pair())]


def test_tsv_with_an_en_ja_header_reads_the_same_pairs_on_file_lines():
    segments = read_bilingual(str(PAIRS / "pairs.tsv"))
    assert [s.id for s in segments][:2] == ["2", "3"]  # line 1 is the header
    assert [t[1:] for t in as_tuples(segments)] == [t[1:] for t in as_tuples(line_pair())]


@pytest.mark.parametrize("header", ["source\ttarget\n", "English\tJapanese\n", "原文\t日本語\n", ""])
def test_tsv_direction_from_a_header_or_from_the_content(tmp_path, header):
    path = write(tmp_path, "p.tsv", header + "extended deterrence\t拡大抑止\nKyiv\tキーウ\n")
    assert [(s.source, s.target, s.direction) for s in read_bilingual(path)] == [
        ("extended deterrence", "拡大抑止", "en-ja"),
        ("Kyiv", "キーウ", "en-ja"),
    ]


def test_a_header_says_the_direction_even_where_the_content_shows_none(tmp_path):
    # Both sides Latin: the content shows nothing, the header decides.
    path = write(tmp_path, "p.tsv", "en\tja\nNATO\tNATO\n")
    assert as_tuples(read_bilingual(path)) == [("2", "NATO", "NATO", "en-ja")]
    path = write(tmp_path, "q.tsv", "NATO\tNATO\n")
    assert as_tuples(read_bilingual(path)) == [("1", "NATO", "NATO", "ja-en")]  # nothing says otherwise


def test_ja_en_inputs_still_read_as_ja_en():
    for name in ["pairs.tsv", "pairs.tmx", "pairs.xlf", "pairs.xliff2.xlf"]:
        assert {s.direction for s in read_bilingual(str(JA_EN / name))} == {"ja-en"}, name
    assert {s.direction for s in read_bilingual(str(JA_EN / "pairs.tmx"), direction="ja-en")} == {"ja-en"}


def test_direction_insisted_on_against_the_file_is_an_input_error(tmp_path):
    tmx, xliff = str(PAIRS / "pairs.tmx"), str(PAIRS / "pairs.xlf")
    assert error_of(tmx, direction="ja-en") == f"{tmx}:5: source language is 'en-US': Japanese must be the source"
    assert error_of(xliff, direction="ja-en") == f"{xliff}:3: source language is 'en-US': Japanese must be the source"
    ja_tmx = str(JA_EN / "pairs.tmx")
    assert error_of(ja_tmx, direction="en-ja") == f"{ja_tmx}:5: source language is 'ja-JP': English must be the source"
    tsv = str(PAIRS / "pairs.tsv")
    assert error_of(tsv, direction="ja-en") == f"{tsv}:1: the header puts English first: Japanese must be the source column"
    en, ja = str(PAIRS / "pairs.en.txt"), str(PAIRS / "pairs.ja.txt")
    assert error_of(source=en, target=ja, direction="ja-en") == (
        f"{ja}:1: the Japanese is on the target side: Japanese must be the source"
    )
    assert error_of(source=ja, target=en, direction="en-ja") == (
        f"{en}:1: the Japanese is on the source side: English must be the source"
    )
    assert error_of(tsv, direction="fr-ja") == "<input>: unknown direction 'fr-ja' (expected ja-en or en-ja)"


def test_one_input_mixing_directions_is_an_input_error(tmp_path):
    path = write(tmp_path, "mixed.tsv", "Kyiv\tキーウ\n拡大抑止\textended deterrence\n")
    assert error_of(path) == f"{path}:2: the Japanese is on the source side, but line 1 is en-ja: one input must have one direction"
    tmx = write(
        tmp_path,
        "mixed.tmx",
        '<tmx version="1.4"><header srclang="en"/>\n<body>\n'
        '<tu tuid="a"><tuv xml:lang="en"><seg>Kyiv</seg></tuv><tuv xml:lang="ja"><seg>キーウ</seg></tuv></tu>\n'
        '<tu tuid="b" srclang="ja"><tuv xml:lang="ja"><seg>拡大抑止</seg></tuv><tuv xml:lang="en"><seg>extended deterrence</seg></tuv></tu>\n'
        "</body></tmx>",
    )
    assert error_of(tmx) == f"{tmx}:4: source language is 'ja', but unit a (line 3) is en-ja: one input must have one direction"
    xliff = write(
        tmp_path,
        "mixed.xlf",
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '<file source-language="en" target-language="ja" original="a" datatype="plaintext"><body/></file>\n'
        '<file source-language="ja" target-language="en" original="b" datatype="plaintext"><body/></file></xliff>',
    )
    assert error_of(xliff) == f"{xliff}:3: source language is 'ja', but an earlier <file> is en-ja: one input must have one direction"


def test_languages_other_than_japanese_and_english_are_refused(tmp_path):
    xliff = write(tmp_path, "fr.xlf", '<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="fr"/>')
    assert error_of(xliff) == f"{xliff}:1: target language is 'fr': Japanese must be the target"
    xliff = write(tmp_path, "de.xlf", '<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="de" trgLang="ja"/>')
    assert error_of(xliff) == f"{xliff}:1: source language is 'de': Japanese or English must be the source"
    tmx = write(
        tmp_path,
        "zh.tmx",
        '<tmx version="1.4"><header srclang="en"/>\n<body>\n'
        '<tu><tuv xml:lang="en"><seg>Kyiv</seg></tuv><tuv xml:lang="zh"><seg>基辅</seg></tuv></tu>\n</body></tmx>',
    )
    assert error_of(tmx) == f"{tmx}:3: no Japanese <tuv> (found zh)"


@pytest.mark.parametrize(
    ("source", "target", "direction"),
    [
        ("Kyiv", "キーウ", "en-ja"),
        ("キーウ", "Kyiv", "ja-en"),
        ("NATO拡大", "NATO enlargement", "ja-en"),  # a kanji weighs three letters: NATO拡大 is Japanese
        ("Abe (安倍) spoke.", "安倍首相が話した。", None),  # a Japanese name in the English: no clear side
        ("NATO", "NATO", None),
        ("Kyiv", "", None),
    ],
)
def test_shown_direction(source, target, direction):
    assert shown_direction(source, target) == direction
