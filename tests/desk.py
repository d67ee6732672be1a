"""The review desk in tests: a preview server in a thread, a client that posts actions with any headers, the
meeting of the browser tests and of the pictures in docs/review.md, and a selection made as a mouse would."""

from __future__ import annotations

import http.client
import json
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from kaigiroku.preview.edition import Preview
from kaigiroku.preview.server import PreviewServer
from kaigiroku.render.pages import LAYOUTS
from redaction.detection import Detection
from redaction.normalize import NormalizedText
from redaction.policy import DEFAULT_POLICY, Policy


@dataclass
class MobileNumbers:
    """A detector whose hits await review: mobile numbers."""

    name: str = "mobile"
    kind: str = "telephone number"

    def analyze(self, text: NormalizedText) -> Iterable[Detection]:
        for m in re.finditer(r"\d{3}-\d{4}-\d{4}", text.raw):
            yield Detection(m.start(), m.end(), self.name)


def review_detectors(policy: Policy) -> list[MobileNumbers]:
    return [MobileNumbers()]


@dataclass
class Client:
    server: PreviewServer

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    def get(self, path: str) -> tuple[int, str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        conn.request("GET", path, headers={"Host": f"127.0.0.1:{self.port}"})
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8")

    def sha(self, page: str) -> str:
        found = re.search(r'data-desk-sha="([0-9a-f]{64})"', self.get(page)[1])
        assert found
        return found.group(1)

    def post(self, body: Any, token: str | None = None, origin: str | None = "same", host: str | None = None,
             kind: str = "application/json", path: str = "/__desk/action",
             extra: dict[str, str] | None = None) -> tuple[int, dict[str, Any]]:
        data = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode("utf-8")
        headers = {"Host": host or f"127.0.0.1:{self.port}", "Content-Type": kind, "Content-Length": str(len(data)),
                   "X-Kaigiroku-Desk": self.server.token if token is None else token, **(extra or {})}
        if origin is not None:
            headers["Origin"] = f"http://127.0.0.1:{self.port}" if origin == "same" else origin
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.putrequest("POST", path, skip_host=True)
        for key, value in headers.items():
            conn.putheader(key, value)
        conn.endheaders(data)
        response = conn.getresponse()
        text = response.read().decode("utf-8")
        return response.status, json.loads(text) if text.startswith("{") else {"text": text}


@contextmanager
def desk_server(content: Path, out: Path, detectors: Any = review_detectors) -> Iterator[Client]:
    preview = Preview(content, DEFAULT_POLICY, LAYOUTS, out, detectors=detectors)
    server = PreviewServer(("127.0.0.1", 0), preview, log=open("/dev/null", "w"))
    preview.start()
    while not preview.load_some(60.0):
        pass
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield Client(server)
    finally:
        server.shutdown()
        server.server_close()


def snapshot(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and not p.is_symlink()}


# The meeting of the browser tests and of the screenshots in docs/review.md: a finding (佐藤花子さん),
# a phrase the detectors miss (株式会社サンプル商事) and a marked name.
SITE = "title: テスト市 会議録アーカイブ\norganization: テスト市\nbase_url: https://www.city.example.lg.jp/kaigiroku/\n"
MEETING = """---
title: 令和6年度第2回個人情報保護運営審議会
date: 2024-05-20
place: 市役所本庁舎501会議室
attendees:
  - 谷口雅子会長
  - 嶋田節男委員
---

## 諮問事項の審議

（委員）佐藤花子さんから意見書が提出された。

（事務局）株式会社サンプル商事との契約について説明した。

（委員）{{redact:personal|菅原隆|要再確認}}さんの件は保留とする。
"""


def write_desk_content(root: Path) -> Path:
    content = root / "content"
    (content / "privacy").mkdir(parents=True)
    (content / "site.yaml").write_text(SITE, encoding="utf-8")
    (content / "privacy" / "_council.yaml").write_text("name: 個人情報保護運営審議会\n", encoding="utf-8")
    (content / "privacy" / "2024-05-20.md").write_text(MEETING, encoding="utf-8")
    return content


def select(page: Any, text: str, end_text: str | None = None) -> None:
    """Select ``text`` in the minutes of a Playwright page as a mouse would (up to the end of ``end_text``
    when given), and wait for the desk's button beside the selection."""
    page.evaluate("""([text, endText]) => {
      const walker = document.createTreeWalker(document.querySelector(".minutes"), NodeFilter.SHOW_TEXT);
      const nodes = [];
      while (walker.nextNode()) nodes.push(walker.currentNode);
      const start = nodes.find(n => n.data.includes(text)), end = endText ? nodes.find(n => n.data.includes(endText)) : start;
      const range = document.createRange();
      range.setStart(start, start.data.indexOf(text));
      range.setEnd(end, end.data.indexOf(endText || text) + (endText || text).length);
      document.getSelection().removeAllRanges();
      document.getSelection().addRange(range);
    }""", [text, end_text])
    page.wait_for_timeout(50)  # the button moves beside the new selection
    page.locator("#desk-float").wait_for()
