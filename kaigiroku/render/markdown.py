"""Markdown → HTML with markdown-it-py: CommonMark plus tables, raw HTML off.

Raw HTML in minutes (the legacy `<p>`, `<b>` fragments, or anything worse)
is shown escaped, never passed through. Redaction placeholders get their
own token types, so the public marks are produced in one place
(``redaction.operators``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Sequence

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from kaigiroku.content.speeches import (
    AUTO,
    BRACKETS,
    COUNCIL,
    NOTE_LINE,
    Speech,
    note_rule,
    open_html,
    speaker_html,
    speech_rule,
)
from redaction.model import Redaction
from redaction.operators import Review, block_html, mark_html, plain, review_block_html, review_mark_html
from redaction.placeholders import PATTERN, index_of
from redaction.speakerlabels import COUNCIL_SIGNS, council_lines, parse_council

MEETING_ROOT = "../../"  # from a meeting's page, <council>/<meeting>/, to the site's root
_BLOCK_LINE = re.compile(r"[ \t]*([\U000f0000-\U000ffffd])[ \t]*")


def _split_placeholders(state: StateCore) -> None:
    """Core rule: text tokens holding placeholders become text + `redaction` tokens."""
    for block in state.tokens:
        if block.type != "inline" or not block.children or not PATTERN.search(block.content):
            continue
        children: list[Token] = []
        for token in block.children:
            if token.type != "text" or not PATTERN.search(token.content):
                children.append(token)
                continue
            pos = 0
            for m in PATTERN.finditer(token.content):
                if m.start() > pos:
                    children.append(_text(token.content[pos:m.start()]))
                mark = Token("redaction", "", 0)
                mark.meta = {"index": index_of(m.group(0))}
                children.append(mark)
                pos = m.end()
            if pos < len(token.content):
                children.append(_text(token.content[pos:]))
        block.children = children


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _block_notices(state: StateCore) -> None:
    """Core rule: a paragraph that is only a block placeholder becomes one `redaction_block` token.

    An inline mark alone on its line (a list item that is only a name) stays inline."""
    out: list[Token] = []
    tokens = state.tokens
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if (t.type == "paragraph_open" and i + 2 < len(tokens) and tokens[i + 1].type == "inline"
                and _is_block(tokens[i + 1].content.strip(), state.env["redactions"])):
            notice = Token("redaction_block", "div", 0)
            notice.meta = {"index": index_of(tokens[i + 1].content.strip())}
            notice.map = t.map
            out.append(notice)
            i += 3
            continue
        out.append(t)
        i += 1
    state.tokens = out


def _alignment_classes(state: StateCore) -> None:
    """Core rule: table alignment as a class (`align-right`), not a style attribute,
    which the pages' Content-Security-Policy (style-src 'self') would block."""
    for token in state.tokens:
        if token.type in ("th_open", "td_open"):
            style = token.attrs.pop("style", None)
            if isinstance(style, str) and style.startswith("text-align:"):
                token.attrSet("class", "align-" + style.removeprefix("text-align:"))


def _source_lines(state: StateCore) -> None:
    """Core rule, the preview only: each block names the lines of the file it was written on
    (``data-src="12-14"``), so that the review desk finds a text selected in it."""
    first, origin = state.env.get("first_line"), state.env.get("origin")
    if first is None:
        return
    for token in state.tokens:
        if token.map and token.nesting >= 0 and not token.hidden:
            start, end = origin[token.map[0]], origin[max(token.map[0], token.map[1] - 1)]
            token.attrSet("data-src", f"{first + start}-{first + end}")


def _is_block(text: str, redactions: Sequence[Redaction]) -> bool:
    return len(text) == 1 and PATTERN.fullmatch(text) is not None and redactions[index_of(text)].kind == "block"


@dataclass(frozen=True)
class Minutes:
    """The body of a meeting as HTML, with its speeches and the markers that did not parse."""

    html: str
    speeches: list[Speech]
    warnings: list[tuple[int, str]]  # (0-based body line, message)


