"""Leak verification: no withheld text in any file of a build.

Every file is read (Pagefind's gzipped files decompressed, the search
records' and the index's tokens read back as text), decoded as text, HTML entities,
tags, percent-encoding and JSON escapes undone where the text holds them,
and normalised with the matching rule (NFKC, white space and invisible
characters removed) before the withheld strings are searched for with one
Aho-Corasick automaton, on ``jobs`` forked processes. A memo of the files
found clean (their SHA-256 and that of each secret looked for, never the
text) lets a rebuild scan only new files and new secrets. Messages name the
file, the meeting and the category, never the withheld text.
"""

from __future__ import annotations

import gzip
import html
import json
import multiprocessing
import os
import re
import unicodedata
import zlib
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

import ahocorasick

from kaigiroku.core.errors import BuildFailure
from kaigiroku.core.memory import shared
from kaigiroku.core.messages import say

from . import fastnorm, searchform, verifymemo
from .fastnorm import normalize_fast
from .ledger import Ledger
from .lookalikes import FOLD
from .normalize import normalize
from .searchform import BREAK, decode, run_tokens, runs
from .shortnames import SHORT, inside_public, public_holding

MIN_LENGTH = 2  # shorter strings cannot be told apart from ordinary text
MIN_BLOCK_PIECE = 6
_APART = "\ufffd"  # between texts read at once: a starter that NFKC keeps and nothing composes with
_PIECES = re.compile(r"[。\n|*`#>\[\]()_~！？!?「」『』]+|^\s*(?:[-+*]|\d+[.)])\s+", re.M)
_JSON_ESCAPE = re.compile(r"\\u[0-9a-fA-F]{4}(?:\\u[0-9a-fA-F]{4})?")
_CBOR_TOKEN = re.compile(r"(?<=d)[0-9a-z]{4}(?![0-9a-z])")
_RECORD_CONTENT = re.compile(r'("content"\s*:\s*")([^"\\]*(?:\\.[^"\\]*)*)')  # the key, the string's body
_CONTENT_KEY = b'"content":"'
_TOKEN_BYTES = b"0123456789abcdefghijklmnopqrstuvwxyz "
_TAG = re.compile(r"<[^<>]*>")
_PERCENT = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
PAGEFIND = b"pagefind_dcd"  # what a Pagefind file starts with once decompressed: JSON (a record) or CBOR follows
BLOCK = 1 << 14  # characters of a long text searched at once (see Scanner)
SMALL = 1 << 20  # characters of texts read in one process sooner than forking workers to read them
# The search's pair index (kaigiroku/search/grams.py): files of keys (pairs and triples of neighbouring
# characters, without the text around them; per chunk and for the whole index) and the text of each chunk.
INDEX_KEYS = re.compile(r"search/g/(?:k\d+|(c\d+)/\d+)")
INDEX_TEXTS = re.compile(r"search/g/(c\d+)/t\d+-\d+")
COPIES = re.compile(r"pagefind/")  # Pagefind writes its scripts into every bundle: files elsewhere are not copies


@dataclass(frozen=True)
class Secret:
    meeting: str
    category: str
    how: str
    public: tuple[str, ...] = ()  # a two-character secret: the public words it may stand inside (shortnames)
    # A number read without its separators, as the search holds it (189-0023 → 1890023): found only
    # where no digit stands next to it (11,890,023 does not hold 〒189-0023).
    apart: bool = False


@dataclass(frozen=True)
class Leak:
    path: str
    meeting: str
    category: str
    how: str
    key: str = field(default="", repr=False, compare=False)  # the normalised secret: never printed (``origin``)

    @property
    def message(self) -> str:
        what = say("withheld {category} text of {meeting} ({how})", category=self.category, meeting=self.meeting,
                   how=self.how)
        return say("{what} appears in this public file; the build was stopped", what=what)


