"""What every header layout works on: a record's blocks as a run of lines, and what a layout finds."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from ..record import Block, HeaderRow, plain


@dataclass(frozen=True)
class Line:
    """One line of a record: as plain text, as Markdown, and where it is."""

    text: str
    markdown: str
    block: int  # the index of its block
    index: int  # its index in that block
    line: int
    col: int


@dataclass(frozen=True)
class Found:
    """A header: its rows, and the lines it spans (``start`` … ``end - 1``) among the record's lines."""

    rows: list[HeaderRow]
    start: int
    end: int


def flatten(blocks: list[Block]) -> list[Line]:
    return [Line(plain(text), text, b, i, *block.position(i))
            for b, block in enumerate(blocks) for i, text in enumerate(block.lines)]


def regroup(lines: list[Line], blocks: list[Block]) -> list[Block]:
    """The blocks that a run of lines came from, cut where the run starts or ends inside one."""
    out: list[Block] = []
    for index, group in groupby(lines, key=lambda line: line.block):
        taken = list(group)
        whole = len(taken) == len(blocks[index].lines)
        out.append(blocks[index] if whole else Block([line.markdown for line in taken], taken[0].line, taken[0].col))
    return out
