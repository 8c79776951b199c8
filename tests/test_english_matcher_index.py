"""The English matcher's index (by the keys of a pattern's first two words) finds exactly
what trying every pattern at every token finds."""

from __future__ import annotations

from yakugo.aligner.core import english
from yakugo.glossary.tsv import load_glossary

# Written for this test: multi-word names, hyphenated words written split and solid,
# plurals, capitals, and words that start many renderings ("the", "a", "security").
TEXT = (
    "The Treaty on the Non-Proliferation of Nuclear Weapons, the nonproliferation treaty and the "
    "non-proliferation regime were discussed. NATO enlargement, the Budapest Memorandum on Security "
    "Assurances, security guarantees and a security guarantee came up; so did the Cold War, a cold "
    "peace, the CSCE Budapest Summit and the Budapest blow-up of 1994."
)


def every_pattern_everywhere(matcher: english.EnglishMatcher, text: str) -> list[tuple[int, int, str, str]]:
    patterns = [pattern for form in matcher.glossary.en_forms() for pattern in english._patterns(form)]
    tokens = english.tokenize(text)
    found = set()
    for index in range(len(tokens)):
        for pattern in patterns:
            end = english._match(tokens, index, pattern.words)
            if end is not None:
                found.add((tokens[index].start, tokens[end - 1].end, pattern.form.concept.id, pattern.form.text))
    return sorted(found)


def test_the_index_finds_what_every_pattern_tried_everywhere_finds():
    matcher = english.EnglishMatcher(load_glossary())
    expected = every_pattern_everywhere(matcher, TEXT)
    found = sorted((m.start, m.end, m.form.concept.id, m.form.text) for m in matcher.find(TEXT))
    assert found == expected
    ids = {concept for _, _, concept, _ in found}
    assert {"npt", "budapest-memorandum", "security-guarantees", "cold-peace", "budapest-blow-up"} <= ids
    # "nonproliferation" and "non-proliferation" written two ways still match one rendering
    assert any(TEXT[start:end].lower() == "non-proliferation" for start, end, _, _ in found)
    assert any(TEXT[start:end].lower() == "nonproliferation" for start, end, _, _ in found)
