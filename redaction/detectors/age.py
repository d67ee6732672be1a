"""A person's age: N歳 after 年齢 / 当時 / 満, in parentheses after a name (45歳),
or before a word for a person (45歳の男性). Age groups (65歳以上) are left alone."""

from __future__ import annotations

import re
from typing import Iterator

from ..detection import Detection
from ..normalize import NormalizedText
from .base import detection

_PERSON = "男性|女性|男児|女児|男子|女子|男の子|女の子|長男|長女|次男|次女|息子|娘|母親|父親|夫|妻|子|方"
_AGE = re.compile(
    rf"(?:年齢[:は]?|当時|満)(?P<a>[0-9]{{1,3}}歳)"
    rf"|\((?P<b>[0-9]{{1,3}}歳)\)"
    rf"|(?<![0-9~〜～\-])(?P<c>[0-9]{{1,3}}歳)(?=の?(?:{_PERSON}))"
)


class AgeDetector:
    name = "age"
    kind = "age"

    def analyze(self, text: NormalizedText) -> Iterator[Detection]:
        for m in _AGE.finditer(text.text):
            group = next(g for g in "abc" if m.group(g))
            yield detection(text, m.start(group), m.end(group), self.name)
