"""A small content folder for the tests of serve, new and approve."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

ROOT = Path(__file__).resolve().parent.parent

SITE = """title: テスト市 会議録アーカイブ
organization: テスト市
base_url: https://www.city.example.lg.jp/kaigiroku/
require_approval: {approval}
"""

MEETING = """---
title: 令和6年度第{n}回個人情報保護運営審議会
date: 2024-0{n}-10
attendees:
  - 谷口雅子会長
summary: 諮問{n}件について審議した。
---

## 会議経過

開示請求者である{{{{redact:personal|菅原隆|要再確認 照会番号T-7519}}}}さんから資料が提出された。

電話番号は 090-1234-5678 とのこと。

（委員）市の考えを伺いたい。
"""


def write_content(root: Path, meetings: int = 2, approval: bool = False) -> Path:
    content = root / "content"
    (content / "privacy").mkdir(parents=True)
    (content / "site.yaml").write_text(SITE.format(approval=str(approval).lower()), encoding="utf-8")
    (content / "privacy" / "_council.yaml").write_text("name: 個人情報保護運営審議会\n", encoding="utf-8")
    for n in range(4, 4 + meetings):
        (content / "privacy" / f"2024-0{n}-10.md").write_text(MEETING.format(n=n), encoding="utf-8")
    return content


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@contextmanager
def running_server(content: Path, cwd: Path) -> Iterator[Server]:
    """`python build.py serve --port 0` in a child process; yields once it serves."""
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--port", "0", "--content", str(content)],
                            cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
                            env={**os.environ, "KAIGIROKU_LANG": "en"})  # its log is read in English below
    assert proc.stdout is not None
    log: list[str] = []
    try:
        for line in proc.stdout:
            log.append(line)
            m = re.search(r"preview at (http://127\.0\.0\.1:\d+/) from (\S+)", line)
            if m:
                break
        else:
            raise AssertionError("serve did not start:\n" + "".join(log))
        threading.Thread(target=lambda: log.extend(proc.stdout or ()), daemon=True).start()
        yield Server(m.group(1), Path(m.group(2)), proc, log)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@dataclass
class Server:
    url: str
    folder: Path
    proc: subprocess.Popen[str]
    log: list[str]

    def get(self, path: str) -> tuple[int, str]:
        return fetch(self.url + path)

    def wait_for(self, path: str, wanted: Callable[[int, str], bool], timeout: float = 15) -> tuple[int, str]:
        end = time.monotonic() + timeout
        while True:
            status, body = self.get(path)
            if wanted(status, body) or time.monotonic() > end:
                return status, body
            time.sleep(0.05)


def fetch(url: str) -> tuple[int, str]:
    """Status and text of a page, errors included."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")
