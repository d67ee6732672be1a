"""A person's age: N歳 after 年齢 / 当時 / 満, in parentheses after a name (45歳),
or before a word for a person (45歳の男性). Age groups (65歳以上) are left alone."""

from __future__ import annotations

import re
from typing import Iterator

from ..detection import Detection
from ..normalize import NormalizedText
from .base import detection

_CONTEXT_BEFORE = re.compile("(?:年齢[:は]?|当時|満)$")
_PERSON_AFTER = re.compile("の?(?:男性|女性|男児|女児|男子|女子|男の子|女の子|長男|長女|次男|次女|息子|娘|母親|父親|夫|妻|子|方)")
_RANGE = "0123456789~〜～-"


def is_age_of_a_person(norm: str, start: int, end: int) -> bool:
    """Whether the age ``norm[start:end]`` (digits, then 歳) stands where a person's age does."""
    if _CONTEXT_BEFORE.search(norm, max(0, start - 3), start):
        return True
    if start and norm[start - 1] == "(" and norm[end:end + 1] == ")":
        return True
    return (not start or norm[start - 1] not in _RANGE) and bool(_PERSON_AFTER.match(norm, end))


class AgeDetector:
    name = "age"
    kind = "age"

    def analyze(self, text: NormalizedText) -> Iterator[Detection]:
        norm = text.text
        end = norm.find("歳")
        while end >= 0:
            start = end
            while start > end - 3 and start and norm[start - 1].isascii() and norm[start - 1].isdigit():
                start -= 1
            if start < end and is_age_of_a_person(norm, start, end + 1):
                yield detection(text, start, end + 1, self.name)
            end = norm.find("歳", end + 1)
