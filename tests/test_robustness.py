"""Hostile input (issue 17): each reproducer of ../shared/repro/repro.sh as a regression test.

Every case ends in one ``PATH:LINE: problem`` line and exit status 2, or in success; never
in a traceback, a hang or a file changed where nothing was meant to change.
"""

from __future__ import annotations

import time
from typing import Callable

import pytest

from yakugo.aligner.core.markdown_mask import mask_markdown
from yakugo.aligner.lint.engine import lint_text
from yakugo.aligner.lint.suppress import read_directives

# ---------------------------------------------------------------- item 5: linear time

# Large enough that quadratic work shows (the old backtick regex took 8.7 s on 20 KB),
# small enough that the linear code runs in milliseconds.
_SIZE = 20_000
# Quadratic matching at this size is thousands of times slower than the baseline; linear
# code on crafted input costs a small constant factor more than on plain text.
_MAX_RATIO = 40


def _best_time(work: Callable[[], object], repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return max(best, 1e-5)


def _backtick_runs(size: int) -> str:
    text, run = "", 1
    while len(text) < size:
        text += "`" * run + "a"
        run += 1
    return text[:size]


def _ratio(crafted: str, baseline: str, work: Callable[[str], object]) -> float:
    assert len(crafted) == len(baseline)
    return _best_time(lambda: work(crafted)) / _best_time(lambda: work(baseline))


def test_backtick_runs_of_growing_length_mask_in_linear_time():
    crafted = _backtick_runs(_SIZE)
    baseline = ("`a` b " * _SIZE)[:_SIZE]  # as many characters, ordinary code spans
    assert _ratio(crafted, baseline, mask_markdown) < _MAX_RATIO


def test_code_spans_pair_runs_of_equal_length():
    masked = mask_markdown("a ``x`y`` b `z` c ``` d")
    assert masked == "a " + " " * 7 + " b " + " " * 3 + " c ``` d"


def test_unclosed_link_targets_mask_in_linear_time():
    crafted = ("](" + "](x)" * _SIZE)[:_SIZE]
    baseline = ("[a](x) " * _SIZE)[:_SIZE]
    assert _ratio(crafted, baseline, mask_markdown) < _MAX_RATIO


@pytest.mark.parametrize(
    "crafted",
    [
        pytest.param("<!-- yakugo-disable" + " " * _SIZE, id="comment-then-spaces"),
        pytest.param("<!--" * (_SIZE // 4), id="comments-never-closed"),
        pytest.param("<!--" * (_SIZE // 4 - 1) + "-->", id="comments-closed-once"),
    ],
)
def test_comment_directives_read_in_linear_time(crafted):
    crafted = crafted[:_SIZE].ljust(_SIZE)
    baseline = ("<!-- yakugo-disable --> 安全 " * _SIZE)[:_SIZE]
    assert _ratio(crafted, baseline, lambda text: read_directives(text, True, ["mixed-variants"])) < _MAX_RATIO


def test_hash_directive_followed_by_spaces_reads_in_linear_time():
    crafted = ("# yakugo-disable" + " " * _SIZE)[: _SIZE - 1] + "x"
    baseline = ("# yakugo-disable x\n" * _SIZE)[: _SIZE - 1] + "x"
    assert _ratio(crafted, baseline, lambda text: read_directives(text, False, ["x"])) < _MAX_RATIO


def test_directives_still_parse_with_reasons_and_spaces():
    text = "<!--   yakugo-disable-next-line mixed-variants -- 引用のまま \n -->\nA\nB\n"
    suppressions = read_directives(text, True, ["mixed-variants"])
    assert suppressions.silences(3, "mixed-variants") and not suppressions.silences(4, "mixed-variants")
    hashed = read_directives("#   yakugo-disable mixed-variants   \nA\n# yakugo-enable\nB\n", False, ["mixed-variants"])
    assert hashed.silences(2, "mixed-variants") and not hashed.silences(4, "mixed-variants")


def test_web_address_then_long_run_of_letters_lints_in_linear_time(mini):
    crafted = ("NATO拡大 http://x\n" + "a" * _SIZE)[:_SIZE]
    baseline = ("NATO拡大 http://x\n" + "a " * _SIZE)[:_SIZE]
    assert _ratio(crafted, baseline, lambda text: lint_text(text, mini)) < _MAX_RATIO
