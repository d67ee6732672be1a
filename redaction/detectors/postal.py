"""Postal codes: after 〒 or 郵便番号, or NNN-NNNN right before an address (東京都…, …市).

A bare NNN-NNNN is also the shape of a local telephone number, so without
〒 it counts only where an address follows.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..detection import Detection
from ..normalize import NormalizedText
from .base import DASHES, HYPHEN, KANJI, detection

_PREFECTURE = "(?:東京都|北海道|(?:大阪|京都)府|[" + KANJI + "]{2,3}県)"
_CODE = rf"[0-9]{{3}}{HYPHEN}?[0-9]{{4}}"
_POSTAL = re.compile(
    rf"(?:〒|郵便番号[^0-9。]{{0,6}}?)(?P<marked>{_CODE})(?![0-9])"
    rf"|(?<![0-9{DASHES}])(?P<bare>[0-9]{{3}}{HYPHEN}[0-9]{{4}})(?={_PREFECTURE}|[{KANJI}]{{1,5}}[市区郡])"
)


class PostalCodeDetector:
    name = "postal_code"
    kind = "postal code"

    def analyze(self, text: NormalizedText) -> Iterator[Detection]:
        for m in _POSTAL.finditer(text.text):
            group = "marked" if m.group("marked") else "bare"
            yield detection(text, m.start(group), m.end(group), self.name)
