"""The English renderings' overlap rule (longest wins, nothing inside a longer rendering) gives the
same terms as comparing each with every kept one, which it replaced because that was quadratic."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from yakugo.aligner.lint.english_model import _outermost


@dataclass(frozen=True)
class _Concept:
    id: str


@dataclass(frozen=True)
class _Term:
    line: int
    column: int
    end_column: int
    concept: _Concept


CONCEPTS = [_Concept("a"), _Concept("b"), _Concept("c")]


def _by_comparison(terms):
    chosen = []
    for term in sorted(terms, key=lambda t: (t.column - t.end_column, t.column)):
        if any(
            other.column <= term.column
            and term.end_column <= other.end_column
            and (other.concept is term.concept or other.end_column - other.column > term.end_column - term.column)
            for other in chosen
        ):
            continue
        chosen.append(term)
    return chosen


spans = st.tuples(st.integers(1, 40), st.integers(1, 12), st.sampled_from(CONCEPTS)).map(
    lambda t: _Term(1, t[0], t[0] + t[1], t[2])
)


@settings(max_examples=300, deadline=None)
@given(st.lists(spans, max_size=30))
def test_same_terms_as_comparing_with_every_kept_term(terms):
    assert _outermost(terms) == _by_comparison(terms)


def test_name_hides_a_shorter_rendering_inside_it_and_same_span_of_another_concept_stays():
    kiev, kiev_rus, other = _Concept("kyiv"), _Concept("kievan-rus"), _Concept("other")
    name = _Term(1, 1, 9, kiev_rus)
    inside = _Term(1, 1, 5, kiev)
    twin = _Term(1, 1, 9, other)
    repeat = _Term(1, 1, 9, kiev_rus)
    overlapping = _Term(1, 7, 15, kiev)
    assert _outermost([inside, name, twin, repeat, overlapping]) == [name, twin, overlapping]
