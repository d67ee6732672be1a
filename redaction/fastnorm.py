"""``normalize`` for large texts (whole pages, index files) at table speed.

NFKC changes a character on its own unless the characters around it can
combine: a combining mark, a dakuten, a Hangul vowel or final consonant,
the second half of a canonical pair, or a character whose decomposition
starts with one. Such runs, with the character before them, go through
``unicodedata``; every other character through a table of single
characters, which also drops white space and invisible characters. The
result is exactly ``normalize`` (``tests/test_fastnorm.py``).
"""

from __future__ import annotations

import hashlib
import pickle
import re
import sys
import unicodedata
from pathlib import Path
from typing import Iterator

from kaigiroku.core.files import write_atomic

from . import normalize as normalize_module
from .lookalikes import TRANSLATION
from .normalize import _DROP, normalize

BLOCK = 1 << 12  # characters looked at at once for a non-ASCII one
_ASCII_SPACE = "".join(c for c in map(chr, range(128)) if c.isspace())  # what re's \s and str.split agree on


def _seconds() -> set[str]:
    """BMP characters that may combine with the character before them (no character
    outside the BMP decomposes into one: ``tests/test_fastnorm.py``)."""
    out = {chr(c) for c in range(0x1161, 0x1176)} | {chr(c) for c in range(0x11A8, 0x11C3)}
    for code in range(0x10000):
        ch = chr(code)
        if unicodedata.combining(ch):
            out.add(ch)
        parts = unicodedata.decomposition(ch).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            out.add(chr(int(parts[1], 16)))
    return out


Tables = tuple[dict[str, str], frozenset[str], re.Pattern[str]]
_TABLES: list[Tables] = []  # made or read once per process


def tables(kept: Path | None = None) -> Tables:
    """The table of single BMP characters that ``normalize`` changes, the characters that may
    combine, and the pattern of either: one of them with the run of combining ones after it.
    Making them takes about a tenth of a second; ``kept`` (a file in the build cache) keeps
    them between runs, for this Python, this Unicode version and this code."""
    if not _TABLES:
        code = (Path(__file__), Path(normalize_module.__file__), Path(normalize_module.__file__).with_name("lookalikes.py"))
        stamp = (sys.version, unicodedata.unidata_version, hashlib.sha256(b"".join(p.read_bytes() for p in code)).hexdigest())
        try:
            kept_stamp, table, unsafe, pattern = pickle.loads(kept.read_bytes()) if kept else ()
            if kept_stamp != stamp or not (isinstance(table, dict) and isinstance(unsafe, frozenset)
                                           and isinstance(pattern, re.Pattern)):
                raise ValueError
            _TABLES.append((table, unsafe, pattern))
        except (OSError, ValueError, TypeError, pickle.UnpicklingError, EOFError, AttributeError):
            _TABLES.append(_made())
            if kept:
                try:
                    write_atomic(kept, pickle.dumps((stamp, *_TABLES[0]), pickle.HIGHEST_PROTOCOL))
                except OSError:
                    pass  # a cache that cannot be written only costs time
    return _TABLES[0]


def _made() -> Tables:
    seconds = _seconds()
    table: dict[str, str] = {}
    unsafe = set(seconds)
    for code in range(0x80, 0x10000):
        ch = chr(code)
        if 0xD800 <= code <= 0xDFFF or ch in seconds:
            continue
        if unicodedata.normalize("NFKD", ch)[0] in seconds:
            unsafe.add(ch)
            continue
        mapped = normalize(ch)
        if mapped != ch:
            table[ch] = mapped
    unsafe_class = _char_class(unsafe) + r"\U00010000-\U0010ffff"
    # One character class first: re then skips every other character without trying a match.
    pattern = re.compile(f"(?s)[{_char_class(set(table))}{unsafe_class}][{unsafe_class}]*")
    return table, frozenset(unsafe), pattern


def _char_class(chars: set[str]) -> str:
    codes = sorted(map(ord, chars))
    ranges: list[str] = []
    start = prev = codes[0]
    for code in codes[1:] + [-1]:
        if code != prev + 1:
            ranges.append(re.escape(chr(start)) + ("-" + re.escape(chr(prev)) if prev > start else ""))
            start = code
        prev = code
    return "".join(ranges)


def non_ascii_spans(text: str) -> Iterator[tuple[int, int]]:
    """Spans of ``text`` that hold all its non-ASCII characters, found block by block; each ends
    at the end of the text or before an ASCII character, which nothing combines with."""
    start = None
    for i in range(0, len(text), BLOCK):
        if text[i:i + BLOCK].isascii():
            if start is not None:
                yield start, i
                start = None
        elif start is None:
            start = i
    if start is not None:
        yield start, len(text)


def normalize_fast(text: str) -> str:
    """Exactly ``normalize(text)``: NFKC, look-alikes folded, white space and invisible characters removed."""
    text = _fast(text)
    for char in _ASCII_SPACE:
        if char in text:
            text = text.replace(char, "")
    return text


def _fast(text: str) -> str:
    """``text`` with each character of ``tables``' table replaced by its ``normalize`` and each run that
    may combine by its NFKC, look-alikes folded, without white space and invisible characters."""
    if text.isascii():
        return text
    table, unsafe, pattern = tables()
    out: list[str] = []
    pos = 0
    for m in (m for span in non_ascii_spans(text) for m in pattern.finditer(text, *span)):
        a, b = m.span()
        if b - a == 1 and text[a] in table:
            out += (text[pos:a], table[text[a]])
        else:  # a run that may combine, with the character before it (never part of an earlier match)
            a -= a > pos and (text[a] in unsafe or ord(text[a]) > 0xFFFF)
            run = unicodedata.normalize("NFKC", text[a:b])
            out += (text[pos:a], _DROP.sub("", run.translate(TRANSLATION)))
        pos = b
    out.append(text[pos:])
    return "".join(out)
