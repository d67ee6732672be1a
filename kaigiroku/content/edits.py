"""The review desk's edits of a meeting file: each the change a person would have typed.

* withhold a text where it stands: ``{{redact:CATEGORY|TEXT|NOTE}}`` around it;
* withhold it everywhere in the meeting: an item of ``redact_terms`` under its category;
* keep a finding public: an item of ``allow_terms`` with a ``# Review: reason`` line above;
* change the category or NOTE of a marker (inline or block), or remove it (its TEXT stays, a
  block's lines stay without their markers); change or remove a term.

Every other byte of the file stays as it was (``SourceText``: BOM, CRLF, comments, spacing,
quoting). Each edit is checked before its bytes are given back: the new file must load and redact
without error and hold exactly the intended change; otherwise ``EditRefused`` says why, and the
caller writes nothing. A text the reviewer selected on the page is found in the file by
``locate``: in the lines (or the front matter value) the page says it was shown from, outside
everything already withheld, as the same occurrence the page counted.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from kaigiroku.core.errors import ContentErrors, display_path
from redaction.detection import Detector
from redaction.engine import RedactedFile, split_front_matter
from redaction.markup import BlockMark, InlineMark, Markup, parse_markup
from redaction.normalize import normalize
from redaction.policy import Category, Policy
from redaction.text import LineIndex

from .frontedits import Front, add_item, remove_item, scalar
from .loading import load_meeting
from .model import Council, Meeting
from .sourcetext import Change, EditRefused, SourceText

_LINES = re.compile(r"^(\d+)-(\d+)$")
_FRONT_VALUE = re.compile(r"^fm:([a-z_]+)(?::(\d+))?$")
_SPELLING = re.compile(r"^[^|{}:\n]+$")
_REVIEW = "# Review: "


@dataclass(frozen=True)
class MeetingFile:
    """A meeting file read for an edit: its text, markup, front matter and what it withholds."""

    path: Path
    council: Council
    policy: Policy
    detectors: Sequence[Detector]
    source: SourceText
    meeting: Meeting
    redacted: RedactedFile
    markup: Markup
    front: Front

    @classmethod
    def read(cls, path: Path, council: Council, policy: Policy, detectors: Sequence[Detector],
             data: bytes) -> MeetingFile:
        source = SourceText.of(data)
        try:
            meeting, red = load_meeting(path, council, policy, detectors, data)
        except ContentErrors as exc:
            first = exc.errors[0]
            raise EditRefused(f"ファイルに誤りがあるため編集できません（{first.line}行{first.col}列：{first.message}）。"
                              "先にファイルを直してください。") from None
        text = source.text
        fm_start, fm_end, body_start = split_front_matter(text, display_path(path))
        markup = parse_markup(text, body_start, policy, display_path(path), LineIndex(text))
        blanked = list(text)
        for m in markup.inline:
            blanked[m.start:m.end] = "x" * (m.end - m.start)
        for e in markup.escapes:
            blanked[e] = "x"
        return cls(path, council, policy, detectors, source, meeting, red, markup,
                   Front.read("".join(blanked), fm_start, fm_end))

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def body_start(self) -> int:
        return LineIndex(self.text).offset(self.meeting.body_line, 1)

    def offset(self, line: int, col: int) -> int:
        return LineIndex(self.text).offset(line, col)

    def markers(self) -> list[tuple[int, int]]:
        """The spans of the inline markers and the blocks."""
        return [(m.start, m.end) for m in self.markup.inline] + [(b.start, b.end) for b in self.markup.blocks]

    def withheld(self) -> list[tuple[int, int]]:
        """Every span of the text that is withheld or is a marker, in the file's positions."""
        spans = self.markers()
        index = LineIndex(self.text)
        for w in self.redacted.withholdings:
            if w.how not in ("inline", "block"):
                start = index.offset(w.line, w.col)
                spans.append((start, start + len(w.text)))
        return spans

    def inline_at(self, line: int, col: int) -> InlineMark | None:
        at = self.offset(line, col)
        return next((m for m in self.markup.inline if m.start == at), None)

    def block_at(self, line: int) -> BlockMark | None:
        at = self.offset(line, 1)
        return next((b for b in self.markup.blocks if self.front.line_start(b.start) == at), None)


