"""TBX: the export validates (RELAX NG + every TBX-Basic DCA Schematron rule), the validator
rejects the bad test files, TBX round trips, TBX 2008 reading, and safe XML."""

from __future__ import annotations

from collections import Counter

import pytest
from lxml import etree

from yakugo.glossary import load_glossary
from yakugo.glossary.export import export_glossary
from yakugo.glossary.errors import InputError
from yakugo.glossary.importers import read_import
from yakugo.glossary.tbx import TBX_NS, XML_LANG, read_tbx, write_tbx
from yakugo.glossary.tbx_validate import Schematron, validate_tbx
from support import FIXTURES, need_shared

NS = {"t": TBX_NS}


@pytest.fixture(scope="module")
def tbx_dir():
    return need_shared("data", "tbx")


def test_mini_export_structure(mini):
    root = etree.fromstring(write_tbx(mini))
    assert root.tag == f"{{{TBX_NS}}}tbx" and root.get("type") == "TBX-Basic" and root.get("style") == "dca"
    entry = root.find(".//t:conceptEntry[@id='security-guarantees']", NS)
    ja = entry.find("t:langSec[@{http://www.w3.org/XML/1998/namespace}lang='ja']", NS)
    en = entry.find("t:langSec[@{http://www.w3.org/XML/1998/namespace}lang='en']", NS)
    status = lambda section: [  # noqa: E731
        (term.findtext("t:term", namespaces=NS), term.findtext("t:termNote[@type='administrativeStatus']", namespaces=NS))
        for term in section.findall("t:termSec", NS)
    ]
    assert status(ja) == [("安全の保証", "preferredTerm-admn-sts"), ("安全保障の保証", "admittedTerm-admn-sts")]
    assert status(en) == [
        ("security guarantees", "preferredTerm-admn-sts"),
        ("security guarantee", "admittedTerm-admn-sts"),
        ("security assurances", "deprecatedTerm-admn-sts"),
        ("security assurance", "deprecatedTerm-admn-sts"),
    ]
    reference = entry.find("t:ref[@type='crossReference']", NS)
    assert (reference.get("target"), reference.text) == ("security-assurances", "security assurances")
    assert [note.text for note in entry.findall("t:note", NS)] == ["Binding commitments.", "type: concept"]
    yeltsin = root.find(".//t:conceptEntry[@id='yeltsin']", NS)
    assert "deprecatedTerm-admn-sts" in [
        term.findtext("t:termNote", namespaces=NS) for term in yeltsin.iterfind(".//t:termSec", NS)
        if term.findtext("t:term", namespaces=NS) == "イェルツィン"
    ]


def test_ids_starting_with_a_digit_survive(tmp_path, tbx_dir):
    tsv = tmp_path / "digits.tsv"
    tsv.write_text("id\tja\ten\tconfusables\n2plus4\t2プラス4\tTwo Plus Four\tnpt\nnpt\tNPT\tNPT\t2plus4\n", encoding="utf-8")
    data = write_tbx(load_glossary(tsv))
    assert b'id="_2plus4"' in data and b'target="_2plus4"' in data
    assert validate_tbx(data, "digits.tbx", tbx_dir) == []
    concepts, _ = read_tbx(data)
    assert [(c.id, c.confusables) for c in concepts] == [("2plus4", ["npt"]), ("npt", ["2plus4"])]


@pytest.mark.parametrize("which", ["mini", "bundled"])
def test_export_validates(which, request, tbx_dir):
    glossary = request.getfixturevalue(which)
    assert validate_tbx(export_glossary(glossary, "tbx"), f"{which}.tbx", tbx_dir) == []


def test_validator_accepts_the_valid_example(tbx_dir):
    path = tbx_dir / "Example_Astronomy_DCA_VALID.tbx"
    assert validate_tbx(path.read_bytes(), str(path), tbx_dir) == []


def _messages(name: str, tbx_dir) -> Counter:
    path = tbx_dir / "test_files" / name
    return Counter(problem.split(": ", 1)[1] for problem in validate_tbx(path.read_bytes(), str(path), tbx_dir))


def test_validator_rejects_basic_bad_for_each_planted_error(tbx_dir):
    bad, good = _messages("basic_bad.tbx", tbx_dir), _messages("basic_good.tbx", tbx_dir)
    # basic_good predates TBX-Basic 1.2.1: its only complaint is the retired usageStatus termNote.
    assert set(good) == {
        "Schematron dialectEnforcement: Permitted type value(s): administrativeStatus, partOfSpeech, "
        "geographicalUsage, grammaticalGender, termLocation, termType"
    }
    planted = bad - good
    assert planted == Counter(
        {
            "Schematron dialectEnforcement: Permitted type value(s): transactionType": 1,
            "Schematron dialectEnforcement: Permitted type value(s): responsibility": 1,
            "Schematron module.min.termNote: /partOfSpeech/ type may be: 'adjective' or 'noun' or 'other' or 'verb' or 'adverb'": 1,
            "Schematron module.basic.descrip: /definition/ may only appear at level(s): conceptEntry, langSec": 1,
        }
    )


