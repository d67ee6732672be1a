"""A record page saved from a city website.

The record is the page's ``<main>``, else its ``<article>``, else its
``<body>``: navigation, footers and scripts are left out. Its header is
found among the blocks like any other record's (``kaigiroku.legacy.shapes``):
a ``<table>`` with 会議の名称 … in a row's first cell, or paragraphs in
one of the other layouts.
"""

from __future__ import annotations

from ..html import parse, to_blocks
from ..record import Block, Notes

CONTAINERS = ("main", "article", "body")


def read_page(text: str, notes: Notes) -> list[Block]:
    soup = parse(text)
    container = next((found for name in CONTAINERS if (found := soup.find(name)) is not None), soup)
    return to_blocks(container.children, notes)
