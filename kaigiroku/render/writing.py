"""The render stage of a public build: every page written into the staging folder as it is made.

A meeting's page and its open data (``meeting.json``) are rendered by
``jobs`` forked workers, or taken from the build cache when nothing they
depend on changed: the meeting (its digest from the load stage), the titles
and addresses of its two neighbours (the page links them), the layouts, the
site settings and the code. The pages that list meetings (front page,
councils, fiscal years, feed, open data index, sitemap) are rendered in this
process from what lists show of each meeting (``listing``), without the
minutes, so the minutes of unchanged meetings are never rendered again and
no more than a few pages are held in memory at once.
"""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

from kaigiroku.content.model import Meeting
from kaigiroku.core.cache import Cache, digest
from kaigiroku.core.files import copy_tree, write_files
from kaigiroku.core.memory import shared

from .pages import Kept, Site, fresh
from .people import Spoken
from .views import MeetingView, listing, view

CHUNK = 4  # meetings per task sent to a worker
# A worker is replaced after this many tasks: every meeting it reads copies the memory pages of that
# meeting's objects that it shares with the main process (their reference counts change), so a
# worker that rendered half of a 10,000-meeting archive held about 140 MB of its own.
TASKS_PER_WORKER = 25


@dataclass(frozen=True)
class MeetingFiles:
    """A meeting's page and open data by output path, how many speeches its minutes hold and what
    the speakers' pages show of them."""

    files: dict[str, bytes]
    speech_count: int
    spoken: tuple[Spoken, ...]


@dataclass(frozen=True)
class _Entry:
    """A meeting's files in the cache: output path → SHA-256 of the bytes (``Cache.put_file``)."""

    files: dict[str, str]
    speech_count: int
    spoken: tuple[Spoken, ...]


@dataclass(frozen=True)
class Rendered:
    meetings: int  # meeting pages rendered in this build
    reused: int  # taken from the cache
    pages: dict[str, str]  # meeting URL → SHA-256 of its staged page, for the pages in the cache


@dataclass(frozen=True)
class _Job:
    index: int  # of the meeting in ``archive.meetings``
    newer: str | None  # meeting keys of the pager's neighbours
    older: str | None
    key: str  # cache key, "" when there is no cache


_worker: dict[str, Any] = {}  # the site and the listings, set before the pool forks


def render_site(stage: Path, site: Site, layouts: Path, digests: Mapping[str, str], base: str,
                cache: Cache | None = None, jobs: int = 1,
                advance: Callable[[int], None] = lambda n: None,
                meetings_written: Callable[[dict[str, str]], None] = lambda pages: None) -> Rendered:
    """Write every page of ``site`` into ``stage``. ``digests`` (meeting key → digest of its inputs)
    and ``base`` (digest of the layouts, site settings and code) key the cache; ``advance`` is
    told of each meeting done; ``meetings_written``, of the meeting pages staged (with ``Rendered.pages``),
    before the pages that list them are rendered."""
    a = site.archive
    listings = {m.key: listing(m) for m in a.meetings}
    counts: dict[str, tuple[int, tuple[Spoken, ...]]] = {}
    pages: dict[str, str] = {}
    todo: list[_Job] = []
    position = {m.key: i for i, m in enumerate(a.meetings)}
    staged = str(stage)  # a page's path as a string: a Path per file cost more than its link
    for council in a.councils:
        items = a.of_council(council)
        for i, m in enumerate(items):
            newer = items[i - 1].key if i > 0 else None
            older = items[i + 1].key if i + 1 < len(items) else None
            key = (digest(base, digests[m.key], _pager(listings, newer), _pager(listings, older))
                   if cache is not None and m.key in digests else "")
            hit = cache.load("pages", key) if cache is not None and key else None
            if isinstance(hit, _Entry) and all(cache.link_file(sha, os.path.join(staged, rel)) for rel, sha in hit.files.items()):
                counts[m.key] = hit.speech_count, hit.spoken
                pages[m.url] = hit.files[f"{m.url}index.html"]
                advance(1)
            else:
                todo.append(_Job(position[m.key], newer, older, key))
    for job, result in _rendered(site, listings, todo, jobs):
        m = a.meetings[job.index]
        counts[m.key] = result.speech_count, result.spoken
        kept = _keep(cache, stage, job.key, result) if cache is not None and job.key else None
        if kept is None:
            write_files(stage, result.files)
        else:
            pages[m.url] = kept[f"{m.url}index.html"]
        advance(1)
    meetings_written(pages)
    shown = {k: replace(v, speech_count=counts[k][0], spoken=counts[k][1]) for k, v in listings.items()}
    write_files(stage, site.list_pages(shown, _kept(cache, base) if cache is not None else fresh, digests))
    copy_tree(layouts / "static", stage / "static")
    return Rendered(len(todo), len(a.meetings) - len(todo), pages)


def _keep(cache: Cache, stage: Path, key: str, result: MeetingFiles) -> dict[str, str] | None:
    """Put the files into the cache and link them into ``stage``; their digests, or None if the
    cache cannot be written."""
    try:
        shas = {rel: cache.put_file(data, stage / rel) for rel, data in result.files.items()}
    except OSError:
        return None
    cache.store("pages", key, _Entry(shas, result.speech_count, result.spoken))
    return shas


def _kept(cache: Cache, base: str) -> Kept:
    """A list page from the cache while what it shows is unchanged (its ``repr``: every field of the
    frozen dataclasses it is made of, ``tests/test_incremental.py``), else rendered and kept."""
    def kept(path: str, shown: Any, make: Callable[[], bytes]) -> bytes:
        key = digest(base, path, repr(shown))
        page = cache.load("lists", key)
        if not isinstance(page, bytes):
            page = make()
            cache.store("lists", key, page)
        return page
    return kept


def _pager(listings: Mapping[str, MeetingView], key: str | None) -> str:
    """What a meeting page shows of a neighbour."""
    return "" if key is None else f"{listings[key].meeting.url}\n{listings[key].title}"


def _rendered(site: Site, listings: dict[str, MeetingView], todo: list[_Job],
              jobs: int) -> Iterator[tuple[_Job, MeetingFiles]]:
    _worker.update(site=site, listings=listings)
    try:
        if jobs <= 1 or len(todo) <= CHUNK:
            yield from ((job, _render_one(job)) for job in todo)
            return
        with shared(), multiprocessing.get_context("fork").Pool(min(jobs, len(todo)),
                                                                    maxtasksperchild=TASKS_PER_WORKER) as pool:
            yield from zip(todo, pool.imap(_render_one, todo, chunksize=CHUNK))
    finally:
        _worker.clear()


def _render_one(job: _Job) -> MeetingFiles:
    site: Site = _worker["site"]
    listings: dict[str, MeetingView] = _worker["listings"]
    m: Meeting = site.archive.meetings[job.index]
    v = view(m, site.renderer)
    path = f"{m.url}index.html"
    page = site.page("meeting.html", path, m=v, newer=listings.get(job.newer or ""),
                     older=listings.get(job.older or ""))
    return MeetingFiles({path: page, f"{m.url}meeting.json": site.meeting_data(v)}, v.speech_count, v.spoken)
