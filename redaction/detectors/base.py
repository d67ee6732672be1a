"""What the detectors share: the character classes of normalised text and the way back to raw offsets.

Detectors scan ``NormalizedText.text`` (NFKC, white space removed), so
``090 1234 5678`` and ``０９０－１２３４－５６７８`` read the same; each
match is mapped back to the raw span it came from.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..detection import Detection
from ..normalize import NormalizedText, normalize

# Dashes people type between digit groups, after NFKC (－ and ﹣ become "-").
DASHES = r"\-‐‒–—―−ー─━"
HYPHEN = f"[{DASHES}]"
KANJI = "一-龥々〆ヶ"
PREFECTURE = f"(?:東京都|北海道|(?:大阪|京都)府|[{KANJI}]{{2,3}}県)"


def is_kanji(char: str) -> bool:
    """One character of the class ``KANJI``."""
    return "一" <= char <= "龥" or char in "々〆ヶ"


def detection(text: NormalizedText, start: int, end: int, detector: str) -> Detection:
    """A detection of normalised characters ``start:end`` in raw offsets."""
    raw_start, raw_end = text.raw_span(start, end)
    return Detection(raw_start, raw_end, detector)


def anchored(norm: str, locator: re.Pattern[str], pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """Matches of ``pattern`` tried only where the cheap ``locator`` finds a start, left to right.

    A literal or a plain character class is scanned by the regex engine far
    faster than a pattern that opens with an alternation or a lookbehind.
    The locator matches the one character a candidate starts with (what
    follows it goes in a lookahead), so that no start is skipped.
    """
    end = 0
    for hit in locator.finditer(norm):
        if hit.start() < end:
            continue
        m = pattern.match(norm, hit.start())
        if m:
            end = m.end()
            yield m


def group_detections(text: NormalizedText, pattern: re.Pattern[str], detector: str,
                     group: str | int = 0) -> Iterator[Detection]:
    """One detection per match of ``pattern``, spanning ``group``."""
    for m in pattern.finditer(text.text):
        yield detection(text, m.start(group), m.end(group), detector)


def line_start(text: NormalizedText, start: int, end: int) -> int:
    """``start``, or the first normalised character after the last line break inside ``start:end``.

    White space is gone from the normalised text, so a word read backwards
    from ``end`` would run on into the line before.
    """
    raw_start, raw_end = text.raw_span(start, end)
    cut = text.raw.rfind("\n", raw_start, raw_end)
    return start if cut < 0 else end - len(normalize(text.raw[cut + 1:raw_end]))
