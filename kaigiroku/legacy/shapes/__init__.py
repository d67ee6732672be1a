"""The layouts of a record's header, one module each, and the record they find in a file's blocks.

Each layout's ``find(lines, blocks)`` returns the header it sees, or None;
the one that starts first wins (the order below breaks ties). A new
layout is one more module with a ``find`` and one more entry in SHAPES.
What stands before the header is the title, when the header has none
(``令和5年度第2回環境審議会 会議録`` or ``会議名 第2回…``), or is kept at the
top of the minutes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kaigiroku.core.messages import say

from ..labels import RECORD_WORD, field_of, key
from ..record import Block, HeaderRow, Notes
from . import bracketed, labelled, numbered, table
from .base import Found, Line, flatten, regroup

SHAPES = (table.find, numbered.find, labelled.find, bracketed.find)
TITLE_WORD = re.compile(r"会|協議|委員|審議")


@dataclass(frozen=True)
class Record:
    """A record read from a file: its header rows, the text before the header that is kept, the minutes."""

    header: list[HeaderRow]
    lead: list[Block]
    body: list[Block]


def read_record(blocks: list[Block], notes: Notes) -> Record:
    lines = flatten(blocks)
    found = [header for shape in SHAPES if (header := shape(lines, blocks))]
    if not found:
        line, col = (lines[0].line, lines[0].col) if lines else (1, 1)
        raise notes.fail(line, col, say("no header found: a record starts with its header, as a table of 会議の名称, "
                                        "開催日時 … (the text export's tab-separated rows, an HTML or Word table), or "
                                        "as lines: numbered headings (1 日時), `label：value` lines (日時：…) or 【日時】 "
                                        "headings; see docs/import.md"))
    header = min(found, key=lambda f: f.start)
    rows, lead = _preamble(lines[:header.start], header, blocks, notes)
    return Record(rows, lead, regroup(lines[header.end:], blocks))


def _preamble(lines: list[Line], header: Found, blocks: list[Block], notes: Notes) -> tuple[list[HeaderRow], list[Block]]:
    """The header's rows, with a title found before it; the lines before it that are kept."""
    title = next((row.value for row in header.rows if field_of(row.label) == "title"), None)
    rows, kept = list(header.rows), []
    for line in lines:
        labelled_title = labelled.heading(line.text)
        text = labelled_title.rest if labelled_title and field_of(labelled_title.label) == "title" else line.text
        text = RECORD_WORD.sub("", text).strip()
        if not text or (title is not None and key(text) == key(title)):
            continue
        if title is None and len(text) <= 80 and "。" not in text and TITLE_WORD.search(text):
            title = text
            rows.insert(0, HeaderRow("会議の名称", text, line.line, line.col))
            continue
        kept.append(line)
    if kept:
        notes.warn(kept[0].line, kept[0].col, say("text before the header is kept at the top of the minutes: "
                                                  "remove it there if it is not part of the record"))
    return rows, regroup(kept, blocks)
