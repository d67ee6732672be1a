"""Hash-chained JSON Lines: a record a line, each holding the digest of the record before it.

``content/_approvals.jsonl`` (who approved which edition) and
``content/_published.jsonl`` (what went public, where, when) are such
files. Every record carries ``prev``, the ``digest`` of the record before
it (64 zeros for the first), and ``digest``, the SHA-256 of all its other
fields; so an edited record fails its own digest and a removed line breaks
the ``prev`` of the next one. Either is reported as ``path:line:col``. The
chain holds no secret key: it detects edits by hand and lost lines, not a
forger who recomputes every digest.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

from .errors import CommandError, ContentError, ContentErrors, display_path
from .files import write_atomic
from .messages import say

GENESIS = "0" * 64


@dataclass(frozen=True)
class Chain:
    """One chained file: its path, what its records are called in messages (``approvals``) and the
    command that writes them; ``problem`` says what is wrong with a parsed record, or ``""``."""

    path: Path
    noun: str  # marked with term(): said in the chosen language
    writer: str
    problem: Callable[[dict[str, Any]], str]

    def read(self) -> list[dict[str, Any]]:
        """Every record, the chain verified; a broken chain is a content error naming the line."""
        if not self.path.exists():
            return []
        shown = display_path(self.path)
        try:
            text = self.path.read_text(encoding="utf-8")
        except OSError as exc:
            raise self._error(shown, 1, 1, say("cannot read the {records}: {problem}; restore the file from version "
                                               "control", records=say(self.noun), problem=exc.strerror)) from None
        except UnicodeDecodeError as exc:
            raise self._error(shown, 1, 1, say("not UTF-8 text (byte {byte}); restore the file from version control",
                                               byte=exc.start)) from None
        records: list[dict[str, Any]] = []
        prev = GENESIS
        for n, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            record = self._parse(line, shown, n)
            if record["prev"] != prev:
                raise self._broken(shown, n, line, "prev", say("does not match the record before it: a record was "
                                                               "edited or removed"))
            if record_digest(record) != record["digest"]:
                raise self._broken(shown, n, line, "digest", say("does not match the record: this line was edited"))
            records.append(record)
            prev = record["digest"]
        return records

    def append(self, records: list[dict[str, Any]], fields: Mapping[str, Any]) -> dict[str, Any]:
        """Append a record of ``fields`` after ``records`` (what ``read`` gave) and return it, with
        its ``prev`` and ``digest``. The whole file is written anew and renamed: a full disk never
        leaves half a record."""
        record = {**fields, "prev": records[-1]["digest"] if records else GENESIS, "digest": ""}
        record["digest"] = record_digest(record)
        before = self.path.read_bytes() if records else b""
        if before and not before.endswith(b"\n"):  # an editor took the last line's end away
            before += b"\n"
        try:
            write_atomic(self.path, before + (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
        except OSError as exc:
            raise CommandError(say("cannot write {file}: {problem}; nothing was recorded", file=display_path(self.path),
                                   problem=exc.strerror)) from None
        return record

    def _parse(self, line: str, shown: str, n: int) -> dict[str, Any]:
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise self._error(shown, n, exc.colno, say("not a JSON record: {problem}; {records} are written by "
                                                       "{writer} only", problem=exc.msg, records=say(self.noun),
                                                       writer=self.writer)) from None
        problem = self.problem(data) if isinstance(data, dict) else say("a record is a JSON object")
        if not problem and not all(isinstance(data.get(k), str) for k in ("prev", "digest")):
            problem = say("a record holds its `prev` and `digest` as text")
        if problem:
            raise self._error(shown, n, 1, problem)
        return data

    def _broken(self, shown: str, n: int, line: str, key: str, problem: str) -> ContentErrors:
        col = line.find(f'"{key}"') + 1 or 1
        return self._error(shown, n, col, say("{records} chain broken: `{key}` {problem}; restore the file from "
                                              "version control", records=say(self.noun), key=key, problem=problem))

    @staticmethod
    def _error(shown: str, line: int, col: int, message: str) -> ContentErrors:
        return ContentErrors([ContentError(shown, line, col, message)])


def record_digest(fields: Mapping[str, Any]) -> str:
    """SHA-256 of every field but ``digest``, ``prev`` included, in a canonical JSON form."""
    body = {k: v for k, v in fields.items() if k != "digest"}
    return hashlib.sha256(json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
                          .encode("utf-8")).hexdigest()