def secrets_of(ledger: Ledger, public_texts: Sequence[str],
               listed: Mapping[str, Iterable[str]] | None = None, jobs: int = 1,
               memo: Path | None = None, keys: Sequence[str] = (), public: Sequence[str] = ()) -> dict[str, Secret]:
    """Normalised withheld strings. Pieces of a withheld block that are also
    published on purpose elsewhere (a sentence quoted in another meeting's
    minutes: ``public_texts``, read on ``jobs`` processes) or listed by the
    block's own meeting (an agenda item the block restates: ``listed``,
    meeting → texts) are not secrets; inline, term and detector strings
    always are. With a ``memo`` (a file outside the site), a text that
    ``keys`` names (the SHA-256 of what it was made from; "" for none) is
    read again only for pieces the last run did not look for, or whose
    remembered quoting texts are gone. A secret of two characters is no leak
    inside one of the ``public`` words that holds it (``shortnames``)."""
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
        published = _quoted(pieces, public_texts, keys, jobs, memo)
        owners = {secret.meeting for secret in pieces.values()}
        apart = _APART if not any(_APART in key for key in pieces) else None
        for meeting, texts in (listed or {}).items():
            if meeting in owners:  # a meeting's texts, read at once: nothing normalises the mark between away
                found = [automaton.iter(normalize_fast(apart.join(texts)))] if apart else map(
                    automaton.iter, map(normalize_fast, texts))
                published |= {key for matches in found for _, key in matches if pieces[key].meeting == meeting}
        for key in published:
            del pieces[key]
    for key, secret in pieces.items():
        secrets.setdefault(key, secret)
    for key, secret in list(secrets.items()):
        parts = runs(key)
        indexed = "".join(parts)  # how the search records hold it: letters and digits, folded
        if len(indexed) >= MIN_LENGTH:
            secrets.setdefault(indexed, replace(secret, apart=len(parts) > 1 and indexed.isdigit()))
    words = [*public, *(searchform.normalize(w) for w in public)]
    return {key: replace(secret, public=public_holding(key, words)) if len(key) <= SHORT else secret
            for key, secret in secrets.items()}


def _quoted(pieces: Iterable[str], texts: Sequence[str], keys: Sequence[str], jobs: int,
            memo: Path | None) -> set[str]:
    """The ``pieces`` that the normalised ``texts`` hold. With a ``memo``, only new texts are read
    for every piece, and the texts the memo's run read only for pieces it did not look for or
    whose remembered holders are all gone (none, unless a withheld block or a quoting meeting
    changed); the memo then remembers this run's texts and holders."""
    checker = _checker()
    known = verifymemo.load_quoted(memo, checker)
    fastnorm.tables(_kept_tables(memo))
    digest_of = {piece: verifymemo.secret_digest(piece) for piece in pieces}
    keys = [*keys, *[""] * (len(texts) - len(keys))]
    index = {key: i for i, key in enumerate(keys) if key}
    holders = {d: [index[key] for key in known.pieces.get(d, ()) if key in index] for d in digest_of.values()}
    lost = [p for p, d in digest_of.items() if d not in known.pieces or (known.pieces[d] and not holders[d])]
    fresh = sorted((i for i, key in enumerate(keys) if key not in known.texts), key=lambda i: not keys[i])
    again = [i for i, key in enumerate(keys) if key in known.texts] if lost else []
    for chosen, wanted in ((fresh, list(digest_of)), (again, lost)):  # texts with a key first: remembered
        if chosen:
            for piece, held in _held(_automaton(wanted), [texts[i] for i in chosen], jobs).items():
                holders[digest_of[piece]] += [chosen[n] for n in held]
    if memo is not None:
        read = [key for key in keys if key]
        position = {key: n for n, key in enumerate(read)}
        verifymemo.save_quoted(memo, checker, read, {d: sorted(position[keys[i]] for i in held if keys[i])
                                                     for d, held in holders.items()})
    return {piece for piece, d in digest_of.items() if holders[d]}


