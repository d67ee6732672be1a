"""The search index: our own index of character pairs (``grams``) and the Pagefind bundles of the filters.

For each staged meeting page the visible text (``pagetext``) is turned into
a stream of tokens, one per character (``record``), and indexed by
``grams`` in chunks of meetings: the positions of each pair of tokens, the
speeches holding each character, the meetings' titles, dates and speeches,
and the text of each speech for excerpts. ``search/pages.json`` lists the
chunks and the Pagefind bundles. Pagefind gets one record per meeting with
its filters (council, fiscal year, speakers' roles and public names) and no text: the search
page asks it which meetings a filter keeps. A small archive has one bundle
at ``pagefind/``; a larger one a bundle per fiscal year (``shards``), the
newest at ``pagefind/`` and the others at ``pagefind/<name>/``, written by
up to ``jobs`` Pagefind processes at once. Everything indexed comes from the
redacted pages. With a ``store`` (``store``), chunks and bundles whose inputs
did not change are taken from it instead of being made again.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping

from kaigiroku.content.model import Archive
from kaigiroku.core.errors import BuildFailure

from . import grams
from .bundle import in_threads, write_bundle
from .chunking import WORK, WRITTEN, ChunkWriter
from .record import pagefind_record
from .shards import SHARD_FROM, Shard, plan
from .store import Store, link_tree

MAP_PATH = "search/pages.json"
IDS_PATH = f"{grams.FOLDER}/ids"  # Pagefind's record id → page
INDEX = "pagefind"  # the folder of the Pagefind bundles
BUNDLE = f"{INDEX}/"
VERSION = 2


@dataclass(frozen=True)
class Indexed:
    """What ``index_site`` did."""

    meetings: int
    bundles: tuple[str, ...]  # paths in the site, the primary first
    built: int  # bundles written by Pagefind
    reused: int  # bundles taken from the store
    chunks: int = 0  # chunks of the pair index written
    chunks_reused: int = 0


@dataclass(frozen=True)
class _Done:
    ids: dict[str, str]  # page URL → record id
    files: Path  # where the bundle's files are
    reused: bool


def index_site(root: Path, archive: Archive, store: Path | None = None, jobs: int = 1,
               shard_from: int = SHARD_FROM, pages: Mapping[str, str] | None = None,
               chunk: int = 0, chunks_written: Callable[[list[str]], None] | None = None,
               writer: ChunkWriter | None = None) -> Indexed:
    """Index every meeting page under ``root``: ``root/search/g/`` (``grams``), the Pagefind bundles
    under ``root/pagefind`` and ``root/search/pages.json``. ``store``: a folder kept between builds
    (``store``); ``pages``: meeting URL → SHA-256 of its staged page, where known (a chunk whose pages
    are all known and unchanged is taken from the store without reading them); ``chunk``: meetings
    per chunk of the pair index (0: as ``grams.scale`` says); ``chunks_written``: called once the chunks are
    in the site, before the bundles are written (below ``pagefind`` and ``WORK``), with the folders
    of those written anew (not linked from the store); ``writer``: the chunks' writer the build
    started (``chunking``), whose store and size are used instead of ``store``, ``pages`` and ``chunk``."""
    if writer is None:
        with ChunkWriter(store, jobs, chunk) as writer:
            writer.fork()
            writer.start(root, archive, pages or {})
            written, made = writer.finish()
    else:
        written, made = writer.finish()
    cache, chunks = writer.store, writer.chunks
    if chunks_written:
        chunks_written(writer.written)
    docs = {d["url"]: d for d in grams.all_docs(written)}
    shards = plan(archive.meetings, shard_from)
    work = root / WORK
    paths = (BUNDLE, *(f"{BUNDLE}{s.name}/" for s in shards[1:]))
    try:
        done = in_threads(shards, lambda shard: _index_shard(work, shard, cache, docs), jobs,
                          size=lambda shard: len(shard.meetings))
        done = _distinct(shards, done, lambda shard, salt: _index_shard(work, shard, cache, docs, salt))
        for path, d in zip(paths, done):  # the primary first: the others go inside it
            if cache is None:
                os.rename(d.files, root / path)
            else:
                link_tree(d.files, root / path)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    ids = {url: i for d in done for url, i in d.ids.items()}
    if len(set(ids.values())) != len(ids) or len(ids) != len(archive.meetings):
        raise BuildFailure("the search bundles do not hold one record of their own per meeting")
    keys = _write_keys(root / grams.FOLDER, written, cache, writer.stored)
    grams.write_json(root / IDS_PATH, {i: url for url, i in sorted(ids.items())})
    roles = sorted({role for d in docs.values() for _, speech, role in d["segments"] if speech})
    speakers = sorted({name for d in docs.values() for name in grams.speakers_of(d)})
    (root / MAP_PATH).parent.mkdir(parents=True, exist_ok=True)
    (root / MAP_PATH).write_text(json.dumps(
        {"version": VERSION, "bundles": list(paths), "roles": roles, "speakers": speakers, "keys": keys, "part": grams.PART,
         "chunks": grams.chunk_list(chunks, written)}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    if cache is not None:
        cache.prune()
    reused = sum(d.reused for d in done)
    return Indexed(len(archive.meetings), paths, len(done) - reused, reused, len(chunks), len(chunks) - made)


def _write_keys(folder: Path, written: list[grams.Written], cache: Store | None, stored: list[Path]) -> int:
    """``folder/k<n>`` (``grams.write_keys``): from the store while no chunk's keys changed, else
    the previous build's updated where it can be (``_updated``); how many files."""
    if cache is None:
        return max(1, -(-grams.write_keys(folder, written) // grams.KEY_BYTES))

    def write(to: Path) -> None:
        size = _updated(cache, to, written, stored)
        size = grams.write_keys(to, written) if size is None else size
        (to / KEYS_META).write_text(json.dumps({"size": size, "chunks": [p.name for p in stored]}), encoding="utf-8")

    entry = cache.key_files(grams.keys_digest(written), write)
    link_tree(entry, folder, skip=KEYS_META)
    return sum(1 for name in os.listdir(entry) if name != KEYS_META)


KEYS_META = "meta"  # beside the key files in the store: their size and the chunks they were made of


def _updated(cache: Store, to: Path, written: list[grams.Written], stored: list[Path]) -> int | None:
    """The stored key files made of the same number of chunks with the fewest changed since (the
    previous build's), updated with those chunks if no more than a quarter changed and their entries
    are still stored; the size ``grams.update_keys`` gives, or None."""
    candidates = []
    for previous in cache.keys.iterdir():
        try:
            meta = json.loads((previous / KEYS_META).read_text(encoding="utf-8"))
            chunks, size = list(meta["chunks"]), int(meta["size"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if len(chunks) == len(stored):
            changed = [(i, old) for i, old in enumerate(chunks) if old != stored[i].name]
            candidates.append((len(changed), previous.name, previous, size, changed))
    if not candidates or 4 * min(candidates)[0] > len(stored):
        return None
    _, _, previous, size, changed = min(candidates)
    try:
        return grams.update_keys(previous, to, size, {i: (grams.Written.saved(cache.chunks / old / WRITTEN), written[i])
                                                      for i, old in changed})
    except (OSError, ValueError, TypeError, EOFError, pickle.UnpicklingError):
        shutil.rmtree(to, ignore_errors=True)  # entries gone or damaged, or files unlike their chunks: write all
        return None


def _distinct(shards: list[Shard], done: list[_Done], again: Callable[[Shard, int], _Done]) -> list[_Done]:
    """Pagefind's record ids are short hashes, unique within a bundle only: across the bundles of a
    10,000-meeting archive two coincide about once in six archives. A bundle holding an id that an
    earlier bundle took is written again with a salt in its records' meta, which changes their
    hashes; the same content always gets the same salts."""
    taken: set[str] = set()
    kept = []
    for shard, d in zip(shards, done):
        salt = 0
        while taken & set(d.ids.values()):
            salt += 1
            d = again(shard, salt)
        taken |= set(d.ids.values())
        kept.append(d)
    return kept


def _index_shard(work: Path, shard: Shard, cache: Store | None, docs: Mapping[str, grams.Doc],
                 salt: int = 0) -> _Done:
    records = [pagefind_record(m, tuple((a, b, c) for a, b, c in docs[m.url]["segments"]), salt,
                               grams.speakers_of(docs[m.url])) for m in shard.meetings]
    if cache is None:
        ids = write_bundle(work / shard.name, lambda: iter(records), len(records))
        return _Done(ids, work / shard.name, False)
    key = cache.shard_key(records)
    ids, reused = cache.shard(key, lambda bundle: write_bundle(bundle, lambda: iter(records), len(records)))
    return _Done(ids, cache.bundle(key), reused)
