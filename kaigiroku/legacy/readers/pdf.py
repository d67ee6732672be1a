"""A PDF, through pdfplumber: its text in reading order, its tables, without the print's debris.

pdfplumber (on pdfminer.six) gives each character with its position and
size, and finds ruled tables: the header table is read from its cells.
Lines repeated at the top or bottom of the pages (a running header or
footer) and page numbers are removed; lines are joined into paragraphs
where a line runs to the right margin, across pages too. Ruby (small
characters set above others) and vertical or rotated text are left out
and reported with their text, never mixed into a line. A PDF without a
text layer (a scan: there is no OCR), an encrypted one and a damaged one
are refused. Positions are ``page:line``, lines counted from the top of
the page.
"""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect

from kaigiroku.core.errors import ContentErrors
from kaigiroku.core.messages import say

from ..record import Block, Cell, Notes, markdown_text, table_markdown
from ..source import publishable

PAGE_NUMBER = re.compile(r"^[-－ー—–‐\s]*(?:[pP]\.?\s*|第\s*)?[0-9０-９]+\s*(?:[/／]\s*[0-9０-９]+)?\s*(?:ページ|頁)?[-－ー—–‐\s]*$")
OPENS = re.compile(r"^[・○◯◎●◆■□※【〔(（]|^\d+[.)．]\s|^[-*]\s")
SENTENCE_END = "。」』）)？！"


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int
    width: float  # of the page
    number: int = 0  # on its page, from the top


@dataclass
class _Table:
    rows: list[list[Cell]]
    top: float
    page: int
    number: int = 0


def read_pdf(data: bytes, notes: Notes) -> list[Block]:
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many kinds of error for a broken file
        raise _refusal(exc, notes) from None
    try:
        if pdf.doc.encryption is not None:
            raise notes.fail(1, 1, say("the PDF is encrypted (its author restricted copying or printing): save an "
                                       "unprotected copy, e.g. from the original Word file, and import that"))
        pages = [_page(page, number, notes) for number, page in enumerate(pdf.pages, start=1)]
    except ContentErrors:
        raise
    except Exception as exc:  # a broken page, font or content stream
        raise _refusal(exc, notes) from None
    finally:
        _close(pdf)
    if notes.errors:
        raise ContentErrors(notes.errors)
    items = _without_running_heads([item for page in pages for item in page], len(pages))
    if not any(isinstance(item, _Line) for item in items) and not any(isinstance(i, _Table) for i in items):
        raise notes.fail(1, 1, say("the PDF holds no text"))
    return _blocks(items, notes)


def _close(pdf: Any) -> None:
    try:
        pdf.close()
    except Exception:  # closing a broken file may fail again; what was read stands
        pass


def _refusal(exc: Exception, notes: Notes) -> Exception:
    cause = exc.__cause__ or exc.__context__ or exc
    if isinstance(exc, PDFPasswordIncorrect) or isinstance(cause, PDFPasswordIncorrect):
        return notes.fail(1, 1, say("the PDF is encrypted and needs a password to open: save an unprotected copy, "
                                    "e.g. from the original Word file, and import that"))
    return notes.fail(1, 1, say("the PDF cannot be read ({why}): it is damaged or incomplete; open it in a PDF viewer "
                                "and save it again, or import the original file", why=type(cause).__name__))


