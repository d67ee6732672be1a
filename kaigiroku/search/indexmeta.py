"""Make Pagefind's index metadata byte-for-byte reproducible.

Pagefind (1.x) writes the filters of its ``pagefind.<hash>.pf_meta`` file,
and the values inside each ``filter/*.pf_filter`` file, in the order of a
Rust ``HashMap``, which changes from run to run, so two builds of the same
content differ in those files (and in the hashes that name them). This
module rewrites them sorted by name, names each after a hash of its content
and points the metadata and ``pagefind-entry.json`` at the new names. The
files are gzip-compressed CBOR behind the ``pagefind_dcd`` signature; only
the CBOR types Pagefind uses are handled (integers, byte and text strings,
arrays, maps).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"
FRAGMENTS, INDEXES, FILTERS = 1, 2, 3  # positions of the file lists in the metadata array


class _Bytes(bytes):
    """A CBOR byte string, kept apart from text on the way back."""


def _head(data: bytes, pos: int) -> tuple[int, int, int]:
    major, info = data[pos] >> 5, data[pos] & 0x1F
    pos += 1
    if info < 24:
        return major, info, pos
    size = 1 << (info - 24)
    if info > 27:
        raise ValueError(f"unsupported CBOR item at byte {pos - 1}")
    return major, int.from_bytes(data[pos:pos + size], "big"), pos + size


def decode(data: bytes, pos: int = 0) -> tuple[Any, int]:
    major, value, pos = _head(data, pos)
    if major in (0, 1):
        return (value if major == 0 else -1 - value), pos
    if major in (2, 3):
        raw = data[pos:pos + value]
        return (_Bytes(raw) if major == 2 else raw.decode("utf-8")), pos + value
    if major == 4:
        items = []
        for _ in range(value):
            item, pos = decode(data, pos)
            items.append(item)
        return items, pos
    if major == 5:
        pairs = {}
        for _ in range(value):
            key, pos = decode(data, pos)
            pairs[key], pos = decode(data, pos)
        return pairs, pos
    raise ValueError(f"unsupported CBOR major type {major}")


def _encode_head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | info]) + value.to_bytes(size, "big")
    raise ValueError("integer too large for CBOR")


def encode(item: Any) -> bytes:
    if isinstance(item, bool) or item is None:
        raise ValueError("unsupported CBOR value")
    if isinstance(item, int):
        return _encode_head(0, item) if item >= 0 else _encode_head(1, -1 - item)
    if isinstance(item, _Bytes):
        return _encode_head(2, len(item)) + item
    if isinstance(item, str):
        raw = item.encode("utf-8")
        return _encode_head(3, len(raw)) + raw
    if isinstance(item, list):
        return _encode_head(4, len(item)) + b"".join(encode(i) for i in item)
    if isinstance(item, dict):
        return _encode_head(5, len(item)) + b"".join(encode(k) + encode(v) for k, v in item.items())
    raise ValueError(f"unsupported CBOR value {type(item).__name__}")


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path.name} is not a Pagefind index file")
    item, end = decode(data, len(SIGNATURE))
    if end != len(data):
        raise ValueError(f"{path.name} has trailing data")
    return item


def _write(folder: Path, prefix: str, digits: int, suffix: str, item: Any) -> str:
    """Write ``item`` as ``<prefix>_<hash><suffix>``; return the new hash name."""
    body = SIGNATURE + encode(item)
    name = f"{prefix}_{hashlib.sha256(body).hexdigest()[:digits]}"
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(body, mtime=0))
    return name


def canonicalize(bundle: Path) -> None:
    """Rewrite the metadata and filters of the Pagefind bundle in ``bundle`` in a stable form."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        prefix = language["hash"].split("_", 1)[0]
        old = bundle / f"pagefind.{language['hash']}.pf_meta"
        meta = _read(old)
        filters = []
        for name, filter_hash in meta[FILTERS]:
            path = bundle / "filter" / f"{filter_hash}.pf_filter"
            filter_name, values = _read(path)
            path.unlink()
            values = sorted(values, key=lambda v: v[0])
            filters.append([name, _write(path.parent, prefix, 7, ".pf_filter", [filter_name, values])])
        meta[FILTERS] = sorted(filters, key=lambda f: f[0])
        old.unlink()
        language["hash"] = _write(bundle, f"pagefind.{prefix}", 10, ".pf_meta", meta).removeprefix("pagefind.")
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def check_whole(bundle: Path) -> None:
    """Raise ``ValueError`` (or ``EOFError``) unless every file the metadata names is whole.

    Pagefind does not report a failed write: a full disk leaves empty or cut
    files behind, so the bundle is read back before it may be published."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        meta = _read(bundle / f"pagefind.{language['hash']}.pf_meta")
        named = [bundle / "fragment" / f"{f[0]}.pf_fragment" for f in meta[FRAGMENTS]]
        named += [bundle / "index" / f"{i[-1]}.pf_index" for i in meta[INDEXES]]
        named += [bundle / "filter" / f"{f[1]}.pf_filter" for f in meta[FILTERS]]
        for path in named:
            gzip.decompress(path.read_bytes())
    empty = sorted(p.name for p in bundle.rglob("*") if p.is_file() and p.stat().st_size == 0)
    if empty:
        raise ValueError(f"empty files in the search bundle: {', '.join(empty[:3])}")