def _held(automaton: "ahocorasick.Automaton", texts: Sequence[str], jobs: int) -> dict[str, list[int]]:
    """For each key of ``automaton`` that the normalised ``texts`` hold, the first two of them that
    hold it (their places in ``texts``), read on ``jobs`` forked processes (normalising the minutes of
    1,000 meetings takes about half a second). Only two: in a 10,000-meeting archive each piece
    may be in thousands of minutes."""
    if jobs <= 1 or sum(map(len, texts)) < SMALL:
        return _first_holders(automaton, texts, range(len(texts)))
    fastnorm.tables()  # made once, before the workers fork
    _worker.update(automaton=automaton, texts=texts)
    try:
        with shared(), multiprocessing.get_context("fork").Pool(jobs) as pool:
            parts = pool.map(_held_by_part, [(part, jobs) for part in range(jobs)])
    finally:
        _worker.clear()
    held: dict[str, list[int]] = defaultdict(list)
    for part in parts:
        for key, places in part.items():
            held[key] = sorted(held[key] + places)[:verifymemo.HOLDERS]
    return held


def _first_holders(automaton: "ahocorasick.Automaton", texts: Sequence[str], places: Iterable[int]) -> dict[str, list[int]]:
    held: dict[str, list[int]] = defaultdict(list)
    for text, place in zip(texts, places):
        for key in {key for _, key in automaton.iter(normalize_fast(text))}:
            if len(held[key]) < verifymemo.HOLDERS:
                held[key].append(place)
    return held


def _held_by_part(part: tuple[int, int]) -> dict[str, list[int]]:
    """``_first_holders`` of every ``n``-th text from the ``i``-th (``part`` = (i, n))."""
    i, n = part
    texts = _worker["texts"]
    return dict(_first_holders(_worker["automaton"], texts[i::n], range(i, len(texts), n)))


def _automaton(keys: Iterable[str]) -> "ahocorasick.Automaton":
    automaton = ahocorasick.Automaton()
    for key in keys:
        automaton.add_word(key, key)
    automaton.make_automaton()
    return automaton


def variants(data: bytes) -> list[str]:
    """A file's bytes as each text a reader could see, compression and encodings undone; each
    distinct text once. An encoding is undone only where the text holds it (a variant that
    would equal the text is left out)."""
    data = _unzipped(data)
    record = data.startswith(PAGEFIND)
    if record:
        data = data[len(PAGEFIND):]
    text = data.decode("utf-8", errors="replace")
    if record and data[:1] != b"{":
        # Pagefind's index, filter and meta files are CBOR: their strings reach a reader only as
        # strings (the search page sets them as text), never as markup, a URL or JSON.
        return list(dict.fromkeys([text, _words(text)]))
    if record:  # a record (JSON): its tokens read back as text, all else as it is
        text = _RECORD_CONTENT.sub(lambda m: m.group(1) + decode(m.group(2)), text)
    if "<" in text and _TAG.search(text):
        # Markup: the tags' own text (attributes), and the rest with the tags removed, so that
        # `山<strong>田</strong>太郎` reads as the whole name; entities undone in both.
        tags = "\n".join(_TAG.findall(text))
        found = [tags, html.unescape(tags), html.unescape(_TAG.sub("", text))]
    else:
        found = [text, html.unescape(text)] if "&" in text else [text]
    if "%" in text:
        found.append(_PERCENT.sub(_unquote, text))  # urllib.parse.unquote, without its cost per ASCII run
    if "\\u" in text:
        found.append(_JSON_ESCAPE.sub(lambda m: json.loads(f'"{m.group(0)}"'), text))
    return list(dict.fromkeys(found))


def record_tokens(data: bytes) -> tuple[bytes, str] | None:
    """A Pagefind record's bytes without its tokens, and its tokens with the breaks taken out;
    None for any other file, and for a record whose content is not tokens alone."""
    data = _unzipped(data)
    if not data.startswith(PAGEFIND + b"{"):
        return None
    start = data.find(_CONTENT_KEY)
    start, end = start + len(_CONTENT_KEY), data.find(b'"', start + len(_CONTENT_KEY))
    if start < len(_CONTENT_KEY) or end < 0 or data[start:end].translate(None, _TOKEN_BYTES):
        return None  # no content as Pagefind writes it, or one with other characters than tokens
    tokens = f" {data[start:end].decode('ascii')} ".replace(f" {BREAK} ", " ")
    if f" {BREAK} " in tokens:  # a break next to a break shares a space with it
        tokens = tokens.replace(f" {BREAK} ", " ")
    return data[:start] + data[end:], tokens


