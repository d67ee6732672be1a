"""The one text form that the search index and the search box share.

Text is normalised as the redaction and the leak check normalise it
(``redaction.normalize``: Unicode NFKC, so 全角/半角 letters and digits are one;
kanji variants and radicals folded: 髙→高, 﨑→崎, 邊→辺, ⻄→西 …; white space and
invisible characters removed), then lower-cased, cut into runs of
letters and digits, and each run into its characters, followed by a break:

    海外療養費、審議 → 海 外 療 養 費 ‖ 審 議 ‖

Every character is written as four base-36 digits of its code point, and the
break as ``zzzz`` (beyond Unicode), so that Pagefind sees ASCII words of one
length: it neither segments nor stems them, and cannot answer a word with a
shorter one. ``layouts/static/search.js`` applies the same steps to the query
(the variant table reaches it as ``static/variants.json``), so a word on the
page is found whether it is a whole word, part of a compound, katakana or a
number, and the positions Pagefind returns let the browser check that the
query's characters stand next to each other, in order, within a run.
"""

from __future__ import annotations

import re

from redaction.fastnorm import normalize_fast
from redaction.lookalikes import FOLD

VARIANTS = FOLD  # kanji variants and radicals, folded alike on both sides of the search
RUN = re.compile(r"[^\W_]+")
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
BREAK = "zzzz"  # after each run: no query matches across runs
_TOKEN = re.compile("[0-9a-z]{4}")


def normalize(text: str) -> str:
    """The redaction's normalisation (NFKC, kanji variants and radicals folded, white space and invisible
    characters removed: I SMS, 会 議 経 過 are one word), then lower case."""
    return normalize_fast(text).lower()


def runs(text: str) -> list[str]:
    """Runs of letters and digits of the normalised text."""
    return RUN.findall(normalize(text))


def code(char: str) -> str:
    n = ord(char)
    return "".join(DIGITS[n // 36 ** k % 36] for k in (3, 2, 1, 0))


def run_tokens(run: str) -> list[str]:
    """海外療養費 → the codes of 海 外 療 養 費 (the break after them is not the run's)."""
    return [code(c) for c in run]


class _Codes(dict[int, str]):
    """Code point → ``code`` of it and a space, worked out once per character (a ``str.translate`` table)."""

    def __missing__(self, n: int) -> str:
        value = self[n] = code(chr(n)) + " "
        return value


_CODES = _Codes()


def stream(text: str) -> tuple[str, int]:
    """The tokens of every run of ``text``, each run followed by ``BREAK``, joined by spaces, and
    how many there are: ``" ".join(t for r in runs(text) for t in [*run_tokens(r), BREAK])``."""
    found = runs(text)
    if not found:
        return "", 0
    return f"{BREAK} ".join(run.translate(_CODES) for run in found) + BREAK, sum(map(len, found)) + len(found)


def decode(stream: str) -> str:
    """The text behind a token stream, a space for each break: what the index says, readable
    again. A word that is not a token stays as it is, between spaces."""
    return "".join(map(_CHARS.__getitem__, stream.split()))


class _Chars(dict[str, str]):
    """A token → its character (a space for ``BREAK``), worked out once each."""

    def __missing__(self, token: str) -> str:
        if not _TOKEN.fullmatch(token):
            return f" {token} "
        n = int(token, 36)
        value = self[token] = chr(n) if n <= 0x10FFFF else f" {token} "
        return value


_CHARS = _Chars({BREAK: " "})
