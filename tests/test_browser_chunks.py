"""The search reads the pair index chunk by chunk in Chromium: only the chunks that can hold the query,
newest first, until a page of results is full; the count and 「さらに表示」 read the rest."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser, Page
from shardsites import generated_site, reindexed
from test_browser_search import FINISHED, QuietHandler, launched, served, watched

from kaigiroku.content.model import Archive
from kaigiroku.search import grams
from kaigiroku.search.pagetext import read_page
from kaigiroku.search.record import indexed_text

pytestmark = pytest.mark.browser
CHUNK = 4  # meetings per chunk: the 24 meetings of the corpus in six chunks
PAGE_SIZE = 20  # search.js


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Archive]:
    root = tmp_path_factory.mktemp("browser-chunks")
    built, archive = generated_site(root / "built")
    copy, _ = reindexed(built, archive, root / "www", chunk=CHUNK)
    return copy, archive


@pytest.fixture(scope="module")
def base(site: tuple[Path, Archive]) -> Iterator[str]:
    yield from served(site[0], QuietHandler, "")


@pytest.fixture(scope="module")
def browser(base: str) -> Iterator[Browser]:
    yield from launched()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    yield from watched(browser)


def holding(site: tuple[Path, Archive], q: str) -> list[str]:
    """The meetings whose indexed text holds ``q`` (one run), newest first."""
    root, archive = site
    return [m.url for m in archive.meetings
            if q in indexed_text(read_page((root / m.url / "index.html").read_text(encoding="utf-8")))[1]]


def chunk_of(site: tuple[Path, Archive]) -> dict[str, str]:
    return {m.url: c.name for c in grams.chunks(site[1].meetings, CHUNK) for m in c.meetings}


def opened(page: Page, base: str, q: str, fetched: list[str], **filters: str) -> list[str]:
    page.on("request", lambda r: fetched.append(r.url[len(base):]))
    page.goto(base + "search/?" + urlencode({"q": q, **filters}))
    page.wait_for_function(FINISHED, arg=q)
    return shown(page)


def shown(page: Page) -> list[str]:
    return page.locator("#search-results > li").evaluate_all("els => els.map(e => e.dataset.url)")


def chunks_read(fetched: list[str]) -> set[str]:
    return {m.group(1) for url in fetched if (m := re.match(r"search/g/(c\d+)/\d+$", url))}


def test_a_common_word_reads_the_newest_chunks_until_a_page_is_full(page: Page, base: str,
                                                                     site: tuple[Path, Archive]) -> None:
    want = holding(site, "委員")
    assert len(want) == len(site[1].meetings) > PAGE_SIZE  # in every meeting
    fetched: list[str] = []
    first = opened(page, base, "委員", fetched)
    assert first == want[:PAGE_SIZE]  # newest first
    chunks = chunk_of(site)
    assert chunks_read(fetched) == {chunks[url] for url in want[:PAGE_SIZE]}  # the oldest chunk was not read
    assert chunks[want[-1]] not in chunks_read(fetched)
    status = page.locator("#search-status")
    assert status.get_attribute("data-total") == ""
    assert "まだ検索していません" in status.inner_text()
    assert page.locator("#search-more").is_visible() and page.locator("#search-count").is_visible()
    # The event itself, not a click at the button's place: excerpts filled in as results scroll into
    # view move the button, and on a loaded machine a click could land where it was a moment before.
    page.locator("#search-more").dispatch_event("click")
    page.wait_for_function(FINISHED, arg="委員")
    page.wait_for_function("n => document.querySelectorAll('#search-results > li').length === n", arg=len(want))
    assert shown(page) == want
    assert status.get_attribute("data-total") == str(len(want))
    assert f"{len(want)}件" in status.inner_text()
    assert not page.locator("#search-more").is_visible() and not page.locator("#search-count").is_visible()


def test_the_count_reads_every_chunk_and_keeps_the_page(page: Page, base: str, site: tuple[Path, Archive]) -> None:
    want = holding(site, "委員")
    fetched: list[str] = []
    opened(page, base, "委員", fetched)
    page.locator("#search-count").dispatch_event("click")  # not at its place: see above
    page.wait_for_function("n => document.getElementById('search-status').dataset.total === n", arg=str(len(want)))
    assert shown(page) == want[:PAGE_SIZE]  # the page shown stays as it was
    assert page.locator("#search-more").is_visible()  # the results beyond it are one click away
    assert chunks_read(fetched) == set(chunk_of(site).values())


def test_a_rare_word_reads_only_the_chunks_that_hold_all_its_pairs(page: Page, base: str,
                                                                     site: tuple[Path, Archive]) -> None:
    chunks = chunk_of(site)
    oldest = site[1].meetings[-1].url
    title = read_page((site[0] / oldest / "index.html").read_text(encoding="utf-8")).title
    q = next(w for w in re.findall(r"[^\W\d_]{4,}", indexed_text(read_page(
        (site[0] / oldest / "index.html").read_text(encoding="utf-8")))[1]) if len(holding(site, w)) == 1)
    fetched: list[str] = []
    assert opened(page, base, q, fetched) == [oldest], title
    assert chunks_read(fetched) <= {chunks[oldest]}
    assert page.locator("#search-status").get_attribute("data-total") == "1"
    assert not page.locator("#search-more").is_visible()


def test_a_query_on_no_page_reads_no_chunk(page: Page, base: str) -> None:
    fetched: list[str] = []
    assert opened(page, base, "量子暗号通信衛星", fetched) == []
    assert chunks_read(fetched) == set() and not [u for u in fetched if re.search(r"/d\d+$", u)]
    assert page.locator("#search-status").get_attribute("data-total") == "0"


def test_a_second_query_fetches_only_what_the_first_did_not(page: Page, base: str) -> None:
    fetched: list[str] = []
    opened(page, base, "審議会", fetched)
    page.wait_for_load_state("networkidle")
    before = len(fetched)
    page.locator("#q").fill("委員 会長")
    page.locator("#q").press("Enter")
    page.wait_for_function(FINISHED, arg="委員 会長")
    page.wait_for_load_state("networkidle")
    # (the browser asks for the favicon again when the address changes)
    later = [url for url in fetched[before:] if url.startswith("search/")]
    assert later and not set(later) & set(fetched[:before])
    assert len(later) == len(set(later))


def test_oldest_first_reads_the_oldest_chunks(page: Page, base: str, site: tuple[Path, Archive]) -> None:
    want = holding(site, "委員")[::-1]
    fetched: list[str] = []
    first = opened(page, base, "委員", fetched, sort="old")
    assert [site[1].meetings[-1].url] == first[:1]
    assert sorted(first) == sorted(want[:PAGE_SIZE])
    assert chunk_of(site)[site[1].meetings[0].url] not in chunks_read(fetched)
    assert "それより新しい会議録はまだ検索していません" in page.locator("#search-status").inner_text()


def test_excerpts_are_fetched_for_the_results_in_view_only(page: Page, base: str) -> None:
    fetched: list[str] = []
    found = opened(page, base, "委員", fetched)
    first = page.locator("#search-results > li").first
    first.locator("xpath=.").and_(page.locator("[data-excerpts]")).wait_for()
    assert first.locator(".excerpt mark").first.inner_text() == "委員"
    texts = [u for u in fetched if re.search(r"/t\d+-\d+$", u)]
    assert texts and len({u.rsplit("/", 1)[1].split("-")[0] for u in texts}) < len(found)  # not every result's
    page.locator("#search-results > li").last.scroll_into_view_if_needed()
    page.locator("#search-results > li").last.locator("xpath=.").and_(page.locator("[data-excerpts]")).wait_for()


def _all_shown(page: Page, q: str) -> list[str]:
    while page.locator("#search-more").is_visible():
        page.locator("#search-more").dispatch_event("click")  # not at its place: see above
        page.wait_for_function(FINISHED, arg=q)
    return shown(page)


def test_filters_are_read_from_the_meetings_descriptions_without_pagefind(page: Page, base: str,
                                                                           site: tuple[Path, Archive]) -> None:
    """A council or fiscal-year filter is checked on the descriptions (d<n>) of the meetings found:
    the same meetings as the unfiltered search keeps of that council or year, no Pagefind file and
    no table of record ids fetched, and no chunk read that holds none of the years asked for."""
    _, archive = site
    council = archive.councils[1]
    year = sorted({m.fiscal_year for m in archive.meetings})[1]
    every = holding(site, "委員")
    by_url = {m.url: m for m in archive.meetings}
    fetched: list[str] = []
    opened(page, base, "委員", fetched, council=council.name)
    assert _all_shown(page, "委員") == [url for url in every if by_url[url].council.slug == council.slug]
    fetched_years: list[str] = []
    opened(page, base, "委員", fetched_years, **{"from": str(year), "to": str(year)})
    in_year = [url for url in every if by_url[url].fiscal_year == year]
    assert in_year and _all_shown(page, "委員") == in_year
    assert not [url for url in fetched + fetched_years if url.startswith("pagefind/") or url == "search/g/ids"]
    holding_year = {c.name for c in grams.chunks(archive.meetings, CHUNK) if year in {m.fiscal_year for m in c.meetings}}
    assert chunks_read(fetched_years) <= holding_year
