"""What a reader sees of a meeting page, cut into speeches: the text the search indexes.

The parser reads the rendered page, so the index holds exactly what is on
the page and nothing else: only ``<article data-pagefind-body>``, without
elements that are ``hidden``, marked ``data-pagefind-ignore`` or only for
screen readers (``visually-hidden``, such as the legal basis of a mark).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

BLOCK = "\x00"  # between blocks (paragraphs, cells …); white space inside a block is not a boundary
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
BLOCKS = {"p", "div", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "br", "section", "table",
          "caption", "ul", "ol", "blockquote", "pre", "article", "dd", "dt"}


@dataclass(frozen=True)
class Passage:
    """Consecutive text of one speech (``speech`` > 0) or of the page around the speeches (0)."""

    speech: int
    text: str


@dataclass
class PageText:
    title: str = ""
    passages: list[Passage] = field(default_factory=list)
    roles: dict[int, str] = field(default_factory=dict)  # speech order → role
    speakers: dict[int, str] = field(default_factory=dict)  # speech order → public name ('' if none)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageText()
        self.stack: list[tuple[str, bool, int]] = []  # (tag, shown, speech)
        self.in_article = False
        self.in_title = False  # inside the page's first h1, its title
        self.pieces: list[tuple[int, str]] = []

    @property
    def visible(self) -> bool:
        return not self.stack or self.stack[-1][1]

    @property
    def shown(self) -> bool:
        return self.in_article and self.visible

    @property
    def speech(self) -> int:
        return self.stack[-1][2] if self.stack else 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "article" and "data-pagefind-body" in a:
            self.in_article = True
        if tag == "h1" and not self.page.title:
            self.in_title = True
        if tag in BLOCKS:
            self.pieces.append((self.speech, BLOCK))
        if tag in VOID:
            return
        hidden = "hidden" in a or "data-pagefind-ignore" in a or "visually-hidden" in (a.get("class") or "").split()
        speech = int(a["data-speech"]) if a.get("data-speech") else self.speech
        if speech != self.speech:
            self.page.roles[speech] = a.get("data-role") or ""
            self.page.speakers[speech] = a.get("data-speaker") or ""
        self.stack.append((tag, self.visible and not hidden, speech))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        while self.stack:
            if self.stack.pop()[0] == tag:
                break
        if tag == "h1":
            self.in_title = False
        if tag == "article":
            self.in_article = False
        if tag in BLOCKS:
            self.pieces.append((self.speech, BLOCK))

    def handle_data(self, data: str) -> None:
        if self.in_title and self.shown:
            self.page.title += data
        if self.shown:
            self.pieces.append((self.speech, data))


def read_page(html: str) -> PageText:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    page = reader.page
    for speech, text in reader.pieces:
        if page.passages and page.passages[-1].speech == speech:
            page.passages[-1] = Passage(speech, page.passages[-1].text + text)
        else:
            page.passages.append(Passage(speech, text))
    page.title = " ".join(page.title.split())
    return page
