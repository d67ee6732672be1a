"""Loaded by a child Python when this folder is on PYTHONPATH: a skewed machine for reproducibility tests.

SKEW_DAYS moves the clock (time.time, datetime.now/today/utcnow) forward;
SKEW_REVERSE=1 makes every directory listing come back in reverse order.
"""

from __future__ import annotations

import datetime as _dt
import os
import time

_SHIFT = float(os.environ.get("SKEW_DAYS", "0")) * 86400

if _SHIFT:
    _time = time.time
    _time_ns = time.time_ns
    time.time = lambda: _time() + _SHIFT
    time.time_ns = lambda: _time_ns() + int(_SHIFT * 1e9)

    class _Date(_dt.date):
        @classmethod
        def today(cls) -> "_Date":
            d = _dt.date.fromtimestamp(time.time())
            return cls(d.year, d.month, d.day)

    class _DateTime(_dt.datetime):
        @classmethod
        def now(cls, tz: _dt.tzinfo | None = None) -> "_DateTime":  # type: ignore[override]
            return cls.fromtimestamp(time.time(), tz)

        @classmethod
        def utcnow(cls) -> "_DateTime":  # type: ignore[override]
            return cls.now(_dt.timezone.utc).replace(tzinfo=None)

        @classmethod
        def today(cls) -> "_DateTime":  # type: ignore[override]
            return cls.now()

    _dt.date = _Date  # type: ignore[misc]
    _dt.datetime = _DateTime  # type: ignore[misc]

if os.environ.get("SKEW_REVERSE") == "1":
    _listdir = os.listdir
    _scandir = os.scandir
    os.listdir = lambda path=".": sorted(_listdir(path), reverse=True)  # type: ignore[assignment]

    def _reversed_scandir(path: "os.PathLike[str] | str" = ".") -> object:
        with _scandir(path) as entries:
            return _Entries(sorted(entries, key=lambda e: e.name, reverse=True))

    class _Entries:
        """What ``os.scandir`` returns: an iterator that is also a context manager (``os.walk`` uses both)."""

        def __init__(self, entries: list["os.DirEntry[str]"]) -> None:
            self._entries = iter(entries)

        def __iter__(self) -> "_Entries":
            return self

        def __next__(self) -> "os.DirEntry[str]":
            return next(self._entries)

        def __enter__(self) -> "_Entries":
            return self

        def __exit__(self, *exc: object) -> None:
            pass

        def close(self) -> None:
            pass

    os.scandir = _reversed_scandir  # type: ignore[assignment]
