"""The search stage: records as the plain, one-string-per-character form makes them, a bundle per fiscal year that
finds what one bundle finds, and the store that keeps records and bundles between builds."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
import threading
import time
import unicodedata
from pathlib import Path

import pytest
from conftest import ROOT
from shardsites import generated_site, reindexed, unindexed_copy

import build
from kaigiroku.content.model import Archive, Council, Meeting
from kaigiroku.search import grams
from kaigiroku.search.bundle import in_threads
from kaigiroku.search.chunking import ChunkWriter
from kaigiroku.search.index import IDS_PATH, MAP_PATH, index_site
from kaigiroku.search.indexmeta import check_whole
from kaigiroku.search.pagetext import read_page
from kaigiroku.search.record import record_of
from kaigiroku.search.shards import plan
from kaigiroku.search.store import Store
from redaction.searchform import VARIANTS, stream

# The token stream written the plain way, one string per character, as the reference.
_OLD_FOLD = str.maketrans(VARIANTS)
_OLD_RUN = re.compile(r"[^\W_]+")
_OLD_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def _old_runs(text: str) -> list[str]:
    return _OLD_RUN.findall(re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).lower().translate(_OLD_FOLD)))


def _old_code(char: str) -> str:
    n = ord(char)
    return "".join(_OLD_DIGITS[n // 36 ** k % 36] for k in (3, 2, 1, 0))


def _old_run_tokens(run: str) -> list[str]:
    return [_old_code(c) for c in run] + ["zzzz"]


def _old_record(html: str) -> tuple[str, str, list[tuple[int, int, str]]]:
    page = read_page(html)
    tokens: list[str] = []
    segments = []
    for passage in page.passages:
        passage_tokens = [t for run in _old_runs(passage.text) for t in _old_run_tokens(run)]
        if passage_tokens:
            segments.append((len(tokens), passage.speech, page.roles.get(passage.speech, "")))
            tokens.extend(passage_tokens)
    return page.title, " ".join(tokens), segments


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Archive]:
    return generated_site(tmp_path_factory.mktemp("shards"))


def map_of(site: Path) -> dict[str, object]:
    return json.loads((site / MAP_PATH).read_text(encoding="utf-8"))


def by_url(site: Path) -> dict[str, object]:
    """Each meeting as the search's chunks describe it, newest first."""
    chunks = [c["name"] for c in reversed(map_of(site)["chunks"])]  # type: ignore[call-overload]
    return {doc["url"]: doc for name in chunks
            for part in sorted((site / grams.FOLDER / name).glob("d*"), key=lambda p: int(p.name[1:]))
            for doc in grams.read(part)}


def ids_by_url(site: Path) -> dict[str, str]:
    return {url: i for i, url in grams.read(site / IDS_PATH).items()}


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for folder in ("pagefind", grams.FOLDER)
            for p in sorted((site / folder).rglob("*")) if p.is_file()} | {MAP_PATH: (site / MAP_PATH).read_bytes()}


def test_the_token_stream_is_the_plain_ones() -> None:
    for text in ["海外療養費と 髙橋・﨑山 Ｉ　ＳＭＳ １２３ｱｲｳ𠮷田", "", "、。", "a_b-c", "ﾃﾞｰﾀ\u3000会 議"]:
        want = " ".join(t for run in _old_runs(text) for t in _old_run_tokens(run))
        assert stream(text) == (want, len(want.split()) if want else 0)


@pytest.mark.parametrize("which", ["sample", "generated"])
def test_records_are_byte_identical_to_the_plain_ones(which: str, generated: tuple[Path, Archive],
                                                                 tmp_path: Path) -> None:
    if which == "sample":
        assert build.main(["build", "--content", str(ROOT / "content"), "--out",
                                         str(tmp_path / "site"), "-q"]) == 0
        site = tmp_path / "site"
    else:
        site = generated[0]
    pages = [p for p in sorted(site.glob("*/*/index.html")) if p.parent.parent.name not in ("nendo", "search")]
    assert len(pages) >= 6
    for path in pages:
        html = path.read_text(encoding="utf-8")
        record = record_of(read_page(html))
        title, content, segments = _old_record(html)
        assert (record.title, record.content, list(record.segments)) == (title, content, segments), path


