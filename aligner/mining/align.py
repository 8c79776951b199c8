"""Proposing English equivalents of Japanese terms from parallel text (``yakugo align``).

For every term, the segments whose Japanese contains it (recognised like
``yakugo terms`` does: any form, at morpheme boundaries) are its evidence.
English candidates come from two sources and are scored by three signals:

* word alignment: eflomal (Östling & Tiedemann 2016), run once over the whole
  corpus in both directions (Japanese in Sudachi's mode-A units, English in
  lemma keys); the English words linked to a term's units, joined into one
  span and trimmed of function words, are that occurrence's rendering.
  ``aligned`` is the share of the term's occurrences rendered that way;
* co-occurrence: every English word n-gram (1 to 5 words, no function word at
  either edge, not across punctuation) of those segments, scored by the Dice
  coefficient over sentence pairs: 2·both / (term segments + n-gram segments);
* a dictionary prior: 1 when JMdict gives the candidate as a gloss of the term.

    score = (0.55·aligned + 0.35·Dice + 0.10·prior) · n / (n + 3)   (0 to 1)

where n is the number of segments holding the term: a candidate seen once scores at most
0.25, so a handful of pairs cannot give a confident proposal.

English candidates are grouped by their words' lemmas (``rendering_key``:
security guarantee and security guarantees, graduation ceremony and
graduation ceremonies are one candidate), shown in their most frequent
spelling. An n-gram that never occurs outside a longer candidate (Jong Un
inside Kim Jong Un) is merged into it, alignments included.
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from yakugo.aligner.core import jmdict
from yakugo.aligner.core.progress import SILENT, Progress
from yakugo.aligner.qa.readers import Segment
from yakugo.aligner.core.english import Token, rendering_key, tokenize, word_key
from yakugo.aligner.mining.extract import unique_ids
from yakugo.aligner.core.recognize import Recognizer
from yakugo.aligner.core.segment import morphemes
from yakugo.glossary.errors import InputError, located
from yakugo.glossary.model import Concept, Glossary
from yakugo.glossary.normalize import fold
from yakugo.glossary.textfile import read_text
from yakugo.glossary.tsv import parse_glossary

ALIGNED_WEIGHT = 0.55
DICE_WEIGHT = 0.35
PRIOR_WEIGHT = 0.10
# Evidence: the signals above are shares and ratios, as high from one sentence pair as from
# fifty, so the combined score is scaled by n / (n + EVIDENCE_HALF) for a term seen in n
# pairs (one pair: ×0.25; three: ×0.5; thirty: ×0.91). A score is then how strongly the
# corpus supports the candidate, not only how well it fits the pairs there are.
EVIDENCE_HALF = 3
# Fewer sentence pairs than this give eflomal and the Dice counts too little to go on.
SMALL_CORPUS = 200
MAX_NGRAM = 5
# An aligned span longer than this (in words) is a misalignment, not a term.
MAX_SPAN = 8
TOP_K = 5
# eflomal's iterations relative to its defaults (5000/sqrt(sentences) for the
# fertility model) and its independent samplers: on WMT23 0.3 × 2 samplers is
# as accurate as the defaults (1.0 × 3) in under half the time.
EFLOMAL_ITERATIONS = 0.3
EFLOMAL_SAMPLERS = 2
# Small corpora are aligned several times and the links voted on (see word_alignments).
EFLOMAL_MAX_RUNS = 5
EFLOMAL_WORDS_OF_WORK = 30_000  # Japanese words aligned in all runs together

# English function words: never the first or last word of a candidate span.
STOP_WORDS = frozenset(
    """a an the and or but nor of to in on at by for with from as into onto upon about over under after before
    between among through during against without within via per than that this these those there here which who
    whom whose what when where why how it its it's they them their theirs he him his she her hers we us our you
    your i me my is are was were be been being am do does did done has have had having will would shall should
    can could may might must not no yes so such also too very just only even both each either neither all any
    some many much more most other another own same s t one ones if then else while because since until unless
    though although whether again further once up down out off new said says say""".split()
)
_POSSESSIVE = re.compile(r"['’]s?$", re.IGNORECASE)
_BETWEEN_WORDS = re.compile(r"[\s\-‐‑‒–'’]*")
_WHITESPACE = re.compile(r"\s+")


@dataclass
class EnglishCandidate:
    """One proposed English rendering of a term."""

    en: str
    score: float
    count: int  # term segments whose English contains it
    example: str  # id of one segment supporting it
    aligned: int = 0  # occurrences eflomal rendered exactly so
    dice: float = 0.0
    prior: bool = False

    def to_dict(self) -> dict[str, object]:
        return {"en": self.en, "score": round(self.score, 3), "count": self.count, "example": self.example}


@dataclass
class TermAlignment:
    """The ranked English candidates of one Japanese term."""

    term: Concept  # the term as given: a glossary concept or a row of --terms
    concept: Concept | None  # the glossary concept, when the term is one
    occurrences: int  # segments whose Japanese contains the term
    candidates: list[EnglishCandidate]

    @property
    def ja(self) -> str:
        return self.term.ja

    @property
    def differs_from_glossary(self) -> bool:
        """The corpus's dominant rendering (the best candidate, seen in at least two
        pairs) is none of the concept's accepted renderings."""
        if self.concept is None or not self.candidates or self.candidates[0].count < 2:
            return False  # one sentence pair says nothing about a dominant rendering
        accepted = {rendering_key(text) for text in self.concept.accepted_en}
        return rendering_key(self.candidates[0].en) not in accepted

    def to_dict(self) -> dict[str, object]:
        return {
            "ja": self.ja,
            "concept": self.concept.id if self.concept is not None else None,
            "occurrences": self.occurrences,
            "candidates": [candidate.to_dict() for candidate in self.candidates],
        }


