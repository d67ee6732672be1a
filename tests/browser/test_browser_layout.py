"""The speech links and their copy buttons never cover the words of a speech, on a phone or a desktop
(issue 23, item 11: at 390 px 「リンクをコピー」 covered speech text)."""

from __future__ import annotations

import functools
import http.server
import threading
from typing import Any, Iterator

import pytest
from proof import ROOT, build_subprocess

from .conftest import _Quiet

pytestmark = pytest.mark.browser

MEETING = "privacy/2014-02-10/"  # the seed: many speeches, long and short
# Every rectangle of the speech's own words (its paragraphs, lists and tables, not the link or button).
WORD_RECTS = """speech => {
  const rects = [];
  const walker = document.createTreeWalker(speech, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest('.speech-link, .copy-link') || !node.textContent.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) rects.push([r.left, r.top, r.right, r.bottom]);
  }
  return rects;
}"""


@pytest.fixture(scope="module")
def sample_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample archive of content/, built and served."""
    out = tmp_path_factory.mktemp("sample") / "site"
    run = build_subprocess("build", "--content", str(ROOT / "content"), "--out", str(out))
    assert run.code == 0, run.stderr
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("width", [320, 390, 768, 1280])
def test_no_speech_link_or_copy_button_covers_speech_text(browser: Any, sample_url: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="ja-JP")
    try:
        page = context.new_page()
        page.goto(sample_url + MEETING)
        speeches = page.locator(".speech")
        assert speeches.count() >= 20 and page.locator(".copy-link").count() == speeches.count()
        for i in range(speeches.count()):
            speech = speeches.nth(i)
            words = speech.evaluate(WORD_RECTS)
            assert words
            for control in (speech.locator(":scope > .speech-link"), speech.locator(":scope > .copy-link")):
                box = control.bounding_box()
                assert box and box["width"] > 0
                left, top, right, bottom = box["x"], box["y"], box["x"] + box["width"], box["y"] + box["height"]
                covered = [w for w in words if w[0] < right - 0.5 and left + 0.5 < w[2] and w[1] < bottom - 0.5
                           and top + 0.5 < w[3]]
                assert not covered, f"at {width}px, speech {i + 1}: {control} covers words at {covered[:3]}"
            scroll = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
            assert scroll[0] <= scroll[1]
    finally:
        context.close()