def _unzipped(data: bytes) -> bytes:
    """Gzip undone (Pagefind's files); the bytes as they are if they are not gzip or not whole."""
    if data[:2] == b"\x1f\x8b":
        try:
            return gzip.decompress(data)
        except (OSError, EOFError, zlib.error):
            pass
    return data


def _words(cbor: str) -> str:
    """The index's words (CBOR strings of one token: a header byte, then four base-36 digits),
    each read back as its character; a character that no normalisation joins to another between."""
    return _APART.join(map(decode, _CBOR_TOKEN.findall(cbor)))


def _unquote(m: re.Match[str]) -> str:
    return bytes.fromhex(m.group(0).replace("%", "")).decode("utf-8", errors="replace")


def readable(data: bytes, scanner: Scanner | None = None) -> str:
    """A file's bytes as text a reader could see: every variant, normalised, one per line;
    with a ``scanner``, only the variants that may hold one of its secrets."""
    return "\n".join(normalize_fast(v) for v in variants(data) if scanner is None or scanner.may_hold(v))


class Scanner:
    """Finds secrets in normalised texts with one Aho-Corasick automaton. A long text is read
    block by block, and a block without a single non-ASCII character of any secret (an ASCII
    block, most of a search record's tokens, most of a binary index file) is searched for the
    ASCII secrets only: each other secret has such a character in all its occurrences."""

    def __init__(self, keys: Iterable[str], public: Mapping[str, tuple[str, ...]] | None = None,
                 apart: Iterable[str] = ()) -> None:
        keys = list(keys)
        self.public = {key: words for key, words in (public or {}).items() if words and key in keys}
        self.apart = {key for key in apart if key in keys}
        longest = max(map(len, keys), default=1)
        wide = {c for key in keys for c in key if not c.isascii()}
        self.all = _automaton(keys)
        self.ascii = _automaton(k for k in keys if k.isascii())
        self.wide = re.compile("[" + "".join(map(re.escape, sorted(wide))) + "]") if wide else None
        self.sources = _sources(wide) if self.ascii.kind == ahocorasick.EMPTY else None
        self.overlap = longest - 1  # every occurrence lies wholly inside one block
        self.block = max(BLOCK, 16 * longest)
        self.tokens = _token_automaton(keys)

    def may_hold(self, raw: str) -> bool:
        """Whether the normalised form of ``raw`` may hold a secret: not if there are no ASCII
        secrets and no character of ``raw`` decomposes into a character of one of the others
        (NFKC only composes what NFKD gives, so each non-ASCII character of a match comes from
        characters of ``raw`` whose NFKD holds one of the non-ASCII characters of its NFKD)."""
        sources = self.sources
        return sources is None or any(sources.search(raw, *span) for span in fastnorm.non_ascii_spans(raw))

    def found(self, text: str) -> list[str]:
        """The keys the text holds, each once, in the order they first appear."""
        first: dict[str, int] = {}
        for start in range(0, len(text), self.block - self.overlap):
            block = text[start:start + self.block]
            wide = not block.isascii() and self.wide is not None and self.wide.search(block) is not None
            automaton = self.all if wide else self.ascii
            if automaton.kind != ahocorasick.EMPTY:
                for end, key in automaton.iter(block):
                    first.setdefault(key, start + end)
            if start + self.block >= len(text):
                break
        return [key for key in sorted(first, key=first.__getitem__) if self.alone(text, key)]

    def alone(self, text: str, key: str) -> bool:
        """Whether ``key`` stands in ``text`` outside the public words that may hold it, and, for a
        number read without its separators, with no digit next to it."""
        words, apart = self.public.get(key), key in self.apart
        if not words and not apart:
            return True
        at = text.find(key)
        while at >= 0:
            end = at + len(key)
            if not (words and inside_public(text, at, len(key), words)) and not (
                    apart and (text[at - 1:at].isdigit() or text[end:end + 1].isdigit())):
                return True
            at = text.find(key, at + 1)
        return False

    def in_tokens(self, tokens: str) -> list[str]:
        """The keys a record's tokens (breaks taken out, ``record_tokens``) hold, each once. The
        tokens are read as they are, not decoded: each key that the index can hold (letters and
        digits, lower case, folded: ``secrets_of`` adds that form of every secret) is looked for
        as its tokens. Every token has four characters and one space after it, so a key's tokens
        (two at least) can only be found where they start a token."""
        if self.tokens.kind == ahocorasick.EMPTY:
            return []
        found = list(dict.fromkeys(key for _, key in self.tokens.iter(tokens)))
        if any(key in self.public or key in self.apart for key in found):
            text = searchform.normalize(decode(tokens))
            found = [key for key in found if self.alone(text, key)]
        return found


