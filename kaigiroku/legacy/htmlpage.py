"""A record page saved from a city website: a header ``<table>``, then the minutes.

The header table is the first table with a known label (会議の名称 …) in
a ``<th>`` or first ``<td>``. The minutes are what follows the table
inside the page's ``<main>``, ``<article>`` or ``<body>``; navigation,
footers and scripts are left out.
"""

from __future__ import annotations

from bs4 import Tag
from bs4.element import PageElement

from .header import is_known_label
from .html import parse, plain_text, to_blocks
from .record import HeaderRow, Notes, Record

CONTAINERS = {"main", "article", "body", "[document]"}


def read_html(text: str, notes: Notes) -> Record:
    soup = parse(text)
    table = next((t for t in soup.find_all("table") if _is_header_table(t)), None)
    if table is None:
        raise notes.fail(1, 1, "no header table found: expected a <table> with rows such as "
                         "<th>会議の名称</th><td>…</td> and <th>開催日時</th><td>…</td>")
    return Record(_rows(table), to_blocks(_after(table), notes))


def _cells(row: Tag) -> list[Tag]:
    return row.find_all(("th", "td"), recursive=False)


def _table_rows(table: Tag) -> list[Tag]:
    return [row for row in table.find_all("tr") if row.find_parent("table") is table]


def _is_header_table(table: Tag) -> bool:
    return any(cells and is_known_label(plain_text(cells[0]))
               for cells in (_cells(row) for row in _table_rows(table)))


def _rows(table: Tag) -> list[HeaderRow]:
    rows = []
    for row in _table_rows(table):
        cells = _cells(row)
        for label, value in zip(cells[::2], cells[1::2] + [None] * (len(cells) % 2)):
            at = value if value is not None else label
            rows.append(HeaderRow(plain_text(label), plain_text(value) if value is not None else "",
                                  at.sourceline or 1, (at.sourcepos or 0) + 1))
    return [row for row in rows if row.label]


def _after(table: Tag) -> list[PageElement]:
    """Everything after the table, up to the end of the page's main container."""
    nodes: list[PageElement] = []
    node: Tag = table
    while node.parent is not None and node.name not in CONTAINERS:
        nodes.extend(node.next_siblings)
        node = node.parent
    return nodes
