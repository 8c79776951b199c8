"""Fuzzing the input paths with hypothesis (issue 17): whatever the bytes, each reader gives a
result or an ``InputError``, never another exception, a hang or a file it cannot read back.

The normal suite runs a bounded number of examples per property (``_QUICK``). The same
properties run with many more examples behind the ``fuzz`` marker:

    YAKUGO_FUZZ=1 python -m pytest -m fuzz tests/test_fuzz.py
"""

from __future__ import annotations

import os
from typing import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yakugo.aligner.core.markdown_mask import mask_markdown
from yakugo.aligner.lint.engine import Linter
from yakugo.aligner.lint.suppress import read_directives
from yakugo.glossary import InputError, load_glossary
from yakugo.glossary.importers import read_import
from yakugo.glossary.intake import check_loads
from yakugo.glossary.model import LIST_COLUMNS, LIST_SEPARATOR
from yakugo.glossary.prh import MAX_EXPANSION, expand_regex
from yakugo.glossary.textfile import TextFile, decode_bytes, encode_like
from yakugo.glossary.tsv import format_glossary, parse_glossary
from yakugo.glossary.merge import merge_concepts
from yakugo.glossary.model import Glossary

from support import FIXTURES

_QUICK = 40
_DEEP = 3000
_deep = pytest.mark.skipif(not os.environ.get("YAKUGO_FUZZ"), reason="deep fuzzing: set YAKUGO_FUZZ=1 and run -m fuzz")
_SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

_MINI = load_glossary(FIXTURES / "mini.tsv")
_LINTER = Linter(_MINI)

# Text that looks like what the readers meet: Japanese, Markdown and directive syntax,
# separators, controls and line breaks, with arbitrary Unicode mixed in.
_PIECES = st.sampled_from(
    ["イェルツィン", "エリツィン", "NATO拡大", "安全の保証", "`", "``", "](", ")", "<!--", "-->", "yakugo-disable",
     "yakugo-disable-next-line", "yakugo-enable", " mixed-variants", "#", "|", "\t", "\n", "\r\n", ",", '"', "'",
     "http://", "www.", "\x1b[31m", "\x07", "\u2028", "    ", "。", "＃"]
)
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=40).map("".join)


def _both(name: str, strategy, body: Callable) -> tuple[Callable, Callable]:
    """The property as a quick test and as a deep one behind the fuzz marker."""
    quick = settings(max_examples=_QUICK, **_SETTINGS)(given(strategy)(body))
    deep = pytest.mark.fuzz(_deep(settings(max_examples=_DEEP, **_SETTINGS)(given(strategy)(body))))
    quick.__name__, deep.__name__ = f"test_{name}", f"test_{name}_deep"
    return quick, deep


def _decodes_or_says_why(data: bytes) -> None:
    try:
        file = decode_bytes(data, "x.txt")
    except InputError as error:
        assert all(problem.startswith("x.txt") for problem in error.problems)
        return
    assert isinstance(file.text, str)


test_decode, test_decode_deep = _both("decode_bytes_decodes_or_says_why", st.binary(max_size=200), _decodes_or_says_why)


def _mask_keeps_positions(text: str) -> None:
    masked = mask_markdown(text)
    assert len(masked) == len(text)
    assert [index for index, char in enumerate(masked) if char in "\r\n"] == [index for index, char in enumerate(text) if char in "\r\n"]


test_mask, test_mask_deep = _both("markdown_mask_keeps_every_position", _TEXT, _mask_keeps_positions)


def _directives_never_raise(text: str) -> None:
    for markdown in (True, False):
        suppressions = read_directives(text, markdown, ["mixed-variants", "deprecated-variant"], "a.md")
        assert all(warning.startswith("a.md:") for warning in suppressions.warnings)


test_directives, test_directives_deep = _both("directives_never_raise", _TEXT, _directives_never_raise)


def _lint_and_fix(text: str) -> None:
    findings = _LINTER.lint_text(text, "a.md")
    for finding in findings:
        assert 1 <= finding.line and finding.column < finding.end_column
    fixed, _ = _LINTER.fix_text(text, "a.md")
    assert _LINTER.fix_text(fixed, "a.md")[0] == fixed  # a second --fix changes nothing


test_lint, test_lint_deep = _both("lint_and_fix_any_text", _TEXT, _lint_and_fix)


_REGEX = st.lists(st.sampled_from(["(?:", ")", "(", "a", "[ab]", "|", "{1}", "{0,2}", "?", "*", "\\", "あ", "[", "]"]), max_size=30).map("".join)


def _expansion_is_bounded(source: str) -> None:
    result = expand_regex(source)
    assert result is None or len(result) <= MAX_EXPANSION


test_regex, test_regex_deep = _both("prh_regex_expansion_is_bounded", _REGEX, _expansion_is_bounded)


def _import_writes_only_loadable(case: tuple[str, str]) -> None:
    fmt, text = case
    try:
        result = read_import(f"in.{fmt}", text.encode("utf-8"), fmt)
    except InputError:
        return
    for concept in result.concepts:
        for name in ("ja", "en"):
            assert LIST_SEPARATOR not in getattr(concept, name) and "\n" not in getattr(concept, name)
        for name in LIST_COLUMNS:
            assert all(LIST_SEPARATOR not in item and "\t" not in item for item in getattr(concept, name))
    try:
        merged, _ = merge_concepts(Glossary(path="g.tsv"), result.concepts)
    except InputError:
        return  # the merge's own check refused it: nothing would be written
    text_out = format_glossary(merged)
    check_loads(text_out, "g.tsv")  # what import --into would write loads again
    parse_glossary(TextFile("g.tsv", text_out))


_CSV_CELL = st.one_of(_PIECES, st.text(max_size=6)).map(lambda cell: '"' + cell.replace('"', '""') + '"')
_CSV = st.lists(st.lists(_CSV_CELL, min_size=2, max_size=4).map(",".join), min_size=1, max_size=5).map(
    lambda rows: "ja,en,note\n" + "\n".join(rows) + "\n"
)
_PRH = st.lists(st.tuples(_TEXT, _TEXT), max_size=4).map(
    lambda rules: "version: 1\nrules:\n" + "".join(f"  - expected: {e!r}\n    pattern: {p!r}\n" for e, p in rules)
)
_IMPORTS = st.one_of(st.tuples(st.just("csv"), _CSV), st.tuples(st.just("prh"), _PRH), st.tuples(st.just("omegat"), _TEXT))

test_import, test_import_deep = _both("import_never_writes_what_would_not_load", _IMPORTS, _import_writes_only_loadable)


_CP932_CHARS = st.sampled_from(["≒", "≡", "∫", "∵", "∩", "∪", "¬", "イ", "ェ", "ル", "ツ", "ン", "安", "全", "a", " ", "\r\n", "\n"])


def _splice_keeps_other_bytes(case: tuple[list[str], list[str]]) -> None:
    left, right = "".join(case[0]), "".join(case[1])
    before, after = "イェルツィン", "エリツィン"
    original = (left + before + right).encode("cp932")
    file = decode_bytes(original, "a.txt")
    if file.encoding != "cp932":
        return
    data = encode_like(file, file.text.replace(before, after, 1), original)
    prefix = left.encode("cp932")
    assert data.startswith(prefix) and data.endswith(right.encode("cp932"))


test_splice, test_splice_deep = _both(
    "fix_splices_only_the_span", st.tuples(st.lists(_CP932_CHARS, max_size=12), st.lists(_CP932_CHARS, max_size=12)), _splice_keeps_other_bytes
)
