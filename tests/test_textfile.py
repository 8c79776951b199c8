"""Decoding articles in the encodings Japanese text comes in, and atomic rewrites."""

from __future__ import annotations

import pytest

from yakugo.glossary import InputError
from yakugo.glossary.textfile import decode_bytes, read_text, write_text

TEXT = "米ロ関係について、安全の保証を求めた。\r\nＮＡＴＯ拡張の議論。\r\n"


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp932", b""), ("euc_jp", b"")],
)
def test_decodes_and_writes_back_in_the_same_encoding(tmp_path, encoding, bom):
    path = tmp_path / "article.txt"
    path.write_bytes(bom + TEXT.encode(encoding))
    file = read_text(path)
    assert file.text == TEXT
    assert file.bom == bom
    assert file.newline == "\r\n"
    assert file.lines()[:2] == ["米ロ関係について、安全の保証を求めた。", "ＮＡＴＯ拡張の議論。"]
    write_text(file, file.text.replace("米ロ", "米露"))
    assert path.read_bytes() == bom + TEXT.replace("米ロ", "米露").encode(encoding)


def test_binary_and_undecodable_files_are_one_line_errors(tmp_path):
    with pytest.raises(InputError, match=r"^x.bin: binary file \(contains NUL bytes\)$"):
        decode_bytes(b"\x89PNG\x00\x00\x01", "x.bin")
    with pytest.raises(InputError, match=r"^y.txt:2: cannot decode"):
        decode_bytes(b"ok\n\xff\xfe\xfa\xff\x80", "y.txt")
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "missing.txt")


def test_failed_write_leaves_the_original(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text("元の文章", encoding="utf-8")
    file = read_text(path)

    def explode(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("yakugo.glossary.textfile.os.replace", explode)
    with pytest.raises(InputError, match=r"a.txt: cannot write: disk full$"):
        write_text(file, "新しい文章")
    assert path.read_text(encoding="utf-8") == "元の文章"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_new_files_get_the_usual_permissions_and_rewrites_keep_theirs(tmp_path):
    import os
    from yakugo.glossary.textfile import write_atomic

    umask = os.umask(0o022)
    try:
        fresh = tmp_path / "new.html"
        write_atomic(fresh, b"<p>x</p>")
        assert fresh.stat().st_mode & 0o777 == 0o644
        fresh.chmod(0o600)
        write_atomic(fresh, b"<p>y</p>")
        assert fresh.stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(umask)


def test_writing_into_a_missing_folder_is_a_one_line_error(tmp_path, run_cli, mini_path):
    target = tmp_path / "no" / "such" / "out.tsv"
    result = run_cli("export", "--to", "omegat", "-o", target, "-g", mini_path)
    assert result.exit_code == 2
    assert result.stderr == f"{target}: cannot write: No such file or directory\n"


def test_a_byte_order_mark_followed_by_something_else_is_one_line(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_bytes(b"\xff\xfe" + "核抑止\n".encode("utf-16-le") + b"\x00\xd8")  # a lone high surrogate at the end
    with pytest.raises(InputError, match=r"notes\.txt:2: starts with a UTF-16-LE byte-order mark but is not valid UTF-16-LE$"):
        read_text(path)
    path.write_bytes(b"\xff\xfe" + "核抑止\n".encode("utf-16-le"))
    assert read_text(path).text == "核抑止\n" and read_text(path).encoding == "utf-16-le"
