"""The pair index's chunks (``grams``), written on forked workers beside the rest of the build.

``ChunkWriter.fork`` forks the workers before the archive is loaded, so that
they hold none of it (memory a process holds when it forks stays held by its
children, whatever it frees afterwards). ``start`` is called once the
meeting pages are staged: the chunks whose pages changed are sent to the
workers, each meeting without its minutes, and written outside the site (in
the store's temporary folders, or in ``WORK`` without a store). An edit's
chunks (no more than there are workers) are written at once, while this
process renders the pages that list the meetings and starts the leak check;
more (a cold build) wait for ``finish``, once the build has let the minutes
go: at 10,000 meetings two workers writing beside the 1.4 GB of this process
made the build's peak (1,864 MB against 1,743).
A chunk is written from what it needs of each page (``grams.page_parts``),
kept in the store by the page's digest: an edit's chunk reads its one
changed page, not its fifty. The unchanged chunks are linked from the
store into ``search/g/`` on the workers too (every worker takes a share,
after the chunks to write). ``finish`` waits for them and moves the
written chunks into ``search/g/``.
"""

from __future__ import annotations

import hashlib
import marshal
import multiprocessing
import os
import zlib
from pathlib import Path
from typing import Any, Mapping

from kaigiroku.content.model import Archive, Meeting
from kaigiroku.core.files import write_atomic
from redaction import fastnorm

from . import grams
from .store import Store, link_tree

WORK = ".search-work"  # what is written outside the site: chunks and bundles without a store
WRITTEN = "written"  # beside a chunk's files in the store: what the global files need of it


def _write(job: tuple[str, str, grams.Chunk, list[str]]) -> None:
    """A chunk written; with a store, from the stored parts of its pages (``kept_parts``) where there are
    any (``entries``: each meeting's entry in the store, none without a store)."""
    root, to, chunk, entries = job
    stored = dict(zip((m.url for m in chunk.meetings), entries))
    parts = (lambda root, m: kept_parts(stored[m.url], root, m)) if stored else grams.page_parts
    grams.write_chunk(Path(root), Path(to), chunk, parts).save(Path(to) / WRITTEN)


def kept_parts(entry: str, root: Path, m: Meeting) -> grams.PageParts:
    """``grams.page_parts`` of the page of ``m``: read from the store's ``entry`` (named by the page's
    digest), or worked out and kept there."""
    try:
        with open(entry, "rb") as f:
            return marshal.loads(zlib.decompress(f.read()))  # zlib's checksum first: damaged data goes no further
    except (OSError, zlib.error, EOFError, ValueError, TypeError):
        pass  # not stored yet, or damaged: read the page
    parts = grams.page_parts(root, m)
    try:  # marshal: plain strings, numbers, tuples, lists and dicts, six times as fast to write as pickle
        write_atomic(Path(entry), zlib.compress(marshal.dumps(parts), 1))
    except OSError:
        pass  # a store that cannot be written only means the page is read again
    return parts


def _link(stored: list[tuple[str, str]]) -> None:
    """Stored chunks linked into the site: (store folder, site folder) each."""
    for source, target in stored:
        link_tree(Path(source), Path(target), skip=WRITTEN)