@dataclass
class _Side:
    """A segment's tokens: Japanese mode-A units with offsets, English words."""

    ja_tokens: list[tuple[int, int, str]]
    en_tokens: list[Token]
    en_keys: list[str]


@dataclass
class _Evidence:
    """What one term collects over its segments."""

    segments: list[int] = field(default_factory=list)
    aligned: Counter = field(default_factory=Counter)  # key -> occurrences rendered so
    cooccurring: Counter = field(default_factory=Counter)  # key -> term segments containing it
    example: dict = field(default_factory=dict)  # key -> segment index
    aligned_example: dict = field(default_factory=dict)


def word_alignments(
    source: Sequence[Sequence[str]], target: Sequence[Sequence[str]], iterations: float = EFLOMAL_ITERATIONS
) -> list[set[tuple[int, int]]]:
    """eflomal links (source index, target index) for each sentence pair, both directions
    symmetrised with grow-diag (on WMT23 it beats intersection, union and grow-diag-final).

    eflomal starts from a random state it does not let us seed, and on a few dozen pairs
    one run can link a term differently from the next; so a small corpus is aligned
    several times (``eflomal_runs``) and a link is kept when most runs make it.
    """
    runs = eflomal_runs(sum(map(len, source)))
    votes: list[Counter[tuple[int, int]]] = [Counter() for _ in source]
    for _ in range(runs):
        for counted, links in zip(votes, _eflomal_once(source, target, iterations)):
            counted.update(links)
    return [{link for link, count in counted.items() if 2 * count > runs} for counted in votes]


