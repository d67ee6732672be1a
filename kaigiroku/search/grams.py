"""The search's own index: character pairs and their positions, in chunks of meetings, hashed into small files.

A meeting's text is the token stream of its record (``record.indexed_text``): each
character of each run of letters and digits, and a break after each run. The
index holds, for each **pair** of neighbouring tokens (a break included:
``外療``, ``外 `` before a break, `` 療`` after one), the positions where it
stands, and for each **character** the speeches (segments) that hold it and
how often. A query of two characters or more is checked exactly on the
positions of its pairs; a query of one character needs no position.

The meetings are cut, oldest first, into chunks (``c0`` the oldest) of 50
meetings, 100 from 2,000 meetings, 200 from 5,000 (``scale``): an edit changes one chunk, a new meeting the newest. A chunk's
keys are spread by ``bucket`` over as many files as make about
``Scale.bucket_bytes`` each, so that a query fetches, per chunk it reads, only the
files of its own keys. ``g/k<n>`` says for each key which chunks hold it: a
query reads those first and opens only the chunks that can match, newest
first, until a page of results is full. ``g/<chunk>/d<n>`` describes the
chunk's meetings ``PART`` at a time (page, title, date, council, speeches, the
public names of their speakers),
``g/<chunk>/t<i>-<j>`` the text of the speeches of meeting ``i``, about
``Scale.text_chars`` characters a file (for the excerpts of the results shown).
A large archive has larger files: fewer of them to write, check and publish
on every build, for a few more bytes per query.

Every file is JSON, gzip-compressed (deterministically), so that the leak
check reads it as text; positions are numbers, delta-coded per meeting.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import pickle
from bisect import insort
from collections import defaultdict
from dataclasses import dataclass, replace
from itertools import accumulate
from operator import sub
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from kaigiroku.content.model import Meeting
from kaigiroku.content.wareki import japanese_date

from .pagetext import read_page
from .record import Segment, indexed_text

FOLDER = "search/g"
PART = 25  # meetings per file of a chunk's descriptions (``d<n>``): a query loads those of its results
KEY_BYTES = 8_000  # JSON bytes a file of ``g/k<n>`` aims at before compression (about 3 KB after)
Doc = dict[str, Any]


@dataclass(frozen=True)
class Scale:
    """How the index of an archive of a given size is cut into files (``scale``)."""

    meetings: int  # per chunk
    bucket_bytes: int  # JSON bytes a bucket file aims at before compression (8,000: about 3 KB after)
    text_chars: int  # characters of speeches per file of excerpts' text (``t<i>-<j>``)


SCALES = ((2_000, Scale(50, 8_000, 2_000)), (5_000, Scale(100, 8_000, 2_000)))  # below so many meetings
LARGE = Scale(200, 16_000, 4_000)


@dataclass(frozen=True)
class Chunk:
    index: int  # 0: the oldest
    meetings: tuple[Meeting, ...]  # newest first
    scale: Scale

    @property
    def name(self) -> str:
        return f"c{self.index}"


@dataclass(frozen=True)
class Written:
    """A chunk's index as written: what the global files need of it."""

    name: str
    buckets: int
    keys_text: str  # the characters, pairs and triples inside its runs (for ``g/k<n>``), a line each
    docs: tuple[Doc, ...]
    keys_digest: str  # SHA-256 of ``keys_text``: the ``g/k<n>`` files are the same while every chunk's are

    @classmethod
    def of(cls, name: str, buckets: int, keys: Sequence[str], docs: tuple[Doc, ...]) -> Written:
        text = "\n".join(keys)  # no key holds a line break
        return cls(name, buckets, text, docs, hashlib.sha256(text.encode()).hexdigest())

    @property
    def keys(self) -> list[str]:
        """Split only where the ``g/k<n>`` files are written again: 100,000 keys a chunk."""
        return self.keys_text.split("\n") if self.keys_text else []

    def save(self, path: Path) -> None:
        """Pickled (a file of the store, never published): read back four times faster than JSON."""
        path.write_bytes(pickle.dumps((self.name, self.buckets, self.keys_text, self.docs, self.keys_digest),
                                      pickle.HIGHEST_PROTOCOL))

    @classmethod
    def saved(cls, path: Path) -> Written:
        return cls(*pickle.loads(path.read_bytes()))


