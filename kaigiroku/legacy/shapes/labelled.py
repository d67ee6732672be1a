"""``label：value`` lines: ``日時：令和5年10月3日（火）14時00分から16時00分`` / ``場所：…`` / ``出席委員：…``.
A known label may also be followed by spaces (``日　時　令和5年…``) or stand alone with its value below."""

from __future__ import annotations

import re

from ..labels import leading_label
from ..record import Block
from .base import Found, Line
from .headed import Heading, find_headed

UNKNOWN = re.compile(r"\s*(?P<label>[^\s：:、。・,，()（）「」0-9０-９][^\s：:、。・,，()（）「」]{0,11})\s*[：:]\s*")


def find(lines: list[Line], blocks: list[Block]) -> Found | None:
    return find_headed(lines, blocks, heading)


def heading(text: str) -> Heading | None:
    known = leading_label(text)
    if known:
        label, end = known
        value = text[end:].lstrip().removeprefix("：").removeprefix(":").lstrip()
        return Heading(label, value, len(text) - len(value))
    unknown = UNKNOWN.match(text)
    if unknown:
        return Heading(unknown.group("label"), text[unknown.end():], unknown.end())
    return None
