"""The search index: one Pagefind record per meeting, in the bigram form of ``searchtext``.

For each staged meeting page the visible text (``pagetext``) is turned into
a stream of bigram tokens and added with Pagefind's Python API as a custom
record, with the council, the fiscal year and the speakers' roles as
filters. ``search/pages.json`` then tells the browser, for each record,
the page it stands for and where in the token stream each speech begins, so
that a hit can be placed in its speech (``#s12``) without loading the
record itself. Everything indexed comes from the redacted pages.
"""

from __future__ import annotations

import gzip
import json
import shutil
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import BuildFailure
from .indexmeta import SIGNATURE, canonicalize, check_whole
from .model import Archive, Meeting
from .pagefind_service import PagefindService
from .pagetext import PageText, read_page
from .searchtext import run_tokens, runs
from .wareki import japanese_date

LANGUAGE = "und"  # not a language Pagefind segments or stems: the tokens are already words
MAP_PATH = "search/pages.json"
FILTER_COUNCIL, FILTER_YEAR, FILTER_ROLE = "会議", "年度", "役職"
# Pagefind answers "written" while its last writes may still be pending: wait
# for the files before stopping it, check them, and index again if one still
# came out cut.
ATTEMPTS = 3
SETTLE_SECONDS, SETTLE_LOOK = 30.0, 0.1
_UNWHOLE = (OSError, EOFError, zlib.error, ValueError, KeyError, IndexError)


@dataclass(frozen=True)
class Record:
    """A meeting as the index holds it: tokens, and where each speech starts among them."""

    meeting: Meeting
    title: str
    tokens: list[str]
    segments: list[tuple[int, int, str]]  # (first token, speech order or 0, role)


def record_of(meeting: Meeting, page: PageText) -> Record:
    tokens: list[str] = []
    segments: list[tuple[int, int, str]] = []
    for passage in page.passages:
        passage_tokens = [t for run in runs(passage.text) for t in run_tokens(run)]
        if passage_tokens:
            segments.append((len(tokens), passage.speech, page.roles.get(passage.speech, "")))
            tokens.extend(passage_tokens)
    return Record(meeting, page.title, tokens, segments)


def index_site(root: Path, archive: Archive) -> int:
    """Index every meeting page under ``root``; write ``root/pagefind`` and ``root/search/pages.json``."""
    records = [record_of(m, read_page((root / m.url / "index.html").read_text(encoding="utf-8")))
               for m in archive.meetings]
    bundle = root / "pagefind"
    ids = _write_bundle(bundle, records)
    (root / MAP_PATH).parent.mkdir(parents=True, exist_ok=True)
    (root / MAP_PATH).write_text(json.dumps(page_map(records, ids), ensure_ascii=False, separators=(",", ":")),
                                 encoding="utf-8")
    return len(records)


def _write_bundle(bundle: Path, records: list[Record]) -> dict[str, str]:
    """Write the Pagefind bundle and read it back whole; the id of each page's record."""
    problem: Exception | None = None
    for _ in range(ATTEMPTS):
        shutil.rmtree(bundle, ignore_errors=True)  # Pagefind keeps an existing file of the same name
        try:
            _index(bundle, records)
        except OSError as exc:
            raise BuildFailure(f"the search indexer (Pagefind) failed: {exc}") from None
        try:
            check_whole(bundle)
            ids = _record_ids(bundle / "fragment")
            if len(ids) != len(records):
                raise ValueError(f"{len(ids)} of {len(records)} records written")
            canonicalize(bundle)
            return ids
        except _UNWHOLE as exc:
            problem = exc
    raise BuildFailure(f"the search index was not written whole ({problem}); "
                       "check free disk space, then build again")


def _index(bundle: Path, records: list[Record]) -> None:
    service = PagefindService()
    try:
        index_id = service.new_index()
        for r in records:
            m = r.meeting
            roles = sorted({role for _, speech, role in r.segments if speech})
            filters = {FILTER_COUNCIL: [m.council.name], FILTER_YEAR: [str(m.fiscal_year)]}
            if roles:
                filters[FILTER_ROLE] = roles
            service.add_record(index_id, url=m.url, content=" ".join(r.tokens), language=LANGUAGE,
                               meta=None, filters=filters, sort={"date": m.date.isoformat()})
        service.write_files(index_id, bundle)
        _settled(bundle)
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


def page_map(records: list[Record], ids: dict[str, str]) -> dict[str, Any]:
    roles = sorted({role for r in records for _, speech, role in r.segments if speech})
    role_index = {role: i for i, role in enumerate(roles)}
    pages = {}
    for r in records:
        m = r.meeting
        pages[ids[m.url]] = {
            "url": m.url, "title": r.title, "date": m.date.isoformat(), "dateLabel": japanese_date(m.date),
            "council": m.council.name,
            "fy": m.fiscal_year,
            "segments": [x for start, speech, role in r.segments
                         for x in (start, speech, role_index[role] if speech else -1)],
        }
    return {"version": 1, "roles": roles, "pages": pages}
