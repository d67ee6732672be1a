"""Bank account numbers after 口座 / 口座番号 / 普通預金 …: seven digits, with an optional
branch number (123-1234567), or a ゆうちょ 記号番号 (12345-12345678)."""

from __future__ import annotations

import re
from typing import Iterator

from ..detection import Detection
from ..normalize import NormalizedText
from .base import HYPHEN, group_detections

_ACCOUNT = re.compile(
    rf"(?:口座|普通預金|当座預金|貯蓄預金|記号番号)[^0-9。、]{{0,8}}?"
    rf"(?P<number>(?:[0-9]{{3}}{HYPHEN})?[0-9]{{7}}|[0-9]{{5}}{HYPHEN}?[0-9]{{8}})(?![0-9])"
)


class AccountDetector:
    name = "account"
    kind = "bank account number"

    def analyze(self, text: NormalizedText) -> Iterator[Detection]:
        return group_detections(text, _ACCOUNT, self.name, "number")
