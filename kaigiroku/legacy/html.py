"""HTML of a city's pages turned into Markdown blocks or plain text.

Used for the fragments (``<p>``, ``<b>``, ``<br>``) inside a text export
and for whole saved pages. Text is never dropped without a warning:
images become their alt text, unknown tags their contents.
"""

from __future__ import annotations

import re
from typing import Iterable

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PageElement, PreformattedString

from kaigiroku.core.messages import say

from .record import Block, Cell, Notes, escape_inline, escape_line_start, table_markdown

SKIP = {"script", "style", "noscript", "nav", "footer", "aside", "form", "button", "iframe", "template",
        "head", "title", "meta", "link", "select", "input"}
BLOCK = {"p", "div", "section", "article", "main", "header", "center", "blockquote", "figure", "figcaption",
         "dl", "dt", "dd", "address", "ul", "ol", "li", "table", "tr", "pre", "hr",
         "h1", "h2", "h3", "h4", "h5", "h6"}
_HTML_SPACE = re.compile(r"[ \t\r\n\f]+")


def parse(markup: str) -> BeautifulSoup:
    return BeautifulSoup(markup, "html.parser")


def collapse(text: str) -> str:
    """HTML white space as a reader sees it: a wrapped line between Japanese characters joins."""
    def space(m: re.Match[str]) -> str:
        before = text[m.start() - 1] if m.start() else " "
        after = text[m.end()] if m.end() < len(text) else " "
        return "" if "\n" in m.group() and not before.isascii() and not after.isascii() else " "
    return _HTML_SPACE.sub(space, text)


def plain_text(node: Tag) -> str:
    """The text of a header cell: one line per paragraph or ``<br>``."""
    parts: list[str] = []
    for piece in node.descendants:
        if isinstance(piece, Tag):
            if piece.name == "br" or piece.name in BLOCK:
                parts.append("\n")
        elif _is_text(piece) and not any(p.name in SKIP for p in piece.parents if isinstance(p, Tag)):
            parts.append(collapse(str(piece)))
    lines = (re.sub(r" {2,}", " ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def to_blocks(nodes: Iterable[PageElement], notes: Notes, base_line: int = 1, escape: bool = True) -> list[Block]:
    """Markdown blocks for a run of HTML nodes; ``escape`` protects text that is not Markdown."""
    converter = _Converter(notes, base_line, escape)
    converter.blocks_of(nodes)
    converter.flush()
    return converter.out


def _is_text(node: PageElement) -> bool:
    return isinstance(node, NavigableString) and not isinstance(node, PreformattedString)


class _Converter:
    def __init__(self, notes: Notes, base_line: int, escape: bool):
        self.notes = notes
        self.base_line = base_line
        self.escape = escape
        self.out: list[Block] = []
        self.pending: list[str] = []
        self.pending_line = base_line

    def line_of(self, node: PageElement) -> int:
        tag = node if isinstance(node, Tag) else node.parent
        return self.base_line + ((tag.sourceline or 1) - 1 if tag is not None else 0)

    def col_of(self, node: PageElement) -> int:
        return (node.sourcepos or 0) + 1 if isinstance(node, Tag) else 1

    def flush(self) -> None:
        text = "".join(self.pending)
        self.pending = []
        lines = [line.strip() for line in text.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            self.add(lines, self.pending_line, protect=True)

    def add(self, lines: list[str], line: int, protect: bool = False) -> None:
        if protect and self.escape:
            lines = [escape_line_start(text) for text in lines]
        self.out.append(Block([text.rstrip() + ("  " if i < len(lines) - 1 and protect else "")
                               for i, text in enumerate(lines)], line))

    def blocks_of(self, nodes: Iterable[PageElement]) -> None:
        for node in nodes:
            if isinstance(node, Tag) and node.name in SKIP:
                continue
            if isinstance(node, Tag) and node.name in BLOCK:
                self.flush()
                self.block(node)
                self.flush()
            else:
                if not self.pending:
                    self.pending_line = self.line_of(node)
                self.pending.append(self.inline(node))

    def block(self, node: Tag) -> None:
        line = self.line_of(node)
        name = node.name
        if name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            text = self.inline_text(node)
            if text:
                self.add(["#" * int(name[1]) + " " + text], line)
        elif name in ("ul", "ol"):
            self.add(self.list_lines(node), line)
        elif name == "table":
            self.add(self.table_lines(node), line)
            self.out[-1].cells = [[Cell(plain_text(cell), self.line_of(cell), self.col_of(cell)) for cell in row]
                                  for row in _cells(node)]
        elif name == "pre":
            self.add(["```", *node.get_text().strip("\n").split("\n"), "```"], line)
        elif name == "hr":
            self.add(["* * *"], line)
        elif name == "blockquote":
            for block in to_blocks(node.children, self.notes, self.base_line, self.escape):
                self.add(["> " + text for text in block.lines], block.line)
        else:
            self.pending_line = line
            self.blocks_of(node.children)

    def inline_text(self, node: Tag) -> str:
        return " ".join(part.strip() for part in self.inline(node).split("\n") if part.strip())

    def inline(self, node: PageElement) -> str:
        if _is_text(node):
            text = collapse(str(node))
            return escape_inline(text) if self.escape else text
        if not isinstance(node, Tag) or node.name in SKIP:
            return ""
        if node.name == "br":
            return "\n"
        if node.name == "img":
            alt = (node.get("alt") or "").strip()
            self.notes.warn(self.line_of(node), self.col_of(node),
                            say("image not imported; its alt text 「{alt}」 is kept: add it by hand if it matters", alt=alt)
                            if alt else say("image not imported: add it by hand if it matters"))
            return alt
        inner = "".join(self.inline(child) for child in node.children)
        if node.name in ("b", "strong"):
            return wrap("**", inner)
        if node.name in ("i", "em"):
            return wrap("*", inner)
        if node.name == "a" and re.match(r"https?://", node.get("href") or "") and inner.strip():
            return f"[{inner.strip()}]({node['href']})"
        if node.name in BLOCK:
            return f"\n{inner}\n"
        return inner

    def list_lines(self, node: Tag) -> list[str]:
        number = int(node.get("start") or 1) if str(node.get("start") or "1").isdigit() else 1
        lines: list[str] = []
        for item in node.find_all("li", recursive=False):
            marker = f"{number}." if node.name == "ol" else "-"
            number += 1
            inner = to_blocks(item.children, self.notes, self.base_line, self.escape)
            body = [text for i, block in enumerate(inner)
                    for text in ([""] if i and not _is_list(block) else []) + block.lines]
            body = body or [""]
            lines.append(f"{marker} {body[0]}".rstrip())
            lines += [(" " * (len(marker) + 1) + text) if text else "" for text in body[1:]]
        return lines

    def table_lines(self, node: Tag) -> list[str]:
        return table_markdown([[self.inline_text(cell) for cell in row] for row in _cells(node)])


def _cells(table: Tag) -> list[list[Tag]]:
    """A table's cells row by row, without those of tables inside it."""
    rows = [row for row in table.find_all("tr") if row.find_parent("table") is table]
    return [cells for cells in (row.find_all(("th", "td"), recursive=False) for row in rows) if cells]


def _is_list(block: Block) -> bool:
    return bool(block.lines) and re.match(r"(?:[-*+]|\d+[.)])\s", block.lines[0]) is not None


def wrap(marker: str, inner: str) -> str:
    core = inner.strip()
    if not core:
        return inner
    lead = inner[:len(inner) - len(inner.lstrip())]
    trail = inner[len(inner.rstrip()):]
    return f"{lead}{marker}{core}{marker}{trail}"