class MinutesRenderer:
    """A configured parser; one per build."""

    def __init__(self) -> None:
        # CommonMark's preset stops at 20 levels of nesting and drops the rest without a word: a list
        # 12 deep lost its last items. 100 keeps any real minutes whole (deeper is dropped still).
        md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False, "maxNesting": 100})
        md.enable("table")
        md.core.ruler.after("inline", "redaction_blocks", _block_notices)
        md.core.ruler.after("redaction_blocks", "stage_notes", note_rule)
        md.core.ruler.after("stage_notes", "speeches", speech_rule)
        md.core.ruler.after("speeches", "redaction_marks", _split_placeholders)
        md.core.ruler.push("alignment_classes", _alignment_classes)
        md.core.ruler.push("source_lines", _source_lines)
        md.add_render_rule("redaction", self._render_mark)
        md.add_render_rule("redaction_block", self._render_block)
        md.add_render_rule("speech_open", self._render_speech_open)
        md.add_render_rule("speech_close", lambda _self, tokens, idx, options, env: "</div>\n")
        md.add_render_rule("speaker", self._render_speaker)
        md.add_render_rule("stage_note_open", lambda _self, tokens, idx, options, env: '<span class="stage-note">')
        md.add_render_rule("stage_note_close", lambda _self, tokens, idx, options, env: "</span>")
        self.md = md

    def _render_mark(self, tokens, idx, options, env):  # type: ignore[no-untyped-def]
        r = env["redactions"][tokens[idx].meta["index"]]
        return mark_html(r) if env["review"] is None else review_mark_html(r, env["review"].get(r.index, ()))

    def _render_block(self, tokens, idx, options, env):  # type: ignore[no-untyped-def]
        r = env["redactions"][tokens[idx].meta["index"]]
        return block_html(r) if env["review"] is None else review_block_html(r, env["review"].get(r.index, ()))

    def _render_speech_open(self, tokens, idx, options, env):  # type: ignore[no-untyped-def]
        meta = tokens[idx].meta
        return open_html(meta["order"], meta["speaker"], env["redactions"])

    def _render_speaker(self, tokens, idx, options, env):  # type: ignore[no-untyped-def]
        return speaker_html(tokens[idx].meta["speaker"], env["redactions"], env.get("root", MEETING_ROOT))

    def tokens(self, body: str, redactions: Sequence[Redaction], style: str = AUTO) -> list[Token]:
        text, _, style = _separate_blocks(body, redactions, style)
        return self.md.parse(text, {"redactions": redactions, "style": style})

    def render(self, body: str, redactions: Sequence[Redaction], review: Review | None = None,
               style: str = AUTO) -> str:
        return self.minutes(body, redactions, review, style=style).html

    def minutes(self, body: str, redactions: Sequence[Redaction], review: Review | None = None,
                first_line: int | None = None, style: str = AUTO) -> Minutes:
        """The body as HTML, with its speeches and the warnings for `check`; ``review`` (the
        preview only) shows what each mark withholds, and ``first_line`` (the line of the file the
        body starts on, the preview only) the lines each block was written on. ``style``: the
        convention of the speaker labels (``speaker_style``: auto, council or brackets)."""
        text, lines, style = _separate_blocks(body, redactions, style)
        env = {"redactions": redactions, "review": review, "first_line": first_line, "origin": lines,
               "style": style, "root": MEETING_ROOT}
        tokens = _without_own_heading(self.md.parse(text, env))
        html = self.md.renderer.render(tokens, self.md.options, env)
        speeches = [replace(s, line=lines[s.line]) for s in env["speeches"]]
        warnings = [(lines[line], message) for line, message in env["speech_warnings"]]
        # Placeholders left in code, attributes or URLs become the plain public label.
        return Minutes(plain(html, redactions, html_escape=True), speeches, warnings)


OWN_HEADING = "会議経過"  # the meeting layout's heading above the minutes


def _without_own_heading(tokens: list[Token]) -> list[Token]:
    """The minutes without a first heading that only repeats the layout's own 会議経過 (the `new`
    template and many imported records open with one): the page would show it twice."""
    if (len(tokens) >= 3 and tokens[0].type == "heading_open"
            and "".join(tokens[1].content.split()).strip("#＃:：") == OWN_HEADING):
        return tokens[3:]
    return tokens


def _separate_blocks(body: str, redactions: Sequence[Redaction], style: str = AUTO) -> tuple[str, list[int], str]:
    """Put blank lines around a block placeholder so it never joins a paragraph; in council minutes
    also before each ○ label and around each line of stage notes, as each line is a paragraph there.

    Also returns, for each line of the result, its 0-based line in ``body``, and the convention of
    the speaker labels (``style``, resolved: council where ``auto`` finds a ○ label)."""
    if style == AUTO:
        style = COUNCIL if council_lines(body) else BRACKETS
    out: list[str] = []
    origin: list[int] = []
    for n, line in enumerate(body.split("\n")):
        m = _BLOCK_LINE.fullmatch(line)
        if m is not None and _is_block(m.group(1), redactions):
            parts: tuple[str, ...] = ("", m.group(1), "")
        elif style == COUNCIL and NOTE_LINE.fullmatch(line):
            parts = ("", line, "")
        elif style == COUNCIL and line.lstrip(" \t　")[:1] in COUNCIL_SIGNS and parse_council(line):
            parts = ("", line)
        else:
            parts = (line,)
        out.extend(parts)
        origin.extend((n,) * len(parts))
    return "\n".join(out), origin, style