def reveals(data: bytes, scanner: Scanner) -> list[str]:
    """The keys a file reveals: what ``scanner.found(readable(data))`` says, a search record's
    tokens searched for without being decoded."""
    data = _unzipped(data)  # once, not in each reading
    record = record_tokens(data)
    if record is None:
        return scanner.found(readable(data, scanner))
    rest, tokens = record
    return list(dict.fromkeys(scanner.found(readable(rest, scanner)) + scanner.in_tokens(tokens)))


def _token_automaton(keys: list[str]) -> "ahocorasick.Automaton":
    """Keys that a search record can hold, by their tokens: ``" ".join(run_tokens(key))`` → key."""
    automaton = ahocorasick.Automaton()
    for key in keys:
        if len(key) >= MIN_LENGTH and "".join(runs(key)) == key:
            automaton.add_word(" ".join(run_tokens(key)) + " ", key)
    automaton.make_automaton()
    return automaton


def _sources(wide: set[str]) -> re.Pattern[str] | None:
    """The characters whose NFKD shares a non-ASCII character with that of a ``wide`` one, and the
    look-alikes folded to such a character (髙 for a secret with 高)."""
    parts = {c for ch in wide for c in unicodedata.normalize("NFKD", ch) if not c.isascii()}
    if not parts:
        return None
    sources = {chr(code) for code in range(0x80, 0x10000) if parts.intersection(unicodedata.normalize("NFKD", chr(code)))}
    sources |= {c for c, folded in FOLD.items() if parts.intersection(unicodedata.normalize("NFKD", folded))}
    return re.compile("[" + "".join(map(re.escape, sorted(sources))) + r"\U00010000-\U0010ffff]")


def verify(root: Path, secrets: dict[str, Secret], shown_root: str = "site", jobs: int = 1,
           memo: Path | None = None) -> list[Leak]:
    """Every leak in every file below ``root``; an empty list means none (``LeakCheck``)."""
    with LeakCheck(root, secrets, shown_root, jobs, memo) as check:
        return check.leaks()


