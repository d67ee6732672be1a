"""How a withheld span is shown: the public mark, the block notice, plain labels.

All public markup of redactions is produced here and nowhere else.
"""

from __future__ import annotations

import html
import urllib.parse
from typing import Sequence

from .model import Redaction
from .placeholders import PATTERN, PERCENT, index_of


def mark_html(r: Redaction) -> str:
    """A fixed-width mark (or a pseudonym) with the legal basis as accessible text."""
    c = r.category
    basis = html.escape(c.accessible_text)
    shown = html.escape(r.label)
    kind, spoken = ("pseudonym", f"{shown}（{basis}）") if c.pseudonyms else ("mark", basis)
    return (f'<span class="redacted redacted-{kind}" data-category="{c.key}" title="{basis}">'
            f'<span aria-hidden="true">{shown}</span><span class="visually-hidden">{spoken}</span></span>')


def block_html(r: Redaction) -> str:
    return (f'<div class="redacted-block" role="note" data-category="{r.category.key}">'
            f'<p>{html.escape(r.label)}</p></div>\n')


def plain(text: str, redactions: Sequence[Redaction], html_escape: bool = False) -> str:
    """Every placeholder replaced by its public label, for titles, feeds and attributes."""
    def label(i: int) -> str:
        text = redactions[i].label
        return html.escape(text) if html_escape else text

    text = PATTERN.sub(lambda m: label(index_of(m.group(0))), text)
    if "%" in text:
        text = PERCENT.sub(lambda m: urllib.parse.quote(
            redactions[index_of(urllib.parse.unquote(m.group(0)))].label), text)
    return text


def marked(text: str, redactions: Sequence[Redaction]) -> str:
    """A front matter value as HTML: escaped, placeholders as public marks."""
    escaped = html.escape(text)
    return PATTERN.sub(lambda m: _mark_or_notice(redactions[index_of(m.group(0))]), escaped)


def _mark_or_notice(r: Redaction) -> str:
    return mark_html(r) if r.kind == "inline" else html.escape(r.label)
