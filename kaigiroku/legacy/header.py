"""The header of a record mapped to front matter (spec section 2).

会議の名称 → title; 開催日時 → date, start, end; 開催場所 → place;
出席者及び欠席者 → attendees, secretariat, absentees; 傍聴の可否 and its
reason → public_attendance(_reason); 会議次第 → agenda; 問い合わせ先 →
contact. A row with any other label, a second row of a label, and a
group of 出席者 that is neither members nor secretariat are kept in the
minutes, with a warning; a value only partly understood is also kept
whole as ``x-<label>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from kaigiroku.content.jdate import DateError, parse_when
from kaigiroku.core.messages import say

from .labels import field_of, is_body_label, key
from .people import names, parse_attendance
from .record import HeaderRow, Notes

ORDER = ("title", "date", "start", "end", "place", "attendees", "secretariat", "absentees",
         "public_attendance", "public_attendance_reason", "agenda", "contact")
PUBLIC = (("傍聴不可", False), ("不可", False), ("非公開", False), ("傍聴可", True), ("可", True), ("公開", True))
PLACEHOLDER = {"", "-", "ー", "―", "－", "なし", "無し", "特になし"}
AGENDA_NUMBER = re.compile(r"^\s*(?:\d+\s*[.．、)）]|[(（]\s*\d+\s*[)）]|[①-⑳])\s*")


def one_line(text: str) -> str:
    return " ".join(text.split("\n")).strip()


@dataclass
class Mapped:
    """What the header gives: front matter, ``x-`` keys, and the rows kept in the minutes."""

    notes: Notes
    data: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)
    minutes: list[HeaderRow] = field(default_factory=list)

    def front(self) -> dict[str, Any]:
        return {**{k: self.data[k] for k in ORDER if k in self.data}, **self.extra}

    def keep(self, row: HeaderRow, why: str) -> None:
        """The whole value as ``x-<label>``, for a value only partly understood."""
        name = self.free_key(row.label)
        self.extra[name] = one_line(row.value)
        self.notes.warn(row.line, 1, say("{why}; the whole value is kept as `{name}`: check what was taken from it",
                                        why=why, name=name))

    def to_minutes(self, row: HeaderRow, why: str) -> None:
        self.minutes.append(row)
        self.notes.warn(row.line, 1, say("{why}; the row is kept at the top of the minutes: move it to a front matter "
                                         "key by hand if it belongs there", why=why))

    def free_key(self, label: str) -> str:
        """``x-<label>``, or ``x-<label>-2`` … if a row already took it."""
        name = base = "x-" + key(label)
        number = 2
        while name in self.extra:
            name, number = f"{base}-{number}", number + 1
        return name


def front_matter(rows: list[HeaderRow], notes: Notes) -> tuple[dict[str, Any], list[HeaderRow]]:
    """Front matter for the rows, and the rows to keep in the minutes; a missing title or date and
    bad dates are errors in ``notes``."""
    mapped = Mapped(notes)
    seen: set[str] = set()
    for row in rows:
        name = field_of(row.label)
        if name is None and is_body_label(row.label):
            mapped.minutes.append(row)  # 会議経過 …: the minutes start here
            continue
        if name is None or name in seen:
            if one_line(row.value) or row.blocks:
                mapped.to_minutes(row, say("header label 「{label}」 is not one of the front matter's", label=row.label)
                                  if name is None else say("a second 「{label}」 row", label=row.label))
            continue
        if not one_line(row.value):
            continue
        seen.add(name)
        MAPPERS[name](row, mapped)
    for required, name, label in (("title", "title", "会議の名称"), ("date", "when", "開催日時")):
        if name not in seen:
            notes.error(rows[0].line if rows else 1, 1, say("the header gives no {label}: the meeting needs its "
                                                            "`{required}`", label=label, required=required))
    return mapped.front(), mapped.minutes


Mapper = Callable[[HeaderRow, Mapped], None]


def _text(name: str) -> Mapper:
    def mapper(row: HeaderRow, mapped: Mapped) -> None:
        mapped.data[name] = one_line(row.value)
    return mapper


def _names(name: str) -> Mapper:
    def mapper(row: HeaderRow, mapped: Mapped) -> None:
        problems: list[str] = []
        mapped.data[name] = mapped.data.get(name, []) + names(row.value, problems)
        for problem in problems:
            mapped.notes.warn(row.line, row.col, problem)
    return mapper


def _when(row: HeaderRow, mapped: Mapped) -> None:
    value = one_line(row.value)
    try:
        when = parse_when(value)
    except DateError as exc:
        mapped.notes.error(row.line, row.col + exc.offset, say("開催日時 「{value}」: {problem}", value=value, problem=exc))
        return
    mapped.data["date"] = when.date.isoformat()
    mapped.data.update({k: v for k, v in (("start", when.start), ("end", when.end)) if v})
    for note in when.notes:
        mapped.notes.warn(row.line, row.col + note.offset, note.message)
    if when.rest:
        mapped.keep(row, say("開催日時 has text besides the date and times: 「{rest}」", rest=when.rest))


def _attendance(row: HeaderRow, mapped: Mapped) -> None:
    found = parse_attendance(row.value)
    for name, listed in (("attendees", found.attendees), ("secretariat", found.secretariat)):
        if listed:
            mapped.data[name] = mapped.data.get(name, []) + listed
    if found.absentees is not None:
        mapped.data["absentees"] = mapped.data.get("absentees", []) + found.absentees
    for problem in found.problems:
        mapped.notes.warn(row.line, row.col, problem)
    for label, texts in found.others.items():
        mapped.to_minutes(HeaderRow(label, "\n".join(texts), row.line, row.col),
                          say("出席者 group 「{label}」 is neither members (委員) nor secretariat (事務局)", label=label))


def _public(row: HeaderRow, mapped: Mapped) -> None:
    value = key(row.value)
    for word, allowed in PUBLIC:
        if value.startswith(word):
            mapped.data["public_attendance"] = allowed
            if value != word:
                mapped.keep(row, say("傍聴の可否 「{value}」 says more than {word}", value=one_line(row.value), word=word))
            return
    mapped.keep(row, say("傍聴の可否 「{value}」 is neither 可 nor 不可", value=one_line(row.value)))


def _reason(row: HeaderRow, mapped: Mapped) -> None:
    if key(row.value) not in PLACEHOLDER:
        mapped.data["public_attendance_reason"] = one_line(row.value)


def _agenda(row: HeaderRow, mapped: Mapped) -> None:
    lines = row.value.split("\n")
    items = [AGENDA_NUMBER.sub("", line).strip() for line in lines] if len(lines) > 1 else split_numbered(lines[0])
    mapped.data["agenda"] = [item for item in items if item]


def split_numbered(text: str) -> list[str]:
    """``1. 総務部長挨拶 2. 会長へ諮問書授受`` → the items, split only at 1., 2., 3. … in turn."""
    cuts: list[tuple[int, int]] = []
    number, pos = 1, 0
    while found := _item_number(number).search(text, pos):
        cuts.append((found.start(), found.end()))
        number, pos = number + 1, found.end()
    if not cuts:
        return [text.strip()]
    starts = [end for _, end in cuts]
    ends = [start for start, _ in cuts[1:]] + [len(text)]
    head = text[:cuts[0][0]].strip()
    return ([head] if head else []) + [text[a:b].strip() for a, b in zip(starts, ends)]


def _item_number(number: int) -> re.Pattern[str]:
    """``3.`` or ``３．`` at the start of the text or after white space."""
    spellings = {str(number), str(number).translate(_FULL_WIDTH)}
    return re.compile(rf"(?:^|(?<=\s))(?:{'|'.join(spellings)})\s*[.．]")


_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
MAPPERS: dict[str, Mapper] = {
    "title": _text("title"), "place": _text("place"), "contact": _text("contact"),
    "when": _when, "attendance": _attendance, "absentees": _names("absentees"),
    "secretariat": _names("secretariat"), "public": _public, "reason": _reason, "agenda": _agenda,
}
