#!/usr/bin/env python3
"""The screenshots of the review desk in docs/review.md, taken in Debian's chromium against a real `serve`.

    python -m tests.browser.desk_screenshots [--out docs/img]

Each step is what a reviewer does; the pictures are never edited by hand (a test runs this script).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from desk import select, write_desk_content  # noqa: E402
from minutes import running_server  # noqa: E402

SHOTS = ("desk-panel.png", "desk-finding.png", "desk-selection.png", "desk-change.png", "desk-refused.png",
         "desk-approved.png")
CHROMIUM = "/usr/bin/chromium"
PAGE = "privacy/2024-05-20/"
NAME = "情報公開係 山田"


def take(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="desk-shots-") as tmp:
        os.environ.setdefault("KAIGIROKU_CACHE_DIR", str(Path(tmp) / "cache"))  # serve's cache: not the project's
        _shoot(out, Path(tmp))
    return [out / name for name in SHOTS]


def _shoot(out: Path, tmp: Path) -> None:
    from playwright.sync_api import sync_playwright

    with running_server(write_desk_content(tmp), tmp) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--font-render-hinting=none"])
        page = browser.new_page(locale="ja-JP", viewport={"width": 1100, "height": 900})
        page.goto(server.url + PAGE)
        page.locator(".review-panel").screenshot(path=out / SHOTS[0])
        page.get_by_role("button", name="12行5列の「佐藤花子」を判断する").click()
        page.locator("#desk-name").fill(NAME)
        page.locator("#desk-dialog").screenshot(path=out / SHOTS[1])
        with page.expect_navigation():
            page.locator("#desk-ok").click()
        page.locator("#desk-flash").wait_for(timeout=15000)
        select(page, "株式会社サンプル商事")
        page.locator(".minutes").screenshot(path=out / SHOTS[2])
        page.locator(".minutes .review-redaction").last.click()
        page.locator("#desk-dialog").screenshot(path=out / SHOTS[3])
        page.get_by_role("button", name="やめる").click()
        select(page, "意見書が", "株式会社")
        page.locator("#desk-float").click()
        page.locator("#desk-dialog").screenshot(path=out / SHOTS[4])
        page.get_by_role("button", name="閉じる").click()
        page.get_by_role("button", name="この版を承認する…").click()
        with page.expect_navigation():
            page.get_by_role("button", name="承認する", exact=True).click()
        page.locator("#desk-flash").wait_for(timeout=15000)
        page.evaluate("document.getSelection().removeAllRanges()")
        page.locator(".review-panel").screenshot(path=out / SHOTS[5])
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    for path in take(parser.parse_args().out):
        print(path)


if __name__ == "__main__":
    main()
