"""Writing Pagefind bundles of custom records, several at once.

``in_threads`` runs up to ``jobs`` threads; each bundle is written by a
``pagefind_extended --service`` process of its own (it starts in about
10 ms), which is given each record as soon as it is made and stops once
the bundle is written, so that the memory it took is given back. Pagefind
holds about 2 MB per record of the benchmark's size (70 KB of tokens) until
it has written its files: ``in_threads`` starts the next bundle that fits in
a budget of records for all the processes at once, so that a large bundle is
written beside a small one rather than alone. Every bundle is read back
whole and canonicalised (``indexmeta``) before it may be published.
"""

from __future__ import annotations

import gzip
import json
import shutil
import threading
import time
import zlib
from pathlib import Path
from typing import Callable, Iterable, NamedTuple, Sequence, TypeVar

from kaigiroku.core.errors import BuildFailure

from .indexmeta import SIGNATURE, canonicalize, check_whole
from .pagefind_service import PagefindService

LANGUAGE = "und"  # not a language Pagefind segments or stems: the tokens are already words
# Pagefind answers "written" while its last writes may still be pending: wait
# for the files before stopping it, check them, and index again if one still
# came out cut.
ATTEMPTS = 3
SETTLE_SECONDS, SETTLE_LOOK = 30.0, 0.05
_UNWHOLE = (OSError, EOFError, zlib.error, ValueError, KeyError, IndexError)

# Pagefind's own search interfaces: the search page has its own (static/search.js) and loads none of
# them. 418 KB in every bundle, and code in which a short ASCII term withheld as a company's name
# (NTT) is found, which the leak check must then report.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")

# About 1.1 GB of Pagefind processes at most: a 400-meeting fiscal year of a 10,000-meeting archive
# beside a half-year (with 400 the years were written one at a time: the index stage took 198 s, now 174 s).
RECORDS_AT_ONCE = 640

T = TypeVar("T")
R = TypeVar("R")


class PagefindRecord(NamedTuple):
    url: str
    content: str
    filters: dict[str, list[str]]
    sort: dict[str, str]
    meta: dict[str, str] | None = None  # only a salt that changes the record's id (``search._distinct``)


def write_bundle(bundle: Path, records: Callable[[], Iterable[PagefindRecord]], count: int) -> dict[str, str]:
    """Write the bundle of the ``count`` records of ``records()`` (called again if the bundle must be
    written again) and read it back whole; the id of each URL's record."""
    problem: Exception | None = None
    for _ in range(ATTEMPTS):
        shutil.rmtree(bundle, ignore_errors=True)  # Pagefind keeps an existing file of the same name
        try:
            written = _index(bundle, records())
        except OSError as exc:
            raise BuildFailure(f"the search indexer (Pagefind) failed: {exc}") from None
        try:
            check_whole(bundle)
            ids = _record_ids(bundle / "fragment")
            if len(ids) != written or written != count:
                raise ValueError(f"{len(ids)} of {count} records written")
            canonicalize(bundle)
            for name in UNUSED:
                (bundle / name).unlink(missing_ok=True)
            return ids
        except _UNWHOLE as exc:
            problem = exc
    raise BuildFailure(f"the search index was not written whole ({problem}); "
                       "check free disk space, then build again")


def _index(bundle: Path, records: Iterable[PagefindRecord]) -> int:
    service = PagefindService()
    try:
        index_id = service.new_index()
        count = 0
        sent: int | None = None
        for r in records:  # made while Pagefind indexes the record sent before
            if sent is not None:
                service.answer(sent)
            sent = service.send_record(index_id, url=r.url, content=r.content, language=LANGUAGE, meta=r.meta,
                                       filters=r.filters, sort=r.sort)
            count += 1
        if sent is not None:
            service.answer(sent)
        service.write_files(index_id, bundle)
        _settled(bundle)
        return count
    finally:
        service.close()


def _settled(bundle: Path) -> None:
    """Wait until no file of the bundle changes between two looks (at most SETTLE_SECONDS);
    only then may the indexer be stopped."""
    before: list[tuple[str, int]] = []
    deadline = time.monotonic() + SETTLE_SECONDS
    while time.monotonic() < deadline:
        now = sorted((p.as_posix(), p.stat().st_size) for p in bundle.rglob("*") if p.is_file())
        if now and now == before:
            return
        before = now
        time.sleep(SETTLE_LOOK)


def _record_ids(fragments: Path) -> dict[str, str]:
    """Page URL → Pagefind's id of its record (the fragment's file name)."""
    ids = {}
    for path in fragments.glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes()).removeprefix(SIGNATURE)
        ids[json.loads(data)["url"]] = path.name.removesuffix(".pf_fragment")
    return ids


def in_threads(items: Sequence[T], work: Callable[[T], R], jobs: int, size: Callable[[T], int] = lambda _: 0,
               budget: int = RECORDS_AT_ONCE) -> list[R]:
    """``work(item)`` for every item on up to ``jobs`` threads; the results in the order of
    ``items``. The items being worked on at once have sizes of at most ``budget`` in all (an item
    larger than the budget counts as the budget): a thread takes the first item that fits what is
    free, and waits when none does. The first error stops the rest and is raised."""
    results: dict[int, R] = {}
    errors: list[BaseException] = []
    pending = list(range(len(items)))
    need = [min(size(item), budget) for item in items]
    free = [budget]
    changed = threading.Condition()

    def take() -> int | None:
        with changed:
            while not errors and pending:
                if (i := next((i for i in pending if need[i] <= free[0]), None)) is not None:
                    pending.remove(i)
                    free[0] -= need[i]
                    return i
                changed.wait()
            return None

    def worker() -> None:
        while (i := take()) is not None:
            try:
                results[i] = work(items[i])
            except BaseException as exc:  # noqa: BLE001 - handed to the calling thread
                with changed:
                    errors.append(exc)
            finally:
                with changed:
                    free[0] += need[i]
                    changed.notify_all()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(max(1, min(jobs, len(items))))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return [results[i] for i in range(len(items))]