def _meeting(day: dt.date, n: int) -> Meeting:
    return Meeting(Council("c", "会議"), f"{day.isoformat()}-{n}", "x.md", "t", day, "", 1, ())


def test_a_small_archive_has_one_shard_a_large_one_a_shard_per_fiscal_year_or_part() -> None:
    small = [_meeting(dt.date(2020, 5, 1), i) for i in range(5)]
    assert [s.name for s in plan(small)] == ["all"]
    assert [s.name for s in plan(small, shard_from=5)] == ["fy2020"]
    big = ([_meeting(dt.date(2019, 6, 1), i) for i in range(60)] +  # 60: not more than the limit
           [_meeting(dt.date(2020, 5, 1), i) for i in range(40)] + [_meeting(dt.date(2021, 1, 5), i) for i in range(30)] +
           [_meeting(dt.date(2021, 4, 2), i) for i in range(35)] + [_meeting(dt.date(2021, 8, 2), i) for i in range(35)] +
           [_meeting(dt.date(2022, 2, 2), i) for i in range(3)])
    shards = plan(big)
    assert [s.name for s in shards] == ["fy2021b", "fy2021q2", "fy2021q1", "fy2020b", "fy2020a", "fy2019"]
    assert sorted(m.key for s in shards for m in s.meetings) == sorted(m.key for m in big)
    assert all(len(s.meetings) <= 60 for s in shards)


def test_a_sharded_index_says_what_one_bundle_says(generated: tuple[Path, Archive], tmp_path: Path) -> None:
    site, archive = generated
    one, single = reindexed(site, archive, tmp_path / "one")
    many, sharded = reindexed(site, archive, tmp_path / "many", jobs=2, shard_from=1)
    years = archive.fiscal_years()
    assert (single.bundles, single.built) == (("pagefind/",), 1)
    assert sharded.bundles == ("pagefind/", *(f"pagefind/fy{y}/" for y in years[1:]))
    assert (sharded.built, sharded.reused, sharded.meetings) == (len(years), 0, len(archive.meetings))
    assert map_of(many)["bundles"] == list(sharded.bundles)
    assert by_url(many) == by_url(one)
    assert map_of(many)["roles"] == map_of(one)["roles"]
    for bundle in sharded.bundles:
        check_whole(many / bundle)
    assert not (many / ".search-work").exists()
    assert list(by_url(one)) == [m.url for m in archive.meetings]


def test_the_store_gives_back_every_shard_byte_for_byte(generated: tuple[Path, Archive], tmp_path: Path) -> None:
    site, archive = generated
    store = tmp_path / "store"
    plain, _ = reindexed(site, archive, tmp_path / "plain", shard_from=1)
    first, cold = reindexed(site, archive, tmp_path / "first", store=store, jobs=2, shard_from=1)
    second, warm = reindexed(site, archive, tmp_path / "second", store=store, jobs=2, shard_from=1)
    assert (cold.built, cold.reused) == (len(cold.bundles), 0)
    assert (warm.built, warm.reused) == (0, len(cold.bundles))
    assert files(first) == files(second) == files(plain)
    linked = next((second / "pagefind").glob("pagefind.*.pf_meta"))
    assert linked.stat().st_nlink >= 3  # the store's file, in both sites
    assert not list(store.rglob(".tmp-*"))


