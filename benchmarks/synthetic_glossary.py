"""Synthetic glossaries of any size for the scale benchmarks: the bundled concepts plus
JMdict common nouns (through jamdict), chosen at random with a seed.

    python benchmarks/synthetic_glossary.py N OUT.tsv [--seed S]

Below the bundled size the first N bundled concepts are kept, with their references to
dropped concepts (confusables, shared forms) removed so that the file stays valid.
The JMdict noun list is read once from jamdict's database and kept in the user cache
folder (``YAKUGO_CACHE_DIR`` when set), since the query takes a few seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import sys
from dataclasses import replace
from pathlib import Path

from yakugo.glossary.model import Glossary
from yakugo.glossary.normalize import fold
from yakugo.glossary.tsv import format_glossary, load_glossary

JMDICT_SOURCE = "https://www.edrdg.org/jmdict/j_jmdict.html"
NOUN_POS = "noun (common) (futsuumeishi)"
_NOUN_LIST_VERSION = 2


def _cache_folder() -> Path:
    root = os.environ.get("YAKUGO_CACHE_DIR") or os.path.join(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache", "yakugo")
    return Path(root) / "benchmarks"


def jmdict_nouns() -> list[tuple[int, int, str, str]]:
    """``(idseq, rank, Japanese, English)`` for every spelling of every JMdict entry whose
    first sense is a common noun (rank 0 the first kanji spelling, the first kana one where
    there is none; kana after kanji), with the first English gloss of that sense."""
    cached = _cache_folder() / f"jmdict-nouns-v{_NOUN_LIST_VERSION}.json"
    try:
        return [tuple(row) for row in json.loads(cached.read_text(encoding="utf-8"))]  # type: ignore[misc]
    except (OSError, ValueError):
        pass
    from jamdict import Jamdict

    connection = sqlite3.connect(f"file:{Jamdict().db_file}?mode=ro", uri=True)
    first_sense: dict[int, int] = {}  # idseq -> its first sense; plain scans, joined here (SQLite has no index for these)
    for sid, idseq in connection.execute("SELECT ID, idseq FROM Sense ORDER BY ID"):
        first_sense.setdefault(idseq, sid)
    nouns = {sid for (sid,) in connection.execute("SELECT sid FROM pos WHERE text = ?", (NOUN_POS,))}
    spellings: dict[int, list[str]] = {}  # kanji spellings first, then kana
    for table in ("Kanji", "Kana"):
        for idseq, text in connection.execute(f"SELECT idseq, text FROM {table} ORDER BY ID"):
            spellings.setdefault(idseq, []).append(text)
    gloss: dict[int, str] = {}
    for sid, text in connection.execute("SELECT sid, text FROM SenseGloss WHERE lang = 'eng' ORDER BY rowid"):
        gloss.setdefault(sid, text)
    connection.close()
    rows = [
        (idseq, rank, text.strip(), " ".join(gloss[sid].split()))
        for idseq, sid in sorted(first_sense.items())
        if sid in nouns and sid in gloss
        for rank, text in enumerate(spellings.get(idseq, []))
    ]
    rows = [row for row in rows if row[2] and row[3] and "|" not in row[2] + row[3]]
    cached.parent.mkdir(parents=True, exist_ok=True)
    temporary = cached.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, cached)
    return rows


def _bundled_prefix(bundled: Glossary, count: int) -> Glossary:
    """The first ``count`` bundled concepts, their references to the others removed."""
    kept = bundled.concepts[:count]
    ids = {concept.id for concept in kept}
    owners = {fold(text) for concept in kept for text, _ in concept.ja_forms()}
    trimmed = []
    for concept in kept:
        shared = [text for text in concept.ja_shared if fold(text) in owners]
        trimmed.append(
            replace(
                concept,
                confusables=[other for other in concept.confusables if other in ids],
                ja_shared=shared,
                referent_cues=concept.referent_cues if shared else [],
            )
        )
    return Glossary(concepts=trimmed, columns=bundled.columns, preamble=bundled.preamble)


def build_glossary(concepts: int, seed: int = 0) -> str:
    """The text of a valid ``terms.tsv`` with ``concepts`` concepts."""
    bundled = load_glossary()
    if concepts <= len(bundled):
        return format_glossary(_bundled_prefix(bundled, concepts))
    taken = {fold(form.text) for form in bundled.ja_forms()}
    taken.update(fold(text) for concept in bundled for text in concept.ja_blocked + concept.ja_abbreviations)
    # one concept per spelling: an entry's first spellings, then (past about 160,000
    # concepts) its other spellings as concepts of their own
    first: list[tuple[int, int, str, str]] = []
    other: list[tuple[int, int, str, str]] = []
    for row in sorted(jmdict_nouns(), key=lambda row: (row[1], row[0])):
        key = fold(row[2])
        if key not in taken:
            taken.add(key)
            (first if row[1] == 0 else other).append(row)
    wanted = concepts - len(bundled)
    if wanted > len(first) + len(other):
        raise SystemExit(f"JMdict gives {len(first) + len(other)} usable spellings; at most {len(bundled) + len(first) + len(other)} concepts")
    generator = random.Random(seed)
    if wanted <= len(first):
        chosen = sorted(generator.sample(first, wanted))
    else:
        chosen = first + sorted(generator.sample(other, wanted - len(first)))
    columns = bundled.columns
    rows = []
    for idseq, rank, ja, en in chosen:
        cells = {"id": f"jmdict-{idseq}" + (f"-{rank}" if rank else ""), "ja": ja, "en": en, "type": "term", "source": JMDICT_SOURCE}
        rows.append("\t".join(cells.get(name, "") for name in columns).rstrip("\t"))
    return format_glossary(bundled) + "\n".join(rows) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("concepts", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    arguments = parser.parse_args(argv)
    arguments.out.write_text(build_glossary(arguments.concepts, arguments.seed), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
