"""Writing Pagefind bundles of custom records, several at once.

``in_threads`` runs up to ``jobs`` threads; each bundle is written by a
``pagefind_extended --service`` process of its own (it starts in about
10 ms), which is given each record as soon as it is made and stops once
the bundle is written, so that the memory it took is given back. Pagefind
holds about 2 MB per record of the benchmark's size (70 KB of tokens) until
it has written its files: a ``Budget`` bounds the records held by all the
processes at once. Every bundle is read back whole and canonicalised
(``indexmeta``) before it may be published.
"""

from __future__ import annotations

import gzip
import json
import shutil
import threading
import time
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator, NamedTuple, Sequence, TypeVar

from .errors import BuildFailure
from .indexmeta import SIGNATURE, canonicalize, check_whole
from .pagefind_service import PagefindService

LANGUAGE = "und"  # not a language Pagefind segments or stems: the tokens are already words
# Pagefind answers "written" while its last writes may still be pending: wait
# for the files before stopping it, check them, and index again if one still
# came out cut.
ATTEMPTS = 3
SETTLE_SECONDS, SETTLE_LOOK = 30.0, 0.05
_UNWHOLE = (OSError, EOFError, zlib.error, ValueError, KeyError, IndexError)

RECORDS_AT_ONCE = 400  # about 0.8 GB of Pagefind processes at most: one fiscal year of a 10,000-meeting archive

T = TypeVar("T")
R = TypeVar("R")


class PagefindRecord(NamedTuple):
    url: str
    content: str
    filters: dict[str, list[str]]
    sort: dict[str, str]
    meta: dict[str, str] | None = None  # only a salt that changes the record's id (``search._distinct``)


class Budget:
    """How many records may be in Pagefind processes at once; a bundle larger than the whole
    budget waits until it has it all."""

    def __init__(self, records: int = RECORDS_AT_ONCE) -> None:
        self._size = self._free = records
        self._changed = threading.Condition()

    @contextmanager
    def hold(self, records: int) -> Iterator[None]:
        n = min(records, self._size)
        with self._changed:
            self._changed.wait_for(lambda: self._free >= n)
            self._free -= n
        try:
            yield
        finally:
            with self._changed:
                self._free += n
                self._changed.notify_all()


def write_bundle(bundle: Path, records: Callable[[], Iterable[PagefindRecord]], count: int,
                 budget: Budget) -> dict[str, str]:
    """Write the bundle of the ``count`` records of ``records()`` (called again if the bundle must be
    written again) and read it back whole; the id of each URL's record."""
    problem: Exception | None = None
    for _ in range(ATTEMPTS):
        shutil.rmtree(bundle, ignore_errors=True)  # Pagefind keeps an existing file of the same name
        try:
            with budget.hold(count):
                written = _index(bundle, records())
        except OSError as exc:
            raise BuildFailure(f"the search indexer (Pagefind) failed: {exc}") from None
        try:
            check_whole(bundle)
            ids = _record_ids(bundle / "fragment")
            if len(ids) != written or written != count:
                raise ValueError(f"{len(ids)} of {count} records written")
            canonicalize(bundle)
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


def in_threads(items: Sequence[T], work: Callable[[T], R], jobs: int) -> list[R]:
    """``work(item)`` for every item on up to ``jobs`` threads; the results in the order of
    ``items``. The first error stops the rest and is raised."""
    results: dict[int, R] = {}
    errors: list[BaseException] = []
    todo: Iterator[int] = iter(range(len(items)))
    lock = threading.Lock()

    def next_item() -> int | None:
        with lock:
            return None if errors else next(todo, None)

    def worker() -> None:
        try:
            while (i := next_item()) is not None:
                results[i] = work(items[i])
        except BaseException as exc:  # noqa: BLE001 - handed to the calling thread
            with lock:
                errors.append(exc)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(max(1, min(jobs, len(items))))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return [results[i] for i in range(len(items))]
