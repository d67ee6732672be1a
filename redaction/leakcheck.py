"""Leak verification: no withheld text in any file of a build.

Every file is read (Pagefind's gzipped files decompressed, the search
records' bigram tokens read back as text), decoded as text, HTML entities,
percent-encoding and JSON escapes undone, and normalised with the matching
rule (NFKC, white space and zero-width characters removed) before the
withheld strings are searched for with one Aho-Corasick automaton.
Messages name the file, the meeting and the category, never the withheld
text.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import urllib.parse
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

import ahocorasick

from kaigiroku.searchtext import decode, runs

from .ledger import Ledger
from .normalize import normalize

MIN_LENGTH = 2  # shorter strings cannot be told apart from ordinary text
MIN_BLOCK_PIECE = 6
_PIECES = re.compile(r"[。\n|*`#>\[\]()_~！？!?「」『』]+|^\s*(?:[-+*]|\d+[.)])\s+", re.M)
_JSON_ESCAPE = re.compile(r"\\u[0-9a-fA-F]{4}(?:\\u[0-9a-fA-F]{4})?")
_TAG = re.compile(r"<[^<>]*>")


@dataclass(frozen=True)
class Secret:
    meeting: str
    category: str
    how: str


@dataclass(frozen=True)
class Leak:
    path: str
    meeting: str
    category: str
    how: str

    @property
    def message(self) -> str:
        return (f"withheld {self.category} text of {self.meeting} ({self.how}) "
                "appears in this public file; the build was stopped")


def secrets_of(ledger: Ledger, public_texts: Iterable[str],
               listed: Mapping[str, Iterable[str]] | None = None) -> dict[str, Secret]:
    """Normalised withheld strings. Pieces of a withheld block that are also
    published on purpose elsewhere (a sentence quoted in another meeting's
    minutes: ``public_texts``) or listed by the block's own meeting (an agenda
    item the block restates: ``listed``, meeting → texts) are not secrets;
    inline, term and detector strings always are."""
    secrets: dict[str, Secret] = {}
    pieces: dict[str, Secret] = {}
    for entry in ledger.entries:
        secret = Secret(entry.meeting, entry.category, entry.how)
        if entry.how == "block":
            for piece in _PIECES.split(entry.text):
                key = normalize(piece)
                if len(key) >= MIN_BLOCK_PIECE:
                    pieces.setdefault(key, secret)
        else:
            key = normalize(entry.text)
            if len(key) >= MIN_LENGTH:
                secrets.setdefault(key, secret)
    if pieces:
        automaton = _automaton(pieces)
        published = {key for text in public_texts for _, key in automaton.iter(normalize(text))}
        for meeting, texts in (listed or {}).items():
            published |= {key for text in texts for _, key in automaton.iter(normalize(text))
                          if pieces[key].meeting == meeting}
        for key in published:
            del pieces[key]
    for key, secret in pieces.items():
        secrets.setdefault(key, secret)
    for key, secret in list(secrets.items()):
        indexed = "".join(runs(key))  # how the search records hold it: letters and digits, folded
        if len(indexed) >= MIN_LENGTH:
            secrets.setdefault(indexed, secret)
    return secrets


def _automaton(keys: Iterable[str]) -> "ahocorasick.Automaton":
    automaton = ahocorasick.Automaton()
    for key in keys:
        automaton.add_word(key, key)
    automaton.make_automaton()
    return automaton


def readable(data: bytes) -> str:
    """A file's bytes as text a reader could see, compression and encodings undone."""
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error):
            pass
    record = data.startswith(b"pagefind_dcd")
    if record:
        data = data[len(b"pagefind_dcd"):]
    text = data.decode("utf-8", errors="replace")
    # Tags removed as well: `山<strong>田</strong>太郎` reads as the whole name.
    variants = [text, html.unescape(text), html.unescape(_TAG.sub("", text)), urllib.parse.unquote(text)]
    if record:
        variants.append(decode(text))
    if "\\u" in text:
        variants.append(_JSON_ESCAPE.sub(lambda m: json.loads(f'"{m.group(0)}"'), text))
    return "\n".join(normalize(v) for v in dict.fromkeys(variants))  # each distinct variant once


def verify(root: Path, secrets: dict[str, Secret], shown_root: str = "site") -> list[Leak]:
    """Every leak in every file below ``root``; an empty list means none."""
    if not secrets:
        return []
    automaton = _automaton(secrets)
    leaks: list[Leak] = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        text = readable(path.read_bytes())
        seen: set[str] = set()
        for _, key in automaton.iter(text):
            if key not in seen:
                seen.add(key)
                s = secrets[key]
                leaks.append(Leak(f"{shown_root}/{path.relative_to(root).as_posix()}", s.meeting, s.category, s.how))
    return leaks
