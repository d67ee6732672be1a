"""A header table: rows of label and value cells (a row may hold two pairs), as in the seed's text
export, a page's ``<table>``, a Word table or a table in a PDF. It is the first table with a known
label in a row's first cell."""

from __future__ import annotations

from ..labels import is_known_label
from ..record import Block, Cell, HeaderRow
from .base import Found, Line


def find(lines: list[Line], blocks: list[Block]) -> Found | None:
    for index, block in enumerate(blocks):
        if block.cells and any(cells and is_known_label(cells[0].text) for cells in block.cells):
            start = next(i for i, line in enumerate(lines) if line.block == index)
            return Found([row for cells in block.cells for row in _rows(cells)], start, start + len(block.lines))
    return None


def _rows(cells: list[Cell]) -> list[HeaderRow]:
    rows = []
    for label, value in zip(cells[::2], [*cells[1::2], None]):
        at = value or label
        if label.text.strip():
            rows.append(HeaderRow(" ".join(label.text.split()), value.text if value else "", at.line, at.col))
    return rows
