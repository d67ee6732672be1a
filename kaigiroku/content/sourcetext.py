"""A meeting file's bytes, read as the redaction stage reads them, and edited without touching the rest.

The redaction stage reads a file without its byte order mark and with CRLF line ends as LF
(``loading._read``); every position it reports (line and column, 1-based, in characters) is a
position in that text. A ``SourceText`` keeps the file's own bytes beside that text, so that a
change made in the text's positions is written back with the BOM and every CRLF of the lines it
does not touch, and with the line end of the place it is made for the lines it adds.
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass
from typing import Sequence


class EditRefused(Exception):
    """An edit that cannot be made safely; the message (Japanese, for the reviewer) says why and what
    to do. Nothing was written."""


@dataclass(frozen=True)
class Change:
    """Replace ``text[start:end]`` (positions in the text as the redaction stage reads it) by ``new``;
    a line break in ``new`` is written as the file writes the line it is made in."""

    start: int
    end: int
    new: str


@dataclass(frozen=True)
class SourceText:
    data: bytes
    text: str  # as the redaction stage reads it: no BOM, CRLF as LF
    bom: bool
    crlf: tuple[int, ...]  # offsets in ``text`` of each line break that the file writes as CRLF

    @classmethod
    def of(cls, data: bytes) -> SourceText:
        try:
            decoded = data.decode("utf-8")
        except UnicodeDecodeError:
            raise EditRefused("ファイルが UTF-8 で保存されていないため、編集できません。UTF-8 で保存し直してください。") from None
        bom = decoded.startswith("\ufeff")
        parts = decoded.removeprefix("\ufeff").split("\r\n")
        crlf, pos = [], 0
        for part in parts[:-1]:
            pos += len(part)
            crlf.append(pos)
            pos += 1
        return cls(data, "\n".join(parts), bom, tuple(crlf))

    @property
    def sha(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def edited(self, changes: Sequence[Change]) -> str:
        """The text after ``changes`` (as the redaction stage will read the new file)."""
        out, pos = [], 0
        for c in _ordered(changes):
            out += [self.text[pos:c.start], c.new]
            pos = c.end
        return "".join(out) + self.text[pos:]

    def apply(self, changes: Sequence[Change]) -> bytes:
        """The file's bytes after ``changes``: every byte outside them as it was."""
        out, pos = ["\ufeff" if self.bom else ""], 0
        for c in _ordered(changes):
            out += [self._original(pos, c.start), c.new.replace("\n", self._newline_at(c.start))]
            pos = c.end
        out.append(self._original(pos, len(self.text)))
        return "".join(out).encode("utf-8")

    def _original(self, start: int, end: int) -> str:
        """``text[start:end]`` with the file's own line ends."""
        first, last = bisect.bisect_left(self.crlf, start), bisect.bisect_left(self.crlf, end)
        if first == last:
            return self.text[start:end]
        pieces, pos = [], start
        for at in self.crlf[first:last]:
            pieces += [self.text[pos:at], "\r\n"]
            pos = at + 1
        return "".join(pieces) + self.text[pos:end]

    def _newline_at(self, offset: int) -> str:
        """The line end of the line that holds ``offset`` (the file's last line end for its last line)."""
        at = self.text.find("\n", offset)
        if at < 0:
            at = self.text.rfind("\n")
        i = bisect.bisect_left(self.crlf, at)
        return "\r\n" if at >= 0 and i < len(self.crlf) and self.crlf[i] == at else "\n"


def _ordered(changes: Sequence[Change]) -> list[Change]:
    ordered = sorted(changes, key=lambda c: (c.start, c.end))
    for a, b in zip(ordered, ordered[1:]):
        if b.start < a.end:
            raise ValueError("overlapping changes")
    return ordered
