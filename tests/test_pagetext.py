"""What the search reads of a page: the article's visible text, cut into speeches."""

from __future__ import annotations

from pathlib import Path

import pytest

from kaigiroku.search.pagetext import BLOCK, Passage, read_page
from kaigiroku.search.record import record_of

PAGE = """<!doctype html>
<html lang="ja"><head><title>外の題</title></head>
<body>
<nav>外の文</nav>
<article data-pagefind-body>
<h1>令和6年度 第1回<br>審議会</h1>
<p>開会&amp;挨拶<!-- 注釈 -->の後</p>
<p hidden>隠した文</p>
<p data-pagefind-ignore>索引しない文 <span>その中</span></p>
<p>標示<span class="mark visually-hidden">根拠の説明</span>のみ</p>
<div class="speech" id="s1" data-speech="1" data-role="会長" data-speaker="">
<p>（会長）開会します。</p>
</div>
<div class="speech" id="s2" data-speech="2" data-role="委員" data-speaker="Ａ委員"><p>質問です。</p></div>
<p>閉会</p>
</article>
<footer>外の連絡先</footer>
</body></html>"""


def test_the_article_is_read_without_hidden_ignored_or_screen_reader_text() -> None:
    page = read_page(PAGE)
    assert page.title == "令和6年度 第1回審議会"
    texts = {p.speech: p.text.replace(BLOCK, "|").replace("\n", "") for p in page.passages if p.speech}
    assert [p.speech for p in page.passages] == [0, 1, 0, 2, 0]  # the line breaks between the speeches are the page's
    visible = "".join(p.text for p in page.passages)
    for outside in ("外の題", "外の文", "隠した文", "索引しない文", "その中", "根拠の説明", "注釈", "外の連絡先"):
        assert outside not in visible
    assert "開会&挨拶の後" in visible and "標示のみ" in visible
    assert "（会長）開会します。" in texts[1] and texts[2].strip("|") == "質問です。"
    assert page.roles == {1: "会長", 2: "委員"} and page.speakers == {1: "", 2: "Ａ委員"}


def test_blocks_are_apart_and_a_page_without_elements_has_no_text() -> None:
    assert read_page("") == read_page("   ") == read_page("<!-- -->")
    assert read_page("").passages == []
    page = read_page("<article data-pagefind-body><p>一</p><p>二</p>三<br>四</article>")
    assert [Passage(0, f"{BLOCK}{BLOCK}一{BLOCK}{BLOCK}二{BLOCK}三{BLOCK}四{BLOCK}")] == page.passages


MEETINGS = [p for p in sorted(Path(__file__).parent.joinpath("golden", "site").glob("*/*/index.html"))
            if p.parts[-3] != "nendo"]


@pytest.mark.parametrize("page", MEETINGS, ids=lambda p: "/".join(p.parts[-3:-1]))
def test_every_golden_meeting_page_has_speeches_and_a_title(page: Path) -> None:
    record = record_of(read_page(page.read_text(encoding="utf-8")))
    assert record.title and record.content and record.segments[0][0] == 0
    assert any(speech for _, speech, _ in record.segments)
