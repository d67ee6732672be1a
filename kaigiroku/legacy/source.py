"""Reading a saved record from disk: bytes → text, and which reader to use.

Text files must be UTF-8. An HTML page may declare another charset
(``<meta charset="Shift_JIS">``), as pages of Japanese city websites often
do; it is decoded as declared. Characters the archive cannot carry are
reported with their line and column.
"""

from __future__ import annotations

import re
from pathlib import Path

from redaction.placeholders import PRIVATE_USE

from .record import Notes

CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)
# What browsers decode for these labels: Windows code pages, with ～ ① and the like.
WINDOWS = {"shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932", "windows-31j": "cp932"}
GAIJI = re.compile("[\ue000-\uf8ff]")  # the BMP private-use area, where 外字 live
GETA = "〓"  # the printer's mark for a character that cannot be set


def read_source(path: Path, notes: Notes) -> tuple[str, bool]:
    """The decoded text and whether it is an HTML page; raises ``ContentErrors`` if unreadable."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise notes.fail(1, 1, f"cannot read: {exc.strerror}") from None
    if b"\0" in data[:8192]:
        raise notes.fail(1, 1, "binary file, not a record: import the minutes saved as text (.txt) or as a web page (.html)")
    html = path.suffix.lower() in (".html", ".htm") or HTML_START.match(data[:1024].decode("ascii", "replace")) is not None
    declared = CHARSET.search(data[:4096]) if html else None
    encoding = declared.group(1).decode("ascii").lower() if declared else "utf-8"
    encoding = WINDOWS.get(encoding, encoding)
    try:
        text = data.decode(encoding)
    except LookupError:
        raise notes.fail(1, 1, f"the page declares an unknown charset `{encoding}`: save it as UTF-8") from None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise notes.fail(line, col, f"not {encoding} text (byte 0x{data[exc.start]:02X}){_hint(data)}") from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return _settable(text, notes), html


def _hint(data: bytes) -> str:
    try:
        data.decode("cp932")
    except UnicodeDecodeError:
        return "; save the file as UTF-8"
    return "; it looks like Shift_JIS: save it as UTF-8 (e.g. iconv -f CP932 -t UTF-8)"


def _settable(text: str, notes: Notes) -> str:
    """Warn about 外字; replace characters the redaction stage reserves by 〓."""
    for line_no, line in enumerate(text.split("\n"), start=1):
        for found in GAIJI.finditer(line):
            notes.warn(line_no, found.start() + 1, f"private-use character U+{ord(found.group()):04X} (外字?) "
                       "shows differently on every computer: replace it by the intended character or 〓")
        for found in PRIVATE_USE.finditer(line):
            notes.warn(line_no, found.start() + 1, f"character U+{ord(found.group()):X} cannot be published "
                       f"and was replaced by {GETA}: put in the intended character by hand")
    return PRIVATE_USE.sub(GETA, text)
