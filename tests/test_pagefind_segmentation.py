"""Pagefind's extended binary segments Japanese into words; the plain binary does not.

The same Japanese page is indexed with each binary (chosen through
PAGEFIND_BINARY_PATH, which the Python API reads) and the word lists of
the two indexes are compared. Pagefind matches a query word against the
start of indexed words, so a word list without 海外 cannot find 海外療養費.
"""

from __future__ import annotations

import asyncio
import gzip
from pathlib import Path

import pagefind_bin
import pagefind_bin_extended
import pytest
from pagefind.index import PagefindIndex
from pagefind.service import get_executable

from kaigiroku.search.indexmeta import SIGNATURE, decode

PAGE = ('<!DOCTYPE html><html lang="ja"><head><title>会議録</title></head><body><main data-pagefind-body>'
        "<h1>令和5年度第2回審議会</h1><p>国民健康保険海外療養費支給申請書等点検等業務委託について審議した。</p>"
        "</main></body></html>")


async def _index(site: Path, out: Path) -> None:
    async with PagefindIndex(config={"force_language": "ja", "output_path": str(out)}) as index:
        await index.add_directory(str(site))


def indexed_words(binary: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> set[str]:
    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    (site / "index.html").write_text(PAGE, encoding="utf-8")
    out = tmp_path / binary.name
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(binary))
    asyncio.run(_index(site, out))
    words: set[str] = set()
    for chunk in sorted((out / "index").glob("*.pf_index")):
        data = gzip.decompress(chunk.read_bytes())
        assert data.startswith(SIGNATURE)
        (entries, *_), _end = decode(data, len(SIGNATURE))
        words |= {entry[0] for entry in entries}
    return words


def finds(words: set[str], query_word: str) -> bool:
    return any(word.startswith(query_word) for word in words)


def test_extended_binary_segments_japanese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extended = indexed_words(pagefind_bin_extended.get_executable(), tmp_path, monkeypatch)
    plain = indexed_words(pagefind_bin.get_executable(), tmp_path, monkeypatch)
    assert {"海外", "療養", "業務", "委託"} <= extended
    assert finds(extended, "海外") and finds(extended, "療養")
    assert not finds(plain, "海外") and not finds(plain, "療養")
    assert any(word.startswith("国民健康保険海外療養費") for word in plain)  # one unsegmented run


def test_the_build_uses_the_extended_binary(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    assert get_executable() == pagefind_bin_extended.get_executable()
