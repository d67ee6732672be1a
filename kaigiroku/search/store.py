"""The search stage's store: meetings' records and whole bundles, kept between builds.

A folder the caller owns, outside the site. Every entry is named by the
SHA-256 of everything it depends on:

- ``records/<key>``: a meeting's record (a JSON line: title, segments and
  the digest of the tokens; then the tokens), keyed by the code that makes
  records and the bytes of the staged page;
- ``aliases/<key>``: the key of a stored bundle and its records' titles and
  segments, keyed by the digests of the staged pages its records were made
  from: a rebuild whose pages did not change finds its bundles without
  reading a page or a record;
- ``shards/<key>/``: a canonicalised bundle (``bundle/``) and its record ids
  (``ids.json``), keyed by the Pagefind binary (its path, size and time), the settings, the code that
  writes bundles and each record's URL, tokens, filters and sort.

Entries are written under a temporary name and renamed, and never changed
after: their files are hard-linked into published sites. ``prune`` removes
what this build did not use.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
import uuid
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

from pagefind.service import get_executable

from kaigiroku.core.cache import link
from kaigiroku.core.files import write_atomic
from redaction import searchform

from .bundle import LANGUAGE, PagefindRecord
from .record import Record, Segment

HERE = Path(__file__).resolve().parent
# The code a record or a bundle is made by: an edit of any of it makes them again.
RECORD_CODE = (HERE / "pagetext.py", Path(searchform.__file__), HERE / "record.py")
BUNDLE_CODE = (*RECORD_CODE, *(HERE / name for name in ("index.py", "bundle.py", "indexmeta.py", "pagefind_service.py")))
TEMPORARY = ".tmp-"


@dataclass(frozen=True)
class Stored:
    """A record as the store describes it, without its tokens."""

    title: str
    segments: tuple[Segment, ...]
    digest: str  # SHA-256 of the tokens


@lru_cache(maxsize=None)
def _code(paths: tuple[Path, ...]) -> str:
    h = hashlib.sha256()
    for path in paths:
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


@lru_cache(maxsize=None)
def _pagefind() -> str:
    """The Pagefind binary: its path, size and modification time (an upgrade changes them; reading
    its 59 MB took a quarter of a second of every build)."""
    binary = get_executable()
    if not binary:
        return ""
    st = os.stat(binary)
    return f"{Path(binary).resolve()}\t{st.st_size}\t{st.st_mtime_ns}"


class Store:
    """The store in ``root``; records the entries a build uses, for ``prune``."""

    def __init__(self, root: Path) -> None:
        self.records = root / "records"
        self.shards = root / "shards"
        self.aliases = root / "aliases"
        for folder in (self.records, self.shards, self.aliases):
            folder.mkdir(parents=True, exist_ok=True)
        self._used: set[str] = set()  # names of the entries this build used
        self._lock = threading.Lock()

    def _use(self, path: Path) -> Path:
        with self._lock:
            self._used.add(path.name)
        return path

    def _record_path(self, page: bytes) -> Path:
        return self.records / hashlib.sha256(_code(RECORD_CODE).encode() + page).hexdigest()

    def record(self, page: bytes, make: Callable[[], Record]) -> Stored:
        """The stored record of a staged page, made with ``make`` and stored if there is none."""
        path = self._use(self._record_path(page))
        if path.exists():
            with path.open(encoding="utf-8") as f:
                head = json.loads(f.readline())
            segments = tuple((int(s[0]), int(s[1]), str(s[2])) for s in head["segments"])
            return Stored(head["title"], segments, head["digest"])
        record = make()
        digest = hashlib.sha256(record.content.encode()).hexdigest()
        head = json.dumps({"title": record.title, "segments": record.segments, "digest": digest}, ensure_ascii=False)
        write_atomic(path, f"{head}\n{record.content}".encode())
        return Stored(record.title, record.segments, digest)

    def content(self, page: bytes) -> str:
        """The tokens of a page whose record ``record`` returned."""
        return self._record_path(page).read_text(encoding="utf-8").split("\n", 1)[1]

    def shard_key(self, records: list[tuple[PagefindRecord, str]]) -> str:
        """The key of the bundle of ``records`` (each with the digest of its tokens in place of them)."""
        described = [[r.url, digest, r.filters, r.sort, r.meta] for r, digest in records]
        return hashlib.sha256(json.dumps([_pagefind(), LANGUAGE, _code(BUNDLE_CODE), described],
                                         ensure_ascii=False).encode()).hexdigest()

    def alias(self, pages: list[list[object]]) -> str:
        """Another key of a bundle: for each record the SHA-256 of its staged page and what else
        Pagefind is given of its meeting (a record is made from its page by the code in the key)."""
        return hashlib.sha256(json.dumps(["alias", _pagefind(), LANGUAGE, _code(BUNDLE_CODE), _code(RECORD_CODE),
                                          pages], ensure_ascii=False).encode()).hexdigest()

    def by_alias(self, alias: str) -> tuple[str, dict[str, tuple[str, tuple[Segment, ...]]]] | None:
        """The key of the bundle stored under ``alias`` and its records' titles and segments, if the
        bundle is stored; else None."""
        path = self.aliases / alias
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            key = str(data["shard"])
            entries = {str(url): (str(title), tuple((int(a), int(b), str(c)) for a, b, c in segments))
                       for url, (title, segments) in data["entries"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        if not (self.shards / key / "ids.json").is_file():
            return None
        self._use(path)
        return key, entries

    def keep_alias(self, alias: str, key: str, entries: dict[str, tuple[str, tuple[Segment, ...]]]) -> None:
        write_atomic(self._use(self.aliases / alias), json.dumps(
            {"shard": key, "entries": entries}, ensure_ascii=False, sort_keys=True).encode("utf-8"))

    def bundle(self, key: str) -> Path:
        return self.shards / key / "bundle"

    def shard(self, key: str, build: Callable[[Path], dict[str, str]]) -> tuple[dict[str, str], bool]:
        """The record ids of the stored bundle ``key``, built with ``build(folder)`` if it is not
        stored yet; and whether it was stored already."""
        path = self._use(self.shards / key)
        if path.is_dir():
            return json.loads((path / "ids.json").read_text(encoding="utf-8")), True
        temporary = self.shards / f"{TEMPORARY}{uuid.uuid4().hex}"
        try:
            ids = build(temporary / "bundle")
            (temporary / "ids.json").write_text(json.dumps(ids, sort_keys=True), encoding="utf-8")
            os.rename(temporary, path)
        finally:
            shutil.rmtree(temporary, ignore_errors=True)
        return ids, False

    def prune(self) -> None:
        """Remove every entry this build did not use (and what an interrupted build left)."""
        for folder in (self.records, self.shards, self.aliases):
            for path in folder.iterdir():
                if path.name not in self._used:
                    shutil.rmtree(path) if path.is_dir() else path.unlink()


def link_tree(source: Path, target: Path) -> None:
    """Hard-link every file of ``source`` into ``target`` (copied if a link cannot be made)."""
    for folder, _, files in os.walk(source):
        inside = Path(target, os.path.relpath(folder, source))
        inside.mkdir(parents=True, exist_ok=True)
        for name in sorted(files):
            link(Path(folder, name), inside / name)
