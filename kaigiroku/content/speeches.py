"""Speeches as units of the minutes: a markdown-it core rule and its render rules.

A speech is

* a paragraph that opens with a speaker marker, （総務課長）本文…, together
  with the plain paragraphs that follow it, up to the next marker, heading,
  list, table, rule or a paragraph opening with ※ → ○ ● 【 or a number;
* a list item that opens with a marker (``- （委員）…``);
* under a line ``※委員意見…`` (until the next heading or ※ line): each list
  item is a member's remark, and a paragraph opening with → is the answer
  of whoever the line names (``※委員意見及び生活福祉課の回答``).

Speeches are numbered 1, 2, 3 … in document order and anchored ``#s1``,
``#s2`` … The number of a speech depends only on how many speeches come
before it, so appending speeches, editing the text of any speech, or
adding headings and narrative anywhere leaves every anchor as it was; only
inserting or deleting a speech renumbers the speeches after it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace
from typing import Sequence

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from redaction.model import Redaction
from redaction.operators import marked, plain

from .speakers import Speaker, near_miss, parse_marker

MEMBER_REMARKS = re.compile(r"\A※\s*委員(?:の)?意見")
ANSWERER = re.compile(r"(?:及び|と|・)(.+?)(?:から)?の回答")
ENDS_SPEECH = re.compile(r"\A[ \t　]*(?:[※→○●■◆【]|[（(][0-9０-９一二三四五六七八九十]+[）)]|[0-9０-９]+[.．、])")
ANSWER = re.compile(r"\A[ \t　]*→[ \t　]*")
_STOP_BLOCKS = {"heading_open", "hr", "table_open", "bullet_list_open", "ordered_list_open",
                "blockquote_open", "fence", "code_block", "redaction_block"}


@dataclass(frozen=True)
class Speech:
    """One speech: ``text`` and the speaker's name may hold redaction placeholders."""

    order: int
    speaker: Speaker
    line: int  # 0-based line in the body where the speech starts
    text: str

    @property
    def anchor(self) -> str:
        return f"s{self.order}"


@dataclass
class _Draft:
    speaker: Speaker
    line: int
    inlines: list[Token] = field(default_factory=list)


def speech_rule(state: StateCore) -> None:
    """Core rule: wrap speeches in ``speech_open``/``speech_close`` and record them in ``env``."""
    tokens = state.tokens
    roles = _bare_roles(tokens)
    out: list[Token] = []
    drafts: list[_Draft] = []
    warnings: list[tuple[int, str]] = []
    open_: list[tuple[int, int, bool]] = []  # (order, level, opened by a paragraph) of open speeches
    answerer = ""  # who answers (→) inside a ※委員意見 section
    in_remarks = False
    for i, t in enumerate(tokens):
        while open_ and _ends(open_[-1], t, tokens[i + 1] if i + 1 < len(tokens) else t):
            out.append(_close(open_.pop()[1]))
        if t.type in ("heading_open", "hr"):
            in_remarks = False
        if t.type == "paragraph_open" and not t.hidden:
            inline = tokens[i + 1]
            if MEMBER_REMARKS.match(inline.content):
                in_remarks = True
                found = ANSWERER.search(inline.content)
                answerer = found.group(1) if found else "回答"
            elif inline.content.lstrip().startswith("※"):
                in_remarks = False
            speaker = _take_marker(inline, roles) or (_take_answer(inline, answerer) if in_remarks else None)
            if speaker:
                drafts.append(_Draft(speaker, _line(t)))
                out.append(_open(len(drafts), speaker, t.level))
                open_.append((len(drafts), t.level, True))
            elif reason := near_miss(inline.content):
                warnings.append((_line(t), reason))
        out.append(t)
        if t.type == "list_item_open" and (item := _item_speaker(tokens, i, roles, in_remarks)):
            drafts.append(_Draft(item, _line(t)))
            out.append(_open(len(drafts), item, t.level + 1))
            open_.append((len(drafts), t.level + 1, False))
        if t.type == "inline" and open_:
            drafts[open_[-1][0] - 1].inlines.append(t)
    while open_:
        out.append(_close(open_.pop()[1]))
    state.tokens = out
    state.env["speeches"] = [Speech(n, d.speaker, d.line, _text(d.inlines)) for n, d in enumerate(drafts, 1)]
    state.env["speech_warnings"] = warnings


def _bare_roles(tokens: list[Token]) -> frozenset[str]:
    """Roles that appear alone in some marker of the file: 総務課長 tells 瀬川|総務課長 apart."""
    roles = set()
    for t in tokens:
        if t.type == "inline" and (m := parse_marker(t.content)) and not m.speaker.name:
            roles.add(m.speaker.marker)
    return frozenset(roles)


