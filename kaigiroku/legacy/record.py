"""A legacy record read from a file, before it is mapped to a meeting file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kaigiroku.core.errors import ContentError, ContentErrors


@dataclass(frozen=True)
class HeaderRow:
    """One label–value pair of the header table; line and col point at the value."""

    label: str
    value: str  # plain text, one line per paragraph of the source cell
    line: int
    col: int


@dataclass
class Block:
    """One Markdown block of the minutes (paragraph, list, heading …) and its source line."""

    lines: list[str]
    line: int


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
