"""The minutes as clean Markdown: page-break debris removed, nothing else changed.

Blank runs become one blank line. A sentence split by a page break is
joined again where that is unambiguous: the paragraph before is prose
(it holds a 。 or ends with 、) and stops mid-sentence, and the next one
is a plain paragraph (no list item, heading, speaker mark (総務課長),
※, ○ …). After a closing 」 or ）, only a particle that cannot begin a
sentence (という, との, を …) continues it. A paragraph that still stops
mid-sentence is reported, not changed.
"""

from __future__ import annotations

import re

from kaigiroku.core.messages import say

from .record import Block, Notes, escape_markup

SENTENCE_END = "。．.」』）)？?！!"
CLOSING = "」』）)"
LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
OPENS_BLOCK = re.compile(r"\s|#|>|[-*+]\s|\d+[.)]\s|[(（]|[・※○●◎■□◆◇【〔→|｜]|\*\*|```|以上$")
AFTER_QUOTE = re.compile(r"という|との|と[、言い思述考記書]|を")


def clean_body(blocks: list[Block], notes: Notes) -> str:
    kept: list[Block] = []
    for block in blocks:
        lines = [line for line in block.lines if line.strip()]
        if not lines:
            continue
        lines[-1] = lines[-1].rstrip()
        block = Block(lines, block.line)
        if kept and _continues(kept[-1].lines[-1], lines[0]):
            _join(kept[-1], block)
            continue
        if kept and _stops_mid_sentence(kept[-1].lines[-1]):
            last = kept[-1]
            notes.warn(last.line + len(last.lines) - 1, 1, say("this paragraph stops mid-sentence and the next one "
                       "starts a new block; if a page break split a sentence here, join it by hand"))
        kept.append(block)
    return escape_markup("\n\n".join("\n".join(block.lines) for block in kept) + "\n")


def _prose(line: str) -> str:
    """The text of a paragraph's last line, or '' if it is a heading."""
    return "" if line.lstrip().startswith("#") else LIST_MARK.sub("", line).strip().strip("*_").strip()


def _stops_mid_sentence(line: str) -> bool:
    text = _prose(line)
    return ("。" in text or text.endswith("、")) and text[-1] not in SENTENCE_END


def _continues(line: str, following: str) -> bool:
    if OPENS_BLOCK.match(following):
        return False
    text = _prose(line)
    if _stops_mid_sentence(line):
        return True
    return "。" in text and text[-1] in CLOSING and AFTER_QUOTE.match(following) is not None


def _join(block: Block, following: Block) -> None:
    last, first = block.lines[-1], following.lines[0]
    space = " " if last[-1:].isascii() and last[-1:].isalnum() and first[:1].isascii() and first[:1].isalnum() else ""
    block.lines[-1] = last + space + first
    block.lines += following.lines[1:]
