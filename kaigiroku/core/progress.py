"""Progress of a build on stderr: a bar on a terminal, a line every few seconds otherwise.

A stage shows up only once it has taken longer than that interval, so a
small build prints nothing. Each stage's wall time is kept in ``timings``
(the benchmark prints them). Messages hold stage names and counts only,
never content.
"""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from typing import Iterator, TextIO

from .messages import say, term

WIDTH = 30
EVERY = 5.0  # seconds between lines when stderr is not a terminal
EVERY_TTY = 0.2
STAGES = (term("load"), term("verify"), term("render"), term("index"), term("publish"))  # shown in the chosen language


class Progress:
    def __init__(self, stream: TextIO | None = None, quiet: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.tty = self.stream.isatty()
        self.every = EVERY_TTY if self.tty else EVERY
        self.timings: dict[str, float] = {}
        self._stage = ""
        self._total = 0
        self._done = 0
        self._last = 0.0  # when the stage started or was last shown
        self._visible = False

    @contextmanager
    def stage(self, name: str, total: int = 0) -> Iterator["Progress"]:
        """Time a stage; ``advance`` reports its count against ``total``."""
        self._stage, self._total, self._done = name, total, 0
        self._last, self._visible = time.monotonic(), False
        start = time.perf_counter()
        try:
            yield self
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start
            if self._visible or time.monotonic() - self._last >= self.every:
                self._show(final=True)  # a long stage without counts still says it is done

    def advance(self, n: int = 1) -> None:
        self._done += n
        now = time.monotonic()
        if now - self._last >= self.every:
            self._last = now
            self._show()

    def _show(self, final: bool = False) -> None:
        if self.quiet:
            return
        self._visible = True
        count = f"{self._done}/{self._total}" if self._total else f"{self._done}" if self._done else ""
        stage = say(self._stage) if self._stage in STAGES else self._stage
        if self.tty:
            filled = WIDTH * self._done // self._total if self._total else 0
            bar = "#" * filled + "-" * (WIDTH - filled)
            end = "\n" if final else ""
            self.stream.write(f"\r{stage:<8} [{bar}] {count}\x1b[K{end}")
        else:
            line = f"{stage}: {count}" if count else f"{stage}:"
            self.stream.write((say("{progress} done", progress=line) if final else line) + "\n")
        self.stream.flush()