class LeakCheck:
    """The check of every file below ``root``, on ``jobs`` forked processes. ``start``
    checks the files already there, but those below ``root/later``, while the build goes on (the
    pages while the search index is written); ``leaks`` checks every other file, waits, and
    returns every leak. With a ``memo`` (a file outside the site), a file found clean by an
    earlier run is searched only for the secrets that run did not look for, and, where no secret
    is new, one found again with the stamp it had then is not read again; after a run without a
    leak, the memo lists this run's files."""

    def __init__(self, root: Path, secrets: dict[str, Secret], shown_root: str = "site", jobs: int = 1,
                 memo: Path | None = None) -> None:
        self.root, self.secrets, self.shown_root, self.jobs, self.memo = root, secrets, shown_root, jobs, memo
        self._cut = len(str(root)) + 1  # of a path below ``root``, the characters that name ``root``
        self._pool: Any = None
        self._checker = ""  # set once the check is open
        self._wanted: dict[str, str] = {}  # digest → secret
        self._stamps: dict[str, Stamp] = {}  # what ``start`` checked: size, time, inode
        self._started: list[tuple[list[str], dict[str, str], Callable[[], list[Checked]]]] = []
        self._listed: list[str] = []  # the files ``leaks`` checked
        self._seen: verifymemo.Stamped = {}  # the last clean run's files, where no secret is new since
        self._clean: frozenset[str] = frozenset()  # digests of files the last clean run found clean

    def __enter__(self) -> LeakCheck:
        return self

    def _open(self) -> None:
        """Read the memo, make the scanners and fork the workers, once."""
        if self._checker:
            return
        self._checker = _checker()
        known = verifymemo.load(self.memo, self._checker)
        self._wanted = {verifymemo.secret_digest("\0".join((key, *s.public, *("apart",) * s.apart))): key
                        for key, s in self.secrets.items()}
        missing = [key for digest, key in self._wanted.items() if digest not in known.secrets] if known.files else []
        public = {key: s.public for key, s in self.secrets.items()}
        apart = [key for key, s in self.secrets.items() if s.apart]
        _worker.update(known=known.files, all=Scanner(self.secrets, public, apart),
                       short=tuple(key for key, s in self.secrets.items() if s.public),
                       missing=Scanner(missing, public, apart) if missing else None)
        fastnorm.tables(_kept_tables(self.memo))  # made once, before the workers fork
        if self.jobs > 1:
            with shared():  # the workers live while the index is written: they must not copy the archive
                self._pool = multiprocessing.get_context("fork").Pool(self.jobs)
        if known.files and not missing:  # a file with a stamp of the last run is what that run read; read
            # after the fork: this process alone looks them up (the workers would keep their own copies)
            self._seen, self._clean = verifymemo.load_stamps(_stamps_memo(self.memo), self._checker), known.files

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
        _worker.clear()

    def start(self, *later: str, within: Sequence[str] | None = None) -> None:
        """Check the files there now (below the folders ``root/<within>`` only, if given) but those
        below the folders ``root/<later>`` and those an earlier ``start`` took (the pages while the
        search index is written, then the index's new chunks while its bundles are); one that changes
        afterwards, or comes elsewhere, is checked by ``digests`` and ``leaks``, which walk every folder."""
        if self.secrets:
            self._open()
            found = self._files(later) if within is None else sorted(f for w in within for f in self._files(later, w))
            fresh = {path: stamp for path, stamp in found if path not in self._stamps}
            self._stamps |= fresh
            self._submit(list(fresh))

    def digests(self) -> dict[str, tuple[str, int]]:
        """Every file below ``root`` now, by its path relative to ``root`` (``/`` between folders): the
        SHA-256 and the size of the bytes the check read, once it has read them all (a file changed since
        it was read is read again by ``leaks``, which the build calls after); the build's
        manifest is made of them instead of reading every file again."""
        found = self._files()
        paths = [path for path, _ in found]
        if not self.secrets:  # nothing to look for, so nothing was read
            return {self._name(p): (verifymemo.digest(data := Path(p).read_bytes()), len(data)) for p in paths}
        results = self._results(found, again=False)  # ``leaks`` stamps every file again, after the manifest
        return {self._name(p): (results[p][0], results[p][3]) for p in paths}

    def leaks(self) -> list[Leak]:
        if not self.secrets:
            return []
        found = self._files()
        paths = self._listed = [path for path, _ in found]
        results = self._results(found)
        explained = self._in_index_text(paths, results)
        leaks = [Leak(f"{self.shown_root}/{self._name(path)}", s.meeting, s.category, s.how, key)
                 for path in paths for key, s in ((k, self.secrets[k]) for k in results[path][1])
                 if (path, key) not in explained]
        if self.memo is not None and not leaks:
            verifymemo.save(self.memo, self._checker, (results[path][0] for path in paths), self._wanted)
            verifymemo.save_stamps(_stamps_memo(self.memo), self._checker,
                                   {self._name(path): (*self._stamps[path], results[path][0]) for path in paths})
        return leaks

    def listing(self) -> dict[str, tuple[int, int]] | None:
        """After ``leaks``: the size and modification time of every file it checked, by its path
        relative to ``root``; None if it checked none (no secrets)."""
        if not self.secrets:
            return None
        return {self._name(path): self._stamps[path][:2] for path in self._listed}

    def _in_index_text(self, paths: list[str], results: Mapping[str, Checked]) -> set[tuple[str, str]]:
        """The short secrets (two characters, which public words may hold: 村山 in 東村山市) found as
        keys of the search's pair index where the index's own text holds them: a key is a pair or a
        triple of the text, read without the text around it, so whether it stands inside a public
        word is seen in the text (``INDEX_TEXTS``, read whole like every file, and reported there
        if it stands outside one; the workers that check them say which short secrets they hold at
        all). A key that no text of its chunk (of any chunk, for ``k<n>``) holds is reported."""
        held: defaultdict[str, set[str]] = defaultdict(set)  # chunk → the short secrets its texts hold
        found = []
        for p in paths:
            name = self._name(p)
            if m := INDEX_TEXTS.fullmatch(name):
                held[m.group(1)].update(results[p][2])
            elif m := INDEX_KEYS.fullmatch(name):
                found += [(p, m.group(1), key) for key in results[p][1] if self.secrets[key].public]
        every = set().union(*held.values())
        return {(p, key) for p, chunk, key in found if key in (held[chunk] if chunk else every)}

    def _results(self, found: list[tuple[str, Stamp]], again: bool = True) -> dict[str, Checked]:
        """What the check found in each file of ``found`` (paths with their stamps now): those not
        started yet, or (``again``) changed since, are checked now; it waits for every file."""
        self._open()
        stamps = self._stamps
        fresh = {path: stamp for path, stamp in found if path not in stamps or again and stamp != stamps[path]}
        stamps |= fresh
        self._submit(list(fresh))
        results: dict[str, Checked] = {}
        for files, same, checked in self._started:  # a file checked again: its last check counts
            by_path = dict(zip(files, checked()))
            results |= by_path | {path: by_path[twin] for path, twin in same.items()}
        return results

    def _unchanged(self, paths: list[str]) -> tuple[dict[str, Checked], list[str]]:
        """Of ``paths``, those of the last clean run with their stamps then (their findings), and the others."""
        seen: dict[str, Checked] = {}
        rest = []
        for path in paths:
            name = self._name(path)
            stamp = self._stamps[path]
            digest = verifymemo.stamped(self._seen.get(name), stamp, self._clean)
            if digest and not ("/t" in name and INDEX_TEXTS.fullmatch(name)):  # a text's name holds "/t"
                seen[path] = (digest, [], (), stamp[0])
            else:
                rest.append(path)
        return seen, rest

    def _name(self, path: str) -> str:
        """A path below ``root`` (as ``_files`` makes it) relative to it, with ``/`` between folders."""
        return path[self._cut:] if os.sep == "/" else path[self._cut:].replace(os.sep, "/")

    def _files(self, skip: Iterable[str] = (), within: str = "") -> list[tuple[str, Stamp]]:
        """Every file below ``root`` (or ``root/<within>``) but those below ``root/<skip>`` (folders
        not walked), sorted, each with its stamp (``_tree``)."""
        top = str(self.root)
        return _tree(os.path.join(top, within) if within else top, set(skip))

    def _submit(self, paths: list[str]) -> None:
        """Check ``paths`` (on the workers, each distinct file once); a file the last clean run read
        with the same stamp, where no secret is new since, takes that run's finding: clean (not the
        pair index's texts, whose short secrets are counted each time: ``_in_index_text``)."""
        if self._seen:
            seen, paths = self._unchanged(paths)
            if seen:
                self._started.append((list(seen), {}, lambda: list(seen.values())))
        distinct, same = _once(paths, self._stamps, lambda path: COPIES.match(self._name(path)) is None)
        if self._pool is None or len(distinct) <= CHUNK:
            checked = list(map(_check, distinct))
            self._started.append((distinct, same, lambda: checked))
        else:
            self._started.append((distinct, same, self._pool.map_async(_check, distinct, chunksize=CHUNK).get))


