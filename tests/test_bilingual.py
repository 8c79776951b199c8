"""The bilingual readers: every format gives the same segments; bad input is one located error."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import FIXTURES

from yakugo.aligner.qa.readers import Segment, read_bilingual
from yakugo.glossary import InputError

PAIRS = FIXTURES / "bilingual"


def as_tuples(segments: list[Segment]) -> list[tuple[str, str, str]]:
    return [(segment.id, segment.source, segment.target) for segment in segments]


def error_of(*args, **kwargs) -> str:
    with pytest.raises(InputError) as caught:
        read_bilingual(*args, **kwargs)
    return str(caught.value)


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


def test_line_aligned_pair():
    segments = read_bilingual(source=str(PAIRS / "pairs.ja.txt"), target=str(PAIRS / "pairs.en.txt"))
    assert len(segments) == 10
    assert segments[1] == Segment("2", "ウクライナは安全の約束しか得られなかった。", "Ukraine obtained only security guarantees.", 2)


@pytest.mark.parametrize("name", ["pairs.tsv", "pairs.tmx", "pairs.xlf", "pairs.xliff2.xlf"])
def test_every_format_reads_the_same_pairs(name):
    expected = as_tuples(read_bilingual(source=str(PAIRS / "pairs.ja.txt"), target=str(PAIRS / "pairs.en.txt")))
    assert as_tuples(read_bilingual(str(PAIRS / name))) == expected


def test_xml_segments_carry_the_line_of_their_unit():
    assert [s.line for s in read_bilingual(str(PAIRS / "pairs.tmx"))][:3] == [5, 9, 13]
    assert [s.line for s in read_bilingual(str(PAIRS / "pairs.xliff2.xlf"))][:2] == [5, 11]  # the <segment> element


def test_format_can_be_forced_and_must_agree(tmp_path):
    assert len(read_bilingual(str(PAIRS / "pairs.tmx"), fmt="tmx")) == 10
    assert error_of(str(PAIRS / "pairs.tmx"), fmt="xliff").endswith("this looks like TMX, not XLIFF")


def test_count_mismatch_is_an_input_error(tmp_path):
    ja = write(tmp_path, "ja.txt", "一行目\n二行目\n三行目\n")
    en = write(tmp_path, "en.txt", "one\ntwo\n")
    assert error_of(source=ja, target=en) == f"{en}:3: 2 lines but the source {ja} has 3: the files must be line-aligned"


def test_tsv_header_comments_and_ids_are_file_lines(tmp_path):
    path = write(tmp_path, "p.tsv", "# reviewed pairs\nja\ten\n\n拡大抑止\textended deterrence\n米ロ\tUS-Russia\t\n")
    assert as_tuples(read_bilingual(path)) == [("4", "拡大抑止", "extended deterrence"), ("5", "米ロ", "US-Russia")]


def test_tsv_problems_are_located(tmp_path):
    path = write(tmp_path, "p.tsv", "拡大抑止\textended deterrence\n米ロだけ\n")
    assert error_of(path) == f"{path}:2: 1 cells, expected 2 (Japanese<TAB>English)"


def test_tsv_reversed_header_and_reversed_content(tmp_path):
    # Told from the file they read as en→ja (tests/test_bilingual_en_ja.py); insisting on ja→en refuses them.
    path = write(tmp_path, "p.tsv", "en\tja\nextended deterrence\t拡大抑止\n")
    assert error_of(path, direction="ja-en") == f"{path}:1: the header puts English first: Japanese must be the source column"
    path = write(tmp_path, "q.tsv", "extended deterrence\t拡大抑止\n")
    assert error_of(path, direction="ja-en") == f"{path}:1: the Japanese is on the target side: Japanese must be the source"


def test_shift_jis_tsv_is_decoded(tmp_path):
    path = write(tmp_path, "p.tsv", "安全の約束\tsecurity assurances\n", encoding="cp932")
    assert as_tuples(read_bilingual(path)) == [("1", "安全の約束", "security assurances")]


def test_tmx_reversed_direction_is_refused(tmp_path):
    path = write(
        tmp_path,
        "r.tmx",
        '<tmx version="1.4"><header srclang="en-US" segtype="sentence"/>\n<body>\n'
        '<tu><tuv xml:lang="en-US"><seg>deterrence</seg></tuv><tuv xml:lang="ja"><seg>抑止</seg></tuv></tu>\n'
        "</body></tmx>",
    )
    assert error_of(path, direction="ja-en") == f"{path}:3: source language is 'en-US': Japanese must be the source"


def test_xliff_reversed_direction_is_refused(tmp_path):
    path = write(
        tmp_path,
        "r.xlf",
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '<file source-language="en" target-language="ja" original="x" datatype="plaintext"><body/></file></xliff>',
    )
    assert error_of(path, direction="ja-en") == f"{path}:2: source language is 'en': Japanese must be the source"
    path = write(tmp_path, "r2.xlf", '<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="ja"/>')
    assert error_of(path, direction="ja-en") == f"{path}:1: source language is 'en': Japanese must be the source"


def test_inline_codes_keep_text_and_drop_native_markup(tmp_path):
    xliff1 = write(
        tmp_path,
        "inline.xlf",
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file source-language="ja" target-language="en" original="x" datatype="html"><body>'
        '<trans-unit id="t1"><source><g id="1">安全の</g><ph id="2">&lt;br/&gt;</ph>約束</source>'
        '<target><bpt id="3">&lt;b&gt;</bpt>security<ept id="3">&lt;/b&gt;</ept> <mrk mtype="term">assurances</mrk><x id="4"/></target>'
        "</trans-unit></body></file></xliff>",
    )
    assert as_tuples(read_bilingual(xliff1)) == [("t1", "安全の約束", "security assurances")]
    xliff2 = write(
        tmp_path,
        "inline2.xlf",
        '<xliff version="2.1" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="ja-JP" trgLang="en-GB"><file id="f">'
        '<unit id="u1"><segment id="s1"><source><pc id="1">拡大</pc>抑止</source><target>extended<cp hex="00A0"/>deterrence</target></segment>'
        '<segment id="s2"><source>米ロ</source></segment></unit></file></xliff>',
    )
    assert as_tuples(read_bilingual(xliff2)) == [("u1::s1", "拡大抑止", "extended\u00a0deterrence"), ("u1::s2", "米ロ", "")]


def test_xliff_1_mrk_segmentation_gives_one_segment_per_mid(tmp_path):
    path = write(
        tmp_path,
        "seg.xlf",
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file source-language="ja" target-language="en" original="x" datatype="plaintext"><body>'
        "<trans-unit id=\"t1\"><source>拡大抑止を論じた。米ロは黙った。</source>\n"
        '<seg-source><mrk mtype="seg" mid="1">拡大抑止を論じた。</mrk><mrk mtype="seg" mid="2">米ロは黙った。</mrk></seg-source>\n'
        '<target state="translated"><mrk mtype="seg" mid="2">The US and Russia said nothing.</mrk>'
        '<mrk mtype="seg" mid="1">They discussed <mrk mtype="term">extended deterrence</mrk>.</mrk></target>'
        "</trans-unit></body></file></xliff>",
    )
    assert as_tuples(read_bilingual(path)) == [
        ("t1::1", "拡大抑止を論じた。", "They discussed extended deterrence."),
        ("t1::2", "米ロは黙った。", "The US and Russia said nothing."),
    ]


def test_xliff_targets_not_translated_yet_are_empty(tmp_path):
    # CAT tools fill an untranslated target with a copy of the source; it is no translation to check.
    xliff1 = write(
        tmp_path,
        "state.xlf",
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file source-language="ja" target-language="en" original="x" datatype="plaintext"><body>'
        '<trans-unit id="a"><source>拡大抑止</source><target state="needs-translation">拡大抑止</target></trans-unit>'
        '<trans-unit id="b"><source>拡大抑止</source><target state="new">拡大抑止</target></trans-unit>'
        '<trans-unit id="c" translate="no"><source>NATO</source><target>NATO</target></trans-unit>'
        '<trans-unit id="d"><source>米ロ</source><target state="needs-review-translation">US-Russia</target></trans-unit>'
        "</body></file></xliff>",
    )
    assert as_tuples(read_bilingual(xliff1)) == [("a", "拡大抑止", ""), ("b", "拡大抑止", ""), ("c", "NATO", ""), ("d", "米ロ", "US-Russia")]
    xliff2 = write(
        tmp_path,
        "state2.xlf",
        '<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="ja" trgLang="en"><file id="f">'
        '<unit id="u1"><segment id="s1" state="initial"><source>拡大抑止</source><target>拡大抑止</target></segment>'
        "<ignorable><source> </source><target> </target></ignorable>"
        '<segment id="s2" state="translated"><source>米ロ</source><target>US-Russia</target></segment></unit>'
        '<unit id="u2" translate="no"><segment><source>NATO</source><target>NATO</target></segment></unit></file></xliff>',
    )
    assert as_tuples(read_bilingual(xliff2)) == [("u1::s1", "拡大抑止", ""), ("u1::s2", "米ロ", "US-Russia"), ("u2", "NATO", "")]


def test_external_entities_are_refused_never_loaded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    path = write(
        tmp_path,
        "xxe.xlf",
        f'<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY leak SYSTEM "file://{secret}">]>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file source-language="ja" target-language="en" original="x" datatype="plaintext"><body>'
        '<trans-unit id="1"><source>安全の約束</source><target>&leak;assurances</target></trans-unit>'
        "</body></file></xliff>",
    )
    message = error_of(path)
    assert message == f"{path}:2: external entity 'leak' (file://{secret}) refused: external entities are never loaded"
    assert "TOP SECRET" not in message


def test_entity_bombs_are_refused(tmp_path):
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)
    )
    path = write(
        tmp_path,
        "bomb.tmx",
        f"<!DOCTYPE tmx [{entities}]>\n"
        '<tmx version="1.4"><header srclang="ja"/><body>'
        '<tu tuid="b"><tuv xml:lang="ja"><seg>抑止</seg></tuv><tuv xml:lang="en"><seg>&i;deterrence</seg></tuv></tu>'
        "</body></tmx>",
    )
    assert error_of(path) == f"{path}:1: entity declaration 'a' refused: entity expansion is disabled (entity-expansion bomb guard)"


def test_xml_in_a_declared_legacy_encoding(tmp_path):
    path = write(
        tmp_path,
        "sjis.tmx",
        '<?xml version="1.0" encoding="Shift_JIS"?>\n<tmx version="1.4"><header srclang="ja"/><body>'
        '<tu tuid="s"><tuv xml:lang="ja"><seg>安全の約束</seg></tuv><tuv xml:lang="en"><seg>security assurances</seg></tuv></tu>'
        "</body></tmx>",
        encoding="cp932",
    )
    assert as_tuples(read_bilingual(path)) == [("s", "安全の約束", "security assurances")]


def test_malformed_and_foreign_xml(tmp_path):
    broken = write(tmp_path, "broken.tmx", '<tmx version="1.4">\n<header srclang="ja"/>\n<body><tu></body></tmx>')
    assert error_of(broken).startswith(f"{broken}:3: not well-formed XML: mismatched tag")
    foreign = write(tmp_path, "page.xml", "<html><body/></html>")
    assert error_of(foreign) == f"{foreign}:1: XML with root <html> is neither TMX nor XLIFF"


def test_missing_file_and_usage_errors(tmp_path):
    assert error_of(str(tmp_path / "none.tsv")) == f"{tmp_path / 'none.tsv'}: no such file"
    assert "both --source and --target" in error_of(source=str(PAIRS / "pairs.ja.txt"))
    assert "not both" in error_of(str(PAIRS / "pairs.tsv"), source=str(PAIRS / "pairs.ja.txt"))
