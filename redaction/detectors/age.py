"""A person's age: N歳 (or N才, in digits or kanji numerals) where the text makes it one person's.

It counts after 年齢 / 当時 / 満 / 享年 (also across a table cell: ``| 年齢 | 76歳 |``, and in the
cells under a column headed 年齢, where the number may stand alone), after a
word for a person (申出人は76歳, 相談者、45歳), in parentheses after a name (45歳), or before a
word for a person (45歳の男性). Age groups and statistics are left alone: 65歳以上, 20歳未満,
40歳代, 18歳から64歳, 平均年齢45.2歳, 3歳児.
"""

from __future__ import annotations

import re
from typing import Iterator

from kaigiroku.core.messages import term

from ..detection import Detection
from ..normalize import NormalizedText
from .base import detection
from .labels import values_of

_NUMERAL = "0123456789〇一二三四五六七八九十百"
_CONTEXT_BEFORE = re.compile(r"(?:年齢|当時|満|享年|現在)[:：は|、]?$")
_PERSON_BEFORE = re.compile(r"(?:人|者|本人|男性|女性|夫|妻|長男|長女|次男|次女|息子|娘|父|母|さん|氏|様)[はが、]$")
_PERSON_AFTER = re.compile("の?(?:男性|女性|男児|女児|男子|女子|男の子|女の子|長男|長女|次男|次女|息子|娘|母親|父親|夫|妻|子|方)")
_GROUP_AFTER = re.compile("以上|以下|未満|超|前後|代|台|以降|以前|まで|から|児|程度|位|くらい|ぐらい|頃|[~〜～\\-・,]")
_VALUE = re.compile(r"(?:[0-9]{1,3}|[一二三四五六七八九十百]{1,4})(?:歳|才)?(?![0-9.])")  # under a 年齢 column head
_GROUP_BEFORE = re.compile("(?:平均|平均年齢|最高|最低|最年長|最年少|[~〜～\\-・,.])[:：は]?$")


def is_age_of_a_person(norm: str, start: int, end: int) -> bool:
    """Whether the age ``norm[start:end]`` (a number, then 歳) stands where one person's age does."""
    before = norm[max(0, start - 6):start]
    if _GROUP_AFTER.match(norm, end) or _GROUP_BEFORE.search(before):
        return False
    if _CONTEXT_BEFORE.search(before) or _PERSON_BEFORE.search(before):
        return True
    if start and norm[start - 1] == "(" and norm[end:end + 1] == ")":
        return True
    return bool(_PERSON_AFTER.match(norm, end))


class AgeDetector:
    name = "age"
    kind = term("age")

    def analyze(self, text: NormalizedText) -> Iterator[Detection]:
        norm = text.text
        for unit in "歳才":
            end = norm.find(unit)
            while end >= 0:
                start = end
                while start > end - 4 and start and norm[start - 1] in _NUMERAL:
                    start -= 1
                if start < end and not (start and norm[start - 1] in _NUMERAL) and is_age_of_a_person(norm, start, end + 1):
                    yield detection(text, start, end + 1, self.name)
                end = norm.find(unit, end + 1)
        label = norm.find("年齢")
        while label >= 0:
            for at in list(values_of(text, label, label + 2))[1:]:  # right after it is read above
                m = _VALUE.match(norm, at)
                if m:
                    yield detection(text, m.start(), m.end(), self.name)
            label = norm.find("年齢", label + 1)