def _page(page: Any, number: int, notes: Notes) -> list[_Line | _Table]:
    """A page's lines and tables, top to bottom; ruby, vertical text and scans reported."""
    chars = [char for char in page.chars if char["text"].strip()]
    if not chars:
        if page.images:
            notes.error(number, 1, say("page {page} has no text, only an image (a scan?): the importer does not "
                                       "read text from images (no OCR); import the original Word file, or a PDF "
                                       "saved from it", page=number))
        return []
    tables = page.find_tables()
    inside = [table.bbox for table in tables]
    chars = [char for char in chars if not any(_within(char, box) for box in inside)]
    size = statistics.median(char["size"] for char in chars) if chars else 10.0
    left_out = {_key(char) for char in _ruby(chars, size, number, notes) + _vertical(chars, number, notes)}
    kept = page.filter(lambda obj: obj.get("object_type") != "char" or (
        _key(obj) not in left_out and not any(_within(obj, box) for box in inside)))
    items: list[_Line | _Table] = [
        _Line(line["text"], line["x0"], line["x1"], line["top"], line["bottom"],
              statistics.median(c["size"] for c in line["chars"]), number, float(page.width))
        for line in kept.extract_text_lines(strip=True, return_chars=True, keep_blank_chars=True) if line["text"].strip()]
    items += [_Table(_cells(page, table, number), table.bbox[1], number) for table in tables]
    items.sort(key=lambda item: item.top)
    for n, item in enumerate(items, start=1):
        item.number = n
    return items


