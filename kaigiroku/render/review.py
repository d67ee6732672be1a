"""What the internal preview adds to a meeting page: withheld text, findings, approval.

Only ``serve`` builds a ``MeetingReview``; a public build passes none, so
none of this markup can reach ``site/``. Findings are placed in the body by
their line and column: a pair of private-use characters (plane 16; the
redaction placeholders use plane 15) goes around each one before Markdown
is parsed, and becomes a ``<mark>`` afterwards.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Sequence

from kaigiroku.content.approvals import Standing
from redaction.model import Finding
from redaction.operators import Review

_BASE = 0x100000
_MARKERS = re.compile("[\U00100000-\U0010fffc]")
_PAIR = re.compile("([\U00100000-\U0010fffc])([^<\U00100000-\U0010fffc]*)([\U00100000-\U0010fffc])")
_PERCENT = re.compile(r"%F4%8[0-F]%[89AB][0-9A-F]%[89AB][0-9A-F]", re.I)
LIMIT = 0x7FFE  # pairs that fit below U+10FFFD


@dataclass(frozen=True)
class MeetingReview:
    details: Review  # ledger lines by redaction index
    findings: tuple[Finding, ...]
    standing: Standing
    draft: bool
    sha: str = ""  # SHA-256 of the file's bytes the page shows: the review desk's edits are refused if it changed


def finding_markers(body: str, body_line: int, findings: Sequence[Finding]) -> str:
    """The body with a start and an end marker around each finding that lies in it."""
    lines = body.split("\n")
    inserts: dict[int, list[tuple[int, int, int]]] = {}
    for k, f in enumerate(findings[:LIMIT]):
        row = f.line - body_line
        needle = f.text.split("\n")[0]
        if not 0 <= row < len(lines) or not needle:
            continue
        starts = [m.start() for m in re.finditer(re.escape(needle), lines[row])]
        if starts:
            col = min(starts, key=lambda s: abs(s - (f.col - 1)))
            inserts.setdefault(row, []).append((col, col + len(needle), k))
    for row, spans in inserts.items():
        line = lines[row]
        for start, end, k in sorted(spans, reverse=True):
            line = line[:start] + chr(_BASE + 2 * k) + line[start:end] + chr(_BASE + 2 * k + 1) + line[end:]
        lines[row] = line
    return "\n".join(lines)


def finding_html(rendered: str, findings: Sequence[Finding]) -> str:
    """Markers around plain text become a highlight; markers split by markup or inside URLs are dropped."""
    def highlight(m: re.Match[str]) -> str:
        k = (ord(m.group(1)) - _BASE) // 2
        if ord(m.group(3)) != ord(m.group(1)) + 1:
            return m.group(0)
        f = findings[k]
        return (f'<mark class="review-finding" id="finding-{k}" tabindex="0" '
                f'title="{html.escape(f.kind)}（{f.line}行{f.col}列）：確認待ち">{m.group(2)}</mark>')

    return _PERCENT.sub("", _MARKERS.sub("", _PAIR.sub(highlight, rendered)))
