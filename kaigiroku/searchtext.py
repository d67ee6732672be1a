"""The one text form that the search index and the search box share.

Text is normalised (Unicode NFKC, so 全角/半角 letters and digits are one;
lower case; kanji variants folded: 髙→高, 﨑→崎, 邊→辺 …), cut into runs of
letters and digits, and each run into overlapping character pairs
(bigrams) with its last character alone at the end:

    海外療養費 → 海外 外療 療養 養費 費

Every character is written as four base-36 digits of its code point, so
that Pagefind sees plain ASCII words and neither segments nor stems them.
``layouts/static/search.js`` applies the same steps to the query (the
variant table reaches it as ``static/variants.json``), so a word on the
page is found whether it is a whole word, part of a compound, katakana or a
number, and the positions Pagefind returns let the browser check that the
query's pairs stand next to each other, in order.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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
SPACE = re.compile(r"\s+")
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
# A run's tokens: c1c2 c2c3 … cn, not inside a longer word. Written to start with a character
# class (re then skips to the next letter or digit at once) and without backtracking.
_TOKEN_RUN = re.compile(r"[0-9a-z](?<![0-9a-z]{2})[0-9a-z]{3}(?:[0-9a-z]{4} [0-9a-z]{4})*+(?![0-9a-z])")


def normalize(text: str) -> str:
    """NFKC, lower case, kanji variants folded, white space removed (I SMS, 会 議 経 過 are one word)."""
    folded = _FOLD.sub(lambda m: VARIANTS[m.group()], unicodedata.normalize("NFKC", text).lower())
    return SPACE.sub("", folded)


def runs(text: str) -> list[str]:
    """Runs of letters and digits of the normalised text."""
    return RUN.findall(normalize(text))


def code(char: str) -> str:
    n = ord(char)
    return "".join(DIGITS[n // 36 ** k % 36] for k in (3, 2, 1, 0))


def run_tokens(run: str) -> list[str]:
    """海外療養費 → the codes of 海外 外療 療養 養費 費."""
    return [code(a) + code(b) for a, b in zip(run, run[1:])] + [code(run[-1])]


class _Codes(dict[int, str]):
    """Code point → ``code`` of it, worked out once per character (a ``str.translate`` table)."""

    def __missing__(self, n: int) -> str:
        value = self[n] = code(chr(n))
        return value


_CODES = _Codes()


def stream(text: str) -> tuple[str, int]:
    """The tokens of every run of ``text`` joined by spaces, and how many there are.

    The same string as ``" ".join(t for r in runs(text) for t in run_tokens(r))``, made
    without a string per character: a run translated to its codes holds each bigram at
    every fourth offset, and its last code alone at the end."""
    parts = []
    count = 0
    for run in runs(text):
        codes = run.translate(_CODES)
        parts.append(" ".join([codes[i:i + 8] for i in range(0, len(codes), 4)]))
        count += len(run)
    return " ".join(parts), count


def decode(stream: str) -> str:
    """The runs behind a token stream, joined by spaces: what the index says, readable again."""
    return _TOKEN_RUN.sub(lambda m: _decode_run(m.group(0)), stream)


@lru_cache(maxsize=1 << 14)  # the same words come back again and again
def _decode_run(tokens: str) -> str:
    """One run's tokens (a code and the next one, a space, every nine characters) as its text."""
    chars = [_CHARS[tokens[i:i + 4]] for i in range(0, len(tokens), 9)]
    return "".join(chars) + " " if all(chars) else tokens


def decode_token(token: str) -> str:
    """One token (a code or a pair of codes) as its text; the token itself if it is not one."""
    chars = [_CHARS[token[i:i + 4]] for i in range(0, len(token), 4)]
    return "".join(chars) if len(token) in (4, 8) and all(chars) else token


class _Chars(dict[str, str]):
    """Four base-36 digits → the character they code ("" beyond Unicode), worked out once each."""

    def __missing__(self, digits: str) -> str:
        n = int(digits, 36)
        value = self[digits] = chr(n) if n <= 0x10FFFF else ""
        return value


_CHARS = _Chars()
