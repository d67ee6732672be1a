"""Speakers in a real browser (issue 22): a speaker label links to the speaker's page, that page
lists every meeting and speech newest first and links back to each speech, and the search is
narrowed to one speaker by name (the sample council sittings, served under a sub-path)."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser, Page
from test_browser_search import FINISHED, QuietHandler, launched, served, watched, www  # noqa: F401

from kaigiroku.content.speeches import person_path

pytestmark = pytest.mark.browser
SITTING = "honkaigi/2024-06-10/"
COMMITTEE = "somu/2024-06-17/"


@pytest.fixture(scope="module")
def base_url(www: Path) -> Iterator[str]:  # noqa: F811
    yield from served(www, QuietHandler)


@pytest.fixture(scope="module")
def browser(base_url: str) -> Iterator[Browser]:
    yield from launched()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    yield from watched(browser, console=True)


def test_a_speaker_label_links_to_the_speakers_page(page: Page, base_url: str) -> None:
    page.goto(base_url + SITTING)
    label = page.locator(".speech .speaker a", has_text="○５番（佐藤花子君）").first
    assert label.get_attribute("href") == "../../" + person_path("佐藤花子")
    label.click()
    page.wait_for_load_state()
    assert page.url == base_url + person_path("佐藤花子")
    assert page.locator("h1").inner_text() == "佐藤花子の発言"
    assert page.locator("html").get_attribute("lang") == "ja"


def test_the_speakers_page_lists_meetings_newest_first_and_links_each_speech(page: Page, base_url: str) -> None:
    page.goto(base_url + person_path("佐藤花子"))
    meetings = page.locator(".sitting h3 a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert meetings == ["../../" + COMMITTEE, "../../" + SITTING]  # 6月17日 before 6月10日
    roles = page.locator("table.roles tbody td:first-child").all_inner_texts()
    assert roles == ["委員長", "議員"]  # roles over time, the latest first
    link = page.locator(".sitting").nth(1).locator(".spoken a").first
    anchor = link.get_attribute("href").rsplit("#", 1)[1]
    link.click()
    page.wait_for_load_state()
    speech = page.locator(f"#{anchor}")
    assert speech.get_attribute("data-speaker") == "佐藤花子"
    assert page.evaluate("() => location.hash") == f"#{anchor}"


def test_the_speakers_index_names_everyone_and_no_withheld_name(page: Page, base_url: str) -> None:
    page.goto(base_url + "hatsugensha/")
    names = page.locator("table.people tbody th a").all_inner_texts()
    assert {"佐藤花子", "鈴木一郎", "山口拓", "村雨健太"} <= set(names)
    assert "宮前千草" not in page.content()  # withheld inside a speech: on no page


def search(page: Page, url: str, query: str) -> list[tuple[str, list[str]]]:
    """The meetings found and, for each, the speeches its hits open."""
    page.goto(url)
    page.wait_for_function(FINISHED, arg=query)
    return page.locator("#search-results > li").evaluate_all(
        "els => els.map(e => [e.dataset.url, Array.from(e.querySelectorAll('.hit-link')).map(a => a.hash)])")


def test_the_search_is_narrowed_to_one_speaker_by_name(page: Page, base_url: str) -> None:
    """お諮り: the 議長 says it in the sitting, 佐藤花子 as 委員長 in the committee."""
    everyone = search(page, base_url + "search/?" + urlencode({"q": "お諮り"}), "お諮り")
    assert {url for url, _ in everyone} == {SITTING, COMMITTEE}
    hers = search(page, base_url + "search/?" + urlencode({"q": "お諮り", "speaker": "佐藤花子"}), "お諮り")
    assert page.locator("#speaker").input_value() == "佐藤花子"  # chosen once the names have loaded
    assert [url for url, _ in hers] == [COMMITTEE] and all(hits for _, hits in hers)
    for url, hits in hers:
        page.goto(base_url + url)
        assert {page.locator(h).get_attribute("data-speaker") for h in hits} == {"佐藤花子"}


def test_a_word_only_another_speaker_said_is_not_found_for_this_speaker(page: Page, base_url: str) -> None:
    """佐藤花子 speaks in the sitting, but 投票所 stands only in 村雨健太's speech and the answer to it."""
    assert [u for u, _ in search(page, base_url + "search/?" + urlencode({"q": "投票所"}), "投票所")] == [SITTING]
    assert search(page, base_url + "search/?" + urlencode({"q": "投票所", "speaker": "佐藤花子"}), "投票所") == []
    found = search(page, base_url + "search/?" + urlencode({"q": "投票所", "speaker": "村雨健太"}), "投票所")
    assert [u for u, _ in found] == [SITTING]


def test_choosing_a_speaker_in_the_form_searches_again(page: Page, base_url: str) -> None:
    search(page, base_url + "search/?" + urlencode({"q": "投票所"}), "投票所")
    page.wait_for_function("() => document.getElementById('speaker').options.length > 1")
    page.locator("#speaker").select_option("佐藤花子")
    page.wait_for_function("() => new URL(location.href).searchParams.get('speaker') === '佐藤花子'")
    page.wait_for_function(FINISHED, arg="投票所")
    assert page.locator("#search-results > li").count() == 0


def test_the_speakers_page_opens_the_search_for_that_speaker(page: Page, base_url: str) -> None:
    page.goto(base_url + person_path("鈴木一郎"))
    page.get_by_role("link", name="この人の発言を語句で検索する").click()
    page.wait_for_function("() => document.getElementById('speaker').options.length > 1")
    assert page.locator("#speaker").input_value() == "鈴木一郎"
