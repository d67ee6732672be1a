"""The one text form that the search index and the search box share.

Text is normalised (Unicode NFKC, so 全角/半角 letters and digits are one;
lower case; kanji variants folded: 髙→高, 﨑→崎, 邊→辺 …), cut into runs of
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

from redaction.fastnorm import nfkc_fast

# Kanji variants (異体字) folded to the common form on both sides of the search.
VARIANTS = {
    "髙": "高", "﨑": "崎", "嵜": "崎", "邊": "辺", "邉": "辺", "齋": "斎", "齊": "斉", "濵": "浜", "濱": "浜",
    "德": "徳", "惠": "恵", "澤": "沢", "櫻": "桜", "廣": "広", "國": "国", "學": "学", "會": "会", "眞": "真",
    "實": "実", "黑": "黒", "冨": "富", "藏": "蔵", "關": "関", "增": "増", "靜": "静", "條": "条", "嶋": "島",
    "嶌": "島", "槇": "槙", "𠮷": "吉", "舘": "館", "峯": "峰", "嶽": "岳", "彌": "弥", "壽": "寿", "圓": "円",
    "淸": "清", "兒": "児", "龍": "竜", "瀨": "瀬", "綠": "緑", "祿": "禄", "晝": "昼", "﨔": "欅",
}
_FOLD = re.compile(f"[{''.join(VARIANTS)}]")  # a regular expression: ten times faster than str.translate
RUN = re.compile(r"[^\W_]+")
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
BREAK = "zzzz"  # after each run: no query matches across runs
_TOKEN = re.compile("[0-9a-z]{4}")


def normalize(text: str) -> str:
    """NFKC, lower case, kanji variants folded, white space removed (I SMS, 会 議 経 過 are one word)."""
    folded = _FOLD.sub(lambda m: VARIANTS[m.group()], nfkc_fast(text).lower())
    return "".join(folded.split())  # what \s matches, faster than a regular expression


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
