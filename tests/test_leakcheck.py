"""The leak check: every file read the way a reader (or Pagefind's client) would see it."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from redaction.leakcheck import Secret, readable, secrets_of, verify
from redaction.ledger import Ledger
from redaction.model import Withholding


def entry(text: str, how: str = "inline", meeting: str = "c/m") -> Withholding:
    return Withholding(meeting, "personal", how, 1, 1, "", text)


@pytest.mark.parametrize("data", [
    "鷲尾環".encode(),
    "鷲\u200b尾\u200b環".encode(),
    "鷲尾 環".encode(),
    "&#x9DF2;&#23614;環".encode(),
    "%E9%B7%B2%E5%B0%BE%E7%92%B0".encode(),
    b'"\\u9df2\\u5c3e\\u74b0"',
    gzip.compress(b"pagefind_dcd" + '{"content":"鷲\u200b尾\u200b環"}'.encode(), mtime=0),
])
def test_readable_undoes_encodings(data: bytes) -> None:
    assert "鷲尾環" in readable(data)


def test_secrets_skip_too_short_strings() -> None:
    secrets = secrets_of(Ledger([entry("甲"), entry("鷲尾 環")]), [])
    assert list(secrets) == ["鷲尾環"]


def test_block_pieces_published_elsewhere_are_not_secrets() -> None:
    block = "（委員）承知しました。\n鑑定評価額は二十四万円です。"
    secrets = secrets_of(Ledger([entry(block, "block")]), ["別の会議でも（委員）承知しました。と発言"])
    assert list(secrets) == ["鑑定評価額は二十四万円です"]


def test_verify_reports_every_file_without_the_text(tmp_path: Path) -> None:
    (tmp_path / "pagefind" / "fragment").mkdir(parents=True)
    (tmp_path / "pagefind" / "fragment" / "ja_1.pf_fragment").write_bytes(
        gzip.compress(b"pagefind_dcd" + "請求者は鷲\u200b尾\u200b環".encode()))
    (tmp_path / "index.html").write_text("<p>鷲尾&#x3000;環</p>", encoding="utf-8")
    (tmp_path / "clean.html").write_text("<p>Ａ氏</p>", encoding="utf-8")
    leaks = verify(tmp_path, {"鷲尾環": Secret("c/m", "personal", "inline")})
    assert [leak.path for leak in leaks] == ["site/index.html", "site/pagefind/fragment/ja_1.pf_fragment"]
    assert {leak.message for leak in leaks} == {
        "withheld personal text of c/m (inline) appears in this public file; the build was stopped"}


def test_verify_without_secrets(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("鷲尾環", encoding="utf-8")
    assert verify(tmp_path, {}) == []
