"""A record file as blocks of Markdown, whatever its kind: text export, saved page, Word, PDF.

The kind is told by the file's first bytes where it has a signature (a PDF,
a Word file, an old binary Office file), else by its name; one reader per
kind. A new kind is one more module and one more entry in READERS.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from kaigiroku.core.messages import say

from ..record import Block, Notes
from ..source import decode
from .page import read_page
from .pdf import read_pdf
from .text import read_text
from .word import read_word

READERS: dict[str, Callable[[bytes, Notes], list[Block]]] = {"pdf": read_pdf, "docx": read_word}
SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".docx": "docx", ".pdf": "pdf",
            ".doc": "doc", ".json": "json"}  # the files a folder is searched for
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97–2003, Excel …


def read_blocks(path: Path, notes: Notes, data: bytes | None = None) -> list[Block]:
    """The blocks of one file (its bytes ``data`` if already read); raises ``ContentErrors`` (also kept in
    ``notes``) if it cannot be read."""
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise notes.fail(1, 1, say("cannot read: {problem}", problem=exc.strerror)) from None
    kind = kind_of(path, data)
    if kind == "doc":
        raise notes.fail(1, 1, say("a Word 97–2003 file (.doc) or another old Office file: open it in Word and save "
                                   "it as a Word document (.docx), then import that"))
    if kind in READERS:
        return READERS[kind](data, notes)
    text, html = decode(path, data, notes)
    return read_page(text, notes) if html else read_text(text, notes)


def kind_of(path: Path, data: bytes) -> str:
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04") and (path.suffix.lower() == ".docx" or b"word/" in data[:65536]):
        return "docx"
    if data.startswith(OLE):
        return "doc"
    return SUFFIXES.get(path.suffix.lower(), "text")