def eflomal_runs(words: int) -> int:
    """How many times to align ``words`` Japanese words: an odd number, more for a smaller
    corpus, about 30,000 words' work in all (WMT23's 1,992 segments, 40,617 words: once)."""
    runs = min(EFLOMAL_MAX_RUNS, max(1, EFLOMAL_WORDS_OF_WORK // max(words, 1)))
    return runs if runs % 2 else runs - 1


def _eflomal_once(
    source: Sequence[Sequence[str]], target: Sequence[Sequence[str]], iterations: float
) -> list[set[tuple[int, int]]]:
    """One eflomal run, in a temporary folder that is removed."""
    from eflomal import Aligner

    aligner = Aligner(rel_iterations=iterations, n_samplers=EFLOMAL_SAMPLERS)
    with tempfile.TemporaryDirectory(prefix="yakugo-align-") as folder:
        forward, reverse = Path(folder, "forward"), Path(folder, "reverse")
        aligner.align(
            [" ".join(words) for words in source],
            [" ".join(words) for words in target],
            links_filename_fwd=str(forward),
            links_filename_rev=str(reverse),
        )
        forward_lines = forward.read_text().splitlines()
        reverse_lines = reverse.read_text().splitlines()
    return [grow_diagonal(_links(f), _links(r)) for f, r in zip(forward_lines, reverse_lines)]


def _links(line: str) -> set[tuple[int, int]]:
    return {tuple(map(int, pair.split("-"))) for pair in line.split()}  # type: ignore[misc]


def grow_diagonal(forward: set[tuple[int, int]], reverse: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Koehn's grow-diag symmetrisation: start from links both directions agree on, add
    union links next to an accepted one whose source or target word is still unlinked."""
    links = forward & reverse
    union = forward | reverse
    added = True
    while added:
        added = False
        for i, j in sorted(union - links):
            if any((i + di, j + dj) in links for di in (-1, 0, 1) for dj in (-1, 0, 1) if di or dj):
                if all(a != i for a, _ in links) or all(b != j for _, b in links):
                    links.add((i, j))
                    added = True
    return links


class Aligner:
    """Tokenises and word-aligns a parallel corpus once; ``align`` then proposes English
    for any number of terms. ``progress`` hears the phases "tokenising" (segments),
    "aligning with eflomal" (no count: eflomal reports nothing while it samples) and,
    in ``align``, "scoring" (segments, then terms)."""

    def __init__(self, segments: Sequence[Segment], iterations: float = EFLOMAL_ITERATIONS, progress: Progress = SILENT):
        self.segments = list(segments)
        self.sides: list[_Side] = []
        self.progress = progress
        progress.phase("tokenising", len(self.segments))
        for segment in self.segments:
            progress.advance()
            ja_tokens = [
                (offset + m.begin(), offset + m.end(), m.surface())
                for offset, morpheme_list in morphemes(segment.source, "A")
                for m in morpheme_list
                if m.surface().strip()
            ]
            en_tokens = tokenize(segment.target)
            self.sides.append(_Side(ja_tokens, en_tokens, [word_key(token) for token in en_tokens]))
        # Segment frequency of every English n-gram, for the Dice coefficient.
        self.ngram_segments: Counter[tuple[str, ...]] = Counter()
        self.spellings: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
        for side, segment in zip(self.sides, self.segments):
            self.ngram_segments.update(set(key for key, _ in self._ngrams(side, segment.target)))
        progress.phase("aligning with eflomal")
        self.links = word_alignments(
            [[fold(text).replace(" ", "_") for _, _, text in side.ja_tokens] or ["∅"] for side in self.sides],
            [side.en_keys or ["∅"] for side in self.sides],
            iterations,
        ) if self.segments else []

    def _ngrams(self, side: _Side, text: str) -> Iterable[tuple[tuple[str, ...], str]]:
        """(key, spelling) of every word n-gram without a function word at either edge
        and without punctuation between its words."""
        tokens, keys = side.en_tokens, side.en_keys
        for start in range(len(tokens)):
            if keys[start] in STOP_WORDS:
                continue
            for end in range(start + 1, min(start + MAX_NGRAM, len(tokens)) + 1):
                if end - 1 > start and not _BETWEEN_WORDS.fullmatch(text[tokens[end - 2].end : tokens[end - 1].start]):
                    break
                if keys[end - 1] in STOP_WORDS:
                    continue
                yield tuple(keys[start:end]), _spelling(text, tokens[start], tokens[end - 1])

    def _aligned_span(self, index: int, start: int, end: int) -> tuple[tuple[str, ...], str] | None:
        """The English span eflomal links to the Japanese characters start..end of segment ``index``."""
        side = self.sides[index]
        units = {n for n, (begin, finish, _) in enumerate(side.ja_tokens) if begin < end and finish > start}
        targets = {j for i, j in self.links[index] if i in units and j < len(side.en_tokens)}
        if not targets:
            return None
        # Phrase-extraction consistency (Och & Ney 2004): no word of the span may be linked
        # only to Japanese outside the term. Links far apart (米国 to "different … America")
        # are cut there, and the piece holding most of the term's links is its rendering.
        elsewhere = {j for i, j in self.links[index] if i not in units} - targets
        pieces: list[list[int]] = [[]]
        for j in range(min(targets), max(targets) + 1):
            if j in elsewhere:
                pieces.append([])
            else:
                pieces[-1].append(j)
        piece = max(pieces, key=lambda words: len(targets.intersection(words)))
        linked = sorted(targets.intersection(piece))
        first, last = linked[0], linked[-1]
        while first <= last and side.en_keys[first] in STOP_WORDS:
            first += 1
        while last >= first and side.en_keys[last] in STOP_WORDS:
            last -= 1
        if first > last or last - first + 1 > MAX_SPAN:
            return None
        tokens = side.en_tokens
        text = self.segments[index].target
        if any(not _BETWEEN_WORDS.fullmatch(text[tokens[n].end : tokens[n + 1].start]) for n in range(first, last)):
            return None  # across punctuation: two phrases, not one rendering
        return tuple(side.en_keys[first : last + 1]), _spelling(text, tokens[first], tokens[last])

    def align(self, terms: Glossary, concepts: dict[str, Concept] | None = None, top_k: int = TOP_K) -> list[TermAlignment]:
        """Ranked English candidates for each concept of ``terms`` (its Japanese forms are
        the term); ``concepts`` maps a term's id to the glossary concept it is, if any."""
        recognizer = Recognizer(terms)
        evidence: dict[int, _Evidence] = {id(concept): _Evidence() for concept in terms}
        self.progress.phase("scoring", len(self.segments) + len(terms))
        for index, segment in enumerate(self.segments):
            self.progress.advance()
            matches = recognizer.find_in_line(segment.source)
            if not matches:
                continue
            side = self.sides[index]
            ngrams: dict[tuple[str, ...], str] = {}
            for key, spelling in self._ngrams(side, segment.target):
                ngrams.setdefault(key, spelling)
            for concept in {id(match.concept): match.concept for match in matches}.values():
                found = evidence[id(concept)]
                found.segments.append(index)
                for key, spelling in ngrams.items():
                    found.cooccurring[key] += 1
                    self.spellings[key][spelling] += 1
                    found.example.setdefault(key, index)
            for match in matches:
                span = self._aligned_span(index, match.column - 1, match.end_column - 1)
                if span is None:
                    continue
                key, spelling = span
                found = evidence[id(match.concept)]
                found.aligned[key] += 1
                self.spellings[key][spelling] += 1
                found.aligned_example.setdefault(key, index)
        results = []
        for concept in terms:
            self.progress.advance()
            found = evidence[id(concept)]
            known = (concepts or {}).get(concept.id)
            results.append(TermAlignment(concept, known, len(found.segments), self._rank(concept, found, top_k)))
        return results

    def _enclosing(self, keys: set[tuple[str, ...]], found: _Evidence) -> dict[tuple[str, ...], tuple[str, ...]]:
        """Each key that never occurs outside a longer key (the same segments with the term
        and the same segments overall), mapped to the longest such key: Jong Un → Kim Jong Un.
        Only a longer key seen with the term in two pairs or more takes others in: in one
        pair every n-gram occurs alike, and the longest would swallow the term's rendering."""
        enclosing: dict[tuple[str, ...], tuple[str, ...]] = {}
        for longer in sorted(keys, key=len, reverse=True):
            if longer in enclosing:
                continue
            for size in range(1, len(longer)):
                for start in range(len(longer) - size + 1):
                    inner = longer[start : start + size]
                    if (
                        inner in keys
                        and inner not in enclosing
                        and found.cooccurring.get(longer, 0) >= 2
                        and found.cooccurring.get(inner) == found.cooccurring.get(longer)
                        and self.ngram_segments.get(inner) == self.ngram_segments.get(longer)
                    ):
                        enclosing[inner] = longer
        return enclosing

    def _rank(self, term: Concept, found: _Evidence, top_k: int) -> list[EnglishCandidate]:
        occurrences = len(found.segments)
        if not occurrences:
            return []
        total_aligned = sum(found.aligned.values()) or 1
        priors = dictionary_keys(term)
        # Candidates: what eflomal aligned, what co-occurs in two pairs (one for a term seen
        # once), and any JMdict gloss of the term that co-occurs at all.
        keys = set(found.aligned) | {
            key for key, n in found.cooccurring.items() if n >= min(2, occurrences) or key in priors
        }
        # A key inside a longer one it never occurs without gives its alignments to it
        # (eflomal linking 金正恩 to "Jong Un" is evidence for "Kim Jong Un").
        enclosing = self._enclosing(keys, found)
        aligned_to = Counter(found.aligned)
        for inner, longer in enclosing.items():
            aligned_to[longer] += aligned_to.pop(inner, 0)
        candidates = []
        for key in keys - enclosing.keys():
            both = found.cooccurring.get(key, 0)
            dice = 2 * both / (occurrences + self.ngram_segments.get(key, 0)) if both else 0.0
            aligned = aligned_to.get(key, 0)
            prior = key in priors
            fit = ALIGNED_WEIGHT * aligned / total_aligned + DICE_WEIGHT * min(dice, 1.0) + PRIOR_WEIGHT * prior
            score = fit * occurrences / (occurrences + EVIDENCE_HALF)
            example = found.aligned_example.get(key, found.example.get(key))
            if example is None:  # aligned only through an enclosed key
                example = next(found.aligned_example[inner] for inner, outer in enclosing.items() if outer == key and inner in found.aligned_example)
            spelling = self.spellings[key].most_common(1)[0][0]
            candidates.append(
                EnglishCandidate(spelling, score, max(both, aligned), self.segments[example].id, aligned, dice, prior)
            )
        candidates.sort(key=lambda c: (-c.score, -c.count, len(c.en), c.en))
        return candidates[:top_k]


def _spelling(text: str, first: Token, last: Token) -> str:
    """The words first..last as written, without a possessive at the end (the protagonist's → protagonist),
    spaces, tabs and line breaks between them as one space (a tab would split a TSV cell)."""
    return _POSSESSIVE.sub("", _WHITESPACE.sub(" ", text[first.start : last.end]))


def dictionary_keys(term: Concept) -> set[tuple[str, ...]]:
    """Rendering keys of JMdict's glosses for the term's Japanese forms (parenthesised
    remarks dropped: "security guarantee (e.g. military security, …)")."""
    keys = set()
    for form in term.admitted_ja:
        for gloss in jmdict.entry(form).glosses:
            plain = re.sub(r"\([^)]*\)", "", gloss).strip()
            if plain:
                keys.add(rendering_key(plain))
    return keys


def align_terms(
    segments: Sequence[Segment],
    glossary: Glossary,
    terms: list[Concept] | None = None,
    top_k: int = TOP_K,
    progress: Progress = SILENT,
) -> list[TermAlignment]:
    """English candidates for ``terms`` (default: every concept of ``glossary``) in
    ``segments``; ``progress`` hears each phase (see ``Aligner``)."""
    aligner = Aligner(segments, progress=progress)
    return aligner.align(*term_glossary(glossary, terms), top_k=top_k)


def corpus_warning(segments: Sequence[Segment]) -> str | None:
    """A note for the user when the corpus is too small for the statistics to mean much."""
    pairs = sum(1 for segment in segments if segment.source and segment.target)
    if pairs >= SMALL_CORPUS:
        return None
    return (
        f"note: {pairs} sentence pair{'' if pairs == 1 else 's'}: too few for word alignment and co-occurrence "
        f"statistics (a few hundred or more make them meaningful); scores are scaled down by the evidence"
    )


def alignments_glossary(results: list[TermAlignment], sources: Sequence[str] = ()) -> Glossary:
    """The terms with candidates as a terms.tsv-shaped glossary: ``en`` is the best
    candidate, for a reviewer to confirm before ``yakugo import``; the note lists
    the other candidates and where the corpus disagrees with the glossary."""
    concepts = []
    for result in results:
        if not result.candidates:
            continue
        term = result.term
        best = result.candidates[0]
        note = f"yakugo align: {result.occurrences} segments; candidates: " + "; ".join(
            f"{c.en} ({c.score:.2f}, {c.count}x, segment {c.example})" for c in result.candidates
        )
        if result.concept is not None and result.differs_from_glossary:
            note += f"; differs from the glossary's '{result.concept.en}'"
        concepts.append(
            Concept(
                id=term.id,
                ja=term.ja,
                en=best.en,
                ja_variants=list(term.ja_variants),
                ja_deprecated=list(term.ja_deprecated),
                type=term.type,
                note=note,
                source=list(sources),
            )
        )
    return Glossary(concepts=concepts, preamble=[ALIGN_TSV_PREAMBLE])


ALIGN_TSV_PREAMBLE = "# English proposals from yakugo align: check en (the best candidate), then merge with yakugo import."


def term_glossary(glossary: Glossary, terms: list[Concept] | None) -> tuple[Glossary, dict[str, Concept]]:
    """The terms to align as a glossary of their own (so that the recognizer finds each
    term's forms), and which of them are concepts of ``glossary``."""
    if terms is None:
        return glossary, {concept.id: concept for concept in glossary}
    known: dict[str, Concept] = {}
    for term in terms:
        form = glossary.concept_of_ja(term.ja)
        if form is not None:
            known[term.id] = form.concept
    return Glossary(concepts=terms), known


def read_term_list(path: str) -> list[Concept]:
    """``--terms FILE``: a terms.tsv-shaped file (a header naming ``ja``; ``en`` may be
    empty) or a plain list, one Japanese term per line (``#`` comments and blank lines skipped)."""
    file = read_text(path)
    rows = [(number, line) for number, line in enumerate(file.lines(), start=1) if line.strip() and not line.startswith("#")]
    if not rows:
        raise InputError(located(file.path, 1, "no terms"))
    header_line, header = rows[0][0], [cell.strip() for cell in rows[0][1].split("\t")]
    if "ja" not in header:
        texts = list(dict.fromkeys(line.strip() for _, line in rows))
        for (number, line) in rows:
            if "\t" in line:
                raise InputError(located(file.path, number, "a tab in a plain term list (a terms.tsv needs a header naming 'ja')"))
        return [Concept(id=term_id, ja=text, en="") for term_id, text in zip(unique_ids(texts), texts)]
    terms = list(parse_glossary(file, required=("ja",)))
    missing = [term for term in terms if not term.id]
    for term, term_id in zip(missing, unique_ids((t.ja for t in missing), (t.id for t in terms))):
        term.id = term_id
    if not terms:
        raise InputError(located(file.path, header_line, "no terms after the header"))
    return terms
