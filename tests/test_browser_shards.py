"""A search over a bundle per fiscal year finds, in Chromium, what a search over one bundle finds."""

from __future__ import annotations

import functools
import http.server
import threading
from typing import Iterator
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser, Page
from shardsites import generated_site, reindexed
from test_browser_search import FINISHED, QuietHandler, launched, watched

from kaigiroku.content.model import Archive

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Archive]]:
    """The corpus indexed in one bundle (under one/) and in a bundle per fiscal year (many/), served."""
    root = tmp_path_factory.mktemp("browser-shards")
    site, archive = generated_site(root / "built")
    reindexed(site, archive, root / "www" / "one")
    _, sharded = reindexed(site, archive, root / "www" / "many", jobs=2, shard_from=1)
    assert len(sharded.bundles) == len(archive.fiscal_years()) > 2
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(QuietHandler, directory=str(root / "www")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", archive
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser(sites: tuple[str, Archive]) -> Iterator[Browser]:
    yield from launched()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    yield from watched(browser)


def found(page: Page, url: str, q: str, **filters: str) -> list[tuple[str, str]]:
    """The meetings found and the exactness of each, in order, for a search opened from its URL."""
    page.goto(url + "search/?" + urlencode({"q": q, **filters}))
    page.wait_for_function(FINISHED, arg=q)
    while page.locator("#search-more").is_visible():
        page.locator("#search-more").click()
    return page.locator("#search-results > li").evaluate_all("els => els.map(e => [e.dataset.url, e.dataset.exact])")


def test_the_shards_find_what_one_bundle_finds(page: Page, sites: tuple[str, Archive]) -> None:
    base, archive = sites
    years = archive.fiscal_years()
    council = archive.councils[0].name
    queries = [("委員", {}), ("審議 会長", {}), ("委員", {"council": council}),
               ("会議", {"from": str(years[-2]), "to": str(years[1])}), ("説明", {"sort": "old"})]
    for q, filters in queries:
        one = found(page, base + "one/", q, **filters)
        many = found(page, base + "many/", q, **filters)
        assert many == one, (q, filters)
        assert one, (q, filters)
    everywhere = {url.split("/")[1][:4] for url, _ in found(page, base + "many/", "委員")}
    assert len(everywhere) > 2  # meetings of several years: every bundle was searched
    in_council = found(page, base + "many/", "委員", council=council)
    assert {url.split("/")[0] for url, _ in in_council} == {archive.councils[0].slug}
