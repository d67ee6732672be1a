"""The pair index (``kaigiroku.search.grams``): what it reads of a page, its positions and chunks."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from shardsites import generated_site

from kaigiroku.content.model import Archive, Council, Meeting
from kaigiroku.search import grams, postings
from kaigiroku.search.pagetext import read_page
from kaigiroku.search.record import Segment, indexed_text, record_of
from kaigiroku.search.store import Store
from redaction.searchform import BREAK


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Archive]:
    return generated_site(tmp_path_factory.mktemp("grams"))


def test_the_index_reads_the_tokens_of_the_record(generated: tuple[Path, Archive]) -> None:
    """``indexed_text`` is the record's token stream, a character per token and a space per break."""
    site, archive = generated
    for m in archive.meetings:
        page = read_page((site / m.url / "index.html").read_text(encoding="utf-8"))
        record = record_of(page)
        tokens = record.content.split(" ")
        segments, text, _ = indexed_text(page)
        assert segments == record.segments
        assert text == "".join(" " if t == BREAK else chr(int(t, 36)) for t in tokens)


def _plain(meetings: list[tuple[str, list[Segment]]]) -> dict[str, list[int]]:
    """What a chunk's bucket files hold, by a plain loop per position: for each pair, per meeting
    ``[d, n, positions delta-coded]``; for each character, per meeting ``[d, n, segment, count …]``."""
    lists: defaultdict[str, list[int]] = defaultdict(list)
    for d, (text, segments) in enumerate(meetings):
        pairs: defaultdict[str, list[int]] = defaultdict(list)
        for i in range(len(text) - 1):
            pairs[text[i:i + 2]].append(i)
        for key, where in pairs.items():
            lists[key] += [d, len(where), where[0], *(b - a for a, b in zip(where, where[1:]))]
        chars: defaultdict[str, list[int]] = defaultdict(list)
        starts = [s[0] for s in segments] + [len(text)]
        for k in range(len(segments)):
            for c, n in sorted(Counter(text[starts[k]:starts[k + 1]]).items()):
                if c != postings.BREAK:
                    chars[c] += (k, n)
        for key, found in chars.items():
            lists[key] += [d, len(found) // 2, *found]
    return dict(lists)


def _triples(meetings: list[tuple[str, list[Segment]]]) -> set[str]:
    return {text[i:i + 3] for text, _ in meetings for i in range(len(text) - 2) if " " not in text[i:i + 3]}


def test_postings_are_those_of_a_plain_loop() -> None:
    """Random chunks of random texts (a character beyond the BMP, breaks, empty and one-character
    meetings): every list as a loop per position makes it, keys sorted as strings, no pair or triple
    across two meetings, and the hash of each key as ``bucket`` computes it."""
    rng = random.Random(7)
    for _ in range(300):
        meetings = []
        for _ in range(rng.randint(1, 5)):
            n = rng.randint(0, 60)
            text = "".join(rng.choice("ab 委員𠮷") for _ in range(n))
            cuts = sorted({0, *rng.sample(range(n), min(n, rng.randint(0, 6)))}) if n else []
            meetings.append((text, [(c, i, "") for i, c in enumerate(cuts)]))
        found = postings.of_chunk(meetings)
        expected = _plain(meetings)
        assert found.keys == sorted(expected)
        assert [json.loads(listed) for listed in found.lists] == [expected[k] for k in found.keys]
        assert found.hashes.tolist() == [grams.bucket(k, 1 << 32) for k in found.keys]
        assert found.held == sorted({k for k in expected if " " not in k} | _triples(meetings))


def test_the_bucket_hash_is_fnv_1a_over_code_points() -> None:
    """search.js computes the same numbers (Math.imul over codePointAt)."""
    assert grams.bucket("", 1 << 32) == 0x811C9DC5
    assert grams.bucket("a", 1 << 32) == 0xE40C292C  # FNV-1a 32 of "a"
    assert grams.bucket("ab", 1 << 32) == 0x4D2505CA  # FNV-1a 32 of "ab"


def _meeting(day: dt.date, n: int) -> Meeting:
    return Meeting(Council("c", "会議"), f"{day.isoformat()}-{n}", "x.md", "t", day, "", 1, ())


def test_chunks_count_from_the_oldest_so_a_new_meeting_changes_the_newest_only() -> None:
    days = [dt.date(2020, 1, 1) + dt.timedelta(days=i) for i in range(9)]
    meetings = [_meeting(d, 1) for d in reversed(days)]  # newest first, as the archive
    before = grams.chunks(meetings, 4)
    assert [c.name for c in before] == ["c0", "c1", "c2"]
    assert [m.date for m in before[0].meetings] == sorted(days[:4], reverse=True)  # newest first inside
    after = grams.chunks([_meeting(dt.date(2021, 1, 1), 1), *meetings], 4)
    assert after[:2] == before[:2] and len(after[2].meetings) == 2


def test_the_speeches_texts_are_written_in_files_of_about_two_thousand_characters(tmp_path: Path) -> None:
    texts = ["あ" * 1500, "い" * 400, "う" * 300, "え" * 5000, "お" * 10]
    firsts = grams.write_texts(tmp_path, 3, texts, 2_000)
    assert firsts == [0, 2, 3, 4]  # a file is closed before it would pass 2,000; a long speech stands alone
    assert [grams.read(tmp_path / f"t3-{j}") for j in range(4)] == [texts[0:2], texts[2:3], texts[3:4], texts[4:5]]
    assert grams.write_texts(tmp_path, 4, [], 2_000) == []


def test_chunks_and_their_files_grow_with_the_archive_in_steps() -> None:
    sizes = (1, 1_999, 2_000, 4_999, 5_000, 10_000)
    assert [grams.scale(n).meetings for n in sizes] == [50, 50, 100, 100, 200, 200]
    assert [grams.scale(n).bucket_bytes for n in sizes] == [8_000] * 4 + [16_000] * 2
    assert [grams.scale(n).text_chars for n in sizes] == [2_000] * 4 + [4_000] * 2


def test_a_larger_scale_writes_the_same_index_in_fewer_files(generated: tuple[Path, Archive], tmp_path: Path) -> None:
    site, archive = generated
    written = {}
    for cut in (grams.Scale(50, 8_000, 2_000), grams.Scale(50, 16_000, 4_000)):
        chunk = grams.Chunk(0, tuple(archive.meetings), cut)
        to = tmp_path / str(cut.bucket_bytes)
        w = grams.write_chunk(site, to, chunk)
        buckets = [grams.read(to / str(b)) for b in range(w.buckets)]
        keys = {k: v for b in buckets for k, v in b.items()}
        assert all(grams.bucket(k, w.buckets) == b for b, held in enumerate(buckets) for k in held)
        texts = {d["url"]: [s for j in range(len(d["texts"])) for s in grams.read(to / f"t{i}-{j}")]
                 for i, d in enumerate(w.docs)}
        written[cut.bucket_bytes] = keys, texts, w.buckets, len(list(to.glob("t*")))
    small, large = written[8_000], written[16_000]
    assert small[:2] == large[:2]  # the same keys, positions and texts
    assert large[2] < small[2] and large[3] < small[3]  # in fewer bucket files and fewer text files


def test_a_chunk_cut_at_another_scale_is_stored_apart(tmp_path: Path) -> None:
    """The same meetings in files of another size are another entry of the store: a rebuild that
    crosses a step of ``grams.scale`` does not take the files cut for the other."""
    described: list[list[object]] = [["c/2024-04-01-1/", "0" * 64, {"title": "t"}]]
    store = Store(tmp_path)
    assert store.chunk(described, [8_000, 2_000]) != store.chunk(described, [16_000, 4_000])
    assert store.chunk(described, [8_000, 2_000]) == Store(tmp_path).chunk(described, [8_000, 2_000])


def test_key_files_updated_for_a_changed_chunk_are_those_written_whole(tmp_path: Path) -> None:
    """An edit that brings keys into its chunk, or takes some out, rewrites the key files that hold
    them and links the others: the same bytes as all of them written again, or None when the
    number of files changes (and then they are all written again)."""
    rng = random.Random(5)
    alphabet = "会議録審査委員長市民個人情報公開"

    def some_keys(n: int) -> list[str]:
        return sorted({"".join(rng.choice(alphabet) for _ in range(rng.choice((1, 2, 3)))) for _ in range(n)})

    def files(folder: Path) -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}

    written = [grams.Written.of(f"c{i}", 1, some_keys(rng.randint(50, 400)), ()) for i in range(8)]
    old = tmp_path / "whole-start"
    size = grams.write_keys(old, written)
    updated = 0
    for n in range(40):
        i = rng.randrange(len(written))
        held = written[i].keys
        gained = some_keys(rng.randint(0, 40) if n % 10 else 3000)  # now and then enough for another file
        new = sorted(set(held) - set(rng.sample(held, k=min(len(held), rng.randint(0, 6)))) | set(gained))
        after = [*written[:i], grams.Written.of(f"c{i}", 1, new, ()), *written[i + 1:]]
        whole = tmp_path / f"whole{n}"
        whole_size = grams.write_keys(whole, after)
        got = grams.update_keys(old, tmp_path / f"updated{n}", size, {i: (written[i], after[i])})
        if got is None:
            assert len(files(whole)) != len(files(old)) and not (tmp_path / f"updated{n}").exists()
            old, size = whole, whole_size
        else:
            assert got == whole_size and files(tmp_path / f"updated{n}") == files(whole)
            old, size, updated = tmp_path / f"updated{n}", got, updated + 1
        written = after
    assert 20 <= updated < 40
