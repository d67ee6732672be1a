"""In a real browser: the CSP is enforced, search works under it, and hostile content runs nothing."""

from __future__ import annotations

from typing import Any

import pytest
from leakprobe import fold
from proof import ADVERSARIAL_SECRETS, search

pytestmark = pytest.mark.browser

PAGES = ["", "privacy/", "nendo/", "nendo/2024/", "privacy/2024-05-10/", "hostile/2024-06-01/", "404.html"]
SAFE_PROTOCOLS = {"http:", "https:", "mailto:"}
# The adversarial meeting's image has a withheld name in its file name: it cannot exist.
MISSING_IMAGE = {"privacy/2024-05-10/": "Failed to load resource: the server responded with a status of 404 (File not found)"}


@pytest.mark.parametrize("path", PAGES)
def test_pages_load_without_csp_violations_or_errors(page: Any, base_url: str, path: str) -> None:
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__csp") == []
    assert [e for e in page.console_errors if e != MISSING_IMAGE.get(path)] == []


def test_search_works_under_the_csp(page: Any, base_url: str) -> None:
    search(page, base_url, "審査請求")
    page.wait_for_selector("#search-status[data-done]")
    assert page.locator(".search-result").count() == 2
    results = fold(page.locator("#search-app").inner_text())
    titles = page.locator(".search-result h2").all_text_contents()
    assert "令和6年度第1回 Ａ氏と■■■の件" in [t.strip() for t in titles]  # the plain title, not the spoken one
    assert [s for s in ADVERSARIAL_SECRETS if fold(s) in results] == []
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__csp") == []
    assert page.console_errors == []


def test_the_csp_blocks_an_injected_inline_script(page: Any, base_url: str) -> None:
    page.goto(base_url + "privacy/2024-05-10/")
    page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.__ran = true'; document.body.append(s); }""")
    page.wait_for_timeout(100)
    assert page.evaluate("window.__ran === undefined")
    assert any(v.startswith("script-src") for v in page.evaluate("window.__csp"))


def test_hostile_content_executes_nothing(page: Any, base_url: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(base_url + "hostile/2024-06-01/")
    page.mouse.move(200, 300)
    page.keyboard.press("Tab")
    page.wait_for_timeout(300)
    assert dialogs == []
    found = page.evaluate("""() => ({
        inline: [...document.scripts].filter(s => !s.src).length,
        handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes])
                    .filter(a => a.name.startsWith('on')).length,
        frames: document.querySelectorAll('iframe, frame, object, embed, svg, math, base, style').length,
        protocols: [...document.querySelectorAll('[href], [src]')]
                    .map(e => new URL(e.getAttribute('href') ?? e.getAttribute('src'), document.baseURI).protocol),
        title: document.title,
    })""")
    assert (found["inline"], found["handlers"], found["frames"]) == (0, 0, 0)
    assert set(found["protocols"]) <= SAFE_PROTOCOLS
    assert found["title"].startswith("<script>alert('title')</script>{{ 7*7 }}")
