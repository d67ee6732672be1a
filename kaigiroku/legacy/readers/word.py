"""A Word file (.docx), through python-docx: paragraphs, tables, lists, bold, headings.

A file that still holds tracked changes, comments or hidden text is
refused: those are drafts, and may hold what must not be published.
Positions are ``paragraph:1``, paragraphs counted from the top of the
document, those in tables included. Page and column breaks are dropped,
a line break is a Markdown hard break, a footnote's mark becomes （注N）
and its text is kept at the end of the minutes; an image leaves its
description and a warning; headers and footers of the pages are not the
record and are left out.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any, Iterator

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from kaigiroku.core.errors import ContentErrors
from kaigiroku.core.messages import say, say_n

from ..html import wrap
from ..record import Block, Cell, Notes, escape_inline, escape_line_start, plain, table_markdown
from ..source import publishable
from .wordlists import Numbering

CHANGES = {"ins": "insertion", "del": "deletion", "moveFrom": "move", "moveTo": "move", "rPrChange": "format change",
           "pPrChange": "format change", "sectPrChange": "format change", "tblPrChange": "format change",
           "trPrChange": "format change", "tcPrChange": "format change", "tblGridChange": "format change",
           "numberingChange": "format change", "cellIns": "insertion", "cellDel": "deletion", "cellMerge": "format change"}
LIST_MARK = re.compile(r"^(?:-|\d+[.)])$")  # a marker that is Markdown's
LIST_ITEM = re.compile(r"^\s*(?:-|\d+[.)]) ")
HEADING = re.compile(r"^(?:heading|見出し)\s*([1-6])$", re.I)


def read_word(data: bytes, notes: Notes) -> list[Block]:
    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # a broken ZIP, a missing or malformed part: python-docx raises many kinds
        raise _damaged(exc, notes) from None
    try:
        body = document.element.body
        numbers = {p: n for n, p in enumerate(body.iter(qn("w:p")), start=1)}
        _refuse_drafts(document, body, numbers, notes)
        reader = _Reader(document, numbers, notes, Numbering(document))
        reader.children(body)
        reader.footnotes()
    except ContentErrors:
        raise
    except Exception as exc:  # a part python-docx cannot read
        raise _damaged(exc, notes) from None
    return reader.blocks


def _damaged(exc: Exception, notes: Notes) -> ContentErrors:
    return notes.fail(1, 1, say("the Word file cannot be opened ({why}): it is damaged or not a .docx; open it in Word "
                                "and save it again", why=type(exc).__name__))


def _changes(kind: str, n: int) -> str:
    """``2 insertions``: a count of tracked changes of one kind."""
    if kind == "insertion":
        return say_n("{n} insertion", "{n} insertions", n)
    if kind == "deletion":
        return say_n("{n} deletion", "{n} deletions", n)
    if kind == "move":
        return say_n("{n} move", "{n} moves", n)
    return say_n("{n} format change", "{n} format changes", n)


def _refuse_drafts(document: Any, body: Any, numbers: dict[Any, int], notes: Notes) -> None:
    """Tracked changes, comments and hidden text are errors that name them, never their text."""
    parts = [body, *(_part(document, reltype) for reltype in (RT.FOOTNOTES, RT.ENDNOTES))]
    counts: dict[str, int] = {}
    first: int | None = None
    for part in (p for p in parts if p is not None):
        for element in part.iter(*(qn(f"w:{name}") for name in CHANGES)):
            kind = CHANGES[etree.QName(element).localname]
            counts[kind] = counts.get(kind, 0) + 1
            first = first or _paragraph_of(element, numbers)
    if counts:
        listed = say(", ").join(_changes(kind, n) for kind, n in counts.items())
        notes.error(first or 1, 1, say("the Word file still holds tracked changes ({listed}): accept or reject every "
                                       "change (校閲 → 承諾 / 元に戻す), save, and import again; a draft's changes may "
                                       "hold what must not be published", listed=listed))
    comments = _part(document, RT.COMMENTS)
    count = len(comments.findall(qn("w:comment"))) if comments is not None else 0
    marks = list(body.iter(qn("w:commentReference"), qn("w:commentRangeStart")))
    if count or marks:
        notes.error(_paragraph_of(marks[0], numbers) if marks else 1, 1,
                    say("the Word file holds {n} comment(s): delete them (校閲 → 削除 → ドキュメント内のすべての"
                        "コメントを削除), save, and import again; comments are notes of a draft", n=count or len(marks)))
    hidden = [run for run in body.iter(qn("w:r")) if run.find(f"{qn('w:rPr')}/{qn('w:vanish')}") is not None
              and _on(run.find(f"{qn('w:rPr')}/{qn('w:vanish')}")) and "".join(run.itertext()).strip()]
    if hidden:
        notes.error(_paragraph_of(hidden[0], numbers), 1, say("the Word file holds hidden text ({n} run(s)): show it "
                                                              "(ホーム → 編集記号の表示), delete what must not be "
                                                              "published or unhide it, and import again", n=len(hidden)))
    if notes.errors:
        raise ContentErrors(notes.errors)


def _part(document: Any, reltype: str) -> Any:
    """The XML of the document's part of that relationship, or None."""
    for rel in document.part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            return etree.fromstring(rel.target_part.blob)
    return None


