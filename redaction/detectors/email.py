"""E-mail addresses, also typed with full-width letters or ＠.

The raw text is scanned: an address holds no white space, and reading it
in the normalised text (white space removed) would run it on into the
words around it.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..detection import Detection
from ..normalize import NormalizedText

_ALNUM = "A-Za-z0-9Ａ-Ｚａ-ｚ０-９"
_WORD = f"[{_ALNUM}\\-－]"
_DOT = "[.．]"
_ADDRESS = re.compile(
    f"[{_ALNUM}][{_ALNUM}._%+\\-．＿％＋－]*[@＠]{_WORD}+(?:{_DOT}{_WORD}+)*{_DOT}[A-Za-zＡ-Ｚａ-ｚ]{{2,}}"
)


class EmailDetector:
    name = "email"
    kind = "e-mail address"

    def analyze(self, text: NormalizedText) -> Iterator[Detection]:
        for m in _ADDRESS.finditer(text.raw):
            yield Detection(m.start(), m.end(), self.name)
