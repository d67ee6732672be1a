"""E-mail addresses, also typed with full-width letters or ＠.

The raw text is scanned: an address holds no white space, and reading it
in the normalised text (white space removed) would run it on into the
words around it. The scan finds each @ and reads the address out from it.
"""

from __future__ import annotations

import re
from typing import Iterator

from kaigiroku.core.messages import term

from ..detection import Detection
from ..normalize import NormalizedText

_ALNUM = "A-Za-z0-9Ａ-Ｚａ-ｚ０-９"
_AT = re.compile("[@＠]")
_LOCAL = re.compile(f"[{_ALNUM}][{_ALNUM}._%+\\-．＿％＋－]*$")
_WORD = f"[{_ALNUM}\\-－]"
_DOMAIN = re.compile(f"[@＠]{_WORD}+(?:[.．]{_WORD}+)*[.．][A-Za-zＡ-Ｚａ-ｚ]{{2,}}")


class EmailDetector:
    name = "email"
    kind = term("e-mail address")

    def analyze(self, text: NormalizedText) -> Iterator[Detection]:
        raw = text.raw
        for at in _AT.finditer(raw):
            local = _LOCAL.search(raw, max(0, at.start() - 64), at.start())
            domain = _DOMAIN.match(raw, at.start())
            if local and domain:
                yield Detection(local.start(), domain.end(), self.name)
