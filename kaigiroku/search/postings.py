"""The postings of a chunk of meetings, worked out with numpy arrays, not a Python loop per position.

A chunk's meetings (``d``: their place in the chunk) give, for each key:

- a **pair** of neighbouring tokens (``record.indexed_text``: a character per
  token, a space per break): ``[d, n, p1, p2 - p1, …]`` for each meeting that
  holds it, its ``n`` positions delta-coded;
- a **character** (not the break): ``[d, n, s1, c1, …]`` for each meeting,
  the ``n`` segments that hold it (ascending) and how often.

A key is held as one number, its first code point times ``2**22`` plus its
second plus one (0 for a character alone): numbers sort as the keys' strings
do ("a" < "ab" < "b"). Each key's numbers are written as JSON once, for the
whole chunk: the list is made as one array and cut at the keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .record import Segment

BREAK = " "  # the break token, as ``indexed_text`` writes it and the keys hold it (``外 ``, `` 療``)
SPACE = ord(BREAK)
SHIFT = 22  # bits of a key's second code point plus one (code points are below 2**21)
FNV_OFFSET, FNV_PRIME, MASK = 0x811C9DC5, 0x01000193, 0xFFFFFFFF


@dataclass(frozen=True)
class Postings:
    keys: list[str]  # sorted as strings
    lists: list[str]  # the JSON list of each key
    hashes: np.ndarray  # FNV-1a of each key's code points (``grams.bucket`` before the modulo)
    held: list[str]  # the characters, pairs and triples inside runs (no break), sorted


def of_chunk(meetings: Sequence[tuple[str, Sequence[Segment]]]) -> Postings:
    """The postings of the meetings ``(text, segments)``, in their order. The chunk's texts are one
    array; a pair or triple across two meetings is left out."""
    lengths = np.array([len(text) for text, _ in meetings], dtype=np.int64)
    c = np.frombuffer("".join(text for text, _ in meetings).encode("utf-32-le"), dtype=np.int32)  # below 2**21
    d = np.repeat(np.arange(len(meetings), dtype=np.int32), lengths)
    three = (d[:-2] == d[2:]) & (c[:-2] != SPACE) & (c[1:-1] != SPACE) & (c[2:] != SPACE)
    triples = np.unique(((c[:-2].astype(np.int64) << 42) | (c[1:-1].astype(np.int64) << 21) | c[2:])[three])
    del three
    segment = np.concatenate([np.zeros(0, dtype=np.int32), *(
        np.maximum(np.searchsorted([s[0] for s in segments], np.arange(n), side="right") - 1, 0).astype(np.int32)
        for (_, segments), n in zip(meetings, lengths.tolist()))])
    kept = c != SPACE
    chars = _chars((c[kept].astype(np.int64) << 40) | (d[kept].astype(np.int64) << 24) | segment[kept])
    del segment, kept
    within = d[:-1] == d[1:]  # a pair inside one meeting
    work = [((c[:-1].astype(np.int64) << SHIFT) | (c[1:] + 1))[within], d[:-1][within],
            (np.arange(len(c) - 1, dtype=np.int32) - (np.cumsum(lengths) - lengths).astype(np.int32)[d[:-1]])[within]]
    del c, d, within  # the pairs are the largest part: nothing else held while they are sorted
    pairs = _pairs(work)
    keys = np.concatenate([pairs[0], chars[0]])
    order = np.argsort(keys, kind="stable")
    lists = pairs[1] + chars[1]
    names = _names(keys[order])
    held = [k for k in names if " " not in k] + _triples(triples)
    return Postings(names, [lists[i] for i in order], _fnv(keys[order]), sorted(held))


def _pairs(work: list[np.ndarray]) -> tuple[np.ndarray, list[str]]:
    """Each pair key once, and ``[d, n, p1, p2 - p1, …]`` for each meeting that holds it, from
    ``work``: the keys, meetings and positions of every pair (emptied: each array is let go once sorted)."""
    order = np.argsort(work[0], kind="stable")  # meetings and positions stay ascending within a key
    keys, d, p = (work.pop(0)[order] for _ in range(3))
    del order
    new_key = _changes(keys)
    new_group = new_key | _changes(d)
    delta = np.empty_like(p)
    delta[1:] = p[1:] - p[:-1]
    delta[new_group] = p[new_group]
    del p
    return keys[new_key], _lists(new_key, new_group, d, [delta])


def _chars(combined: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Each character once (as a key), and ``[d, n, s1, c1, …]`` for each meeting that holds it."""
    found, counts = np.unique(combined, return_counts=True)
    char, d, segment = found >> 40, (found >> 24) & 0xFFFF, found & 0xFFFFFF
    new_key = _changes(char)
    return char[new_key] << SHIFT, _lists(new_key, new_key | _changes(d), d, [segment, counts])


