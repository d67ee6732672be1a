"""Postal codes: after 〒 or 郵便番号, or NNN-NNNN right before an address (東京都…, …市).

A bare NNN-NNNN is also the shape of a local telephone number, so without
〒 it counts only where an address follows.
"""

from __future__ import annotations

import re
from typing import Iterator

from kaigiroku.core.messages import term

from ..detection import Detection
from ..normalize import NormalizedText
from .base import DASHES, HYPHEN, KANJI, PREFECTURE, detection

_NOT_BEFORE_BARE = "0123456789〒" + DASHES.replace("\\", "")
_CODE = rf"[0-9]{{3}}{HYPHEN}?[0-9]{{4}}"
_MARKED = re.compile(rf"(?:〒|郵便番号[^0-9。]{{0,6}}?)({_CODE})(?![0-9])")
_BARE = re.compile(rf"[0-9]{{3}}{HYPHEN}[0-9]{{4}}(?={PREFECTURE}|[{KANJI}]{{1,5}}[市区郡])")


class PostalCodeDetector:
    name = "postal_code"
    kind = term("postal code")

    def analyze(self, text: NormalizedText) -> Iterator[Detection]:
        norm = text.text
        for m in _MARKED.finditer(norm):
            yield detection(text, m.start(1), m.end(1), self.name)
        for m in _BARE.finditer(norm):
            if not (m.start() and norm[m.start() - 1] in _NOT_BEFORE_BARE):
                yield detection(text, m.start(), m.end(), self.name)
