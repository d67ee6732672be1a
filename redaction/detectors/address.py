"""Street addresses: a place (都道府県, 市区郡, 町村) followed by its block numbers.

The numbers come as 1丁目2番3号, 12番地, or 1-2-3; they count only right
after a place name that holds one of 都道府県市区郡町村, so article numbers
(第9条), dates and document numbers (資料1-2) are left alone. The span runs
from the start of the place to the last number.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..detection import Detection
from ..normalize import NormalizedText
from .base import HYPHEN, KANJI, PREFECTURE, anchored, detection, line_start

_N = r"[0-9]{1,4}"
_NUMBERS = re.compile(
    rf"(?<![0-9])[1-9][0-9]{{0,3}}(?:丁目{_N}(?:番地?|{HYPHEN})(?:{_N}号?)?|番地?(?:{_N}号)?|(?:{HYPHEN}{_N}){{1,3}}号?)(?![0-9])"
)
_LOCATOR = re.compile(rf"[1-9](?=[0-9]{{0,3}}(?:丁目|番|{HYPHEN}[0-9]))")
_NAME = f"[{KANJI}ケノ]"
_PLACE = re.compile(  # 札幌市中央区北1条西 and 京都市上京区下立売通新町西入薮ノ内町 too
    rf"(?:{PREFECTURE})?(?:{_NAME}{{1,6}}[市区郡])?(?:{_NAME}{{1,6}}[区町村])?(?:{_NAME}|[0-9]{{1,2}}条){{0,12}}$"
)
_MARKERS = re.compile("[都道府県市区郡町村]")
_LEAD_WORDS = re.compile("^(?:現住所|住所地?|所在地|居所|自宅|本籍地?)")


class AddressDetector:
    name = "address"
    kind = "street address"

    def analyze(self, text: NormalizedText) -> Iterator[Detection]:
        norm = text.text
        for m in anchored(norm, _LOCATOR, _NUMBERS):
            place = _PLACE.search(norm, max(0, m.start() - 24), m.start())
            if place is None or not place.group():
                continue
            start = line_start(text, place.start(), m.end())
            name = _LEAD_WORDS.sub("", norm[start:place.end()])  # empty if the numbers start a line
            if len(name) < 2 or not _MARKERS.search(name):
                continue
            yield detection(text, m.start() - len(name), m.end(), self.name)
