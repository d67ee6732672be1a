"""The search index: one Pagefind record per meeting, in the token form of ``searchtext``.

For each staged meeting page the visible text (``pagetext``) is turned into
a stream of tokens, one per character (``searchrecord``) and sent to Pagefind as a custom
record, with the council, the fiscal year and the speakers' roles as
filters. A small archive has one bundle at ``pagefind/``; a larger one a
bundle per fiscal year (``shards``), the newest at ``pagefind/`` and the
others at ``pagefind/<name>/``, written by up to ``jobs`` Pagefind processes
at once (``searchbundle``). ``search/pages.json`` lists the bundles and
tells the browser, for each record, the page it stands for and where in the
token stream each speech begins, so that a hit can be placed in its speech
(``#s12``) without loading the record itself. Everything indexed comes from
the redacted pages. With a ``store`` (``searchstore``), records and bundles
whose inputs did not change are taken from it instead of being made again.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

from kaigiroku.content.model import Archive, Meeting
from kaigiroku.content.wareki import japanese_date
from kaigiroku.core.errors import BuildFailure

from .bundle import PagefindRecord, in_threads, write_bundle
from .pagetext import read_page
from .record import Segment, pagefind_record, record_of
from .shards import SHARD_FROM, Shard, plan
from .store import Store, link_tree

MAP_PATH = "search/pages.json"
INDEX = "pagefind"  # the folder of the search index
BUNDLE = f"{INDEX}/"
WORK = ".search-work"  # bundles being written when there is no store; removed before the stage ends

Entry = tuple[str, tuple[Segment, ...]]  # what pages.json needs of a record: title, segments
Named = Mapping[str, tuple[tuple[int, str], ...]]  # meeting URL → (speech, public name of its speaker)


@dataclass(frozen=True)
class Indexed:
    """What ``index_site`` did."""

    meetings: int
    bundles: tuple[str, ...]  # paths in the site, the primary first
    built: int  # bundles written by Pagefind
    reused: int  # bundles taken from the store


@dataclass(frozen=True)
class _Done:
    ids: dict[str, str]  # page URL → record id
    entries: dict[str, Entry]  # page URL → title, segments
    files: Path  # where the bundle's files are
    reused: bool


def index_site(root: Path, archive: Archive, store: Path | None = None, jobs: int = 1,
               shard_from: int = SHARD_FROM, pages: Mapping[str, str] | None = None,
               named: Named | None = None) -> Indexed:
    """Index every meeting page under ``root``; write its bundles under ``root/pagefind`` and
    ``root/search/pages.json``. ``store``: a folder kept between builds (see ``searchstore``);
    ``pages``: meeting URL → SHA-256 of its staged page, where known (a bundle whose pages are all
    known and unchanged is found in the store without reading them); ``named``: the speeches of
    speakers with a public name, for the speaker filter."""
    named = named or {}
    shards = plan(archive.meetings, shard_from)
    cache = Store(store) if store is not None else None
    work = root / WORK
    paths = (BUNDLE, *(f"{BUNDLE}{s.name}/" for s in shards[1:]))
    try:
        known = pages or {}
        done = in_threads(shards, lambda shard: _index_shard(root, work, shard, cache, known, named), jobs,
                          size=lambda shard: len(shard.meetings))
        done = _distinct(shards, done, lambda shard, salt: _index_shard(root, work, shard, cache, known, named, salt))
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
    entries = {url: e for d in done for url, e in d.entries.items()}
    (root / MAP_PATH).parent.mkdir(parents=True, exist_ok=True)
    (root / MAP_PATH).write_text(json.dumps(page_map(archive.meetings, entries, ids, paths, named), ensure_ascii=False,
                                            separators=(",", ":")), encoding="utf-8")
    if cache is not None:
        cache.prune()
    reused = sum(d.reused for d in done)
    return Indexed(len(archive.meetings), paths, len(done) - reused, reused)


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


def _names(named: Named, meeting: Meeting) -> tuple[str, ...]:
    return tuple(sorted({name for _, name in named.get(meeting.url, ())}))


def _index_shard(root: Path, work: Path, shard: Shard, cache: Store | None,
                 pages: Mapping[str, str], named: Named, salt: int = 0) -> _Done:
    entries: dict[str, Entry] = {}
    if cache is None:
        def made() -> Iterator[PagefindRecord]:  # each record sent as soon as it is made
            for m in shard.meetings:
                record = record_of(read_page((root / m.url / "index.html").read_text(encoding="utf-8")))
                entries[m.url] = (record.title, record.segments)
                yield pagefind_record(m, record.segments, record.content, salt, _names(named, m))
        ids = write_bundle(work / shard.name, made, len(shard.meetings))
        return _Done(ids, entries, work / shard.name, False)

    store = cache
    alias = ""
    if all(m.url in pages for m in shard.meetings):
        # what Pagefind is given of each meeting but its page's tokens, from the very function that gives it
        alias = store.alias([[pages[m.url], pagefind_record(m, (), "", salt, _names(named, m))]
                             for m in shard.meetings])
        if found := store.by_alias(alias):
            key, entries = found
            ids, _ = store.shard(key, _unstored)
            return _Done(ids, entries, store.bundle(key), True)
    described = []
    for m in shard.meetings:
        page = (root / m.url / "index.html").read_bytes()
        stored = store.record(page, lambda: record_of(read_page(page.decode("utf-8"))))
        entries[m.url] = (stored.title, stored.segments)
        described.append((pagefind_record(m, stored.segments, "", salt, _names(named, m)), stored.digest))
    key = store.shard_key(described)

    def stored_records() -> Iterator[PagefindRecord]:  # read back from the store one at a time
        for m, (r, _) in zip(shard.meetings, described):
            yield r._replace(content=store.content((root / m.url / "index.html").read_bytes()))
    ids, reused = store.shard(key, lambda bundle: write_bundle(bundle, stored_records, len(shard.meetings)))
    if alias:
        store.keep_alias(alias, key, entries)
    return _Done(ids, entries, store.bundle(key), reused)


def _unstored(bundle: Path) -> dict[str, str]:
    raise BuildFailure("a search bundle found by its pages' digests is no longer stored")


def page_map(meetings: tuple[Meeting, ...], entries: dict[str, Entry], ids: dict[str, str],
             bundles: tuple[str, ...], named: Named | None = None) -> dict[str, Any]:
    """``search/pages.json``; per page ``speakers`` lists, for each speech of a speaker with a public
    name, its number and the index of the name in the top-level ``speakers``."""
    named = named or {}
    roles = sorted({role for _, segments in entries.values() for _, speech, role in segments if speech})
    role_index = {role: i for i, role in enumerate(roles)}
    speakers = sorted({name for m in meetings for _, name in named.get(m.url, ())})
    speaker_index = {name: i for i, name in enumerate(speakers)}
    pages = {}
    for m in meetings:
        title, segments = entries[m.url]
        pages[ids[m.url]] = {
            "url": m.url, "title": title, "date": m.date.isoformat(), "dateLabel": japanese_date(m.date),
            "council": m.council.name,
            "fy": m.fiscal_year,
            "segments": [x for start, speech, role in segments
                         for x in (start, speech, role_index[role] if speech else -1)],
            "speakers": [x for speech, name in named.get(m.url, ()) for x in (speech, speaker_index[name])],
        }
    return {"version": 1, "bundles": list(bundles), "roles": roles, "speakers": speakers, "pages": pages}
