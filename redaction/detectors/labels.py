"""Where the value of a label stands: 生年月日 → 昭和50年4月1日, 電話 → 393-5111, 氏名 → 石井由美.

Minutes write a value right after its label (``生年月日：昭和50年4月1日``), on the line
after it, in the next cell of a Markdown table (``| 生年月日 | 大正13年6月30日 |``) or
under it, when the label heads a column:

    | 氏名 | 生年月日 |
    |---|---|
    | … | 昭和50年4月1日 |

White space is gone from the normalised text, so the line after and the next cell
already follow the label there (past the cell border ``|``); the cells under a
column head are found in the raw text.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..normalize import NormalizedText, normalize

# What may stand between a label and its value: a colon, は, an opening bracket, a cell border;
# and a form's 欄 (生年月日欄には).
SEPARATORS = ":：は|(（「=＝"
_FIELD = re.compile("欄(?:には|に|は)?")
_ROW = re.compile(r"[ \t]*\|")  # matched at a line's start
_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")


def after_separators(norm: str, end: int, most: int = 2) -> int:
    """``end`` moved past a form's 欄 and up to ``most`` separators."""
    field = _FIELD.match(norm, end)
    end = stop = field.end() if field else end
    while stop < len(norm) and stop - end < most and norm[stop] in SEPARATORS:
        stop += 1
    return stop


def values_of(text: NormalizedText, start: int, end: int) -> Iterator[int]:
    """Normalised offsets where the value of the label ``start:end`` may start: right after it
    (past separators), and, where the label heads a column of a Markdown table, in each cell under it."""
    norm = text.text
    yield after_separators(norm, end)
    raw = text.raw
    raw_start, raw_end = text.raw_span(start, end)
    line_start = raw.rfind("\n", 0, raw_start) + 1
    line_end = raw.find("\n", raw_end)
    if line_end < 0 or not _ROW.match(raw, line_start):
        return
    column = raw.count("|", line_start, raw_start)  # the label's cell, 1 for the first
    rule_end = raw.find("\n", line_end + 1)
    rule_end = len(raw) if rule_end < 0 else rule_end
    if not _RULE.match(raw[line_end + 1:rule_end]):
        return
    pos, here = rule_end, end + len(normalize(raw[raw_end:rule_end]))
    while pos < len(raw):
        row_end = raw.find("\n", pos + 1)
        row_end = len(raw) if row_end < 0 else row_end
        row = raw[pos + 1:row_end]
        if not _ROW.match(row):
            return
        cell = _cell_start(row, column)
        if cell is not None:
            yield here + len(normalize(raw[pos:pos + 1 + cell]))
        here += len(normalize(raw[pos:row_end]))
        pos = row_end


def _cell_start(row: str, column: int) -> int | None:
    """Where the text of cell ``column`` (1 for the first) starts in a table row, past its border."""
    borders = [i for i, c in enumerate(row) if c == "|"]
    if column < 1 or column >= len(borders):
        return None
    return borders[column - 1] + 1
