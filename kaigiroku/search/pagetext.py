"""What a reader sees of a meeting page, cut into speeches: the text the search indexes.

The rendered page is parsed by lxml (libxml2: a third of the time of the
standard library's pure-Python parser, which the index stage spent 5 ms a
page in) and read element by element, so the index holds exactly what is on
the page and nothing else: only ``<article data-pagefind-body>``, without
elements that are ``hidden``, marked ``data-pagefind-ignore`` or only for
screen readers (``visually-hidden``, such as the legal basis of a mark).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from typing import Mapping

from lxml import etree

PARSER = etree.HTMLParser(huge_tree=True)  # libxml2: no limit on the length of a text
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


class _Reader:
    """Reads the elements of a parsed page in document order, as an HTML parser's events."""

    def __init__(self) -> None:
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

    def walk(self, element: etree._Element) -> None:
        if isinstance(element.tag, str):  # not a comment or a processing instruction
            self.handle_starttag(element.tag, element.attrib)
            if element.text:
                self.handle_data(element.text)
            for child in element:
                self.walk(child)
            self.handle_endtag(element.tag)
        if element.tail:
            self.handle_data(element.tail)

    def handle_starttag(self, tag: str, a: Mapping[str, str]) -> None:
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
    root = etree.HTML(html, PARSER)
    if root is not None:  # None: no element at all
        reader.walk(root)
    page = reader.page
    page.passages = [Passage(speech, "".join(text for _, text in pieces))
                     for speech, pieces in groupby(reader.pieces, key=itemgetter(0))]
    page.title = " ".join(page.title.split())
    return page
