"""A small synchronous client for ``pagefind --service`` (the extended binary).

The Python package's own client polls its pipe once every 0.1 s, which
caps it at ten pages a second; this one reads each response as soon as it
is written. It speaks the same protocol (base64 JSON messages separated by commas).
"""

from __future__ import annotations

import base64
import json
import subprocess
from pathlib import Path
from typing import Any

from pagefind.service import get_executable

from kaigiroku.core.errors import BuildFailure


class PagefindService:
    """One backing Pagefind process; not thread-safe, give each thread its own."""

    def __init__(self) -> None:
        binary = get_executable()
        if binary is None:
            raise BuildFailure("the search indexer (Pagefind) is not installed: pip install 'pagefind[extended]'")
        self._proc = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      stderr=subprocess.DEVNULL)
        self._next = 0
        self._buffer = bytearray()  # what was read past the last answer

    def request(self, payload: dict[str, Any]) -> dict[str, Any]:
        return self.answer(self.send(payload))

    def send(self, payload: dict[str, Any]) -> int:
        """Send a request without waiting for its answer; its message id, for ``answer``."""
        assert self._proc.stdin is not None
        self._next += 1
        message = json.dumps({"message_id": self._next, "payload": payload}).encode("utf-8")
        try:
            self._proc.stdin.write(base64.b64encode(message) + b",")
            self._proc.stdin.flush()
        except BrokenPipeError:
            raise BuildFailure("the search indexer (Pagefind) stopped unexpectedly") from None
        return self._next

    def answer(self, message_id: int) -> dict[str, Any]:
        """Wait for the answer to the request ``message_id``, the last one sent."""
        while True:  # skip empty messages and answers to no request of ours
            answer = self._receive()
            if answer.get("message_id") == message_id:
                break
        result = answer.get("payload") or {}
        if result.get("type") == "Error":
            raise BuildFailure(f"the search indexer (Pagefind) failed: {result.get('message')}")
        return dict(result)

    def _receive(self) -> dict[str, Any]:
        assert self._proc.stdout is not None
        while b"," not in self._buffer:
            chunk = self._proc.stdout.read1(1 << 20)
            if not chunk:
                raise BuildFailure("the search indexer (Pagefind) stopped unexpectedly")
            self._buffer += chunk
        end = self._buffer.index(b",")
        text = bytes(self._buffer[:end]).strip()
        del self._buffer[:end + 1]
        if not text:
            return {}
        try:
            return dict(json.loads(base64.b64decode(text, validate=True)))
        except ValueError:
            raise BuildFailure(f"the search indexer (Pagefind) answered something unexpected: {text[:60]!r}") from None

    def new_index(self) -> int:
        return int(self.request({"type": "NewIndex", "config": None})["index_id"])

    def send_record(self, index_id: int, **record: Any) -> int:
        """Send a custom record; Pagefind indexes it while the caller makes the next one."""
        return self.send({"type": "AddRecord", "index_id": index_id, **record})

    def write_files(self, index_id: int, output: Path) -> None:
        self.request({"type": "WriteFiles", "index_id": index_id, "output_path": str(output)})

    def close(self) -> None:
        if self._proc.stdin is not None:
            self._proc.stdin.close()
        self._proc.terminate()
        self._proc.wait()
