"""The search stage's store: chunks of the pair index and whole Pagefind bundles, kept between builds.

A folder the caller owns, outside the site. Every entry is named by the
SHA-256 of everything it depends on:

- ``chunks/<key>/``: a chunk's files (``grams``) and what the global files
  need of it, keyed by the code that makes them and, for each of its
  meetings, its URL, the digest of its staged page, its date and council:
  a rebuild finds an unchanged chunk without reading its pages;
- ``keys/<key>/``: the ``g/k<n>`` files, keyed by the code and the keys of
  every chunk (``grams.keys_digest``): an edit that brings no new pair or
  triple into its chunk leaves them as they were, one that does updates the
  previous build's (``index._updated``);
- ``pages/<key>``: what a chunk needs of one staged page (``grams.page_parts``:
  its title, speakers, segments and texts), compressed, keyed by the code
  and the page's digest: an edit writes its chunk again from its one new
  page and the stored parts of the others (``chunking``);
- ``shards/<key>/``: a canonicalised bundle (``bundle/``) and its record ids
  (``ids.json``), keyed by the Pagefind binary (its path, size and time), the settings, the code that
  writes bundles and each record's URL, filters and sort.

Entries are written under a temporary name and renamed, and never changed
after: their files are hard-linked into published sites. ``prune`` removes
what this build did not use.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import shutil
import threading
import uuid
from functools import lru_cache
from pathlib import Path
from typing import Callable

from pagefind.service import get_executable

from kaigiroku.core.cache import link
from kaigiroku.core.files import remove_in_background
from redaction import searchform

from .bundle import LANGUAGE, PagefindRecord

HERE = Path(__file__).resolve().parent
# The code a chunk or a bundle is made by: an edit of any of it makes them again.
CHUNK_CODE = (HERE / "pagetext.py", Path(searchform.__file__), HERE / "record.py", HERE / "grams.py")
BUNDLE_CODE = (HERE / "record.py", *(HERE / name for name in ("index.py", "bundle.py", "indexmeta.py",
                                                               "pagefind_service.py")))
TEMPORARY = ".tmp-"


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
        self.root = root
        self.chunks = root / "chunks"
        self.keys = root / "keys"
        self.shards = root / "shards"
        self.pages = root / "pages"
        for folder in (self.chunks, self.keys, self.shards, self.pages):
            folder.mkdir(parents=True, exist_ok=True)
        self._used: set[str] = set()  # names of the entries this build used
        self._lock = threading.Lock()

    def _use(self, path: Path) -> Path:
        with self._lock:
            self._used.add(path.name)
        return path

    def chunk(self, meetings: list[list[object]], cut: list[int]) -> Path:
        """Where the chunk of ``meetings`` (each described by its URL, its page's digest and what else
        its files are made from), cut into files as ``cut`` says, is stored, or is to be."""
        key = hashlib.sha256(json.dumps([_code(CHUNK_CODE), cut, meetings], ensure_ascii=False).encode()).hexdigest()
        return self._use(self.chunks / key)

    def page(self, digest: str) -> Path:
        """Where what a chunk needs of the staged page of SHA-256 ``digest`` is stored, or is to be
        (in ``marshal``'s format, whose version is part of the key)."""
        key = f"{_code(CHUNK_CODE)}\n{marshal.version}\n{digest}"
        return self._use(self.pages / hashlib.sha256(key.encode()).hexdigest())

    def key_files(self, keys: str, write: Callable[[Path], object]) -> Path:
        """The folder of the ``g/k<n>`` files of the chunks' keys ``keys`` (``grams.keys_digest``),
        written with ``write(folder)`` if they are not stored yet."""
        path = self._use(self.keys / hashlib.sha256(f"{_code(CHUNK_CODE)}\n{keys}".encode()).hexdigest())
        if not path.is_dir():
            self._made(path, write)
        return path

    def _made(self, entry: Path, write: Callable[[Path], object]) -> None:
        """Write ``entry`` with ``write(folder)`` under a temporary name, then rename it."""
        temporary = self.temporary(entry)
        try:
            write(temporary)
            os.rename(temporary, entry)
        finally:
            shutil.rmtree(temporary, ignore_errors=True)

    def temporary(self, entry: Path) -> Path:
        """A folder in which to write ``entry`` before it is renamed to its name."""
        return self._use(entry.parent / f"{TEMPORARY}{uuid.uuid4().hex}")

    def shard_key(self, records: list[PagefindRecord]) -> str:
        """The key of the bundle of ``records``."""
        described = [[r.url, r.content, r.filters, r.sort, r.meta] for r in records]
        return hashlib.sha256(json.dumps([_pagefind(), LANGUAGE, _code(BUNDLE_CODE), described],
                                         ensure_ascii=False).encode()).hexdigest()

    def bundle(self, key: str) -> Path:
        return self.shards / key / "bundle"

    def shard(self, key: str, build: Callable[[Path], dict[str, str]]) -> tuple[dict[str, str], bool]:
        """The record ids of the stored bundle ``key``, built with ``build(folder)`` if it is not
        stored yet; and whether it was stored already."""
        path = self._use(self.shards / key)
        if path.is_dir():
            return json.loads((path / "ids.json").read_text(encoding="utf-8")), True
        ids: dict[str, str] = {}

        def write(folder: Path) -> None:
            ids.update(build(folder / "bundle"))
            (folder / "ids.json").write_text(json.dumps(ids, sort_keys=True), encoding="utf-8")
        self._made(path, write)
        return ids, False

    def prune(self) -> None:
        """Remove every entry this build did not use (and what an interrupted build left): moved at
        once into a folder of the store's own (an entry of the same name may be made again at once),
        which a process of its own removes (``remove_in_background``) while the build ends."""
        for leftover in self.root.glob(f"{TEMPORARY}*"):  # what an earlier prune's removal left
            remove_in_background(leftover)
        gone = self.root / f"{TEMPORARY}{uuid.uuid4().hex}"
        for folder in (self.chunks, self.keys, self.shards, self.pages):
            for path in folder.iterdir():
                if path.name not in self._used or path.name.startswith(TEMPORARY):
                    gone.mkdir(exist_ok=True)
                    os.rename(path, gone / f"{folder.name}-{path.name}")
        if gone.is_dir():
            remove_in_background(gone)


def link_tree(source: Path, target: Path, skip: str = "") -> None:
    """Hard-link every file of ``source`` (but one named ``skip``) into ``target`` (copied if a link
    cannot be made)."""
    for folder, _, files in os.walk(source):
        inside = os.path.join(target, os.path.relpath(folder, source))
        os.makedirs(inside, exist_ok=True)
        for name in sorted(set(files) - {skip}):  # paths as strings: a Path per file cost more than the link
            link(os.path.join(folder, name), os.path.join(inside, name))
