"""How a withheld span is shown: the public mark, the block notice, plain labels.

All public markup of redactions is produced here and nowhere else.
"""

from __future__ import annotations

import html
import urllib.parse
from typing import Mapping, Sequence

from .model import Redaction, Withholding
from .placeholders import PATTERN, PERCENT, index_of

# Ledger lines by the index of the Redaction that shows them: what the preview reveals.
Review = Mapping[int, Sequence[Withholding]]


def mark_html(r: Redaction) -> str:
    """A fixed-width mark (or a pseudonym) with the legal basis as accessible text."""
    c = r.category
    basis = html.escape(c.accessible_text)
    shown = html.escape(r.label)
    kind, spoken = ("pseudonym", f"{shown}（{basis}）") if r.pseudonym else ("mark", basis)
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


def marked(text: str, redactions: Sequence[Redaction], review: Review | None = None) -> str:
    """A front matter value as HTML: escaped, placeholders as public marks (review marks in the preview)."""
    escaped = html.escape(text)
    return PATTERN.sub(lambda m: _mark_or_notice(redactions[index_of(m.group(0))], review), escaped)


def _mark_or_notice(r: Redaction, review: Review | None) -> str:
    if review is not None:
        return review_mark_html(r, review.get(r.index, ()))
    return mark_html(r) if r.kind == "inline" else html.escape(r.label)


# The internal preview of `serve`: the public mark plus what it hides.
# Never called by a public build (``Site`` passes no review details there).

def review_mark_html(r: Redaction, lines: Sequence[Withholding]) -> str:
    """The public mark, then the withheld text highlighted, with category, basis and NOTE on hover/focus."""
    c = r.category
    withheld = html.escape(lines[0].text if lines else "")
    return (f'<span class="review-redaction" tabindex="0" id="redaction-{r.index}" data-category="{c.key}">'
            f'{mark_html(r)}<del class="review-withheld">{withheld}</del>'
            f'<span class="review-category">{html.escape(c.label)}</span>'
            f'{_review_tip(r, lines)}</span>')


def review_block_html(r: Redaction, lines: Sequence[Withholding]) -> str:
    withheld = html.escape(lines[0].text if lines else "")
    return (f'<div class="review-redaction review-block" tabindex="0" id="redaction-{r.index}" '
            f'data-category="{r.category.key}">{block_html(r)}'
            f'<span class="review-category">{html.escape(r.category.label)}</span>{_review_tip(r, lines)}'
            f'<del class="review-withheld">{withheld}</del></div>\n')


def _review_tip(r: Redaction, lines: Sequence[Withholding]) -> str:
    notes = "".join(f"<br>NOTE（{w.line}行{w.col}列）：{html.escape(w.note)}" for w in lines if w.note)
    hows = "・".join(dict.fromkeys(w.how for w in lines))
    return (f'<span class="review-tip" role="tooltip">{html.escape(r.category.label)}（{r.category.key}）'
            f'<br>根拠：{html.escape(r.category.basis)}<br>公開時の表示：{html.escape(r.label)}'
            f'<br>指定：{html.escape(hows)}{notes}</span>')
