"""Where in the sources a leaked text is written: the file, line and column a person can fix.

A leak is a withheld text that reached a public file. The text was written somewhere in the content
in a form the redaction did not take for it: split by emphasis (``山本**商事**``), as an entity
(``&#x5C71;本商事``), across a link, in an escape. This module reads a source as a reader of the
published page would — markers and withheld blocks left out, entities and ``\\uXXXX`` escapes
undone, Markdown's emphasis, code, link, quote and table marks and HTML tags dropped, then the one
normalisation — keeping for each character the raw offset it came from, and finds the text there.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from kaigiroku.core.errors import ContentError
from kaigiroku.core.messages import say, say_n

from .leakcheck import Leak
from .normalize import NormalizedText
from .text import LineIndex

_GAP = "\ufffd"  # where a marker or a block stood: nothing reads across it
_READING = re.compile(
    r"(?P<block>^[ \t]*\{\{(?:redact|非公開):[^|{}\n]*\}\}[ \t]*\n.*?^[ \t]*\{\{/(?:redact|非公開)\}\}[ \t]*$)"
    r"|(?P<mark>(?<!\\)\{\{(?:redact|非公開):[^|{}\n]*\|[^\n]*?\}\})"
    r"|(?P<entity>&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)"
    r"|(?P<escape>\\[uU][0-9a-fA-F]{4})"
    r"|(?P<url>\]\([^)\n]*\))"
    r"|(?P<tag><!--.*?-->|</?[A-Za-z][^<>\n]*>)"
    r"|(?P<drop>[*_~`|\[\]#>\\])",
    re.M | re.S)


@dataclass(frozen=True)
class Origin:
    path: str  # as shown in messages
    line: int
    col: int


def reading(raw: str) -> tuple[str, list[int]]:
    """The text a reader of the page sees in ``raw``, and the raw offset of each of its characters."""
    chars: list[str] = []
    offsets: list[int] = []
    pos = 0

    def keep(text: str, at: int | None = None) -> None:
        for i, char in enumerate(text):
            chars.append(char)
            offsets.append(at if at is not None else pos + i)

    for m in _READING.finditer(raw):
        keep(raw[pos:m.start()])
        kind = m.lastgroup
        if kind in ("block", "mark"):
            keep(_GAP, m.start())
        elif kind == "entity":
            keep(html.unescape(m.group()), m.start())
        elif kind == "escape":
            keep(chr(int(m.group()[2:], 16)), m.start())
        pos = m.end()
    keep(raw[pos:])
    return "".join(chars), offsets


def find(key: str, raw: str) -> int | None:
    """The raw offset where ``key`` (normalised, perhaps lower-cased) is first written in ``raw``."""
    text, offsets = reading(raw)
    norm = NormalizedText.of(text)
    for form in (norm.text, norm.text.lower()):
        if len(form) == len(norm.text) and (at := form.find(key)) >= 0:
            return offsets[norm.raw_span(at, at + 1)[0]]
    return None


def locate(key: str, sources: Sequence[tuple[str, Path]]) -> Origin | None:
    """The first of ``sources`` ((path shown, path)) that writes ``key``, and where."""
    for shown, path in sources:
        try:
            raw = path.read_text(encoding="utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
        except (OSError, UnicodeDecodeError):
            continue
        at = find(key, raw)
        if at is not None:
            return Origin(shown, *LineIndex(raw).position(at))
    return None


def ordered(first: Iterable[tuple[str, Path]], rest: Sequence[tuple[str, Path]]) -> list[tuple[str, Path]]:
    """``first``, then ``rest`` without them."""
    head = list(dict.fromkeys(first))
    return head + [s for s in rest if s not in head]


def leak_errors(leaks: Sequence[Leak], meetings: dict[str, tuple[str, Path]],
                others: Sequence[tuple[str, Path]], shown_root: str) -> list[ContentError]:
    """One error per place in the sources that a leaked text is written at, naming the public files
    it reached; a leak that cannot be traced to a source line is reported at the public file.
    ``meetings``: meeting key → (path shown, path) of its file; ``others``: site.yaml, the councils."""
    everything = [*others, *meetings.values()]
    reached: dict[tuple[Origin | None, str, str, str, str], list[str]] = {}
    for leak in leaks:
        page = "/".join(leak.path.removeprefix(shown_root + "/").split("/")[:2])
        first = [meetings[m] for m in (page, leak.meeting) if m in meetings]
        origin = locate(leak.key, ordered(first, everything)) if leak.key else None
        reached.setdefault((origin, leak.meeting, leak.category, leak.how, "" if origin else leak.path), []).append(leak.path)
    errors = []
    for (origin, meeting, category, how, _), paths in reached.items():
        paths.sort(key=lambda p: not p.endswith(".html"))  # a page first: what a person opens
        what = say("withheld {category} text of {meeting} ({how})", category=category, meeting=meeting, how=how)
        if origin is None:
            errors.append(ContentError(paths[0], 1, 1, say("{what} appears in this public file; the build was stopped",
                                                           what=what)))
            continue
        more = say_n(" and {n} other public file", " and {n} other public files", len(paths) - 1) if len(paths) > 1 else ""
        errors.append(ContentError(origin.path, origin.line, origin.col, say(
            "{what} is written here in a form the redaction does not withhold and reaches {file}{more}; mark it here "
            "too with {{redact:CATEGORY|TEXT}}, written without markup, entities or escapes inside it; the build was "
            "stopped", what=what, file=paths[0], more=more)))
    return errors
