"""A legacy record read from a file, before it is mapped to a meeting file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kaigiroku.core.errors import ContentError, ContentErrors


@dataclass
class Block:
    """One Markdown block of a record (paragraph, list, heading, table …) and where it starts.

    A table also keeps its ``cells``, row by row, for a header that is a table. Positions are
    ``line:col`` of a text file or page; in a Word file the line is the paragraph's number, in a
    PDF it is the page and the column the line on that page."""

    lines: list[str]
    line: int
    col: int = 1
    cells: list[list[Cell]] | None = None
    at: list[tuple[int, int]] | None = None  # each line's position, where it is not the next line's

    def position(self, index: int) -> tuple[int, int]:
        """Where the block's line ``index`` is."""
        if self.at:
            return self.at[min(index, len(self.at) - 1)]
        return self.line + index, self.col if index == 0 else 1


@dataclass(frozen=True)
class Cell:
    """A table cell: plain text, one line per paragraph, and where it is."""

    text: str
    line: int
    col: int


@dataclass(frozen=True)
class HeaderRow:
    """One label–value pair of the header; line and col point at the value.

    ``blocks`` are the row as it was written, kept in the minutes if the label is not one of
    the front matter's; a row without them is written there as ``label：value``."""

    label: str
    value: str  # plain text, one line per paragraph of the source
    line: int
    col: int
    blocks: tuple[Block, ...] = ()

    def in_minutes(self) -> tuple[Block, ...]:
        """The row as blocks of the minutes: as written, or ``label：value``."""
        if self.blocks:
            return self.blocks
        lines = [markdown_text(line) for line in f"{self.label}：{self.value.strip()}".split("\n")]
        return (Block([line + ("  " if i < len(lines) - 1 else "") for i, line in enumerate(lines)], self.line),)


@dataclass(frozen=True)
class Record:
    header: list[HeaderRow]
    body: list[Block]


@dataclass
class Notes:
    """Warnings and errors about one source file, as ``path:line:col: message``."""

    path: str
    warnings: list[ContentError] = field(default_factory=list)
    errors: list[ContentError] = field(default_factory=list)

    def warn(self, line: int, col: int, message: str) -> None:
        self.warnings.append(ContentError(self.path, line, col, message))

    def error(self, line: int, col: int, message: str) -> None:
        self.errors.append(ContentError(self.path, line, col, message))

    def fail(self, line: int, col: int, message: str) -> ContentErrors:
        """An error that stops the import of this file: ``raise notes.fail(...)``."""
        self.error(line, col, message)
        return ContentErrors(self.errors)


_BRACES = re.compile(r"\{\{+")
_BLOCK_MARK = re.compile(r"^([#>+\-=|])")
_NUMBER_MARK = re.compile(r"^(\d+)([.)])(?=\s|$)")
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]])")


def escape_inline(text: str) -> str:
    """Plain text that Markdown shows as it is inside a line: ``\\ ` * _ [ ]`` escaped."""
    return _INLINE_SPECIAL.sub(r"\\\1", text)


def escape_line_start(line: str) -> str:
    """A line that would start a heading, quote, list or table as text: ``#`` → ``\\#``, ``1.`` → ``1\\.``."""
    return _NUMBER_MARK.sub(r"\1\\\2", _BLOCK_MARK.sub(r"\\\1", line))


def markdown_text(line: str) -> str:
    """A line of plain text as Markdown that shows it as it is."""
    return escape_line_start(escape_inline(line))


_HEADING = re.compile(r"^#{1,6}\s+")
_ESCAPE = re.compile(r"\\([\\`*_\[\]{}()#+\-.!|>=<])")


def plain(markdown: str) -> str:
    """The text a Markdown line shows: no heading marks, emphasis or escapes."""
    text = _HEADING.sub("", markdown.rstrip())
    text = re.sub(r"(?<!\\)\*\*", "", text)
    return _ESCAPE.sub(r"\1", text).strip()


def table_markdown(rows: list[list[str]]) -> list[str]:
    """Rows of Markdown cells as the lines of a Markdown table, the first row its head."""
    if not rows:
        return []
    width = max(len(row) for row in rows)
    lines = ["| " + " | ".join(cell.replace("|", r"\|") for cell in row + [""] * (width - len(row))) + " |"
             for row in rows]
    return [lines[0], "|" + " --- |" * width, *lines[1:]]


def escape_markup(text: str) -> str:
    """Legacy text that looks like redaction markup stays literal: ``{{`` → ``\\{{`` (spec 3.1).

    The markup parser reads every ``{{`` not preceded by a backslash as
    markup, overlapping ones too: in ``{{{/redact}}`` the second and third
    brace close a block. So a run of braces is cut into pairs from its end,
    each pair written ``\\{{``, and an odd brace stays in front where it
    touches no other: ``{{{`` → ``{\\{{``, ``{{{{`` → ``\\{{\\{{``. Loading
    removes the backslash of each ``\\{{`` and nothing else, so the text
    reads back as it was.
    """
    return _BRACES.sub(lambda m: "{" * (len(m[0]) % 2) + "\\{{" * (len(m[0]) // 2), text)
