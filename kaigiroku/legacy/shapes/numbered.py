"""Numbered headings with the value after them: ``1 日時`` / ``令和5年10月3日(火曜日) 午後2時~4時15分`` /
``2 場所`` … The numbers follow one another in one style (``1``, ``1.``, ``１．``, ``(1)``, ``一``, ``第1``)."""

from __future__ import annotations

import re

from ..labels import leading_label
from ..record import Block
from .base import Found, Line
from .headed import Heading, find_headed

DIGITS = r"[0-9０-９]+|[一二三四五六七八九十]+"
NUMBER = re.compile(rf"\s*(?:(?P<open>[(（])\s*(?P<p>[0-9０-９]+)\s*[)）]"
                    rf"|(?P<dai>第)?\s*(?P<n>{DIGITS})\s*(?P<mark>[.．、)）])"
                    rf"|(?P<dai2>第)?\s*(?P<m>{DIGITS})(?=[ \t\u3000]))\s*")
LABEL = re.compile(r"(?P<label>[^\s：:、。・,，()（）「」0-9０-９]{1,12})(?=$|[\s：:])")
KANJI = "一二三四五六七八九"


def find(lines: list[Line], blocks: list[Block]) -> Found | None:
    return find_headed(lines, blocks, heading)


def heading(text: str) -> Heading | None:
    found = NUMBER.match(text)
    if not found:
        return None
    digits = found.group("p") or found.group("n") or found.group("m")
    style = "()" if found.group("open") else (found.group("dai") or found.group("dai2") or "") + (found.group("mark") or " ")
    style += "k" if digits[0] in KANJI + "十" else ""
    rest_at = found.end()
    known = leading_label(text[rest_at:])
    if known:
        label, end = known
    else:
        unknown = LABEL.match(text, rest_at)
        if not unknown:
            return None
        label, end = unknown.group("label"), unknown.end() - rest_at
    after = text[rest_at + end:]
    value = after.lstrip().removeprefix("：").removeprefix(":").lstrip()
    return Heading(label, value, len(text) - len(value), (style, _number(digits)))


def _number(digits: str) -> int:
    if digits[0] in KANJI + "十":
        tens, _, ones = digits.rpartition("十")
        return (KANJI.index(tens) + 1 if tens else 1 if "十" in digits else 0) * 10 + (KANJI.index(ones) + 1 if ones else 0)
    return int(digits.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
