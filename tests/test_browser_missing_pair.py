"""A query holding a character pair that no record holds finds nothing, in Chromium.

Pagefind answers a word that is in no record of a bundle with the longest shorter word of that
bundle's index that begins it. When the index held character pairs, the pair 員長 was answered
with the word 員 that ends a run (審議委員、), whose positions stand right after 委員, so without a
guard 委員長 found a meeting that only holds 審議委員. The index now holds one word per character,
all of one length, and a break after each run; these cases stay as its tests. The small archive below is built once and served indexed in one bundle (one/) and in a
bundle per fiscal year (many/):

- FY2019: 審議委員、 and 専門部会。 — 委員 and 部会 before a break, no 員長, no 会長;
- FY2020: 部会長 — so 会長 is in the one bundle, and in the FY2020 shard only;
- FY2021: neither.
"""

from __future__ import annotations

from typing import Iterator
from urllib.parse import urlencode

import pytest
from conftest import write_tree
from playwright.sync_api import Browser, Page
from shardsites import reindexed
from test_browser_search import FINISHED, QuietHandler, launched, served, watched

import build

pytestmark = pytest.mark.browser

COUNCIL = "ryokka"
MEETING = """---
title: {title}
date: {date}
summary: {summary}
allow_terms: [審議]  # not a name before 委員
---

## 会議経過

{body}
"""
CONTENT = {
    "site.yaml": "title: テスト会議録\norganization: テスト市\nbase_url: https://example.jp/minutes/\nlanguage: ja\n",
    f"{COUNCIL}/_council.yaml": "name: 緑化推進協議会\n",
    f"{COUNCIL}/2019-06-10.md": MEETING.format(
        title="令和元年度第1回緑化推進協議会", date="2019-06-10", summary="街路樹の植替えについて。",
        body="（事務局）審議委員、専門部会。いずれも街路樹の植替えを検討した。\n\n（委員）了承した。"),
    f"{COUNCIL}/2020-06-10.md": MEETING.format(
        title="令和2年度第1回緑化推進協議会", date="2020-06-10", summary="公園の芝生について。",
        body="（事務局）部会長から公園の芝生について報告があった。\n\n（委員）了承した。"),
    f"{COUNCIL}/2021-06-10.md": MEETING.format(
        title="令和3年度第1回緑化推進協議会", date="2021-06-10", summary="花壇の長期計画について。",
        body="（事務局）花壇の長期計画を説明した。\n\n（委員）了承した。"),
}
FY2019, FY2020 = f"{COUNCIL}/2019-06-10/", f"{COUNCIL}/2020-06-10/"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("missing-pair")
    content = write_tree(root / "content", CONTENT)
    assert build.main(["build", "--content", str(content), "--out", str(root / "site"), "-q", "--no-cache"]) == 0
    archive = build.load(build.Options(content=content)).loaded.archive
    _, one = reindexed(root / "site", archive, root / "www" / "one")
    _, many = reindexed(root / "site", archive, root / "www" / "many", shard_from=1)
    assert len(one.bundles) == 1 and len(many.bundles) == 3
    yield from served(root / "www", QuietHandler, "")


@pytest.fixture(scope="module")
def browser(base: str) -> Iterator[Browser]:
    yield from launched()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    yield from watched(browser)


def found(page: Page, url: str, q: str, **filters: str) -> list[str]:
    page.goto(url + "search/?" + urlencode({"q": q, **filters}))
    page.wait_for_function(FINISHED, arg=q)
    return page.locator("#search-results > li").evaluate_all("els => els.map(e => e.dataset.url)")


@pytest.mark.parametrize("bundles", ["one/", "many/"])
def test_the_pairs_occur(page: Page, base: str, bundles: str) -> None:
    """The corpus is as the module says: each pair of the queries below is somewhere but 員長."""
    assert found(page, base + bundles, "審議委員") == [FY2019]
    assert found(page, base + bundles, "長") != []
    assert sorted(found(page, base + bundles, "部会")) == [FY2019, FY2020]
    assert found(page, base + bundles, "会長") == [FY2020]


@pytest.mark.parametrize("bundles", ["one/", "many/"])
@pytest.mark.parametrize("q", ["委員長", "審議委員長", "委員長 部会", "員長"])
def test_a_pair_on_no_page_finds_nothing(page: Page, base: str, bundles: str, q: str) -> None:
    assert found(page, base + bundles, q) == []
    assert found(page, base + bundles, q, council="緑化推進協議会") == []


@pytest.mark.parametrize("bundles", ["one/", "many/"])
def test_a_pair_missing_from_one_bundle_finds_only_where_it_is(page: Page, base: str, bundles: str) -> None:
    """会長 is not in the FY2019 shard, where 部会 stands before a break: that meeting is not found."""
    assert found(page, base + bundles, "部会長") == [FY2020]
    assert found(page, base + bundles, "部会長", **{"from": "2019", "to": "2020"}) == [FY2020]
    assert found(page, base + bundles, "部会長", **{"from": "2019", "to": "2019"}) == []


@pytest.mark.parametrize("bundles", ["one/", "many/"])
def test_a_query_does_not_match_across_a_break(page: Page, base: str, bundles: str) -> None:
    """The index holds a break after each run of the page: 委員専門 is not in 審議委員、専門部会; the
    query's own punctuation matches the page's, or none."""
    assert found(page, base + bundles, "委員専門") == []
    assert found(page, base + bundles, "委員、専門") == [FY2019]
    assert found(page, base + bundles, "委員・専門部会") == [FY2019]
    assert found(page, base + bundles, "部会長・から") == [FY2020]