def test_validator_rejects_core_structure_bad_by_relax_ng(tbx_dir):
    bad = _messages("core_structure_bad.tbx", tbx_dir)
    assert "RELAX NG: Did not expect text in element sourceDesc content" in bad
    assert "RELAX NG: Did not expect element admin there" in bad
    good = _messages("core_structure_good.tbx", tbx_dir)
    assert not [message for message in good if message.startswith("RELAX NG")]
    # a TBX-Core file is not TBX-Basic
    assert set(good) == {"Schematron dialectEnforcement: The name of this dialect should be TBX-Basic."}


def test_validator_rejects_min_files_and_bad_xml(tbx_dir):
    assert "Schematron dialectEnforcement: Permitted type value(s): externalCrossReference, xGraphic" in _messages(
        "min_bad.tbx", tbx_dir
    )
    assert "Schematron dialectEnforcement: The name of this dialect should be TBX-Basic." in _messages("min_good.tbx", tbx_dir)
    path = tbx_dir / "test_files" / "poorly_formed_xml.tbx"
    with pytest.raises(InputError) as error:
        validate_tbx(path.read_bytes(), str(path), tbx_dir)
    assert error.value.problems == [f"{path}:42: not well-formed XML: mismatched tag: line 42, column 7"]


def test_schematron_first_matching_rule_wins(tbx_dir):
    # module.basic.transac has two rules with the same context: ISO Schematron runs only the first.
    schema = Schematron(tbx_dir / "TBX-Basic_DCA.sch")
    pattern = next(p for p in schema.patterns if p.id == "module.basic.transac")
    assert [rule.context for rule in pattern.rules] == ["tbx:transac[@type='transactionType']"] * 2
    # every rule and every assert of the file is loaded (one commented-out assert is not an element)
    assert sum(len(pattern.rules) for pattern in schema.patterns) == 34
    assert sum(len(rule.checks) for pattern in schema.patterns for rule in pattern.rules) == 37


def test_validate_via_cli(run_cli, mini_path, tmp_path, tbx_dir, monkeypatch):
    monkeypatch.setenv("YAKUGO_TBX_SCHEMAS", str(tbx_dir))
    out = tmp_path / "mini.tbx"
    result = run_cli("export", "--to", "tbx", "-g", mini_path, "-o", out, "--validate", "--tbx-schemas", tbx_dir)
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes().startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<tbx ")
    result = run_cli("export", "--to", "csv", "-g", mini_path, "--validate")
    assert result.exit_code == 2 and "only the tbx export can be validated" in result.stderr
    result = run_cli("export", "--to", "phrase", "-g", mini_path, "--validate")
    assert result.exit_code == 2 and "not phrase" in result.stderr


def _same_concepts(original, back):
    assert [c.id for c in back] == [c.id for c in original]
    for concept in original:
        assert back[concept.id].to_dict() == concept.to_dict(), concept.id


@pytest.mark.parametrize("fmt", ["tbx", "xlsx", "csv"])
def test_round_trip_bundled(fmt, bundled, run_cli, tmp_path):
    exported = tmp_path / f"bundled.{fmt}"
    assert run_cli("export", "--to", fmt, "-o", exported).exit_code == 0
    target = tmp_path / "back.tsv"
    result = run_cli("import", exported, "--into", target)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert f"added {len(bundled)} concepts" in result.stdout
    _same_concepts(bundled, load_glossary(target))


def test_round_trip_mini_through_tbx(mini):
    concepts, skipped = read_tbx(write_tbx(mini))
    assert skipped == []
    assert [c.to_dict() for c in concepts] == [c.to_dict() for c in mini]


