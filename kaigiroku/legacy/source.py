"""A text file or a saved page as text.

Text files must be UTF-8. An HTML page may declare another charset
(``<meta charset="Shift_JIS">``), as pages of Japanese city websites often
do; it is decoded as declared. Characters the archive cannot carry are
reported with their line and column; form feeds (page breaks) are removed.
"""

from __future__ import annotations

import re
from pathlib import Path

from kaigiroku.core.messages import say, term
from redaction.placeholders import PRIVATE_USE

from .record import Notes

CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)
# What browsers decode for these labels: Windows code pages, with ～ ① and the like.
WINDOWS = {"shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932", "windows-31j": "cp932"}
GETA = "〓"  # the printer's mark for a character that cannot be set
PAGE_BREAK = "\f"  # debris of the printed pages: removed, so a sentence it split joins again
# (pattern, replacement or None to keep, digits of the code shown at least, what to tell the reader)
UNPUBLISHABLE = (
    (re.compile("[\ue000-\uf8ff]"), None, 4,  # the BMP private-use area, where 外字 live
     term("private-use character U+{code} (外字?) shows differently on every computer: "
          "replace it by the intended character or 〓")),
    (PRIVATE_USE, GETA, 1,
     term("character U+{code} cannot be published and was replaced by 〓: put in the intended character by hand")),
    (re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]"), "", 4,
     term("control character U+{code} removed: it is not text")),
)


def decode(path: Path, data: bytes, notes: Notes) -> tuple[str, bool]:
    """The text of a text file or a page and whether it is HTML; raises ``ContentErrors`` if unreadable."""
    if b"\0" in data[:8192]:
        raise notes.fail(1, 1, say("binary file, not a record: import the minutes as text (.txt), a web page "
                                   "(.html), a Word file (.docx) or a PDF"))
    html = path.suffix.lower() in (".html", ".htm") or HTML_START.match(data[:1024].decode("ascii", "replace")) is not None
    declared = CHARSET.search(data[:4096]) if html else None
    encoding = declared.group(1).decode("ascii").lower() if declared else "utf-8"
    encoding = WINDOWS.get(encoding, encoding)
    try:
        text = data.decode(encoding)
    except LookupError:
        raise notes.fail(1, 1, say("the page declares an unknown charset `{encoding}`: save it as UTF-8",
                                   encoding=encoding)) from None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise notes.fail(line, col, _undecodable(data, encoding, f"{data[exc.start]:02X}")) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return publishable(text, notes), html


def _undecodable(data: bytes, encoding: str, byte: str) -> str:
    try:
        data.decode("cp932")
    except UnicodeDecodeError:
        return say("not {encoding} text (byte 0x{byte}); save the file as UTF-8", encoding=encoding, byte=byte)
    return say("not {encoding} text (byte 0x{byte}); it looks like Shift_JIS: save it as UTF-8 (e.g. iconv -f CP932 "
               "-t UTF-8)", encoding=encoding, byte=byte)


def publishable(text: str, notes: Notes, at: tuple[int, int] = (1, 1)) -> str:
    """Report characters the archive cannot carry, and replace or remove those it must not.

    ``at`` is where the text starts, for text read from a Word file or a PDF."""
    text = text.replace(PAGE_BREAK, "")
    for line_no, line in enumerate(text.split("\n")):
        for pattern, _, digits, message in UNPUBLISHABLE:
            for found in pattern.finditer(line):
                col = found.start() + (at[1] if line_no == 0 else 1)
                notes.warn(at[0] + line_no, col, say(message, code=f"{ord(found.group()):0{digits}X}"))
    for pattern, replacement, _, _ in UNPUBLISHABLE:
        text = text if replacement is None else pattern.sub(replacement, text)
    return text
