"""WCAG 2.1 AA with axe-core on every page type, keyboard-only search, spoken marks, print and phone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from proof import search

pytestmark = pytest.mark.browser

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGE_TYPES = {
    "front": "", "council": "privacy/", "fiscal years": "nendo/", "fiscal year": "nendo/2024/",
    "meeting": "privacy/2024-05-10/", "hostile meeting": "hostile/2024-06-01/", "404": "404.html",
}
MEETING = "privacy/2024-05-10/"


def axe_source() -> str:
    """axe-core as shipped inside the PyPI package axe-playwright-python (not vendored here)."""
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def serious_violations(page: Any) -> list[str]:
    page.evaluate(axe_source())  # evaluated by the driver, so the page's CSP does not stop it
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    assert result["passes"], "axe ran no rule"
    return [f"{v['impact']} {v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_no_serious_or_critical_violation(page: Any, base_url: str, path: str) -> None:
    page.goto(base_url + path)
    assert serious_violations(page) == []


def test_no_serious_or_critical_violation_on_search_with_results(page: Any, base_url: str) -> None:
    search(page, base_url, "審査請求")
    assert serious_violations(page) == []


def test_search_with_the_keyboard_alone(page: Any, base_url: str) -> None:
    page.goto(base_url + "search/")
    page.locator("#q").wait_for()
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('#q')"):
            break
    else:
        pytest.fail("Tab never reached the search box")
    page.keyboard.type("審査請求")
    page.keyboard.press("Enter")
    page.locator(".search-result h2 a").first.wait_for(timeout=15000)
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.search-result a')"):
            break
    else:
        pytest.fail("Tab never reached a search result")
    target = page.evaluate("document.activeElement.getAttribute('href')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(target.lstrip("./").removeprefix("../"))
    assert "privacy/2024-" in page.url


def test_marks_are_announced_with_their_legal_basis(page: Any, base_url: str) -> None:
    page.goto(base_url + MEETING)
    heading = page.locator("article h1").first.aria_snapshot().replace(" ", "")  # spans are spoken apart
    assert "Ａ（非公開（東村山市情報公開条例第6条第2号：個人情報））氏と" in heading
    assert "非公開（東村山市情報公開条例第6条第3号：法人等事業活動情報）の件" in heading
    assert "■" not in heading  # the visual mark is hidden from assistive technology
    marks = page.locator("main .redacted")
    assert marks.count() > 20
    for text in marks.all_text_contents():
        assert "非公開（東村山市情報公開条例第6条第" in text
    notice = page.get_by_role("note").filter(has_text="行政運営情報")
    assert notice.count() == 1


def test_print_stylesheet_hides_the_navigation(page: Any, base_url: str) -> None:
    page.goto(base_url + MEETING)
    nav = page.locator(".site-header nav")
    assert nav.is_visible()
    page.emulate_media(media="print")
    assert nav.is_hidden()
    assert page.locator(".pager").is_hidden()
    assert page.locator("article .minutes").is_visible()


def test_meeting_page_fits_a_phone(browser: Any, base_url: str, tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=1, locale="ja-JP")
    try:
        page = context.new_page()
        page.goto(base_url + MEETING)
        shot = tmp_path / "meeting-375.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 0
        widths = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], f"horizontal scrolling: {widths}"
    finally:
        context.close()
