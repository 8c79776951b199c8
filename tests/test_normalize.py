"""Width and case folding: one character at a time, whatever the rest of the text is."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from yakugo.glossary.normalize import fold


def fold_each(text: str) -> str:
    """The definition: each character's NFKC form lower-cased, when that is one character."""
    out = []
    for char in text:
        folded = unicodedata.normalize("NFKC", char).lower()
        out.append(folded if len(folded) == 1 else char)
    return "".join(out)


TRICKY = "ＮＡＴＯnatoNATOｶﾞガ㈱①　ΣΑΣ İi𐐀𐐨𝐀Ⅻ米露拡大\u3099か"


def test_width_case_and_kept_characters():
    assert fold("ＮＡＴＯ拡大とNato") == "nato拡大とnato"
    assert fold("ｲｪﾙﾂｨﾝ") == "イェルツィン"
    assert fold("㈱ｶﾞ") == "㈱カ\u3099"  # ㈱ would become three characters; ﾞ is the combining mark
    assert fold("ΑΣ") == "ασ"  # not the final ς str.lower would write
    assert fold("İ") == "İ"  # str.lower would make two characters
    assert fold("𐐀") == "𐐨" and fold("𐐀　") == "𐐨 "  # past the table, either way
    assert fold("𝐍𝐀𝐓𝐎") == "nato"  # mathematical bold capitals


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(TRICKY), max_size=20) | st.text(max_size=20))
def test_fold_is_the_same_as_folding_each_character(text):
    assert fold(text) == fold_each(text)
    assert len(fold(text)) == len(text)