def scale(meetings: int) -> Scale:
    """Small chunks make an edit cheap to index again, large ones make a rare word cheap to find in a
    large archive; larger files make fewer of them. In steps, so that a new meeting seldom changes
    every chunk."""
    return next((s for below, s in SCALES if meetings < below), LARGE)


def chunks(meetings: Sequence[Meeting], size: int = 0) -> list[Chunk]:
    """``meetings`` (newest first, the archive's order) in chunks of ``size`` (0: as ``scale`` says),
    counted from the oldest."""
    cut = scale(len(meetings))
    cut = replace(cut, meetings=size) if size else cut
    urls = [m.url for m in meetings]
    oldest = sorted(range(len(meetings)), key=lambda i: (meetings[i].date, urls[i]))
    chunk_of = {i: n // cut.meetings for n, i in enumerate(oldest)}
    out: list[list[Meeting]] = [[] for _ in range(-(-len(meetings) // cut.meetings))]
    for i, m in enumerate(meetings):
        out[chunk_of[i]].append(m)
    return [Chunk(n, tuple(of_chunk), cut) for n, of_chunk in enumerate(out)]


def bucket(key: str, buckets: int) -> int:
    """FNV-1a over the key's code points (``search.js`` computes the same)."""
    h = 0x811C9DC5
    for c in key:
        h = ((h ^ ord(c)) * 0x01000193) & 0xFFFFFFFF
    return h % buckets


def _delta(values: list[int]) -> list[int]:
    return [values[0], *map(sub, values[1:], values)]


PageParts = tuple[str, dict[int, str], tuple[Segment, ...], str, list[str]]  # what a chunk needs of a staged page:
# its title, its speakers' public names, and ``indexed_text``'s segments, token text and speeches' texts


def page_parts(root: Path, m: Meeting) -> PageParts:
    """What a chunk needs of the staged page of ``m`` under ``root``."""
    page = read_page((root / m.url / "index.html").read_text(encoding="utf-8"))
    return (page.title, page.speakers, *indexed_text(page))


def write_chunk(root: Path, to: Path, chunk: Chunk,
                parts: Callable[[Path, Meeting], PageParts] = page_parts) -> Written:
    """Read the chunk's staged pages under ``root`` (with ``parts``) and write its files into ``to``."""
    from . import postings  # numpy: only a build that writes a chunk imports it (its workers, on the first)

    to.mkdir(parents=True, exist_ok=True)
    indexed = []
    docs = []
    for d, m in enumerate(chunk.meetings):
        title, speakers, segments, text, texts = parts(root, m)
        indexed.append((text, segments))
        entry = doc(m, title, segments, speakers)
        entry["texts"] = write_texts(to, d, texts, chunk.scale.text_chars)
        docs.append(entry)
    found = postings.of_chunk(indexed)
    size = sum(len(k) + len(v) + 6 for k, v in zip(found.keys, found.lists))
    buckets = max(1, -(-size // chunk.scale.bucket_bytes))
    files: list[list[str]] = [[] for _ in range(buckets)]
    for key, listed, b in zip(found.keys, found.lists, (found.hashes % buckets).tolist()):
        files[b].append(f"{json.dumps(key, ensure_ascii=False)}:{listed}")
    for b, pairs in enumerate(files):
        _write_raw(to / f"{b}", "{" + ",".join(pairs) + "}")
    for j in range(0, len(docs), PART):
        write_json(to / f"d{j // PART}", docs[j:j + PART])
    return Written.of(chunk.name, buckets, found.held, tuple(docs))


def write_texts(to: Path, d: int, texts: list[str], chars: int) -> list[int]:
    """The speeches' texts of meeting ``d`` in files of about ``chars`` characters (``t<d>-<j>``, a
    longer speech alone): an excerpt loads the file of its speech. The first segment of each file."""
    firsts: list[int] = []
    size = chars
    for k, text in enumerate(texts):
        if size + len(text) > chars:
            firsts.append(k)
            size = 0
        size += len(text)
    for j, first in enumerate(firsts):
        write_json(to / f"t{d}-{j}", texts[first:firsts[j + 1] if j + 1 < len(firsts) else len(texts)])
    return firsts


def doc(m: Meeting, title: str, segments: Sequence[Segment], speakers: Mapping[int, str] | None = None) -> Doc:
    """A meeting as ``d<n>`` describes it; ``speakers`` (speech → public name, '' for none: the page's
    ``data-speaker``) gives ``speakers``, ``[speech, name, …]`` for each speech of a named speaker."""
    named = [x for speech, name in sorted((speakers or {}).items()) if name for x in (speech, name)]
    return {"url": m.url, "title": title, "date": m.date.isoformat(), "dateLabel": japanese_date(m.date),
            "council": m.council.name, "fy": m.fiscal_year,
            "segments": [[start, speech, role] for start, speech, role in segments],
            **({"speakers": named} if named else {})}


def speakers_of(d: Doc) -> tuple[str, ...]:
    """The public names of a meeting's speakers, as ``doc`` wrote them."""
    named = d.get("speakers", [])
    return tuple(sorted(set(named[1::2])))


def keys_digest(written: Sequence[Written]) -> str:
    """What the ``g/k<n>`` files are made of: each chunk's keys, in order."""
    return hashlib.sha256("\n".join(w.keys_digest for w in written).encode()).hexdigest()


def write_keys(folder: Path, written: Sequence[Written]) -> int:
    """``folder/k<n>``: for each key, the chunks that hold it (ascending); their size in JSON bytes,
    about, which chooses the number of files (``KEY_BYTES`` each)."""
    holders: defaultdict[str, list[int]] = defaultdict(list)
    for i, w in enumerate(written):
        for key in w.keys:
            holders[key].append(i)
    size = sum(_key_size(k, len(v)) for k, v in holders.items())
    buckets = max(1, -(-size // KEY_BYTES))
    files: list[dict[str, list[int]]] = [{} for _ in range(buckets)]
    for key in sorted(holders):
        files[bucket(key, buckets)][key] = _delta(holders[key])
    folder.mkdir(parents=True, exist_ok=True)
    for b, content in enumerate(files):
        write_json(folder / f"k{b}", content)
    return size


def _key_size(key: str, holders: int) -> int:
    """About the JSON bytes of a key of the key map and its list of chunks (none for no chunk)."""
    return len(key) * 3 + 4 * holders + 6 if holders else 0


def update_keys(old: Path, to: Path, size: int, changed: Mapping[int, tuple[Written, Written]]) -> int | None:
    """The ``k<n>`` files of ``old`` (``size``: what ``write_keys`` counted for them) with the chunks
    ``changed`` (index → what it held before, what it holds now) holding their new keys, into ``to``:
    the files of the keys gained or lost are written again, the others linked. Their new size, or
    None if that changes the number of files (``write_keys`` then writes them all)."""
    buckets = sum(1 for p in old.iterdir() if p.name.startswith("k"))
    files: dict[int, dict[str, list[int]]] = {}
    for i, (before, after) in changed.items():
        was, now = set(before.keys), set(after.keys)
        for key in was ^ now:
            b = bucket(key, buckets)
            if b not in files:
                files[b] = {k: list(accumulate(v)) for k, v in read(old / f"k{b}").items()}
            holders = files[b].setdefault(key, [])
            size -= _key_size(key, len(holders))
            if key in was:
                holders.remove(i)
            else:
                insort(holders, i)
            size += _key_size(key, len(holders))
            if not holders:
                del files[b][key]
    if max(1, -(-size // KEY_BYTES)) != buckets:
        return None
    to.mkdir(parents=True, exist_ok=True)
    for b in range(buckets):
        if b in files:
            write_json(to / f"k{b}", {k: _delta(v) for k, v in sorted(files[b].items())})
        else:
            os.link(old / f"k{b}", to / f"k{b}")
    return size


def chunk_list(chunks_: Sequence[Chunk], written: Sequence[Written]) -> list[dict[str, Any]]:
    """What ``pages.json`` says of each chunk, oldest first."""
    return [{"name": w.name, "n": len(c.meetings), "b": w.buckets,
             "from": min(m.date for m in c.meetings).isoformat(), "to": max(m.date for m in c.meetings).isoformat(),
             "fy": sorted({m.fiscal_year for m in c.meetings})} for c, w in zip(chunks_, written)]


def write_json(path: Path, value: object) -> None:
    _write_raw(path, json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def _write_raw(path: Path, text: str) -> None:
    path.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=4, mtime=0))


def read(path: Path) -> Any:
    return json.loads(gzip.decompress(path.read_bytes()))


def all_docs(written: Iterable[Written]) -> list[Doc]:
    return [d for w in written for d in w.docs]
