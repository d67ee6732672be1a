"""Headings in brackets or after a square: ``〔日時〕``, ``【 場 所 】``, ``［出席者］``, ``■日時``,
the value on the same line or the lines below."""

from __future__ import annotations

import re

from ..record import Block
from .base import Found, Line
from .headed import Heading, find_headed

BRACKETED = re.compile(r"\s*(?:[〔【［\[]\s*(?P<label>[^〕】］\]]{1,20}?)\s*[〕】］\]]"
                       r"|[■□◆◇]\s*(?P<square>[^\s：:、。]{1,12}?)(?=$|[\s：:]))\s*[：:]?\s*")


def find(lines: list[Line], blocks: list[Block]) -> Found | None:
    return find_headed(lines, blocks, heading)


def heading(text: str) -> Heading | None:
    found = BRACKETED.match(text)
    if not found:
        return None
    return Heading(found.group("label") or found.group("square"), text[found.end():], found.end())