def _paragraph_of(element: Any, numbers: dict[Any, int]) -> int:
    while element is not None and element not in numbers:
        element = element.getparent()
    return numbers.get(element, 1) if element is not None else 1


def _on(flag: Any) -> bool:
    return flag.get(qn("w:val"), "true") not in ("false", "0", "off")


@dataclass
class _Reader:
    document: Any
    numbers: dict[Any, int]
    notes: Notes
    lists: Numbering
    blocks: list[Block] = field(default_factory=list)
    notes_text: list[tuple[int, str]] = field(default_factory=list)  # footnote marks used, with their number

    def children(self, parent: Any) -> None:
        for child in parent:
            tag = etree.QName(child).localname
            if tag == "p":
                self.paragraph(child)
            elif tag == "tbl":
                self.table(child)
            elif tag in ("sdt", "sdtContent", "customXml"):
                self.children(child)

    def paragraph(self, p: Any) -> None:
        number = self.numbers.get(p, 1)
        text = self.inline(p, number)
        if not text.strip():
            return
        style = self.style_name(p)
        heading = HEADING.match(style)
        lines = [line.strip() for line in text.split("\n")]
        lines = [line for line in lines if line]
        marker, indent = self.lists.marker(p, style)
        if heading:
            lines = ["#" * int(heading.group(1)) + " " + " ".join(lines)]
        elif marker is not None and LIST_MARK.match(marker):
            lines = [f"{indent}{marker} {lines[0]}", *(indent + " " * (len(marker) + 1) + line for line in lines[1:])]
        elif marker is not None:
            lines = [escape_line_start(f"{escape_inline(marker)}　{lines[0]}"), *lines[1:]]
        else:
            lines = [escape_line_start(line) for line in lines]
        lines = [line + ("  " if i < len(lines) - 1 else "") for i, line in enumerate(lines)]
        last = self.blocks[-1] if self.blocks else None
        if marker is not None and LIST_MARK.match(marker) and last is not None and last.cells is None \
                and LIST_ITEM.match(last.lines[0]):
            last.lines += lines  # the next item of the same list
            last.at = [*(last.at or []), *[(number, 1)] * len(lines)]
            return
        self.blocks.append(Block(lines, number, at=[(number, 1)] * len(lines)))

    def style_name(self, p: Any) -> str:
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if style is None:
            return ""
        found = self.document.part.get_style(style.get(qn("w:val")), WD_STYLE_TYPE.PARAGRAPH)
        return found.name or ""

    def inline(self, element: Any, number: int) -> str:
        """A paragraph's text as Markdown: bold runs as **…**, line breaks as newlines."""
        pieces: list[tuple[str, bool]] = []
        for text, bold in self.runs(element, number):
            if pieces and pieces[-1][1] == bold:
                pieces[-1] = (pieces[-1][0] + text, bold)
            else:
                pieces.append((text, bold))
        return "".join("\n".join(wrap("**", part) for part in text.split("\n")) if bold else text
                       for text, bold in pieces)

    def runs(self, element: Any, number: int) -> Iterator[tuple[str, bool]]:
        for run in element.iter(qn("w:r")):
            bold = self.bold(run)
            for child in run:
                tag = etree.QName(child).localname
                if tag == "t":
                    yield escape_inline(publishable(child.text or "", self.notes, (number, 1))), bold
                elif tag in ("br", "cr"):
                    if child.get(qn("w:type")) not in ("page", "column"):
                        yield "\n", False
                elif tag == "tab":
                    yield " ", False
                elif tag == "noBreakHyphen":
                    yield "-", bold
                elif tag in ("footnoteReference", "endnoteReference"):
                    self.notes_text.append((len(self.notes_text) + 1, child.get(qn("w:id")) or ""))
                    yield f"（注{len(self.notes_text)}）", False
                elif tag in ("drawing", "pict", "object"):
                    yield self.image(child, number), False

    def bold(self, run: Any) -> bool:
        flag = run.find(f"{qn('w:rPr')}/{qn('w:b')}")
        if flag is not None:
            return _on(flag)
        style = run.find(f"{qn('w:rPr')}/{qn('w:rStyle')}")
        return style is not None and style.get(qn("w:val")) in ("Strong", "a3")

    def image(self, element: Any, number: int) -> str:
        described = [d.get("descr") or d.get("title") or "" for d in element.iter(qn("wp:docPr"))]
        alt = next((d.strip() for d in described if d.strip()), "")
        self.notes.warn(number, 1, say("image not imported; its description 「{alt}」 is kept: add it by hand if it "
                                       "matters", alt=alt) if alt else say("image not imported: add it by hand if it matters"))
        return escape_inline(alt)

    def table(self, tbl: Any) -> None:
        rows: list[list[Cell]] = []
        markdown: list[list[str]] = []
        for tr in tbl.iter(qn("w:tr")):
            if _table_of(tr) is not tbl:
                continue
            cells = [[line for p in tc.iter(qn("w:p")) for line in self.inline(p, self.numbers[p]).split("\n")
                      if line.strip()] for tc in tr if etree.QName(tc).localname == "tc"]
            number = next((self.numbers[p] for p in tr.iter(qn("w:p"))), 1)
            rows.append([Cell("\n".join(plain(line) for line in cell), number, 1) for cell in cells])
            markdown.append([" ".join(line.strip() for line in cell) for cell in cells])
        if rows:
            first = rows[0][0].line if rows[0] else 1
            self.blocks.append(Block(table_markdown(markdown), first, cells=rows, at=[(first, 1)] * (len(rows) + 1)))

    def footnotes(self) -> None:
        """The text of the footnotes whose marks the minutes hold, at their end: （注1）…"""
        if not self.notes_text:
            return
        texts = {}
        for reltype in (RT.FOOTNOTES, RT.ENDNOTES):
            part = _part(self.document, reltype)
            for note in part.iter(qn("w:footnote"), qn("w:endnote")) if part is not None else ():
                texts[note.get(qn("w:id"))] = " ".join(
                    self.inline(p, 0).replace("\n", " ").strip() for p in note.iter(qn("w:p"))).strip()
        last = self.blocks[-1].line if self.blocks else 1
        for shown, ident in self.notes_text:
            self.blocks.append(Block([f"（注{shown}）{texts.get(ident, '')}"], last, at=[(last, 1)]))
        self.notes.warn(last, 1, say("{n} footnote(s) kept at the end of the minutes, their marks written （注1） …: "
                                     "check where they belong", n=len(self.notes_text)))


def _table_of(element: Any) -> Any:
    parent = element.getparent()
    while parent is not None and etree.QName(parent).localname != "tbl":
        parent = parent.getparent()
    return parent