def locate(f: MeetingFile, region: str, text: str, nth: int, count: int) -> tuple[int, int]:
    """Where in the file a text selected on the page stands: ``region`` names the lines of the body
    (``12-14``) or the front matter value (``fm:place``, ``fm:attendees:2``) it was shown from;
    ``nth`` is which of the ``count`` occurrences the page showed in that region outside what is
    already withheld. Refused when the file does not hold the text there as often as the page did."""
    if not text.strip():
        raise EditRefused("文字が選ばれていません。")
    if "\n" in text:
        raise EditRefused("選んだ文字が行をまたいでいます。非公開の指定は一行の中でしかできません。行ごとに分けて選んでください。")
    start, end = _region(f, region)
    hidden = f.withheld()
    found = [a for a in _occurrences(f.text, text, start, end)
             if not any(s < a + len(text) and a < e for s, e in hidden)]
    if not found:
        raise EditRefused("選んだ文字がファイルの中にそのままの形で見つかりません。強調・リンク・発言者の表示などの書式を"
                          "またいでいるか、ファイルでは別の書き方（エスケープ、改行など）をしています。書式の内側だけを選ぶか、"
                          "ファイルを直接編集してください。")
    if len(found) < count:
        raise EditRefused("ページに見えている同じ文字のうち、ファイルでは書式（強調・リンクなど）や別の書き方で書かれているものが"
                          "あるため、どれを指すか決められません。書式の内側だけを選ぶか、ファイルを直接編集してください。")
    if len(found) > count or not 0 <= nth < count:
        raise EditRefused("同じ文字がここではページに見えない形（リンク先や書式の中など）でも書かれているため、どれを指すか"
                          "決められません。前後の文字も含めて長めに選んでください。")
    return found[nth], found[nth] + len(text)


def _region(f: MeetingFile, region: str) -> tuple[int, int]:
    index = LineIndex(f.text)
    lines = _LINES.match(region)
    if lines:
        first, last = int(lines.group(1)), int(lines.group(2))
        if not f.meeting.body_line <= first <= last <= f.text.count("\n") + 1:
            raise EditRefused("ページとファイルの行が合いません。ページを読み込み直してください。")
        end = f.text.find("\n", index.offset(last, 1))
        return index.offset(first, 1), len(f.text) if end < 0 else end
    value = _FRONT_VALUE.match(region)
    found = f.front.node_range(value.group(1), int(value.group(2)) if value.group(2) else None) if value else None
    if found is None:
        raise EditRefused("この部分はファイルのどこに書かれているか決められないため、ここからは編集できません。")
    return found


def _occurrences(text: str, needle: str, start: int, end: int) -> list[int]:
    found, at = [], text.find(needle, start, end)
    while at >= 0:
        found.append(at)
        at = text.find(needle, at + 1, end)
    return found


def _category(f: MeetingFile, spelling: str) -> Category:
    category = f.policy.lookup(spelling) if _SPELLING.match(spelling) else None
    if category is None:
        raise EditRefused("区分がポリシーにありません。一覧から選んでください。")
    return category


def _note(note: str) -> str:
    note = note.strip()
    if "\n" in note or any(c in note for c in "|{}"):
        raise EditRefused("NOTE に改行や「|」「{」「}」は書けません。一行で、これらの記号を使わずに書いてください。")
    return note


