"""The one normalisation of spec 3.4, shared by the redaction's matching, the leak check and the
search text: NFKC, look-alikes folded (kanji variants and radicals, ``lookalikes.FOLD``), white
space and invisible characters removed.

``NormalizedText`` keeps, for every character of the normalised text, the
span of the raw text it came from, so that a match found in the normalised
text can be cut out of the raw text exactly.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

from .lookalikes import FOLD, TRANSLATION

# Every Default_Ignorable_Code_Point of Unicode (zero-width spaces and joiners, soft
# hyphen, bidi marks, variation selectors, tags …): invisible, so 山<U+00AD>田 reads as 山田.
INVISIBLE = ("\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
             "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
             "\U0001d173-\U0001d17a\U000e0000-\U000e0fff")
_DROP = re.compile(r"[\s" + INVISIBLE + r"]+")


def _needs_nfkc() -> re.Pattern[str]:
    """A character class of every BMP character that NFKC changes or combines."""
    chars = []
    for code in range(0x80, 0x10000):
        ch = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue
        if (unicodedata.normalize("NFKC", ch) != ch or unicodedata.combining(ch) or code in (0xFF9E, 0xFF9F)
                or ch in FOLD):
            chars.append(ch)
    ranges: list[str] = []
    start = prev = ord(chars[0])
    for ch in chars[1:] + ["\U0010ffff"]:
        code = ord(ch)
        if code != prev + 1:
            ranges.append(re.escape(chr(start)) + ("-" + re.escape(chr(prev)) if prev > start else ""))
            start = code
        prev = code
    # a character followed by a combining mark is normalised together with it
    tail = "[\u0300-\u036f\u3099\u309a\uff9e\uff9f]"
    return re.compile(r"[^\s](?=" + tail + ")|[" + "".join(ranges) + r"\U00010000-\U0010ffff]")


_SPECIAL = _needs_nfkc()
_COMBINING_TAIL = re.compile("[\u0300-\u036f\u3099\u309a\uff9e\uff9f]")


def normalize(text: str) -> str:
    """NFKC, look-alikes folded (髙→高, ⻄→西), then white space and invisible characters removed."""
    return _DROP.sub("", unicodedata.normalize("NFKC", text).translate(TRANSLATION))


@dataclass
class NormalizedText:
    """A raw text and its normalised form, with the way back.

    ``starts[i]`` / ``ends[i]`` give the raw span of normalised character
    ``i`` where it does not map one to one; long unchanged runs are stored
    as segments to keep this fast on large files.
    """

    raw: str
    text: str
    _seg_norm: list[int]
    _seg_raw: list[int]
    _seg_len: list[int]

    @classmethod
    def of(cls, raw: str) -> "NormalizedText":
        out: list[str] = []
        seg_norm: list[int] = []
        seg_raw: list[int] = []
        seg_len: list[int] = []
        norm_pos = 0

        def identity(a: int, b: int) -> None:
            nonlocal norm_pos
            for m in _DROP_OR_KEEP.finditer(raw, a, b):
                if m.group(1) is not None:
                    continue
                seg_norm.append(norm_pos)
                seg_raw.append(m.start())
                seg_len.append(-(m.end() - m.start()))  # negative: one to one
                out.append(m.group(0))
                norm_pos += m.end() - m.start()

        pos = 0
        n = len(raw)
        for m in _SPECIAL.finditer(raw):
            a = m.start()
            if a < pos:
                continue
            identity(pos, a)
            b = a + 1
            while b < n and _COMBINING_TAIL.match(raw, b):
                b += 1
            piece = normalize(raw[a:b])
            if piece:
                seg_norm.append(norm_pos)
                seg_raw.append(a)
                seg_len.append(b - a)
                out.append(piece)
                norm_pos += len(piece)
                # every normalised character of the piece maps to the whole raw span
                for _ in range(len(piece) - 1):
                    seg_norm.append(seg_norm[-1] + 1)
                    seg_raw.append(a)
                    seg_len.append(b - a)
            pos = b
        identity(pos, n)
        return cls(raw, "".join(out), seg_norm, seg_raw, seg_len)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw span covering normalised characters ``start`` to ``end`` (exclusive)."""
        return self._raw_start(start), self._raw_end(end - 1)

    def _locate(self, i: int) -> int:
        return bisect.bisect_right(self._seg_norm, i) - 1

    def _raw_start(self, i: int) -> int:
        k = self._locate(i)
        length = self._seg_len[k]
        if length < 0:
            return self._seg_raw[k] + (i - self._seg_norm[k])
        return self._seg_raw[k]

    def _raw_end(self, i: int) -> int:
        k = self._locate(i)
        length = self._seg_len[k]
        if length < 0:
            return self._seg_raw[k] + (i - self._seg_norm[k]) + 1
        return self._seg_raw[k] + length

    def find_all(self, needle: str) -> list[tuple[int, int]]:
        """Raw spans of every occurrence of an already normalised ``needle``."""
        spans = []
        if not needle:
            return spans
        i = self.text.find(needle)
        while i >= 0:
            spans.append(self.raw_span(i, i + len(needle)))
            i = self.text.find(needle, i + 1)
        return spans


_DROP_OR_KEEP = re.compile(r"([\s" + INVISIBLE + r"]+)|[^\s" + INVISIBLE + r"]+")
