"""Speeches as units of the minutes: a markdown-it core rule and its render rules.

A speech is

* a paragraph that opens with a speaker marker, （総務課長）本文…, together
  with the plain paragraphs that follow it, up to the next marker, heading,
  list, table, rule or a paragraph opening with ※ → ○ ● 【 or a number;
* a list item that opens with a marker (``- （委員）…``);
* under a line ``※委員意見…`` (until the next heading or ※ line): each list
  item is a member's remark, and a paragraph opening with → is the answer
  of whoever the line names (``※委員意見及び生活福祉課の回答``);
* in minutes of the council convention (``style`` "council"), a paragraph
  opening with a ○ label, ○議長（山田太郎君）, and what follows it up to
  the next label. Stage notes, 〔午前10時開議〕 or ［拍手］, are notes, not
  speech text: a line of its own becomes a note paragraph inside the speech
  it stands in (it does not end it), a note inside a line a note span.

Speeches are numbered 1, 2, 3 … in document order and anchored ``#s1``,
``#s2`` … The number of a speech depends only on how many speeches come
before it, so appending speeches, editing the text of any speech, or
adding headings and narrative anywhere leaves every anchor as it was; only
inserting or deleting a speech renumbers the speeches after it.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field, replace
from typing import Sequence

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from redaction.model import Redaction
from redaction.operators import marked, plain
from redaction.speakerlabels import COUNCIL_SIGNS, Marker, Speaker, parse_council, parse_marker

from .speakers import near_miss

MEMBER_REMARKS = re.compile(r"\A※\s*委員(?:の)?意見")
ANSWERER = re.compile(r"(?:及び|と|・)(.+?)(?:から)?の回答")
ENDS_SPEECH = re.compile(r"\A[ \t　]*(?:[※→○●■◆【]|[（(][0-9０-９一二三四五六七八九十]+[）)]|[0-9０-９]+[.．、])")
ANSWER = re.compile(r"\A[ \t　]*→[ \t　]*")
PEOPLE = "hatsugensha"  # the folder of the speakers' pages
AUTO, COUNCIL, BRACKETS = "auto", "council", "brackets"  # ``speaker_style``: the convention of the labels
STYLES = (AUTO, COUNCIL, BRACKETS)
NOTE = re.compile(r"[〔［][^〔〕［］\n]{1,60}[〕］]")  # a stage note: 〔午前10時開議〕, ［拍手］
NOTE_LINE = re.compile(r"[ \t　]*(?:[〔［][^〔〕［］\n]{1,60}[〕］][ \t　]*)+")
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
    style = state.env.get("style", BRACKETS)
    roles = _bare_roles(tokens) if style == BRACKETS else frozenset()
    out: list[Token] = []
    drafts: list[_Draft] = []
    warnings: list[tuple[int, str]] = []
    open_: list[tuple[int, int, bool]] = []  # (order, level, opened by a paragraph) of open speeches
    answerer = ""  # who answers (→) inside a ※委員意見 section
    in_remarks = False
    for i, t in enumerate(tokens):
        while open_ and _ends(open_[-1], t, tokens[i + 1] if i + 1 < len(tokens) else t, style):
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
            speaker = (_take_marker(inline, roles, style)
                       or (_take_answer(inline, answerer) if in_remarks else None))
            if speaker:
                drafts.append(_Draft(speaker, _line(t)))
                out.append(_open(len(drafts), speaker, t.level))
                open_.append((len(drafts), t.level, True))
            elif style == BRACKETS and (reason := near_miss(inline.content)):
                warnings.append((_line(t), reason))
        out.append(t)
        if t.type == "list_item_open" and (item := _item_speaker(tokens, i, roles, in_remarks, style)):
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


def note_rule(state: StateCore) -> None:
    """Core rule of council minutes: stage notes. A paragraph that is only notes gets the class
    ``stage-note``; a note inside a line becomes ``stage_note`` tokens around its text."""
    if state.env.get("style") != COUNCIL:
        return
    for i, t in enumerate(state.tokens):
        if t.type != "inline" or not t.children or not NOTE.search(t.content):
            continue
        if NOTE_LINE.fullmatch(t.content) and state.tokens[i - 1].type == "paragraph_open":
            state.tokens[i - 1].attrSet("class", "stage-note")
            t.meta = {"note": True}
            continue
        children: list[Token] = []
        for child in t.children:
            children.extend(_split_notes(child) if child.type == "text" else (child,))
        t.children = children


def _split_notes(token: Token) -> list[Token]:
    out: list[Token] = []
    pos = 0
    for m in NOTE.finditer(token.content):
        if m.start() > pos:
            out.append(_text_token(token.content[pos:m.start()]))
        out.extend((Token("stage_note_open", "span", 1), _text_token(m.group()), Token("stage_note_close", "span", -1)))
        out[-3].attrSet("class", "stage-note")
        pos = m.end()
    if pos < len(token.content):
        out.append(_text_token(token.content[pos:]))
    return out


def _text_token(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def read_marker(text: str, style: str, roles: frozenset[str] = frozenset()) -> Marker | None:
    """The speaker label at the start of ``text`` in the file's convention."""
    if style == COUNCIL:
        return parse_council(text) if text.lstrip(" \t　")[:1] in COUNCIL_SIGNS else None
    return parse_marker(text, roles)


