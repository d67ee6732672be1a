"""E-mail addresses, also typed with full-width letters or ＠ (NFKC makes them ASCII)."""

from __future__ import annotations

import re
from typing import Iterator

from ..detection import Detection
from ..normalize import NormalizedText
from .base import group_detections

_ADDRESS = re.compile(r"[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")


class EmailDetector:
    name = "email"
    kind = "e-mail address"

    def analyze(self, text: NormalizedText) -> Iterator[Detection]:
        return group_detections(text, _ADDRESS, self.name)
