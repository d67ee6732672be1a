"""The plain-text export of a published record, as in the seed.

The file starts with the header table, one ``label<TAB>value`` row per
line (a row may hold two pairs, e.g. 傍聴の可否 and its reason), cells may
hold HTML fragments. The minutes follow: lines of Markdown-like text, some
of them HTML fragments such as ``<p>…</p> <p>…</p>``.
"""

from __future__ import annotations

import re

from .header import is_known_label
from .html import parse, plain_text, to_blocks
from .record import Block, HeaderRow, Notes, Record

FRAGMENT = re.compile(r"</?(?:p|b|br|strong|em|i|u|span|div|font|h[1-6]|ul|ol|li|table|tr|td|th|a|center|hr|img|sup|sub)\b[^>]*>", re.I)
HARD_BREAK = re.compile(r"\S {2,}$")


def read_text(text: str, notes: Notes) -> Record:
    lines = text.split("\n")
    header: list[HeaderRow] = []
    index = 0
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        if not _is_header_line(lines[index]):
            break
        header += _rows(lines[index], index + 1)
        index += 1
    if not header:
        first = next((i for i, line in enumerate(lines) if line.strip()), 0)
        raise notes.fail(first + 1, 1, "no header table found: a record starts with tab-separated rows "
                         "such as `会議の名称<TAB>平成25年度第3回…` and `開催日時<TAB>平成26年2月10日(月)…`")
    return Record(header, _body(lines[index:], index + 1, notes))


def _is_header_line(line: str) -> bool:
    """A row with a label: a known one, or a short one with a value (a lone 会議経過 starts the minutes)."""
    label, *values = [cell.strip() for cell in line.split("\t")]
    if not values or not label or "<" in label or "。" in label or len(label) > 30:
        return False
    return is_known_label(label) or any(values)


def _rows(line: str, number: int) -> list[HeaderRow]:
    cells = line.split("\t")
    offsets = [sum(len(c) + 1 for c in cells[:i]) for i in range(len(cells))]
    rows = []
    for i in range(0, len(cells), 2):
        label = cells[i].strip()
        value = cells[i + 1] if i + 1 < len(cells) else ""
        if label:
            col = offsets[i + 1] + len(value) - len(value.lstrip()) + 1 if i + 1 < len(cells) else len(line) + 1
            rows.append(HeaderRow(label, plain_text(parse(value)), number, col))
    return rows


def _body(lines: list[str], first: int, notes: Notes) -> list[Block]:
    blocks: list[Block] = []
    current: Block | None = None
    for number, raw in enumerate(lines, start=first):
        cells = [cell for cell in raw.split("\t") if cell.strip()]
        if not cells:
            current = None
            continue
        for i, cell in enumerate(cells):
            text = cell if i == 0 else cell.lstrip()
            if FRAGMENT.search(text):
                blocks += to_blocks(parse(text).contents, notes, number, escape=False)
                current = None
                continue
            text = text.rstrip() + ("  " if HARD_BREAK.search(text) else "")
            if current is None or len(cells) > 1:
                current = Block([], number)
                blocks.append(current)
            current.lines.append(text)
        if len(cells) > 1:
            current = None
    return blocks