class ChunkWriter:
    """The chunks of a staging folder's pages, taken from the store in the folder ``store`` or written
    on ``jobs`` workers."""

    def __init__(self, store: Path | None, jobs: int = 1, size: int = 0) -> None:
        """``size``: meetings per chunk (0: as ``grams.scale`` says)."""
        self.jobs, self.size = jobs, size
        self.store = Store(store) if store is not None else None
        self._tables = store / "normalize.pickle" if store is not None else None
        self.root = Path()
        self._pool: Any = None
        self.chunks: list[grams.Chunk] = []  # as ``start`` cut them, each meeting without its minutes
        self._targets: list[Path] = []  # where each chunk is (in the store) or goes (in the site)
        self._todo: list[tuple[int, str]] = []  # chunks to write: index, the folder written first
        self._made: Any = None  # the workers' results: the chunks written, the stored ones linked
        self._linked: Any = None
        self._jobs: list[tuple[str, str, grams.Chunk, list[str]]] = []  # the chunks to write, as sent to the workers
        self._started = False

    def __enter__(self) -> ChunkWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def fork(self) -> None:
        """Fork the workers now, while this process is small (with the tables of ``fastnorm``, kept
        in the store between builds, which every page's text goes through)."""
        if self.jobs > 1 and self._pool is None:
            fastnorm.tables(self._tables)
            self._pool = multiprocessing.get_context("fork").Pool(self.jobs)

    def start(self, root: Path, archive: Archive, pages: Mapping[str, str]) -> None:
        """Begin the chunks of the pages of ``archive``'s meetings staged below ``root``; ``pages``:
        meeting URL → SHA-256 of its staged page, where known (the others are read)."""
        self.root = root
        chunks = self.chunks = grams.chunks(archive.without_minutes().meetings, self.size)
        entries: list[list[str]] = [[] for _ in chunks]  # each page's entry in the store
        if self.store is None:
            self._targets = [self.root / grams.FOLDER / c.name for c in chunks]
            self._todo = [(c.index, str(self.root / WORK / c.name)) for c in chunks]
        else:
            store = self.store
            digests = [[pages.get(m.url) or _digest(self.root / m.url / "index.html") for m in c.meetings] for c in chunks]
            entries = [[str(store.page(d)) for d in of_chunk] for of_chunk in digests]
            self._targets = [store.chunk([[m.url, d, grams.doc(m, "", ())] for m, d in zip(c.meetings, of_chunk)],
                                         [c.scale.bucket_bytes, c.scale.text_chars]) for c, of_chunk in zip(chunks, digests)]
            self._todo = [(i, str(store.temporary(t))) for i, t in enumerate(self._targets) if not t.is_dir()]
        jobs = [(str(self.root), to, chunks[i], entries[i]) for i, to in self._todo]
        if self._pool is not None:
            self._jobs = jobs
            if len(jobs) <= self.jobs:  # an edit's chunks, written beside the list pages (see ``finish``)
                self._made = self._pool.map_async(_write, jobs, chunksize=1)
            todo = {i for i, _ in self._todo}
            links = [(str(self._targets[i]), str(self.root / grams.FOLDER / chunks[i].name))
                     for i in range(len(chunks)) if i not in todo]  # queued after the chunks to write
            self._linked = self._pool.map_async(_link, [links[k::self.jobs] for k in range(self.jobs)], chunksize=1)
        else:
            for job in jobs:
                _write(job)
        self._started = True

    def finish(self) -> tuple[list[grams.Written], int]:
        """Every chunk in ``root/search/g/``: what each holds, and how many were written."""
        assert self._started, "start() first"
        todo = {i for i, _ in self._todo}
        kept = [i for i in range(len(self.chunks)) if i not in todo]
        if self._pool is None:
            written = self._link(kept)
        else:
            if self._made is None:  # more chunks than workers: written once the build has let the minutes go,
                self._made = self._pool.map_async(_write, self._jobs, chunksize=1)  # not beside 1.4 GB of them
            written = {i: grams.Written.saved(self._targets[i] / WRITTEN) for i in kept}
            self._linked.get()
            self._made.get()
        for i, work in self._todo:
            os.makedirs(self._targets[i].parent, exist_ok=True)
            os.rename(work, self._targets[i])
            if self.store is None:
                written[i] = grams.Written.saved(self._targets[i] / WRITTEN)
                (self._targets[i] / WRITTEN).unlink()
            else:
                written |= self._link([i])
        return [written[i] for i in range(len(self.chunks))], len(self._todo)

    @property
    def stored(self) -> list[Path]:
        """Each chunk's entry in the store (with a store)."""
        return list(self._targets) if self.store is not None else []

    @property
    def written(self) -> list[str]:
        """The folders (relative to the site) of the chunks written anew, not taken from the store."""
        return [f"{grams.FOLDER}/{self.chunks[i].name}" for i, _ in self._todo]

    def _link(self, which: list[int]) -> dict[int, grams.Written]:
        """The stored chunks ``which`` linked into the site, and what each holds."""
        folder = self.root / grams.FOLDER
        for i in which:
            link_tree(self._targets[i], folder / self.chunks[i].name, skip=WRITTEN)
        return {i: grams.Written.saved(self._targets[i] / WRITTEN) for i in which}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
