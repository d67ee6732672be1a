"""A real browser searches the built sample archive (Debian's chromium through Playwright).

The site is served under a sub-path (/kaigiroku/) by a local http.server,
as a city's web server would, so relative links and the search bundle
path are exercised too. This test does not skip: without chromium it fails.
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
import time
from pathlib import Path
from typing import Iterator
from urllib.parse import urlencode, urljoin

import pytest
from conftest import ROOT
from playwright.sync_api import Browser, Page, sync_playwright

import build

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]
TIMEOUT = 60_000  # ms: a search waits for the bundles it loads, slow when the machine is busy (tests run in parallel)
# The search has finished when the status line names the query and is marked done; the
# button 「さらに表示」 shows the results beyond the first page.
FINISHED = """q => {
  const s = document.getElementById('search-status');
  return s.hasAttribute('data-done') && s.getAttribute('data-query') === q;
}"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class SlowListHandler(QuietHandler):
    """Serves the search's list of pages two seconds late, as a slow connection would: the search
    is ready only once it has it."""

    def do_GET(self) -> None:
        if self.path.endswith("/search/pages.json"):
            time.sleep(2)
        super().do_GET()


@pytest.fixture(scope="module")
def www(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("www")
    assert build.main(["build", "--content", str(ROOT / "content"), "--out", str(root / "kaigiroku")]) == 0
    (root / "favicon.ico").write_bytes(b"")  # the host's own, outside the archive
    return root


def served(root: Path, handler: type[http.server.SimpleHTTPRequestHandler], path: str = "kaigiroku/") -> Iterator[str]:
    """``root`` on a local server for the module's tests: the URL of ``path`` in it."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{path}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def base_url(www: Path) -> Iterator[str]:
    yield from served(www, QuietHandler)


@pytest.fixture(scope="module")
def slow_url(www: Path) -> Iterator[str]:
    yield from served(www, SlowListHandler)


def launched() -> Iterator[Browser]:
    """Debian's chromium through Playwright; a missing chromium fails the test, never skips it."""
    assert Path(CHROMIUM).is_file(), "install Debian's chromium: apt-get install chromium"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def watched(browser: Browser, console: bool = False) -> Iterator[Page]:
    """A page in a fresh context; a script error on it (with ``console``, a console error too) fails the test."""
    context = browser.new_context()
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT)
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    if console:
        pg.on("console", lambda msg: errors.append(f"{msg.text} {msg.location.get('url')}") if msg.type == "error" else None)
    yield pg
    context.close()
    assert errors == []


@pytest.fixture(scope="module")
def browser(base_url: str) -> Iterator[Browser]:
    """Started after the build: Playwright's event loop would stop the indexer's asyncio.run()."""
    yield from launched()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    yield from watched(browser, console=True)


def search(page: Page, base_url: str, query: str) -> list[str]:
    """Search for ``query`` on the search page; return the meetings found once the search has finished."""
    page.goto(base_url + "search/")
    page.wait_for_selector("#search-status[data-done]")  # the script is ready: Enter will not reload the page
    page.locator("#q").fill(query)
    page.locator("#q").press("Enter")
    page.wait_for_function(FINISHED, arg=query)
    while page.locator("#search-more").is_visible():
        page.locator("#search-more").click()
    return [urljoin(base_url, url) for url in page.locator("#search-results > li").evaluate_all(
        "els => els.map(e => e.dataset.url)")]


@pytest.mark.parametrize(("query", "meeting", "title"), [
    ("海外療養費", "privacy/2014-02-10/", "平成25年度第3回個人情報保護運営審議会"),
    ("防犯カメラ映像", "disclosure/2024-06-18/", "令和6年度第1回情報公開運営審議会"),
    ("生産緑地", "urban-planning/2023-11-08/", "令和5年度第2回都市計画審議会"),
    ("地区計画", "urban-planning/2024-08-05/", "令和6年度第1回都市計画審議会"),
])
def test_a_japanese_query_finds_its_meeting(page: Page, base_url: str, query: str, meeting: str, title: str) -> None:
    links = search(page, base_url, query)
    assert links[0] == base_url + meeting
    page.goto(links[0])
    assert page.locator("h1").inner_text() == title


