"""Telephone and fax numbers in the forms Japanese minutes use.

Fixed lines (area codes of 2 to 5 digits, ten digits in all), mobile and IP
phones (070/080/090/050: eleven digits), free dial (0120, 0800) and navi
dial (0570), with any dash, parentheses or white space between the groups,
full-width digits, or +81. A local number without area code (393-5111)
counts only after a context word such as 電話, TEL or FAX (also in the table cell before it,
or on the line before). An extension
(内線2317) is an office's internal line and is left alone.
"""

from __future__ import annotations

import re
from typing import Iterator

from kaigiroku.core.messages import term

from ..detection import Detection
from ..normalize import NormalizedText
from .base import DASHES, HYPHEN, anchored, detection

_SEP = rf"(?:{HYPHEN}|[()])"
_FULL = re.compile(rf"(?:\+81{_SEP}{{0,2}}[0-9]|\(?0)(?:{_SEP}{{0,2}}[0-9]){{7,11}}(?![0-9])")
_FULL_LOCATOR = re.compile(rf"[(+0](?=[0-9()+{DASHES}])")
_LOCAL = re.compile(  # a number without area code counts after a context word only
    rf"(?:TEL|Tel|tel|FAX|Fax|fax|電話|携帯|ファクス|ファックス|ファクシミリ)(?:番号)?[:：は|]{{0,2}}([1-9][0-9]{{1,3}}{HYPHEN}[0-9]{{4}})(?![0-9])"
)
_ELEVEN = ("070", "080", "090", "050", "060", "020", "0800")
_TEN_SHORT_LAST = ("0120", "0570", "0990")


def is_phone_number(candidate: str) -> bool:
    """Whether a normalised candidate like ``03(1234)5678`` has the shape of a Japanese number."""
    groups = re.findall(r"[0-9]+", candidate)
    digits = "".join(groups)
    if candidate.startswith("+81"):
        digits = digits[2:] if digits[2:3] == "0" else "0" + digits[2:]
    if not digits.startswith("0") or digits.startswith("00"):
        return False
    if digits.startswith(_TEN_SHORT_LAST):
        return len(digits) == 10 and (len(groups) < 3 or len(groups[-1]) == 3)
    if len(groups) >= 3 and len(groups[-1]) != 4:
        return False
    return len(digits) == (11 if digits.startswith(_ELEVEN) else 10)


class PhoneDetector:
    name = "phone"
    kind = term("telephone number")

    def analyze(self, text: NormalizedText) -> Iterator[Detection]:
        norm = text.text
        for m in anchored(norm, _FULL_LOCATOR, _FULL):
            start, end = m.span()
            if start and (norm[start - 1].isdigit() or norm[start - 1] in ".,"):
                continue
            if norm[start] == "(" and ")" not in norm[start:end]:
                start += 1
            if is_phone_number(norm[start:end]):
                yield detection(text, start, end, self.name)
        for m in _LOCAL.finditer(norm):
            yield detection(text, m.start(1), m.end(1), self.name)