def test_editing_one_meeting_reindexes_its_shard_only(generated: tuple[Path, Archive], tmp_path: Path) -> None:
    site, archive = generated
    store = tmp_path / "store"
    _, cold = reindexed(site, archive, tmp_path / "cold", store=store, shard_from=1)
    edited = archive.meetings[-1]  # the oldest: not in the primary bundle
    copy = unindexed_copy(site, tmp_path / "edited")
    page = copy / edited.url / "index.html"
    html = page.read_text(encoding="utf-8")
    assert html.count("</article>") == 1
    page.write_text(html.replace("</article>", "<p>追記された発言があります。</p></article>"), encoding="utf-8")
    new: list[str] = []
    result = index_site(copy, archive, store=store, shard_from=1, chunks_written=new.extend)
    # Pagefind holds the filters only: a text edit writes no bundle; the pair index writes one chunk.
    assert (result.built, result.reused) == (0, len(cold.bundles))
    assert (result.chunks, result.chunks_reused) == (cold.chunks, cold.chunks - 1)
    assert len(list((store / "chunks").iterdir())) == cold.chunks  # the edited chunk's old files were pruned
    before, after = files(tmp_path / "cold"), files(copy)
    changed = {path.split("/")[2] for path in before if path.startswith(grams.FOLDER) and before[path] != after.get(path)}
    edited_chunk = next(c.name for c in grams.chunks(archive.meetings) if edited in c.meetings)
    assert {name for name in changed if name.startswith("c")} == {edited_chunk}
    assert new == [f"{grams.FOLDER}/{edited_chunk}"]  # what the leak check's second start walks
    assert by_url(copy)[edited.url] == by_url(tmp_path / "cold")[edited.url]  # only its text changed


@pytest.mark.parametrize("added, new_keys", [("", False), ("<p>追記された発言があります。</p>", True)])
def test_the_key_files_are_taken_from_the_store_while_no_chunk_gains_or_loses_a_key(
        generated: tuple[Path, Archive], tmp_path: Path, added: str, new_keys: bool) -> None:
    """``g/k<n>`` say which chunks hold each key: an edit whose chunk holds the same characters, pairs
    and triples after it (the title said again in the text) links them from the store; one that brings
    new keys writes again the files that hold them and links the others. Either way they are what an
    index without a store writes."""
    site, archive = generated
    store = tmp_path / "store"
    cold_site, _ = reindexed(site, archive, tmp_path / "cold", store=store, shard_from=1, chunk=5)
    edited = archive.meetings[-1]
    copy = unindexed_copy(site, tmp_path / "edited")
    page = copy / edited.url / "index.html"
    html = page.read_text(encoding="utf-8")
    said = re.search(r"<h1>([^<]+)</h1>", html)[1]  # the title, said again in a paragraph below
    page.write_text(html.replace("</article>", f"<p>{said}</p>{added}</article>"), encoding="utf-8")
    plain = Path(shutil.copytree(copy, tmp_path / "plain"))
    result = index_site(copy, archive, store=store, shard_from=1, chunk=5)
    index_site(plain, archive, shard_from=1, chunk=5)
    assert result.chunks_reused == result.chunks - 1 >= 4  # the edited chunk is written again
    keys = sorted((copy / grams.FOLDER).glob("k*"))
    assert keys and files(copy) == files(plain)
    cold_keys = {k.name: k.stat().st_ino for k in (cold_site / grams.FOLDER).glob("k*")}
    same_file = [k.stat().st_ino == cold_keys.get(k.name) for k in keys]
    assert (0 < sum(same_file) < len(keys)) if new_keys else all(same_file)
    assert len(list((store / "keys").iterdir())) == 1  # the other entry was pruned


def test_an_edits_chunk_is_written_at_once_a_cold_builds_chunks_when_the_index_stage_begins(
        generated: tuple[Path, Archive], tmp_path: Path) -> None:
    """``ChunkWriter.start`` sends no more chunks than it has workers (an edit's) at once, to be written
    beside the list pages; more (a cold build) wait for ``finish``, when the build holds less memory."""
    site, archive = generated
    store = tmp_path / "store"

    def written_before_finish(root: Path) -> bool:
        with ChunkWriter(store, jobs=2, size=5) as writer:
            writer.fork()
            writer.start(root, archive, {})
            waited = 0.0
            while waited < 3 and not list((store / "chunks").glob(".tmp-*/written")):
                time.sleep(0.1)
                waited += 0.1
            early = bool(list((store / "chunks").glob(".tmp-*/written")))
            _, made = writer.finish()
        return early and made > 0

    cold = unindexed_copy(site, tmp_path / "cold")
    assert len(grams.chunks(archive.meetings, 5)) > 2 and not written_before_finish(cold)
    edited = unindexed_copy(site, tmp_path / "edited")
    page = edited / archive.meetings[0].url / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", "<p>追記です。</p></article>"), encoding="utf-8")
    assert written_before_finish(edited)