def _ends(speech: tuple[int, int, bool], t: Token, following: Token) -> bool:
    """Whether token ``t`` closes the open ``speech``: its container closes, or, for a speech
    opened by a paragraph, a block that is not a plain continuation paragraph starts."""
    _, level, by_paragraph = speech
    if t.nesting == -1 and t.level < level:
        return True
    if not by_paragraph or t.level != level:
        return False
    return t.type in _STOP_BLOCKS or t.type == "paragraph_open" and bool(
        ENDS_SPEECH.match(following.content) or parse_marker(following.content))


def _line(t: Token) -> int:
    return t.map[0] if t.map else 0


def _take_marker(inline: Token, roles: frozenset[str]) -> Speaker | None:
    """Remove a leading marker from the inline's first text child; the speaker, or None."""
    if not inline.children or inline.children[0].type != "text":
        return None
    first = inline.children[0]
    m = parse_marker(first.content, roles)
    if not m:
        return None
    first.content = first.content[m.end:]
    if not first.content:
        inline.children.pop(0)
        if inline.children and inline.children[0].type == "softbreak":
            inline.children.pop(0)
    inline.children.insert(0, _speaker_token(m.speaker.marker))
    return m.speaker


def _speaker_token(marker: str) -> Token:
    token = Token("speaker", "", 0)
    token.meta = {"marker": marker}
    return token


def _take_answer(inline: Token, answerer: str) -> Speaker | None:
    """A → paragraph inside a ※委員意見 section: the answer of the section's answerer."""
    first = inline.children[0] if inline.children else None
    m = ANSWER.match(first.content) if first and first.type == "text" else None
    if not first or not m:
        return None
    first.content = first.content[m.end():]
    inline.children.insert(0, _speaker_token(""))
    return Speaker("", "", answerer)


def _item_speaker(tokens: list[Token], i: int, roles: frozenset[str], in_remarks: bool) -> Speaker | None:
    """The speaker of a list item: its own marker, or a member under ※委員意見."""
    if i + 2 < len(tokens) and tokens[i + 1].type == "paragraph_open":
        inline = tokens[i + 2]
        speaker = _take_marker(inline, roles)
        if speaker:
            return speaker
    return Speaker("", "", "委員") if in_remarks else None


def _open(order: int, speaker: Speaker, level: int) -> Token:
    t = Token("speech_open", "div", 1)
    t.level = level
    t.meta = {"order": order, "speaker": speaker}
    return t


def _close(level: int) -> Token:
    t = Token("speech_close", "div", -1)
    t.level = level
    return t


def _text(inlines: list[Token]) -> str:
    paragraphs = []
    for inline in inlines:
        parts = []
        for child in inline.children or []:
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append("\n")
        paragraphs.append("".join(parts).strip())
    return "\n\n".join(p for p in paragraphs if p)


def open_html(order: int, speaker: Speaker, redactions: Sequence[Redaction]) -> str:
    """The start of a speech block; its link works without JavaScript."""
    role = html.escape(plain(speaker.role, redactions), quote=True)
    name = html.escape(plain(speaker.name, redactions), quote=True)
    return (f'<div class="speech" id="s{order}" data-speech="{order}" data-role="{role}" data-speaker="{name}">\n'
            f'<a class="speech-link" href="#s{order}" title="この発言へのリンク" data-pagefind-ignore>発言{order}</a>\n')


def speaker_html(marker: str, redactions: Sequence[Redaction]) -> str:
    """The marker in full-width brackets, （総務課長）, withheld names as their public marks; → for an answer."""
    return f'<b class="speaker">（{marked(marker, redactions)}）</b>' if marker else '<b class="speaker">→</b> '


@dataclass(frozen=True)
class SpeakerCount:
    """A speaker of a meeting as the public sees them, with how often and where they first spoke."""

    name: str  # public: '' when the marker gives none, the public label when withheld
    role: str
    withheld: bool
    count: int
    first: int  # order of the first speech


def speakers_of(speeches: Sequence[Speech], redactions: Sequence[Redaction]) -> list[SpeakerCount]:
    """Each (name, role) once, in order of first speech."""
    seen: dict[tuple[str, str], SpeakerCount] = {}
    for s in speeches:
        key = (plain(s.speaker.name, redactions), plain(s.speaker.role, redactions))
        known = seen.get(key)
        seen[key] = (SpeakerCount(key[0], key[1], s.speaker.withheld, 1, s.order) if known is None
                     else replace(known, count=known.count + 1))
    return list(seen.values())
