"""Street addresses: a place (都道府県, 市区郡, 町村, 大字) followed by its block numbers, and a
building with its room (〇〇マンション201号室).

The numbers come as 1丁目2番3号, 12番地, 1-2-3, or in kanji numerals (本町一丁目2番地3,
三丁目十五番); they count only right after a place name that holds one of 都道府県市区郡町村
or 大字, so article numbers (第9条), dates and document numbers (資料1-2) are left alone. The
town may be written in kana (ひばりが丘, みなとみらい). A building and room after the numbers
belong to the address. The span runs from the start of the place to the last number.
"""

from __future__ import annotations

import re
from typing import Iterator

from kaigiroku.core.messages import term

from ..detection import Detection
from ..normalize import NormalizedText
from .base import HYPHEN, KANJI, PREFECTURE, anchored, detection, line_start

_KANJI_DIGITS = "〇一二三四五六七八九十百"
_N = rf"(?:[0-9]{{1,4}}|[{_KANJI_DIGITS}]{{1,4}})"
_FIRST = rf"(?:[1-9][0-9]{{0,3}}|[一二三四五六七八九十][{_KANJI_DIGITS}]{{0,3}})"
_BUILDING_WORDS = "マンション|ハイツ|コーポ|アパート|レジデンス|メゾン|パレス|ハイム|ビル|荘|団地|住宅"
_BUILDING_NAME = "[^0-9。、,\\s]{0,12}?"
_ROOM = rf"(?:{_BUILDING_NAME}(?:{_BUILDING_WORDS}){_BUILDING_NAME}(?:[0-9]{{1,2}}号棟)?)?{HYPHEN}?[0-9]{{1,4}}号室"
_NUMBERS = re.compile(
    rf"(?<![0-9{_KANJI_DIGITS}]){_FIRST}(?:丁目{_N}(?:番地?|{HYPHEN})(?:の?{_N}号?)?|番地?(?:の?{_N}号?)?"
    rf"|(?:{HYPHEN}[0-9]{{1,4}}){{1,3}}号?)(?![0-9])(?:{_ROOM})?"
)
_LOCATOR = re.compile(rf"[1-9{_KANJI_DIGITS}](?=[0-9{_KANJI_DIGITS}]{{0,3}}(?:丁目|番|{HYPHEN}[0-9]))")
_NAME = f"[{KANJI}ケノ]"
_KANA = "ぁ-ゖァ-ヺー"
_PLACE = re.compile(  # 札幌市中央区北1条西 and 京都市上京区下立売通新町西入薮ノ内町 too
    rf"(?:{PREFECTURE})?(?:{_NAME}{{1,6}}[市区郡])?(?:{_NAME}{{1,6}}[区町村])?(?:{_NAME}|[{_KANA}]|[0-9]{{1,2}}条){{0,12}}$"
)
_MARKERS = re.compile("[都道府県市区郡町村]|大字")
_LEAD_WORDS = re.compile("^(?:現住所|住所地?|所在地|居所|自宅|本籍地?)")
_BUILDING = re.compile(rf"[ァ-ヺー・〇○◯A-Za-z]{{0,12}}(?:{_BUILDING_WORDS})[ァ-ヺー・〇○◯A-Za-z]{{0,12}}"
                       rf"(?:[0-9]{{1,2}}号棟)?{HYPHEN}?[0-9]{{1,4}}号室")
_BUILDING_LOCATOR = re.compile("号室")


def _place_start(name: str) -> int:
    """Where the place name starts: past words before it that end in kana (自宅は, 住所の)."""
    first = _MARKERS.search(name)
    cut = max((i + 1 for i, c in enumerate(name[:first.start() if first else 0]) if c in _KANA_CHARS), default=0)
    return cut


_KANA_CHARS = frozenset(chr(c) for c in range(ord("ぁ"), ord("ゖ") + 1))


class AddressDetector:
    name = "address"
    kind = term("street address")

    def analyze(self, text: NormalizedText) -> Iterator[Detection]:
        norm = text.text
        ends: set[int] = set()
        for m in anchored(norm, _LOCATOR, _NUMBERS):
            place = _PLACE.search(norm, max(0, m.start() - 24), m.start())
            if place is None or not place.group():
                continue
            start = line_start(text, place.start(), m.end())
            name = _LEAD_WORDS.sub("", norm[start:place.end()])  # empty if the numbers start a line
            name = name[_place_start(name):]
            if len(name) < 2 or not _MARKERS.search(name):
                continue
            ends.add(m.end())
            yield detection(text, m.start() - len(name), m.end(), self.name)
        for room in _BUILDING_LOCATOR.finditer(norm):
            m = _BUILDING.search(norm, max(0, room.start() - 24), room.end())
            if m and m.end() == room.end() and m.end() not in ends:
                yield detection(text, m.start(), m.end(), self.name)
