"""Hostile input (issue 17): each reproducer of ../shared/repro/repro.sh as a regression test.

Every case ends in one ``PATH:LINE: problem`` line and exit status 2, or in success; never
in a traceback, a hang or a file changed where nothing was meant to change.
"""

from __future__ import annotations

import json
import os
import time
from typing import Callable

import pytest

from yakugo.aligner.core.markdown_mask import mask_markdown
from yakugo.aligner.lint.engine import lint_text
from yakugo.aligner.lint.suppress import read_directives
from yakugo.glossary import InputError

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


# ---------------------------------------------------------------- item 7: --fix keeps every other byte


def _lossy_codes(encoding: str) -> list[bytes]:
    """Codes that decode and encode back to other bytes (cp932 ``87 90`` ≒ → ``81 E0``;
    EUC-JP's three-byte ``8F A2 B7`` → ``~``)."""
    candidates = [bytes([lead, trail]) for lead in range(0x81, 0x100) for trail in range(0x40, 0x100)]
    candidates += [bytes([0x8F, second, third]) for second in range(0xA1, 0xFF) for third in range(0xA1, 0xFF)]
    lossy = []
    for code in candidates:
        try:
            if code.decode(encoding).encode(encoding) != code:
                lossy.append(code)
        except UnicodeError:
            continue
    return lossy


@pytest.mark.parametrize(("encoding", "expected_count"), [("cp932", 398), ("euc_jp", 1)])
def test_fix_keeps_the_bytes_of_codes_that_do_not_survive_reencoding(tmp_path, run_cli, mini_path, encoding, expected_count):
    lossy = _lossy_codes(encoding)
    assert len(lossy) == expected_count
    before, after = "イェルツィン".encode(encoding), "エリツィン".encode(encoding)
    around = b"".join(lossy)
    original = around + before + around + b"\r\n" + around + b"\r\n" + before + b"\r\n"
    path = tmp_path / "legacy.txt"
    path.write_bytes(original)
    result = run_cli("lint", "--fix", path, "-g", mini_path)
    assert "Fixed 2 findings in 1 file." in result.stdout
    assert path.read_bytes() == original.replace(before, after)


def test_fix_refuses_a_file_changed_since_it_was_read(tmp_path):
    from yakugo.glossary.textfile import encode_like, read_text

    path = tmp_path / "a.txt"
    path.write_bytes("イェルツィン\n".encode("cp932"))
    file = read_text(path)
    path.write_bytes("別の文章\n".encode("cp932"))
    with pytest.raises(InputError, match=r"a.txt: changed since it was read; left as it was$"):
        encode_like(file, "エリツィン\n")


def test_fix_that_the_encoding_cannot_hold_names_the_line(tmp_path):
    from yakugo.glossary.textfile import encode_like, read_text

    path = tmp_path / "a.txt"
    path.write_bytes("一行目\nイェルツィン\n".encode("euc_jp"))
    with pytest.raises(InputError, match=r"a.txt:2: cannot write the fix 🙂 in euc_jp; file left as it was$"):
        encode_like(read_text(path), "一行目\n🙂\n")


# ---------------------------------------------------------------- item 9: owner, permissions, links


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="changing a file's owner needs root")
def test_fix_as_root_keeps_owner_group_and_mode(tmp_path, run_cli, mini_path):
    path = tmp_path / "o.txt"
    path.write_text("イェルツィン\n", encoding="utf-8")
    os.chown(path, 65534, 65534)
    os.chmod(path, 0o640)
    result = run_cli("lint", "--fix", path, "-g", mini_path)
    assert result.exit_code == 0, result.stderr
    status = os.stat(path)
    assert (status.st_uid, status.st_gid, status.st_mode & 0o7777) == (65534, 65534, 0o640)
    assert path.read_text(encoding="utf-8") == "エリツィン\n"


def test_fix_refuses_a_read_only_file(tmp_path, run_cli, mini_path):
    path = tmp_path / "r.txt"
    path.write_text("イェルツィン\n", encoding="utf-8")
    os.chmod(path, 0o444)
    result = run_cli("lint", "--fix", path, "-g", mini_path)
    assert result.exit_code == 2
    assert result.stderr == f"{path}: read-only file; left as it was\n"
    assert "Fixed 0 findings in 0 files." in result.stdout
    assert path.read_text(encoding="utf-8") == "イェルツィン\n"


def test_fix_says_when_it_replaces_one_of_several_hard_links(tmp_path, run_cli, mini_path):
    path, other = tmp_path / "a.txt", tmp_path / "b.txt"
    path.write_text("イェルツィン\n", encoding="utf-8")
    os.link(path, other)
    result = run_cli("lint", "--fix", path, "-g", mini_path)
    assert result.exit_code == 0
    assert result.stderr.startswith(f"{path}: was one of 2 hard links to one file")
    assert path.read_text(encoding="utf-8") == "エリツィン\n"
    assert other.read_text(encoding="utf-8") == "イェルツィン\n"


def test_fix_counts_only_what_was_written(tmp_path, run_cli, mini_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text("イェルツィン\n", encoding="utf-8")

    def no_room(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("yakugo.glossary.textfile.tempfile.mkstemp", no_room)
    result = run_cli("lint", "--fix", path, "-g", mini_path)
    assert result.exit_code == 2
    assert result.stderr == f"{path}: cannot write: Permission denied\n"
    assert "Fixed 0 findings in 0 files." in result.stdout


# ---------------------------------------------------------------- item 6: FIFOs in a linted folder


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_named_txt_in_a_folder_is_skipped_saying_so(tmp_path, run_cli, mini_path):
    (tmp_path / "a.txt").write_text("イェルツィン\n", encoding="utf-8")
    os.mkfifo(tmp_path / "f.txt")
    result = run_cli("lint", tmp_path, "-g", mini_path, "-f", "json")
    assert result.stderr == f"{tmp_path / 'f.txt'}: not a regular file, skipped\n"
    assert [finding["rule"] for finding in json.loads(result.stdout)] == ["deprecated-variant"]
    assert result.exit_code == 1
