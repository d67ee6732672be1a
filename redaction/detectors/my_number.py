"""個人番号 (My Number): twelve digits, in groups or not, whose last digit checks out.

The check digit follows the 行政手続における特定の個人を識別するための番号の
利用等に関する法律施行令 第8条: weights 2–7, 2–6 from the right, modulo 11.
"""

from __future__ import annotations

import re
from typing import Iterator

from kaigiroku.core.messages import term

from ..detection import Detection
from ..normalize import NormalizedText
from .base import DASHES, HYPHEN, detection

_RUN = re.compile(rf"[0-9][0-9{DASHES}]{{11,13}}")  # cheap to scan for; then the exact shape
_SHAPE = re.compile(rf"[0-9]{{4}}{HYPHEN}?[0-9]{{4}}{HYPHEN}?[0-9]{{4}}")


def check_digit(first_eleven: str) -> int:
    total = sum(int(d) * (n + 1 if n <= 6 else n - 5)
                for n, d in enumerate(reversed(first_eleven), start=1))
    remainder = total % 11
    return 0 if remainder <= 1 else 11 - remainder


def is_my_number(digits: str) -> bool:
    return len(digits) == 12 and digits.isdigit() and check_digit(digits[:11]) == int(digits[11])


class MyNumberDetector:
    name = "my_number"
    kind = term("個人番号 (My Number)")

    def analyze(self, text: NormalizedText) -> Iterator[Detection]:
        norm = text.text
        for m in _RUN.finditer(norm):
            before, after = norm[m.start() - 1:m.start()], norm[m.end():m.end() + 1]
            if (before and before in "0123456789.,") or (after and after in "0123456789"):
                continue  # part of a longer number or an amount
            if _SHAPE.fullmatch(m.group()) and is_my_number(re.sub("[^0-9]", "", m.group())):
                yield detection(text, m.start(), m.end(), self.name)
