"""An exposure scan for the leak tests, written apart from ``redaction``: every public file read as a
reader or a crawler could read it (gzip undone, tags and entities, percent-encoding and JSON escapes
undone, the search index's four-character tokens read back as characters), folded with a table of
its own (NFKC, the kanji variants and radicals the tests use, white space and invisible characters
dropped, lower case), and searched for each withheld text.
"""

from __future__ import annotations

import contextlib
import gzip
import html
import re
import unicodedata
import urllib.parse
from pathlib import Path
from typing import Iterable

# The look-alikes the tests put in content: variants (異体字) and radicals, each → the common ideograph.
LOOKALIKES = {"髙": "高", "濵": "浜", "濱": "浜", "﨑": "崎", "邊": "辺", "邉": "辺", "齋": "斎", "齊": "斉",
              "\u2ec4": "西", "\u2ed1": "長", "\u2ed4": "門", "\u2ee9": "黄", "\u2f2d": "山", "\u2f25": "女"}
# Invisible characters outside Unicode's format category: fillers and variation selectors.
_FILLERS = {0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x3164, 0xFFA0, *range(0x180B, 0x1810),
            *range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)}
_TAG = re.compile(r"<[^>]*>")
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
_TOKEN = re.compile(r"[0-9a-z]{4}")


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = "".join(LOOKALIKES.get(c, c) for c in text)
    return "".join(c for c in text if not (c.isspace() or unicodedata.category(c) in ("Cf", "Mn")
                                            or ord(c) in _FILLERS)).lower()


def _tokens(text: str) -> str:
    """Every run of four-character tokens read back as the characters they code."""
    out = []
    for m in _TOKEN.finditer(text):
        n = int(m.group(), 36)
        out.append(chr(n) if 0x20 < n <= 0x10FFFF and not 0xD800 <= n <= 0xDFFF else " ")
    return "".join(out)


def readings(data: bytes) -> str:
    if data[:2] == b"\x1f\x8b":
        with contextlib.suppress(OSError, EOFError):
            data = gzip.decompress(data)
    text = data.decode("utf-8", errors="replace")
    unescaped = html.unescape(text)
    found = [text, unescaped, html.unescape(_TAG.sub("", text)), urllib.parse.unquote(unescaped),
             _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)]
    if data.startswith(b"pagefind_dcd"):
        found.append(_tokens(text))
    return "\n".join(fold(v) for v in found)


def exposed(site: Path, secrets: Iterable[str]) -> dict[str, list[str]]:
    """withheld text → the files of ``site`` where it can be read."""
    wanted = {fold(s): s for s in secrets}
    found: dict[str, list[str]] = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        text = readings(path.read_bytes())
        for key, secret in wanted.items():
            if key and key in text:
                found.setdefault(secret, []).append(path.relative_to(site).as_posix())
    return found


LOCATED = re.compile(r"^(\S+?):(\d+):(\d+): ", re.M)
