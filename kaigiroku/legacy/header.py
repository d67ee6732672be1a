"""The header table of a record mapped to front matter (spec section 2).

会議の名称 → title; 開催日時 → date, start, end; 開催場所 → place;
出席者及び欠席者 → attendees, secretariat, absentees; 傍聴の可否 and its
reason → public_attendance(_reason); 会議次第 → agenda; 問い合わせ先 →
contact. Any other label is kept as ``x-<label>`` with a warning.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Callable

from kaigiroku.content.jdate import DateError, parse_when

from .people import names, parse_attendance
from .record import HeaderRow, Notes

LABELS = {
    "title": ("会議の名称", "会議名", "会議名称", "名称"),
    "when": ("開催日時", "日時", "開催日", "開催年月日"),
    "place": ("開催場所", "場所", "会場"),
    "attendance": ("出席者及び欠席者", "出席者および欠席者", "出席者", "出席委員"),
    "absentees": ("欠席者", "欠席委員"),
    "secretariat": ("事務局", "出席事務局"),
    "public": ("傍聴の可否", "傍聴", "公開・非公開", "公開の可否"),
    "reason": ("傍聴不可の場合はその理由", "非公開の場合はその理由", "傍聴不可の理由", "非公開の理由"),
    "agenda": ("会議次第", "次第", "議題", "案件"),
    "contact": ("問い合わせ先", "問合せ先", "問い合せ先", "お問い合わせ", "お問い合わせ先"),
}
ORDER = ("title", "date", "start", "end", "place", "attendees", "secretariat", "absentees",
         "public_attendance", "public_attendance_reason", "agenda", "contact")
PUBLIC = (("傍聴不可", False), ("不可", False), ("非公開", False), ("傍聴可", True), ("可", True), ("公開", True))
PLACEHOLDER = {"", "-", "ー", "―", "－", "なし", "無し", "特になし"}
AGENDA_NUMBER = re.compile(r"^\s*(?:\d+\s*[.．、)）]|[(（]\s*\d+\s*[)）]|[①-⑳])\s*")


def _key(label: str) -> str:
    return re.sub(r"[\s：:]", "", unicodedata.normalize("NFKC", label))


FIELD_OF = {_key(label): name for name, labels in LABELS.items() for label in labels}


def is_known_label(label: str) -> bool:
    return _key(label) in FIELD_OF


def one_line(text: str) -> str:
    return " ".join(text.split("\n")).strip()


def front_matter(rows: list[HeaderRow], notes: Notes) -> dict[str, Any]:
    """Front matter for the rows; missing title or date and bad dates are errors in ``notes``."""
    data: dict[str, Any] = {}
    extra: dict[str, str] = {}
    seen: set[str] = set()
    for row in (row for row in rows if one_line(row.value)):
        name = FIELD_OF.get(_key(row.label))
        if name is None or name in seen:
            _keep(row, extra, notes, f"unknown header label 「{row.label}」" if name is None
                  else f"a second 「{row.label}」 row")
            continue
        seen.add(name)
        MAPPERS[name](row, data, extra, notes)
    for required, name, label in (("title", "title", "会議の名称"), ("date", "when", "開催日時")):
        if name not in seen:
            notes.error(rows[0].line if rows else 1, 1, f"the header table gives no {label}: "
                        f"the meeting needs its `{required}`")
    return {**{k: data[k] for k in ORDER if k in data}, **extra}


def _free_key(extra: dict[str, str], label: str) -> str:
    """``x-<label>``, or ``x-<label>-2`` … if a row already took it."""
    key = base = "x-" + _key(label)
    number = 2
    while key in extra:
        key, number = f"{base}-{number}", number + 1
    return key


def _keep(row: HeaderRow, extra: dict[str, str], notes: Notes, why: str) -> None:
    key = _free_key(extra, row.label)
    extra[key] = one_line(row.value)
    notes.warn(row.line, 1, f"{why}; the row is kept as `{key}`: move it to a known key by hand if it belongs there")


def _text(key: str) -> Callable[[HeaderRow, dict[str, Any], dict[str, str], Notes], None]:
    def mapper(row: HeaderRow, data: dict[str, Any], extra: dict[str, str], notes: Notes) -> None:
        data[key] = one_line(row.value)
    return mapper


def _names(key: str) -> Callable[[HeaderRow, dict[str, Any], dict[str, str], Notes], None]:
    def mapper(row: HeaderRow, data: dict[str, Any], extra: dict[str, str], notes: Notes) -> None:
        data[key] = data.get(key, []) + names(row.value)
    return mapper


def _when(row: HeaderRow, data: dict[str, Any], extra: dict[str, str], notes: Notes) -> None:
    value = one_line(row.value)
    try:
        when = parse_when(value)
    except DateError as exc:
        notes.error(row.line, row.col + exc.offset, f"開催日時 「{value}」: {exc}")
        return
    data["date"] = when.date.isoformat()
    data.update({k: v for k, v in (("start", when.start), ("end", when.end)) if v})
    for note in when.notes:
        notes.warn(row.line, row.col + note.offset, note.message)
    if when.rest:
        _keep(row, extra, notes, f"開催日時 has text besides the date and times: 「{when.rest}」")


def _attendance(row: HeaderRow, data: dict[str, Any], extra: dict[str, str], notes: Notes) -> None:
    found = parse_attendance(row.value)
    for key, listed in (("attendees", found.attendees), ("secretariat", found.secretariat)):
        if listed:
            data[key] = data.get(key, []) + listed
    if found.absentees is not None:
        data["absentees"] = data.get("absentees", []) + found.absentees
    for label, listed in found.others.items():
        key = _free_key(extra, label)
        extra[key] = "・".join(listed)
        notes.warn(row.line, row.col, f"出席者 group 「{label}」 is neither members (委員) nor secretariat (事務局): "
                   f"kept as `{key}`")


def _public(row: HeaderRow, data: dict[str, Any], extra: dict[str, str], notes: Notes) -> None:
    value = _key(row.value)
    for word, allowed in PUBLIC:
        if value.startswith(word):
            data["public_attendance"] = allowed
            if value != word:
                _keep(row, extra, notes, f"傍聴の可否 「{one_line(row.value)}」 says more than {word}")
            return
    _keep(row, extra, notes, f"傍聴の可否 「{one_line(row.value)}」 is neither 可 nor 不可")


def _reason(row: HeaderRow, data: dict[str, Any], extra: dict[str, str], notes: Notes) -> None:
    if _key(row.value) not in PLACEHOLDER:
        data["public_attendance_reason"] = one_line(row.value)


def _agenda(row: HeaderRow, data: dict[str, Any], extra: dict[str, str], notes: Notes) -> None:
    lines = row.value.split("\n")
    items = [AGENDA_NUMBER.sub("", line).strip() for line in lines] if len(lines) > 1 else split_numbered(lines[0])
    data["agenda"] = [item for item in items if item]


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
MAPPERS: dict[str, Callable[[HeaderRow, dict[str, Any], dict[str, str], Notes], None]] = {
    "title": _text("title"), "place": _text("place"), "contact": _text("contact"),
    "when": _when, "attendance": _attendance, "absentees": _names("absentees"),
    "secretariat": _names("secretariat"), "public": _public, "reason": _reason, "agenda": _agenda,
}