Stamp = tuple[int, int, int]  # a file's size, modification time and inode: a file whose stamp changed is read again


def _tree(top: str, skip: set[str]) -> list[tuple[str, Stamp]]:
    """Every file below ``top`` but those below its folders named in ``skip``, by path, each with its
    stamp, in one pass (a walk and then a ``stat`` of each path cost twice as much). A link to a
    folder is not followed (as ``os.walk`` does not); a link to a file is stamped as the file it
    names. A folder or a file that cannot be read stops the build rather than leave files unchecked."""
    found: list[tuple[str, Stamp]] = []
    folders = [top]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if not entry.is_dir():
                        st = entry.stat()
                        found.append((entry.path, (st.st_size, st.st_mtime_ns, st.st_ino)))
                    elif not entry.is_symlink() and not (folder == top and entry.name in skip):
                        folders.append(entry.path)
        except OSError as exc:
            raise BuildFailure(say("cannot read {path} to check it for withheld text: {problem}; nothing was published",
                                   path=exc.filename or folder, problem=exc.strerror)) from None
    found.sort()
    return found


def _once(paths: list[str], stamps: Mapping[str, tuple[int, int, int]],
          unique: Callable[[str], bool]) -> tuple[list[str], dict[str, str]]:
    """The files to read, and for each other file the one with the same bytes: Pagefind writes its
    scripts into every bundle, so files of one name and size (``stamps``) are compared by digest
    first; not those ``unique`` says are made once (every file outside the bundles: the pair
    index's names repeat in every chunk, the pages' sizes often coincide, but not their bytes, and
    comparing them cost a second of a 10,000-meeting rebuild)."""
    groups: dict[tuple[str, int], list[str]] = defaultdict(list)
    for path in paths:
        if not unique(path):
            groups[(os.path.basename(path), stamps[path][0])].append(path)
    same: dict[str, str] = {}
    for group in (g for g in groups.values() if len(g) > 1):
        first: dict[str, str] = {}
        for path in group:
            original = first.setdefault(verifymemo.digest(Path(path).read_bytes()), path)
            if original != path:
                same[path] = original
    return [path for path in paths if path not in same], same


