"""A header written as lines, each row opened by a heading line: the layouts that are not a table.

A layout gives the pattern of its heading lines (``numbered``, ``labelled``,
``bracketed``); this module reads the rows. A row's value is the rest of
its heading line and the lines after it, up to the next heading. The
header starts at the first heading with a known label and ends where a
line is not part of it: prose (a sentence with 。, a speaker's mark) after
a value, or a heading with a label that opens the minutes (会議経過 …),
whose lines all belong to the minutes. A header needs two known labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from ..labels import field_of, is_body_label, is_known_label
from ..record import Block, HeaderRow
from .base import Found, Line, regroup

PROSE = re.compile(r"。|^\s*[○◯◎]")
LONG = 150  # a header line is shorter than this
SECTION_START = re.compile(r"^\s*(?:[0-9０-９]+\s*[.．、)）]|[(（][0-9０-９]+[)）]|[①-⑳]|[〔【［■□◆◇#])")
PEOPLE = ("attendance",)  # rows whose value may hold lines such as 委員：… and 事務局：…


@dataclass(frozen=True)
class Heading:
    """A heading line: its label as written, the value on the same line and where it starts."""

    label: str
    rest: str
    offset: int
    number: tuple[str, int] | None = None  # the numbering's style and number, for numbered headings


Recognise = Callable[[str], "Heading | None"]


def find_headed(lines: list[Line], blocks: list[Block], recognise: Recognise) -> Found | None:
    for start, line in enumerate(lines):
        heading = recognise(line.text)
        if heading and is_known_label(heading.label):
            found = _header_from(lines, blocks, start, heading, recognise)
            if sum(1 for row in found.rows if is_known_label(row.label)) >= 2:
                return found
    return None


def _header_from(lines: list[Line], blocks: list[Block], start: int, first: Heading, recognise: Recognise) -> Found:
    rows: list[tuple[Line, Heading, list[Line]]] = [(lines[start], first, [])]
    index = start + 1
    while index < len(lines):
        line = lines[index]
        _, current, value = rows[-1]
        heading = recognise(line.text)
        if heading and _follows(current, heading):
            rows.append((line, heading, []))
            index += 1
            if is_body_label(heading.label):  # the minutes follow: they are all this row's
                rows[-1][2].extend(lines[index:])
                index = len(lines)
            continue
        if not _continues(current, value, line, heading):
            break
        value.append(line)
        index += 1
    return Found([_row(head_line, heading, value, blocks) for head_line, heading, value in rows], start, index)


def _follows(current: Heading, heading: Heading) -> bool:
    """Whether a heading opens the next row (and is not a line of the current row's value)."""
    if current.number is not None:
        style, number = current.number
        return heading.number == (style, number + 1)
    if field_of(current.label) in PEOPLE and not is_known_label(heading.label) and not is_body_label(heading.label):
        return False  # 委員：… under 出席者
    return True


def _continues(current: Heading, value: list[Line], line: Line, heading: Heading | None) -> bool:
    if not current.rest.strip() and not value:
        return True  # the value starts on the line after its label
    if PROSE.search(line.text) or len(line.text) > LONG:
        return False
    if not is_known_label(current.label):
        return True
    return field_of(current.label) in ("agenda", *PEOPLE) or not SECTION_START.match(line.text)


def _row(head_line: Line, heading: Heading, value: list[Line], blocks: list[Block]) -> HeaderRow:
    texts = [heading.rest.strip()] if heading.rest.strip() else []
    texts += [line.text for line in value]
    at = (head_line.line, head_line.col + heading.offset) if heading.rest.strip() or not value else (value[0].line, value[0].col)
    return HeaderRow(heading.label.strip(), "\n".join(texts), *at, blocks=tuple(regroup([head_line, *value], blocks)))
