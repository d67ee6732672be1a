"""The plain-text export of a published record, as in the seed.

A header table is a run of ``label<TAB>value`` rows (a row may hold two
pairs, e.g. 傍聴の可否 and its reason; cells may hold HTML fragments),
starting at the first row with a known label. Without one, the lines
are read as they are, for a header of numbered or ``label：value`` lines
(``kaigiroku.legacy.shapes``). The rest are lines of Markdown-like text,
some of them HTML fragments such as ``<p>…</p> <p>…</p>``. Each line is a
paragraph, except the lines of a list or a table and a line after a hard
break (two spaces); ``body.clean_body`` joins a sentence that a line break
split.
"""

from __future__ import annotations

import re

from ..html import parse, plain_text, to_blocks
from ..labels import is_known_label
from ..record import Block, Cell, Notes

LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s|^\s+\S|^\|")  # lines that belong to a list or table above
FRAGMENT = re.compile(r"</?(?:p|b|br|strong|em|i|u|span|div|font|h[1-6]|ul|ol|li|table|tr|td|th|a|center|hr|img|sup|sub)\b[^>]*>", re.I)
HARD_BREAK = re.compile(r"\S {2,}$")


def read_text(text: str, notes: Notes) -> list[Block]:
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if _is_row(line) and is_known_label(line.split("\t")[0])), None)
    if start is None:
        return _body(lines, 1, notes)
    end = start
    rows: list[list[Cell]] = []
    while end < len(lines) and (not lines[end].strip() or _is_row(lines[end])):
        if lines[end].strip():
            rows.append(_cells(lines[end], end + 1))
        end += 1
    table = Block([line for line in lines[start:end] if line.strip()], start + 1, cells=rows)
    return [*_body(lines[:start], 1, notes), table, *_body(lines[end:], end + 1, notes)]


def _is_row(line: str) -> bool:
    """A row with a label: a known one, or a short one with a value (a lone 会議経過 starts the minutes)."""
    label, *values = [cell.strip() for cell in line.split("\t")]
    if not values or not label or "<" in label or "。" in label or len(label) > 30:
        return False
    return is_known_label(label) or any(values)


def _cells(line: str, number: int) -> list[Cell]:
    cells = line.split("\t")
    while cells and not cells[-1].strip():
        cells.pop()
    offsets = [sum(len(c) + 1 for c in cells[:i]) for i in range(len(cells))]
    return [Cell(plain_text(parse(cell)), number, offsets[i] + len(cell) - len(cell.lstrip()) + 1)
            for i, cell in enumerate(cells)]


def _same_block(block: Block, line: str) -> bool:
    """Whether a line goes on the block above: after a hard break, or as a list's or table's line.
    Any other line is a paragraph of its own; sentences a line break split are joined again later."""
    return block.lines[-1].endswith("  ") or (LIST_ITEM.match(block.lines[0]) is not None and LIST_ITEM.match(line) is not None)


def _body(lines: list[str], first: int, notes: Notes) -> list[Block]:
    blocks: list[Block] = []
    current: Block | None = None
    for number, raw in enumerate(lines, start=first):
        cells = [cell for cell in raw.split("\t") if cell.strip()]
        if not cells:
            current = None
            continue
        text = cells[0] + "".join(" " + cell.strip() for cell in cells[1:])
        if FRAGMENT.search(text):
            blocks += to_blocks(parse(text).contents, notes, number, escape=False)
            current = None
            continue
        text = text.rstrip() + ("  " if HARD_BREAK.search(text) else "")
        if current is None or not _same_block(current, text):
            current = Block([], number)
            blocks.append(current)
        current.lines.append(text)
    return blocks
