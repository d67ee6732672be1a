"""Dates of birth: a date labelled 生年月日 / 誕生日 (after it, on the next line, in the next table
cell or under it in its column), or a date before 生まれ / 生.

Dates in 和暦 (昭和50年4月1日, 平成元年, 昭和五十年四月一日), era abbreviations (S50.4.1,
H2/11/30) and 西暦 (1975年4月1日, 1975/4/1).
"""

from __future__ import annotations

import re
from typing import Iterator

from kaigiroku.core.messages import term

from ..detection import Detection
from ..normalize import NormalizedText
from .base import anchored, detection
from .labels import values_of

_ERA = r"(?:明治|大正|昭和|平成|令和|[MTSHR]\.?)"
_N = r"(?:[0-9]{1,2}|[〇一二三四五六七八九十]{1,3})"
_DATE = (rf"(?:{_ERA}(?:{_N}|元)年{_N}月{_N}日|[0-9]{{4}}年[0-9]{{1,2}}月[0-9]{{1,2}}日"
         rf"|{_ERA}?[0-9]{{1,4}}[./\-][0-9]{{1,2}}[./\-][0-9]{{1,2}})")
_DATE_AT = re.compile(_DATE)
_LABEL = re.compile("生年月日|誕生日|生まれ|生(?=[、。,)）]|$)")
_LOCATOR = re.compile("[生誕]")
_DATE_BEFORE = re.compile(rf"{_DATE}$")


class BirthDateDetector:
    name = "birth_date"
    kind = term("date of birth")

    def analyze(self, text: NormalizedText) -> Iterator[Detection]:
        norm = text.text
        for m in anchored(norm, _LOCATOR, _LABEL):
            if m.group().startswith(("生年", "誕生")):
                for at in values_of(text, m.start(), m.end()):
                    date = _DATE_AT.match(norm, at)
                    if date:
                        yield detection(text, date.start(), date.end(), self.name)
                continue
            before = _DATE_BEFORE.search(norm, max(0, m.start() - 14), m.start())
            if before:
                yield detection(text, before.start(), before.end(), self.name)
