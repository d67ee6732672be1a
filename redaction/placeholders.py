"""Withheld spans are replaced by one private-use character each.

The character (U+F0000 + id) survives YAML, Markdown and HTML escaping
unchanged and carries no trace of the withheld text; the layouts turn it
into the public mark. Raw input may not contain these characters.
"""

from __future__ import annotations

import re
from typing import Callable

BASE = 0xF0000
LIMIT = 0xFFFFD - BASE
PATTERN = re.compile("[\U000f0000-\U000ffffd]")
# Fills the rest of a withheld span so that offsets, lines and columns of the
# redacted text stay those of the raw file; removed before parsing Markdown.
FILLER = "\U0010fffd"
PRIVATE_USE = re.compile("[\U000f0000-\U0010ffff]")
PERCENT = re.compile(r"%F3%(?:B[0-9A-F])%[89AB][0-9A-F]%[89AB][0-9A-F]", re.I)


def placeholder(index: int) -> str:
    return chr(BASE + index)


def index_of(char: str) -> int:
    return ord(char) - BASE


def substitute(text: str, replace: Callable[[int], str]) -> str:
    """Replace each placeholder by ``replace(index)``."""
    return PATTERN.sub(lambda m: replace(index_of(m.group(0))), text)


def strip_fillers(text: str) -> str:
    return text.replace(FILLER, "")