def test_tbx2008_read_by_translate_toolkit_and_yakugo():
    from translate.storage.tbx import tbxfile

    path = FIXTURES / "tbx2008.tbx"
    store = tbxfile(path.open("rb"), sourcelanguage="ja", targetlanguage="en")
    toolkit = {
        unit.getid(): (
            [(term.text, term.deprecated) for term in unit.get_source_terms()],
            [(term.text, term.deprecated) for term in unit.get_target_terms()],
        )
        for unit in store.units
    }
    result = read_import(str(path), path.read_bytes())
    assert result.format == "tbx"
    ours = {
        concept.id: (
            [(text, status == "deprecated") for text, status in concept.ja_forms()],
            [(text, status == "forbidden") for text, status in concept.en_forms()],
        )
        for concept in result.concepts
    }
    assert ours == toolkit
    deterrence = result.concepts[0]
    assert (deterrence.ja, deterrence.ja_variants, deterrence.ja_deprecated) == ("抑止", ["抑止力"], ["抑制"])
    assert (deterrence.en, deterrence.en_forbidden) == ("deterrence", ["restraint"])
    assert deterrence.note == "Discouraging an attack by the threat of retaliation."
    assert [(c.id, c.ja, c.en, c.ja_variants, c.en_variants) for c in result.concepts[1:]] == [
        ("ceasefire", "停戦", "ceasefire", ["休戦"], ["truce"]),
        ("t3", "核の傘", "nuclear umbrella", [], []),
    ]


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE martif [
 <!ENTITY a "aaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<martif type="TBX"><text><body><termEntry><langSet xml:lang="ja"><tig><term>&d;</term></tig></langSet></termEntry></body></text></martif>
"""

EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<martif type="TBX"><text><body><termEntry><langSet xml:lang="ja"><tig><term>&secret;</term></tig></langSet></termEntry></body></text></martif>
"""


def test_entity_bomb_refused_with_one_line(run_cli, tmp_path):
    path = tmp_path / "bomb.tbx"
    path.write_bytes(BOMB)
    result = run_cli("import", path, "--into", "-")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{path}:3: entity declaration 'a' refused: entity expansion is disabled (entity-expansion bomb guard)"
    ]
    assert result.stdout == ""


def test_external_entity_refused_with_one_line(run_cli, tmp_path):
    path = tmp_path / "xxe.tbx"
    path.write_bytes(EXTERNAL)
    result = run_cli("import", path, "--into", "-", "--from", "tbx")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{path}:2: external entity 'secret' (file:///etc/passwd) refused: external entities are never loaded"
    ]
    assert "root:" not in result.stdout


def test_entry_without_english_validates(tmp_path, tbx_dir):
    path = tmp_path / "candidates.tsv"
    path.write_text("id\tja\ten\nnuclear\t核\tnuclear\nkaku-houki\t核放棄\t(untranslated)\n", encoding="utf-8")
    data = write_tbx(load_glossary(path))
    assert validate_tbx(data, "candidates.tbx", tbx_dir) == []
    entry = etree.fromstring(data).find(".//t:conceptEntry[@id='kaku-houki']", NS)
    assert [section.get("{http://www.w3.org/XML/1998/namespace}lang") for section in entry.findall("t:langSec", NS)] == ["ja"]


def test_phrase_export_is_tbx_2008_with_phrase_flags(mini):
    # Phrase TMS reads and writes langSet/tig with termNote type="preferred"/"forbidden" = true
    # (TermWeb's Phrase integration, which maps TBX usage status onto those two flags).
    root = etree.fromstring(export_glossary(mini, "phrase"))
    assert root.tag == "martif" and root.get("type") == "TBX"
    entry = root.find("text/body/termEntry[@id='security-guarantees']")
    flags = {
        (language.get(XML_LANG), tig.findtext("term")): [(note.get("type"), note.text) for note in tig.findall("termNote")]
        for language in entry.findall("langSet")
        for tig in language.findall("tig")
    }
    assert flags == {
        ("ja", "安全の保証"): [("preferred", "true")],
        ("ja", "安全保障の保証"): [],
        ("en", "security guarantees"): [("preferred", "true")],
        ("en", "security guarantee"): [],
        ("en", "security assurances"): [("forbidden", "true")],
        ("en", "security assurance"): [("forbidden", "true")],
    }
    assert entry.findtext("note") == "Binding commitments."


def test_phrase_export_reads_back_whole(mini, bundled):
    for glossary in (mini, bundled):
        concepts, skipped = read_tbx(export_glossary(glossary, "phrase"))
        assert skipped == []
        assert [c.to_dict() for c in concepts] == [c.to_dict() for c in glossary]


def test_phrase_flags_false_leave_a_form_admitted():
    data = b"""<martif type="TBX"><text><body><termEntry id="t">
    <langSet xml:lang="ja_JP"><tig><term>A</term><termNote type="preferred">true</termNote></tig>
    <tig><term>B</term><termNote type="forbidden">false</termNote><termNote type="preferred">false</termNote></tig>
    <tig><term>C</term><termNote type="forbidden">TRUE</termNote></tig></langSet>
    </termEntry></body></text></martif>"""
    (concept,), _ = read_tbx(data)
    assert (concept.ja, concept.ja_variants, concept.ja_deprecated) == ("A", ["B"], ["C"])
