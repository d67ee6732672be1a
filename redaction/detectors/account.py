"""Bank account numbers: the number after a label such as 口座番号 / 普通預金 / 普通 / 店番 123.

- a bank account: seven digits, with an optional branch number (123-1234567), after 口座 /
  口座番号 / 普通預金 / 当座預金 / 普通 / 当座, or after a branch (店番 018, 支店番号 123,
  店名 〇一八) and its 預金種目;
- ゆうちょ: 記号 (five digits) and 番号 (up to eight), as 記号 12345 番号 12345678, with full-width
  spaces, hyphens inside the numbers or on two lines, or as 記号番号 12345-12345678.

The label's value may stand right after it, on the next line or in the next table cell or under
it in its column (``labels.values_of``).
"""

from __future__ import annotations

import re
from typing import Iterator

from kaigiroku.core.messages import term

from ..detection import Detection
from ..normalize import NormalizedText
from .base import HYPHEN, anchored, detection
from .labels import values_of


def _digits(n: str) -> str:
    """``n`` digits (a repetition count such as ``1,8``), a hyphen allowed between any two."""
    return rf"[0-9](?:{HYPHEN}?[0-9]){{{n}}}"


# What may stand between a label and the number: a bank or branch name, 預金種目, a colon (no digit).
_GAP = r"[^0-9。、]{0,10}?"
_END = r"(?![0-9,.]|[件円人名千万億%％])"  # not an amount or a count: 口座振替は1234567件
_NUMBER = rf"(?P<number>(?:[0-9]{{3}}{HYPHEN})?[0-9]{{7}}|[0-9]{{5}}{HYPHEN}?[0-9]{{6,8}}){_END}"
_ACCOUNT = re.compile(_GAP + _NUMBER)
_KIND = re.compile(r"(?:預金)?[:：|]?" + _NUMBER)  # after 普通 / 当座 only the number itself
_BRANCH = re.compile(rf"(?:[0-9]{{3}}|[〇一二三四五六七八九]{{3}})(?:{HYPHEN}|[^0-9。、]{{0,10}}?)(?P<number>[0-9]{{7}}){_END}")
_SYMBOL = re.compile(rf"{_GAP}(?P<number>{_digits('4')})(?![0-9])(?:[^0-9。]{{0,4}}?番号[:：|は]?(?P<second>{_digits('0,7')})(?![0-9]))?")
_LABEL = re.compile("口座番号|口座|普通預金|当座預金|貯蓄預金|預金種目|普通|当座|記号番号|記号|店番|支店番号|店名")
_LOCATOR = re.compile("[口普当貯預記店支]")


class AccountDetector:
    name = "account"
    kind = term("bank account number")

    def analyze(self, text: NormalizedText) -> Iterator[Detection]:
        norm = text.text
        seen: set[int] = set()  # 口座番号は普通預金1234567: one number, two labels
        for label in anchored(norm, _LOCATOR, _LABEL):
            word = label.group()
            pattern = (_SYMBOL if word == "記号" else _BRANCH if word in ("店番", "支店番号", "店名")
                       else _KIND if word in ("普通", "当座") else _ACCOUNT)
            for at in values_of(text, label.start(), label.end()):
                m = pattern.match(norm, at)
                if not m:
                    continue
                for group in ("number", "second"):
                    if m.groupdict().get(group) and m.start(group) not in seen:
                        seen.add(m.start(group))
                        yield detection(text, m.start(group), m.end(group), self.name)
