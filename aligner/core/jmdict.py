"""JMdict (jamdict + jamdict-data) as a dictionary of general Japanese.

Two uses: ``extract`` tells general vocabulary (問題, 関係: words JMdict marks
as common with a priority tag) from terms, and ``align`` takes the English
glosses of words JMdict knows as a prior for their translation.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Entry:
    """What JMdict says about one exact written form."""

    common: bool  # the form carries a priority tag (news1, ichi1, spec1, gai1, nfXX)
    glosses: tuple[str, ...]  # English glosses of every sense, in JMdict's order


@cache
def _jamdict():
    from jamdict import Jamdict

    return Jamdict()


@cache
def entry(text: str) -> Entry:
    """JMdict's entry for ``text`` as written (kanji or kana form), or an empty one."""
    result = _jamdict().lookup(text, strict_lookup=True, lookup_chars=False, lookup_ne=False)
    common = False
    glosses: list[str] = []
    for found in result.entries:
        forms = [form for form in (*found.kanji_forms, *found.kana_forms) if form.text == text]
        if not forms:
            continue
        common = common or any(form.pri for form in forms)
        for sense in found.senses:
            glosses.extend(str(gloss) for gloss in sense.gloss)
    return Entry(common, tuple(dict.fromkeys(glosses)))
