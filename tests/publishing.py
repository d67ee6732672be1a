"""A city's working folder for the publish tests: content/, site/ and the commands run in it."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from proof import ROOT, Run, build_in_process, meeting, tree_digest, write_content

MEETINGS = {
    "2024-04-10": meeting("（委員長）ただいまから会議を開きます。\n\n"
                          "（委員）北山公園の整備計画について、東大和市との協定を確認したい。\n\n"
                          "（事務局）{{redact:personal|鷲尾}}環さんからの開示請求について説明します。\n",
                          title="令和6年度第1回個人情報保護運営審議会", date="2024-04-10",
                          front="allow_terms:\n  - 環\n"),
    "2024-05-10": meeting("（委員長）会議を開きます。\n\n（委員）久米川駅の駐輪場について伺います。\n",
                          title="令和6年度第2回個人情報保護運営審議会", date="2024-05-10"),
    "2024-06-10": meeting("（委員長）会議を開きます。\n\n（委員）秋津町の防災倉庫について伺います。\n",
                          title="令和6年度第3回個人情報保護運営審議会", date="2024-06-10"),
}
BY = "情報公開係 山田"
KILLED_PUBLISH = ROOT / "tests" / "tools" / "killed_publish.py"


class Desk:
    """Content, its build and the commands of a city's publishing staff, in one folder."""

    def __init__(self, root: Path, meetings: dict[str, str] | None = None) -> None:
        self.root = root
        self.content = write_content(root / "content", meetings or MEETINGS)
        self.site = root / "site"

    def build(self, *extra: str) -> Run:
        run = build_in_process("build", "--content", str(self.content), "--out", str(self.site), "-q", "--jobs", "1",
                               *extra)
        assert run.code == 0, run.stderr
        return run

    def args(self, target: str | Path, *extra: str) -> list[str]:
        return ["publish", "--content", str(self.content), "--out", str(self.site), "--to", str(target),
                "--by", BY, *extra]

    def publish(self, target: str | Path, *extra: str) -> Run:
        return build_in_process(*self.args(target, *extra))

    def publish_subprocess(self, target: str | Path, *extra: str, env: dict[str, str] | None = None,
                           tool: list[str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, *(tool or [str(ROOT / "build.py")]), *self.args(target, *extra)]
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=timeout)

    def edit(self, slug: str, old: str, new: str) -> None:
        path = self.content / "privacy" / f"{slug}.md"
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    @staticmethod
    def wait_past(at: str) -> None:
        """Until the clock has left the second of a receipt's time ``at``."""
        while dt.datetime.now(dt.timezone.utc).replace(microsecond=0) <= dt.datetime.fromisoformat(at):
            time.sleep(0.05)

    def receipts(self) -> list[dict[str, Any]]:
        path = self.content / "_published.jsonl"
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def target_files(target: Path) -> dict[str, str]:
    """What the target holds, but the manifest (which describes it)."""
    return {p: d for p, d in tree_digest(target).items() if p != "_manifest.json"}


OWN = ("sitemap.xml", "feed.xml")  # the target's own: lastmod moved by withdrawals, entries dated by the receipts


def holds_the_build(target: Path, site: Path) -> bool:
    """The target is the built site (but for its own sitemap and feed), with nothing else of ours."""
    ours = tree_digest(target)
    built = tree_digest(site)
    return ({p for p in ours if p not in OWN} == {p for p in built if p not in OWN}
            and all(ours[p] == built[p] for p in built if p not in (*OWN, "_manifest.json")))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def copy(target: Path, into: Path) -> Path:
    shutil.copytree(target, into)
    return into