def _within(obj: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _key(char: dict[str, Any]) -> tuple[float, float, str]:
    return round(char["x0"], 2), round(char["top"], 2), char["text"]


def _ruby(chars: list[dict[str, Any]], size: float, page: int, notes: Notes) -> list[dict[str, Any]]:
    """Characters much smaller than the text, set above it: a reading (ruby), reported and left out."""
    small = [char for char in chars if char["size"] < 0.6 * size]
    for run in _runs(small, lambda a, b: abs(a["top"] - b["top"]) < 1 and 0 <= b["x0"] - a["x1"] < a["size"]):
        notes.warn(page, 1, say("ruby (a reading set small above the text) 「{text}」 on page {page} was left out: "
                                "add it in brackets after its word by hand if it matters",
                                text="".join(c["text"] for c in run), page=page))
    return small


def _vertical(chars: list[dict[str, Any]], page: int, notes: Notes) -> list[dict[str, Any]]:
    """Text set vertically or rotated: reported and left out, as it cannot be read in a line."""
    def below(a: dict[str, Any], b: dict[str, Any]) -> bool:
        return abs(b["x0"] - a["x0"]) < 0.3 * a["size"] and 0.5 * a["size"] < b["top"] - a["top"] < 2 * a["size"]
    runs = [run for run in _runs(chars, below) if len(run) >= 3]
    runs += _runs([char for char in chars if not char.get("upright", True)], lambda a, b: True)
    left_out = [char for run in runs for char in run]
    for run in runs:
        notes.warn(page, 1, say("vertical or rotated text 「{text}」 on page {page} was left out: the importer reads "
                                "horizontal lines only; add it by hand where it belongs",
                                text="".join(c["text"] for c in run), page=page))
    if len(left_out) > len(chars) / 2:
        notes.error(page, 1, say("page {page} is set vertically (縦書き): the importer reads horizontal text only; "
                                 "import the original Word file, or a PDF set horizontally", page=page))
    return left_out


def _runs(chars: list[dict[str, Any]], follows: Any) -> list[list[dict[str, Any]]]:
    """Characters, in the order the page draws them, cut into runs where one does not follow the last."""
    runs: list[list[dict[str, Any]]] = []
    for char in chars:
        if runs and follows(runs[-1][-1], char):
            runs[-1].append(char)
        else:
            runs.append([char])
    return runs


def _cells(page: Any, table: Any, number: int) -> list[list[Cell]]:
    rows = []
    for row in table.rows:
        cells = []
        for box in row.cells:
            if box is None:
                continue  # covered by the cell before it
            cropped = page.crop(box, strict=False)
            lines = cropped.extract_text_lines(strip=True, return_chars=True, keep_blank_chars=True)
            cells.append(Cell(_cell_text(lines, box[2]), number, 1))
        rows.append(cells)
    return rows


def _cell_text(lines: list[dict[str, Any]], right: float) -> str:
    """A cell's lines, those that wrapped at its right edge joined again."""
    text = ""
    for i, line in enumerate(lines):
        size = statistics.median(c["size"] for c in line["chars"]) if line["chars"] else 10.0
        text = _join(text, line["text"]) if i and lines[i - 1]["x1"] >= right - 2.5 * size else (
            text + ("\n" if i else "") + line["text"])
    return text


def _without_running_heads(items: list[_Line | _Table], pages: int) -> list[_Line | _Table]:
    """Page numbers, and the lines that stand first or last, at the same height, on half the pages or more
    (two at least), removed: a line of the minutes that happens to end two pages stays."""
    ends: dict[int, list[_Line | _Table]] = {}
    for item in items:
        ends.setdefault(item.page, [item, item])[1] = item
    edge = [item for first, last in ends.values() for item in {id(first): first, id(last): last}.values()
            if isinstance(item, _Line)]
    seen = Counter((_shape(line.text), round(line.top / 3)) for line in edge)
    drop = {id(line) for line in edge if PAGE_NUMBER.match(line.text)
            or (pages > 1 and seen[_shape(line.text), round(line.top / 3)] >= max(2, (pages + 1) // 2))}
    return [item for item in items if id(item) not in drop]


def _shape(text: str) -> str:
    return re.sub(r"[0-9０-９]+", "0", re.sub(r"\s", "", text))


def _blocks(items: list[_Line | _Table], notes: Notes) -> list[Block]:
    lines = [item for item in items if isinstance(item, _Line)]
    left = Counter(round(line.x0) for line in lines).most_common(1)[0][0] if lines else 0
    # The right margin: where most lines of prose end (a line of Japanese stops up to a character short
    # of it), or as wide as the left margin if few lines reach it.
    ends = sorted(line.x1 for line in lines)
    right = max(ends[len(ends) * 3 // 4], lines[0].width - left) if lines else 0.0
    size = statistics.median(line.size for line in lines) if lines else 10.0
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:]) if a.page == b.page and b.top > a.bottom]
    gap = statistics.median(gaps) if gaps else size / 2
    paragraphs: list[tuple[str, _Line] | _Table] = []
    previous: _Line | None = None
    for item in items:
        if isinstance(item, _Table):
            paragraphs.append(item)
            previous = None
            continue
        text = publishable(item.text, notes, (item.page, item.number))
        last = paragraphs[-1] if paragraphs else None
        if previous is not None and isinstance(last, tuple) and _continues(previous, item, right, size, gap):
            paragraphs[-1] = (_join(last[0], text), last[1])
        else:
            paragraphs.append((text, item))
        previous = item
    return [_table_block(p) if isinstance(p, _Table) else
            Block([markdown_text(p[0])], p[1].page, p[1].number, at=[(p[1].page, p[1].number)]) for p in paragraphs]


def _continues(previous: _Line, line: _Line, right: float, size: float, gap: float) -> bool:
    """Whether a line goes on the paragraph above: the line above runs to the right margin, the space
    between them is a line's, and the line does not open a new item after a finished sentence."""
    if previous.x1 < right - 1.5 * size:
        return False
    if line.page == previous.page and line.top - previous.bottom > gap + 0.4 * size:
        return False
    return not (previous.text[-1:] in SENTENCE_END and OPENS.match(line.text))


def _join(before: str, after: str) -> str:
    """Two pieces of a line broken at the margin: Japanese joins directly, words get their space back,
    and a word hyphenated at the break is whole again."""
    if re.search(r"[A-Za-z]-$", before) and after[:1].islower():
        return before[:-1] + after
    if before[-1:].isascii() and before[-1:].isalnum() and after[:1].isascii() and after[:1].isalnum():
        return before + " " + after
    return before + after


def _table_block(table: _Table) -> Block:
    markdown = [[markdown_text(cell.text.replace("\n", " ")) for cell in row] for row in table.rows]
    return Block(table_markdown(markdown), table.page, table.number, cells=table.rows,
                 at=[(table.page, table.number)] * (len(table.rows) + 1))
