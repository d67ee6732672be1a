"""Reproducible Pagefind metadata: the CBOR codec and the rewrite of a bundle."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from kaigiroku.search.indexmeta import SIGNATURE, _Bytes, canonicalize, decode, encode


@pytest.mark.parametrize("item", [
    0, 23, 24, 255, 256, 65536, 2**32, -1, -25, -1000, "", "会議", _Bytes(b"\x00\xff"),
    [], [1, ["a", [-2]]], {"k": [1, 2], "会議": {"x": 1}},
])
def test_round_trip(item: object) -> None:
    data = encode(item)
    assert decode(data) == (item, len(data))
    assert type(decode(data)[0]) is type(item)


def test_unsupported_values() -> None:
    with pytest.raises(ValueError):
        encode(1.5)
    with pytest.raises(ValueError):
        decode(b"\xf9\x00\x00")  # a half-precision float


def write(path: Path, item: object) -> None:
    path.write_bytes(gzip.compress(SIGNATURE + encode(item)))


def read(path: Path) -> object:
    return decode(gzip.decompress(path.read_bytes()), len(SIGNATURE))[0]


def bundle(root: Path, order: list[str]) -> Path:
    (root / "filter").mkdir(parents=True)
    filters = []
    for i, name in enumerate(order):
        write(root / "filter" / f"ja_f{i}.pf_filter", [name, [["乙", [1]], ["甲", [0]]][:: 1 if i else -1]])
        filters.append([name, f"ja_f{i}"])
    write(root / "pagefind.ja_old.pf_meta", ["1.5.2", [["p", 3]], [], filters, [], ["title"]])
    (root / "pagefind-entry.json").write_text(json.dumps({"languages": {"ja": {"hash": "ja_old"}}}), encoding="utf-8")
    return root


def test_two_orders_give_the_same_files(tmp_path: Path) -> None:
    a = bundle(tmp_path / "a", ["年度", "会議"])
    b = bundle(tmp_path / "b", ["会議", "年度"])
    canonicalize(a)
    canonicalize(b)
    files_a = {p.relative_to(a).as_posix(): p.read_bytes() for p in sorted(a.rglob("*")) if p.is_file()}
    files_b = {p.relative_to(b).as_posix(): p.read_bytes() for p in sorted(b.rglob("*")) if p.is_file()}
    assert files_a == files_b
    entry = json.loads((a / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta = read(a / f"pagefind.{entry['languages']['ja']['hash']}.pf_meta")
    assert [name for name, _ in meta[3]] == ["会議", "年度"]
    for name, filter_hash in meta[3]:
        assert read(a / "filter" / f"{filter_hash}.pf_filter") == [name, [["乙", [1]], ["甲", [0]]]]
    assert not (a / "pagefind.ja_old.pf_meta").exists() and len(list((a / "filter").iterdir())) == 2


def test_not_pagefind_metadata(tmp_path: Path) -> None:
    (tmp_path / "pagefind.ja_old.pf_meta").write_bytes(gzip.compress(b"something else"))
    (tmp_path / "pagefind-entry.json").write_text('{"languages": {"ja": {"hash": "ja_old"}}}', encoding="utf-8")
    with pytest.raises(ValueError, match="not a Pagefind index file"):
        canonicalize(tmp_path)