def _changes(values: np.ndarray) -> np.ndarray:
    """Where a run of equal values starts."""
    out = np.ones(len(values), dtype=bool)
    out[1:] = values[1:] != values[:-1]
    return out


def _lists(new_key: np.ndarray, new_group: np.ndarray, d: np.ndarray, columns: list[np.ndarray]) -> list[str]:
    """The JSON list of each key: for each group (a meeting of the key) its ``d``, its number of
    items and the items (``columns`` side by side), one array cut where each key starts."""
    width = len(columns)
    starts = np.flatnonzero(new_group)
    sizes = np.diff(np.append(starts, len(d)))
    out = np.empty(len(d) * width + 2 * len(starts), dtype=np.int32)
    at = np.cumsum(new_group, dtype=np.int64)  # each item after its group's two numbers: 2 * (its group + 1) …
    at *= 2
    at += np.arange(len(d), dtype=np.int64) * width  # … and the items before it
    for k, column in enumerate(columns):
        out[at + k] = column
    del at
    heads = starts * width + 2 * np.arange(len(starts))
    out[heads] = d[starts]
    out[heads + 1] = sizes
    text, at = _decimal(out)
    cuts = [*at[heads[new_key[starts]]].tolist(), len(text) + 1]
    return ["[" + text[a:b - 1] + "]" for a, b in zip(cuts, cuts[1:])]


def _decimal(values: np.ndarray) -> tuple[str, np.ndarray]:
    """The numbers (not negative, below 2**31) as one text of decimals, a comma after each but the
    last, and where each number starts in it: every number's digits at once, in a row of ``width``
    characters, of which only the digits it has and the comma are kept."""
    if not len(values):
        return "", np.zeros(0, dtype=np.int64)
    rest = values.astype(np.int32)
    width = len(str(int(rest.max())))
    rows = np.full((len(values), width + 1), ord(","), dtype=np.uint8)
    for k in range(width - 1, -1, -1):
        rows[:, k] = ord("0") + rest % 10
        rest //= 10
    del rest
    digits = np.ones(len(values), dtype=np.int8)
    for power in (10 ** k for k in range(1, width)):
        digits += values >= power
    kept = np.arange(width + 1, dtype=np.int8) >= (width - digits)[:, None]
    text = rows[kept][:-1].tobytes().decode("ascii")
    del rows, kept
    at = np.cumsum(digits, dtype=np.int64)
    at += np.arange(len(values), dtype=np.int64)  # the commas
    at -= digits
    return text, at


def _names(keys: np.ndarray) -> list[str]:
    """The keys' strings: a character, or a pair."""
    first, second = keys >> SHIFT, (keys & ((1 << SHIFT) - 1)) - 1
    wide = np.stack([first, np.where(second < 0, 0, second)], axis=1).astype(np.uint32)
    text = wide.tobytes().decode("utf-32-le")
    return [text[2 * i] if s < 0 else text[2 * i:2 * i + 2] for i, s in enumerate(second.tolist())]


def _triples(triples: np.ndarray) -> list[str]:
    wide = np.stack([triples >> 42, (triples >> 21) & 0x1FFFFF, triples & 0x1FFFFF], axis=1).astype(np.uint32)
    text = wide.tobytes().decode("utf-32-le")
    return [text[i:i + 3] for i in range(0, len(text), 3)]


def _fnv(keys: np.ndarray) -> np.ndarray:
    """FNV-1a over each key's code points (``grams.bucket``), for every key at once."""
    first, second = keys >> SHIFT, (keys & ((1 << SHIFT) - 1)) - 1
    h = ((FNV_OFFSET ^ first) * FNV_PRIME) & MASK
    two = second >= 0
    h[two] = ((h[two] ^ second[two]) * FNV_PRIME) & MASK
    return h