def test_bundles_whose_pages_did_not_change_are_found_without_reading_a_page(
        generated: tuple[Path, Archive], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the digests of the staged pages (the render stage knows them), a bundle is found by
    them; a page whose digest changed sends its bundle and its chunk, and those only, down the
    longer way, and that page is the one read: the chunk's other pages are read from the store."""
    site, archive = generated
    store = tmp_path / "store"
    pages = {m.url: hashlib.sha256((site / m.url / "index.html").read_bytes()).hexdigest() for m in archive.meetings}
    first = unindexed_copy(site, tmp_path / "first")
    cold = index_site(first, archive, store=store, shard_from=1, pages=pages)
    read: list[str] = []
    real = grams.read_page
    monkeypatch.setattr(grams, "read_page", lambda html: read.append(html) or real(html))
    second = unindexed_copy(site, tmp_path / "second")
    warm = index_site(second, archive, store=store, shard_from=1, pages=pages)
    assert read == [] and (warm.built, warm.reused, warm.chunks_reused) == (0, len(cold.bundles), cold.chunks)
    assert files(first) == files(second)
    oldest = archive.meetings[-1]
    third = unindexed_copy(site, tmp_path / "third")
    again = index_site(third, archive, store=store, shard_from=1, pages={**pages, oldest.url: "0" * 64})
    chunk = next(c for c in grams.chunks(archive.meetings) if oldest in c.meetings)
    assert len(chunk.meetings) > 1 and len(read) == 1 and (again.built, again.reused) == (0, len(cold.bundles))
    assert again.chunks_reused == cold.chunks - 1
    assert files(third) == files(first)


@pytest.mark.parametrize("damage", ["", "gone", "garbled"])
def test_an_edits_chunk_reads_its_edited_page_and_takes_the_others_from_the_store(
        generated: tuple[Path, Archive], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    """The pages' parts a chunk needs are kept in the store by the page's digest: an edit's chunk is
    written again from its one new page and the kept parts of the others (a part that is gone or
    damaged is read from its page again), and its files are those an index without a store writes."""
    site, archive = generated
    store = tmp_path / "store"
    reindexed(site, archive, tmp_path / "cold", store=store, shard_from=1, chunk=5)
    assert len(list((store / "pages").iterdir())) == len(archive.meetings)
    edited = archive.meetings[-1]
    chunk = next(c for c in grams.chunks(archive.meetings, 5) if edited in c.meetings)
    other = next(m for m in chunk.meetings if m is not edited)
    entry = Store(store).page(hashlib.sha256((site / other.url / "index.html").read_bytes()).hexdigest())
    assert entry.is_file()
    if damage == "gone":
        entry.unlink()
    elif damage == "garbled":
        entry.write_bytes(b"not a stored page")
    copy = unindexed_copy(site, tmp_path / "edited")
    page = copy / edited.url / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", "<p>追記された発言です。</p></article>"),
                    encoding="utf-8")
    plain = Path(shutil.copytree(copy, tmp_path / "plain"))
    read: list[str] = []
    real = grams.read_page
    monkeypatch.setattr(grams, "read_page", lambda html: read.append(html) or real(html))
    result = index_site(copy, archive, store=store, shard_from=1, chunk=5)
    assert result.chunks_reused == result.chunks - 1 and len(chunk.meetings) == 5
    assert len(read) == (2 if damage else 1) and any("追記された発言です。" in html for html in read)
    monkeypatch.setattr(grams, "read_page", real)
    index_site(plain, archive, shard_from=1, chunk=5)
    assert files(copy) == files(plain)
    assert len(list((store / "pages").iterdir())) == len(archive.meetings)  # the edited page's old parts pruned
    assert entry.is_file()  # kept again where it was gone or damaged


def test_pruning_moves_the_unused_entries_out_at_once_and_removes_them_apart(tmp_path: Path) -> None:
    """An unused entry leaves its folder at once (the build may make one of the same name again),
    into one folder removed by a process of its own; what such a removal left is removed by the next."""
    root = tmp_path / "store"
    store = Store(root)
    used = store.chunk([["m", "0" * 64]], [8000, 2000])
    for entry in (used, root / "chunks" / "old", root / "keys" / "old", root / "shards" / "old"):
        (entry / "sub").mkdir(parents=True)
        (entry / "sub" / "f").write_text("x", encoding="utf-8")
    (root / "pages" / "old").write_bytes(b"x")
    (root / ".tmp-left-by-an-earlier-build").mkdir()
    store.prune()
    assert [p.name for p in (root / "chunks").iterdir()] == [used.name]
    assert not [p for name in ("keys", "shards", "pages") for p in (root / name).iterdir()]
    deadline = time.monotonic() + 30
    while list(root.glob(".tmp-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(root.glob(".tmp-*")) == [] and (used / "sub" / "f").is_file()


def test_the_budget_keeps_records_in_pagefind_bounded() -> None:
    held, most = [0], [0]
    lock = threading.Lock()

    def index(records: int) -> int:
        with lock:
            held[0] += min(records, 5)
            most[0] = max(most[0], held[0])
        time.sleep(0.05)
        with lock:
            held[0] -= min(records, 5)
        return records

    assert in_threads([3, 3, 9, 2, 1], index, jobs=4, size=lambda n: n, budget=5) == [3, 3, 9, 2, 1]
    assert most[0] <= 5


def test_a_large_bundle_is_written_beside_a_small_one_not_beside_another_large_one() -> None:
    """Budget 6, sizes 4 and 2: a thread that finds the next large item too big for what is free
    takes the small item after it instead of waiting."""
    running: list[int] = []
    together: list[tuple[int, ...]] = []
    lock = threading.Lock()

    def index(records: int) -> int:
        with lock:
            running.append(records)
            together.append(tuple(sorted(running)))
        time.sleep(0.02 * records)
        with lock:
            running.remove(records)
        return records

    sizes = [4, 4, 4, 2, 2, 2]
    assert in_threads(sizes, index, jobs=2, size=lambda n: n, budget=6) == sizes
    assert (4, 4) not in together and (2, 4) in together and max(len(t) for t in together) == 2


def test_an_error_stops_the_threads_waiting_for_the_budget() -> None:
    started: list[int] = []

    def index(records: int) -> int:
        started.append(records)
        time.sleep(0.05)
        raise ValueError("no disk")

    with pytest.raises(ValueError, match="no disk"):
        in_threads([4, 4, 4], index, jobs=2, size=lambda n: n, budget=6)
    assert started == [4]  # the second thread waited for the budget, then stopped


def test_a_bundle_whose_record_id_another_bundle_took_is_written_again_with_a_salt(
        generated: tuple[Path, Archive], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Record ids are 7 hex digits of a hash: two bundles of a large archive can share one. Here the
    second bundle's ids are made to coincide with the first's; it must be written again, salted."""
    from kaigiroku.search import index as search
    site, archive = generated
    plain, _ = reindexed(site, archive, tmp_path / "plain", shard_from=1)
    real = search._index_shard
    calls: list[int] = []

    def colliding(work: Path, shard: object, cache: object, segments: object, salt: int = 0) -> object:
        done = real(work, shard, cache, segments, salt)  # type: ignore[arg-type]
        calls.append(salt)
        if salt == 0 and len(calls) == 2:  # the second bundle written: give it the first bundle's ids
            taken = next(iter(grams.read(plain / IDS_PATH)))
            done = search._Done({**done.ids, next(iter(done.ids)): taken}, done.files, done.reused)
        return done
    monkeypatch.setattr(search, "_index_shard", colliding)
    salted, _ = reindexed(site, archive, tmp_path / "salted", shard_from=1)
    assert 1 in calls  # written again with salt 1
    ids = list(grams.read(salted / IDS_PATH))
    assert len(ids) == len(set(ids)) == len(archive.meetings)
    assert by_url(salted) == by_url(plain)  # the same pages and speeches, other ids
    fragments = [p for p in (salted / "pagefind").rglob("*.pf_fragment")]
    assert any(b'"salt":"1"' in __import__("gzip").decompress(p.read_bytes()) for p in fragments)
