"""Offsets in a raw file turned into 1-based line and column."""

from __future__ import annotations

import bisect


class LineIndex:
    def __init__(self, text: str):
        self._starts = [0]
        pos = text.find("\n")
        while pos >= 0:
            self._starts.append(pos + 1)
            pos = text.find("\n", pos + 1)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def offset(self, line: int, col: int) -> int:
        line = max(1, min(line, len(self._starts)))
        return self._starts[line - 1] + col - 1
