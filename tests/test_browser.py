"""The preview in Debian's chromium: withheld text highlighted, and a reload after an edit on disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from minutes import edit, running_server, write_content
from playwright.sync_api import expect, sync_playwright

pytestmark = pytest.mark.browser

CHROMIUM = dict(executable_path="/usr/bin/chromium", args=[
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync"])


def test_the_preview_shows_what_is_withheld_and_reloads_after_an_edit(tmp_path: Path) -> None:
    content = write_content(tmp_path)
    with running_server(content, tmp_path) as server, sync_playwright() as p:
        browser = p.chromium.launch(**CHROMIUM)
        page = browser.new_page()
        page.goto(server.url + "privacy/2024-04-10/")
        expect(page.locator(".preview-banner")).to_contain_text("内部プレビュー")
        mark = page.locator("#redaction-0")
        expect(mark.locator(".review-withheld")).to_have_text("菅原隆")
        expect(mark.locator(".review-category")).to_have_text("個人情報")
        tip = mark.locator(".review-tip")
        expect(tip).to_be_hidden()
        mark.focus()
        expect(tip).to_be_visible()
        expect(tip).to_contain_text("要再確認 照会番号T-7519")
        page.evaluate("window.notReloaded = true")
        edit(content / "privacy" / "2024-04-10.md", "市の考えを伺いたい。", "市の見解を改めて伺いたい。")
        expect(page.locator(".minutes")).to_contain_text("市の見解を改めて伺いたい。", timeout=15000)
        assert page.evaluate("window.notReloaded === undefined")  # a reload, not a patch of the old page
        browser.close()