def withhold_here(f: MeetingFile, start: int, end: int, spelling: str, note: str) -> bytes:
    """``{{redact:CATEGORY|TEXT|NOTE}}`` around ``text[start:end]``."""
    category, note, text = _category(f, spelling), _note(note), f.text[start:end]
    if "\n" in text:
        raise EditRefused("この文字は行をまたいでいるため、ここでは囲めません。「この会議録のすべて」を選ぶと redact_terms に加えます。")
    if any(c in text for c in "|{}"):
        raise EditRefused("この文字には「|」や「{」「}」が含まれるため {{redact:…}} で囲めません。ファイルを直接編集してください。")
    markers = f.markers()
    for s, e in f.withheld():  # a text a term or a detector withholds may be marked where it stands, as a whole
        if s < end and start < e and ((s, e) in markers or (s, e) != (start, end)):
            raise EditRefused("この文字の一部はすでに非公開です。非公開の印を選んで、区分の変更や解除をしてください。")
    marker = f"{{{{redact:{spelling}|{text}" + (f"|{note}" if note else "") + "}}"
    prefix = len(f"{{{{redact:{spelling}|")

    def check(new: MeetingFile) -> bool:
        made = [m for m in new.markup.inline if m.start == start]
        return (len(new.markup.inline) == len(f.markup.inline) + 1 and len(made) == 1
                and (made[0].text_start, made[0].text_end) == (start + prefix, start + prefix + len(text))
                and made[0].category == category and made[0].note == note)

    return _checked(f, [Change(start, end, marker)], check)


def withhold_everywhere(f: MeetingFile, text: str, spelling: str) -> bytes:
    """``text`` added to ``redact_terms`` under its category (to the list the file already has for it)."""
    category, term = _category(f, spelling), _term(text)
    terms = f.front.entry("redact_terms")
    key = next((str(k.value) for k, _ in f.front.entries(terms) if f.policy.lookup(str(k.value)) == category), spelling)
    if terms is None:
        changes = [Change(f.front.end, f.front.end, f"redact_terms:\n  {key}: [{scalar(term, flow=True)}]\n")]
    else:
        changes = add_item(f.front, key, term, mapping=terms)
    before = f.front.terms()
    expected = {**before, key: [*before.get(key, []), term]}
    return _checked(f, changes, lambda g: g.front.terms() == expected and g.front.but("redact_terms") == f.front.but("redact_terms")
                    and normalize(term) not in _published(g))


def keep_public(f: MeetingFile, text: str, reason: str) -> bytes:
    """``text`` added to ``allow_terms``, with ``# Review: reason`` on the line above it."""
    reason, term = " ".join(reason.split()), _term(text)
    if not reason:
        raise EditRefused("公開のままにする理由を書いてください（allow_terms の上に # Review: として残ります）。")
    before = f.front.data.get("allow_terms") or []
    return _checked(f, add_item(f.front, "allow_terms", term, _REVIEW + reason),
                    lambda g: g.front.data.get("allow_terms") == [*before, term]  # type: ignore[misc]
                    and g.front.but("allow_terms") == f.front.but("allow_terms")
                    and not any(normalize(x.text) == normalize(term) for x in g.meeting.findings))


def change_marker(f: MeetingFile, line: int, col: int, spelling: str, note: str | None) -> bytes:
    """A new category (and NOTE, unless None) for the inline marker at ``line:col``, or for the block
    whose opening line is ``line``."""
    category = _category(f, spelling)
    inline = f.inline_at(line, col)
    if inline is not None:
        note = inline.note if note is None else _note(note)
        opener = f.text.index(":", inline.start) + 1
        new = f.text[inline.start:opener] + _spelled(f, opener, inline.text_start - 1, category, spelling) + "|" + \
            f.text[inline.text_start:inline.text_end] + (f"|{note}" if note else "") + "}}"

        def check(g: MeetingFile) -> bool:
            mark = g.inline_at(line, col)
            return (mark is not None and len(g.markup.inline) == len(f.markup.inline) and mark.category == category
                    and mark.note == note and g.text[mark.text_start:mark.text_end] == f.text[inline.text_start:inline.text_end])

        return _checked(f, [Change(inline.start, inline.end, new)], check)
    block = _block(f, line)
    opener = f.text.index(":", block.start) + 1
    close = f.text.index("}}", opener)
    return _checked(f, [Change(opener, close, _spelled(f, opener, close, category, spelling))],
                    lambda g: any(b.category == category and b.start == block.start for b in g.markup.blocks)
                    and len(g.markup.blocks) == len(f.markup.blocks))


