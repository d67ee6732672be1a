"""Dates of birth: a date after 生年月日 / 誕生日, or before 生まれ / 生."""

from __future__ import annotations

import re
from typing import Iterator

from ..detection import Detection
from ..normalize import NormalizedText
from .base import anchored, detection

_ERA = r"(?:明治|大正|昭和|平成|令和|[MTSHR])"
_DATE = (rf"(?:{_ERA}(?:[0-9]{{1,2}}|元)年[0-9]{{1,2}}月[0-9]{{1,2}}日|[0-9]{{4}}年[0-9]{{1,2}}月[0-9]{{1,2}}日"
        rf"|{_ERA}?[0-9]{{1,4}}[./\-][0-9]{{1,2}}[./\-][0-9]{{1,2}})")
_CONTEXT = re.compile(rf"(?:生年月日|誕生日)[:は(]?(?P<date>{_DATE})|生まれ|生(?=[、。)])")
_LOCATOR = re.compile("[生誕]")
_DATE_BEFORE = re.compile(rf"{_DATE}$")


class BirthDateDetector:
    name = "birth_date"
    kind = "date of birth"

    def analyze(self, text: NormalizedText) -> Iterator[Detection]:
        norm = text.text
        for m in anchored(norm, _LOCATOR, _CONTEXT):
            if m.group("date"):
                yield detection(text, m.start("date"), m.end("date"), self.name)
                continue
            before = _DATE_BEFORE.search(norm, max(0, m.start() - 12), m.start())
            if before:
                yield detection(text, before.start(), before.end(), self.name)