def _stamps_memo(memo: Path | None) -> Path | None:
    """Where the stamps of the files a memo lists are kept: beside it."""
    return memo.with_name(f"{memo.name}-stamps") if memo else None


def _kept_tables(memo: Path | None) -> Path | None:
    """Where ``fastnorm.tables`` are kept: beside a memo."""
    return memo.with_name("normalize.pickle") if memo else None


def _checker() -> str:
    """What a memo's findings depend on besides the secrets: the code of the check, Unicode's version."""
    code = (Path(__file__), Path(fastnorm.__file__), Path(fastnorm.__file__).with_name("normalize.py"),
            Path(fastnorm.__file__).with_name("lookalikes.py"), Path(searchform.__file__))
    return verifymemo.digest(unicodedata.unidata_version.encode() + b"".join(p.read_bytes() for p in code))


CHUNK = 8  # files per task sent to a worker
_worker: dict[str, Any] = {}  # the scanners and the memo, set before the pool forks


Checked = tuple[str, list[str], tuple[str, ...], int]  # a file's digest, the keys it reveals, (the pair index's
# texts only) the short secrets it holds at all, inside public words too (``LeakCheck._in_index_text``), its size


def _check(path: str) -> Checked:
    """A file's digest, the keys it reveals, what a text of the pair index holds, and its size."""
    data = Path(path).read_bytes()
    digest = verifymemo.digest(data)
    scanner = _worker["missing"] if digest in _worker["known"] else _worker["all"]
    found = [] if scanner is None else reveals(data, scanner)
    short = _worker["short"]
    if short and (m := INDEX_TEXTS.search(name := path.replace(os.sep, "/"))) and m.end() == len(name):
        text = readable(data)
        return digest, found, tuple(key for key in short if key in text or key in text.lower()), len(data)  # keys: lower case
    return digest, found, (), len(data)