@pytest.mark.parametrize("withheld", ["鷲尾環", "榊原晴臣", "鬼頭源蔵", "御子柴冬美", "蓮見拓海"])
def test_a_withheld_name_finds_nothing(page: Page, base_url: str, withheld: str) -> None:
    assert search(page, base_url, withheld) == []
    assert "一致する会議録は見つかりませんでした" in page.locator("#search-status").inner_text()


@pytest.mark.parametrize(("withheld", "meeting"), [
    ("能登谷一平", "urban-planning/2023-11-08/"), ("久留島蒼太", "disclosure/2023-07-14/"),
    ("宇佐美千景", "disclosure/2024-06-18/"), ("グリーンテック多摩", "disclosure/2024-01-22/"),
    ("ＭＫビルサービス", "disclosure/2024-01-22/"),
])
def test_a_withheld_name_does_not_find_the_meeting_that_withheld_it(page: Page, base_url: str, withheld: str,
                                                                    meeting: str) -> None:
    """Nor does any meeting that shares only a part of the name (一, 多, サービス …) come up."""
    assert search(page, base_url, withheld) == []
    assert base_url + meeting not in search(page, base_url, withheld)
    assert withheld not in page.locator("#search-results").inner_text()


def test_a_query_typed_while_the_index_loads_is_kept_and_searched(page: Page, slow_url: str) -> None:
    """The page once filled its form in again from its address when the index had loaded, wiping
    out what the visitor had typed meanwhile (a search of nothing: the test waited in vain)."""
    page.goto(slow_url + "search/")
    page.wait_for_selector("#search-status[data-done]")  # the script runs; the index is ready in 2 s
    page.locator("#q").fill("生産緑地")
    page.wait_for_function("() => document.getElementById('role').options.length > 1")  # the index has loaded
    assert page.locator("#q").input_value() == "生産緑地"
    page.locator("#q").press("Enter")
    page.wait_for_function(FINISHED, arg="生産緑地")
    assert page.locator("#search-results > li").first.get_attribute("data-url") == "urban-planning/2023-11-08/"


def test_a_role_in_the_address_is_chosen_once_the_roles_have_loaded(page: Page, slow_url: str, www: Path) -> None:
    role = json.loads((www / "kaigiroku" / "search" / "pages.json").read_text(encoding="utf-8"))["roles"][0]
    page.goto(slow_url + "search/?" + urlencode({"q": "委員", "role": role}))
    page.wait_for_function("() => document.getElementById('role').options.length > 1")
    assert page.locator("#role").input_value() == role
    page.wait_for_function(FINISHED, arg="委員")


def test_results_are_sorted_newest_first(page: Page, base_url: str) -> None:
    links = search(page, base_url, "審議会")
    dates = [link.rstrip("/").rsplit("/", 1)[1] for link in links]
    assert len(dates) >= 4 and dates == sorted(dates, reverse=True)


def test_the_search_box_of_other_pages_hands_over_its_query(page: Page, base_url: str) -> None:
    page.goto(base_url)
    page.locator("#site-search").fill("生産緑地")
    page.locator(".search-form button").click()
    page.wait_for_function(FINISHED, arg="生産緑地")
    assert page.locator("#q").input_value() == "生産緑地"
    link = page.locator(".search-result h2 a").first.get_attribute("href")
    assert urljoin(page.url, link).split("?")[0] == base_url + "urban-planning/2023-11-08/"


@pytest.mark.parametrize(("query", "meeting"), [
    ("指定状況について報告を受けた", "urban-planning/2023-11-08/"),
    ("運用状況と、開示請求書の誤送付事故", "disclosure/2023-07-14/"),
])
def test_words_only_in_the_summary_are_shown_on_the_page_and_found(page: Page, base_url: str, query: str,
                                                                    meeting: str) -> None:
    """The summary stands in the front matter only (no line of the minutes holds these words); the
    meeting page shows it under the title, and the search finds it there."""
    source = (ROOT / "content" / f"{meeting.rstrip('/')}.md").read_text(encoding="utf-8")
    assert [line for line in source.splitlines() if query in line] == [next(
        line for line in source.splitlines() if line.startswith("summary:"))]
    assert search(page, base_url, query) == [base_url + meeting]
    page.goto(base_url + meeting)
    assert query in page.locator("article .summary").inner_text()