def remove_marker(f: MeetingFile, line: int, col: int) -> bytes:
    """The inline marker at ``line:col`` replaced by its TEXT, or the marker lines of the block opened on
    ``line`` removed (what they held stays, and is published)."""
    inline = f.inline_at(line, col)
    if inline is not None:
        text = f.text[inline.text_start:inline.text_end]
        return _checked(f, [Change(inline.start, inline.end, text)],
                        lambda g: len(g.markup.inline) == len(f.markup.inline) - 1 and g.inline_at(line, col) is None)
    block = _block(f, line)
    closer = f.front.line_start(block.end - 1) if f.text[block.end - 1] == "\n" else f.front.line_start(block.end)
    return _checked(f, [Change(block.start, f.front.line_after(block.start), ""), Change(closer, block.end, "")],
                    lambda g: len(g.markup.blocks) == len(f.markup.blocks) - 1)


def change_term(f: MeetingFile, category_key: str, text: str, spelling: str | None) -> bytes:
    """The ``redact_terms`` item that withholds ``text`` under ``category_key`` removed, or moved to the
    category ``spelling``."""
    terms = f.front.entry("redact_terms")
    for key_node, value in f.front.entries(terms):
        found = f.policy.lookup(str(key_node.value))
        for i, item in enumerate(f.front.items(value)):
            if found is None or found.key != category_key or normalize(str(item.value)) != normalize(text):
                continue
            removed = remove_item(f.front, key_node, value, i, terms)
            if spelling is None:
                before = f.front.terms()
                return _checked(f, removed, lambda g: sum(map(len, g.front.terms().values()))
                                == sum(map(len, before.values())) - 1 and g.front.but("redact_terms") == f.front.but("redact_terms"))
            moved = MeetingFile.read(f.path, f.council, f.policy, f.detectors, f.source.apply(removed))
            return withhold_everywhere(moved, str(item.value), spelling)
    raise EditRefused("この文字を非公開にしている redact_terms の項目が見つかりません。ページを読み込み直してください。")


def _checked(f: MeetingFile, changes: list[Change], check: Callable[[MeetingFile], bool]) -> bytes:
    data = f.source.apply(changes)
    try:
        new = MeetingFile.read(f.path, f.council, f.policy, f.detectors, data)
    except EditRefused:
        new = None
    if new is None or not check(new):
        raise EditRefused("この変更をすると、ファイルが意図どおりに読めなくなるため、書き込みませんでした。"
                          "ファイルを直接編集してください。")
    return data


def _block(f: MeetingFile, line: int) -> BlockMark:
    block = f.block_at(line)
    if block is None:
        raise EditRefused("この位置に非公開の印（{{redact:…}}）が見つかりません。ページを読み込み直してください。")
    return block


def _spelled(f: MeetingFile, start: int, end: int, category: Category, spelling: str) -> str:
    """The new category as the marker spells categories: its key, or its Japanese label where the
    marker used one."""
    if spelling != category.key or f.text[start:end].isascii():
        return spelling
    return category.short_label or category.label


def _published(f: MeetingFile) -> str:
    """What the meeting publishes (front matter values and minutes, after redaction), normalised for matching."""
    red = f.redacted
    return normalize(red.body + json.dumps(red.front.data, ensure_ascii=False, default=str))


def _term(text: str) -> str:
    """A finding's text as a term: a line break and the indentation after it dropped (matching
    ignores white space between characters)."""
    term = re.sub(r"\s*\n\s*", "", text).strip()
    if not term:
        raise EditRefused("文字が選ばれていません。")
    return term