def _bare_roles(tokens: list[Token]) -> frozenset[str]:
    """Roles that appear alone in some marker of the file: 総務課長 tells 瀬川|総務課長 apart."""
    roles = set()
    for t in tokens:
        if t.type == "inline" and (m := parse_marker(t.content)) and not m.speaker.name:
            roles.add(m.speaker.marker)
    return frozenset(roles)


def _ends(speech: tuple[int, int, bool], t: Token, following: Token, style: str) -> bool:
    """Whether token ``t`` closes the open ``speech``: its container closes, or, for a speech
    opened by a paragraph, a block that is not a plain continuation paragraph starts."""
    _, level, by_paragraph = speech
    if t.nesting == -1 and t.level < level:
        return True
    if not by_paragraph or t.level != level:
        return False
    return t.type in _STOP_BLOCKS or t.type == "paragraph_open" and bool(
        ENDS_SPEECH.match(following.content) or read_marker(following.content, style))


def _line(t: Token) -> int:
    return t.map[0] if t.map else 0


def _take_marker(inline: Token, roles: frozenset[str], style: str) -> Speaker | None:
    """Remove a leading marker from the inline's first text child; the speaker, or None."""
    if not inline.children or inline.children[0].type != "text":
        return None
    first = inline.children[0]
    m = read_marker(first.content, style, roles)
    if not m:
        return None
    first.content = first.content[m.end:]
    if not first.content:
        inline.children.pop(0)
        if inline.children and inline.children[0].type == "softbreak":
            inline.children.pop(0)
    inline.children.insert(0, _speaker_token(m.speaker))
    return m.speaker


def _speaker_token(speaker: Speaker) -> Token:
    token = Token("speaker", "", 0)
    token.meta = {"speaker": speaker}
    return token


def _take_answer(inline: Token, answerer: str) -> Speaker | None:
    """A → paragraph inside a ※委員意見 section: the answer of the section's answerer."""
    first = inline.children[0] if inline.children else None
    m = ANSWER.match(first.content) if first and first.type == "text" else None
    if not first or not m:
        return None
    first.content = first.content[m.end():]
    speaker = Speaker("", "", answerer)
    inline.children.insert(0, _speaker_token(speaker))
    return speaker


def _item_speaker(tokens: list[Token], i: int, roles: frozenset[str], in_remarks: bool,
                  style: str) -> Speaker | None:
    """The speaker of a list item: its own marker, or a member under ※委員意見."""
    if i + 2 < len(tokens) and tokens[i + 1].type == "paragraph_open":
        inline = tokens[i + 2]
        speaker = _take_marker(inline, roles, style)
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
    """The speech's text: its paragraphs, without stage notes."""
    paragraphs = []
    for inline in inlines:
        if inline.meta.get("note"):
            continue
        parts = []
        in_note = False
        for child in inline.children or []:
            in_note = child.type == "stage_note_open" or in_note and child.type != "stage_note_close"
            if in_note:
                continue
            if child.type in ("text", "text_special", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append("\n")
        paragraphs.append("".join(parts).strip())
    return "\n\n".join(p for p in paragraphs if p)


def open_html(order: int, speaker: Speaker, redactions: Sequence[Redaction]) -> str:
    """The start of a speech block; its link works without JavaScript. ``data-speaker`` is the
    speaker's public name ('' where the label gives none or it is withheld)."""
    role = html.escape(plain(speaker.role, redactions), quote=True)
    name = "" if speaker.withheld else html.escape(speaker.name, quote=True)  # public names only
    return (f'<div class="speech" id="s{order}" data-speech="{order}" data-role="{role}" data-speaker="{name}">\n'
            f'<a class="speech-link" href="#s{order}" title="この発言へのリンク" data-pagefind-ignore>発言{order}</a>\n')


def speaker_html(speaker: Speaker, redactions: Sequence[Redaction], root: str) -> str:
    """The label as written in council minutes (○議長（山田太郎君）), else in full-width brackets
    (（総務課長）), withheld names as their public marks; → for an answer. A label with a public
    name links to that person's page (``root``: the way from the page to the site's root)."""
    marker = speaker.marker
    if not marker:
        return '<b class="speaker">→</b> '
    label = marked(marker, redactions) if marker[0] in COUNCIL_SIGNS else f"（{marked(marker, redactions)}）"
    if speaker.name and not speaker.withheld:
        name = html.escape(speaker.name)
        label = f'<a href="{root}{person_path(speaker.name)}" title="{name}の発言一覧">{label}</a>'
    return f'<b class="speaker">{label}</b>' + ("　" if marker[0] in COUNCIL_SIGNS else "")


def person_path(name: str) -> str:
    """The address of the page of the person who speaks as ``name`` (public, folded): a digest of
    the name, as a name may hold any character."""
    return f"{PEOPLE}/{hashlib.sha256(name.encode('utf-8')).hexdigest()[:12]}/"


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
