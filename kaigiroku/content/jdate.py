"""Japanese dates and times as printed in minutes.

``parse_when("平成26年2月10日(月)午後6時30分～8時40分")`` gives the date
2014-02-10, start ``"18:30"`` and end ``"20:40"``. Understood: the eras
明治 to 令和 with 元年, Western years, full-width and kanji digits (二十六),
era ligatures (㍻), a weekday in brackets, 午前/午後/正午, ``18:30``,
時半, and ranges with ～, 〜, -, から … まで or 開会 … 閉会, where the end may
omit 午前/午後 (it then takes the start's).

A date that does not exist, in its era or at all, raises ``DateError``; a
weekday that contradicts the date is a warning (``When.notes``). Offsets
in both point into the text as given, so callers can report a column.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from kaigiroku.core.messages import say

from .wareki import ERAS, WEEKDAYS

_KANJI_DIGITS = "〇一二三四五六七八九"
_NUM = r"(?:\d+|[〇一二三四五六七八九十百]+)"
_ERA = "|".join(name for name, _ in ERAS)
DATE = re.compile(
    rf"(?:(?P<era>{_ERA})\s*(?P<era_year>{_NUM}|元)|(?P<year>\d{{4}}))\s*年"
    rf"(?:\s*[(（]\s*(?P<alt_era>{_ERA})?\s*(?P<alt_year>{_NUM}|元)\s*年\s*[)）])?"
    rf"\s*(?P<month>{_NUM})\s*月\s*(?P<day>{_NUM})\s*日"
    r"(?:\s*[(（]\s*(?P<weekday>[月火水木金土日])(?:曜日?)?(?:\s*[・、,]?\s*祝日?)?\s*[)）]"
    r"|\s*(?P<weekday_word>[月火水木金土日])曜日)?"
)
TIME = re.compile(
    rf"(?P<period>午前|午後)?\s*(?:(?P<noon>正午)|(?P<hour>{_NUM})\s*"
    rf"(?:時\s*(?:(?P<half>半)|(?P<minute>{_NUM})\s*分)?|:\s*(?P<clock_minute>\d{{2}})))"
)
RANGE = re.compile(r"\s*(?:[~〜\-‐−–—]|から|より|(?:開会|開始|開議)\s*[、,]?)\s*")
CLOSING = re.compile(r"\s*(?:まで|閉会|終了|散会)?")


class DateError(ValueError):
    """A date or time that cannot be; ``offset`` points into the text as given."""

    def __init__(self, message: str, offset: int = 0):
        super().__init__(message)
        self.offset = offset


@dataclass(frozen=True)
class Note:
    offset: int
    message: str


@dataclass(frozen=True)
class When:
    date: dt.date
    start: str = ""  # "18:30"
    end: str = ""
    notes: tuple[Note, ...] = ()  # warnings
    rest: str = ""  # text around the date and times that was not understood


def parse_when(text: str) -> When:
    """The date and the optional start and end times in ``text``."""
    folded, origin = _fold(text)
    found = DATE.search(folded)
    if found is None:
        raise DateError(say("no date found; expected a date such as 平成26年2月10日 or 2014年2月10日"))
    date = _date(found, origin)
    notes = _weekday_notes(found, date, origin)
    pos = found.end()
    start = end = ""
    first = TIME.match(folded, _skip_space(folded, pos))
    if first:
        start_clock = _clock(first, origin)
        start, pos = _hhmm(start_clock), first.end()
        sep = RANGE.match(folded, pos)
        second = TIME.match(folded, sep.end()) if sep else None
        if second:
            end_clock = _clock(second, origin, inherit=first.group("period"))
            if second.group("period") is None and end_clock < start_clock and end_clock[0] < 12:
                end_clock = (end_clock[0] + 12, end_clock[1])
            if end_clock < start_clock:
                notes.append(Note(origin[second.start()], say("the meeting ends ({end}) before it starts ({start})",
                                                              end=_hhmm(end_clock), start=start)))
            end, pos = _hhmm(end_clock), second.end()
        pos = CLOSING.match(folded, pos).end() if second else pos
    rest = (text[:origin[found.start()]] + " " + text[origin[pos]:]).strip()
    return When(date, start, end, tuple(notes), rest)


def _fold(text: str) -> tuple[str, list[int]]:
    """NFKC per character (全角 digits, ㍻), with the original offset of each folded one."""
    chars: list[str] = []
    origin: list[int] = []
    for i, char in enumerate(text):
        for folded in unicodedata.normalize("NFKC", char):
            chars.append(folded)
            origin.append(i)
    origin.append(len(text))
    return "".join(chars), origin


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _number(digits: str) -> int:
    """12, 二十六, 三十一, 二〇一四 → int."""
    if digits.isascii():
        return int(digits)
    if "十" not in digits and "百" not in digits:
        return int("".join(str(_KANJI_DIGITS.index(c)) for c in digits))
    total = unit = 0
    for char in digits:
        if char in "十百":
            total += (unit or 1) * (10 if char == "十" else 100)
            unit = 0
        else:
            unit = unit * 10 + _KANJI_DIGITS.index(char)
    return total + unit


def _year(era: str | None, number: str) -> int:
    """The Western year of 平成26年, 令和元年, or 2014年 (``era`` None)."""
    n = 1 if number == "元" else _number(number)
    if era is None:
        return n
    if n == 0:
        raise DateError(say("{era}0年 does not exist; the first year of an era is 元年", era=era))
    return _era_start(era).year + n - 1


def _era_start(era: str) -> dt.date:
    return dict(ERAS)[era]


def _date(found: re.Match[str], origin: list[int]) -> dt.date:
    at = origin[found.start()]
    era = found.group("era")
    try:
        year = _year(era, found.group("era_year") or found.group("year"))
        written = f"{era or ''}{found.group('era_year') or year}年{found.group('month')}月{found.group('day')}日"
        month, day = _number(found.group("month")), _number(found.group("day"))
    except DateError as exc:
        raise DateError(str(exc), at) from None
    try:
        date = dt.date(year, month, day)
    except ValueError:
        raise DateError(say("{written} is not a date: {year}年{month}月 has no day {day}", written=written, year=year,
                            month=month, day=day)
                        if 1 <= month <= 12 else
                        say("{written} is not a date: there is no month {month}", written=written, month=month), at) \
            from None
    if era is not None:
        _check_era(era, date, written, at)
    if found.group("alt_year"):
        alt = _year(found.group("alt_era"), found.group("alt_year"))
        if alt != year:
            raise DateError(say("the years in {written} disagree: {year} and {alt}", written=found.group(0), year=year,
                                alt=alt), at)
    return date


def _check_era(era: str, date: dt.date, written: str, at: int) -> None:
    names = [name for name, _ in ERAS]
    first = _era_start(era)
    index = names.index(era)
    following = ERAS[index - 1] if index > 0 else None
    if date < first:
        raise DateError(say("{written} is not a date: {era} began on {first} ({era}元年{month}月{day}日)",
                            written=written, era=era, first=first.isoformat(), month=first.month, day=first.day), at)
    if following is not None and date >= following[1]:
        last = following[1] - dt.timedelta(days=1)
        raise DateError(say("{written} is not a date: {era} ended on {last}; from {next_start} the era is {next_era}",
                            written=written, era=era, last=last.isoformat(), next_start=following[1].isoformat(),
                            next_era=following[0]), at)


def _weekday_notes(found: re.Match[str], date: dt.date, origin: list[int]) -> list[Note]:
    written = found.group("weekday") or found.group("weekday_word")
    actual = WEEKDAYS[date.weekday()]
    if written is None or written == actual:
        return []
    at = found.start("weekday") if found.group("weekday") else found.start("weekday_word")
    return [Note(origin[at], say("{date} was a {actual}曜日, not a {written}曜日 as written; check the date and the "
                                 "weekday in the source", date=date.isoformat(), actual=actual, written=written))]


def _clock(found: re.Match[str], origin: list[int], inherit: str | None = None) -> tuple[int, int]:
    """(hour, minute) on a 24-hour clock; 午前12時 and 午後12時 are both read as noon."""
    at = origin[found.start()]
    if found.group("noon"):
        return 12, 0
    period = found.group("period") or inherit
    hour = _number(found.group("hour"))
    minute_text = found.group("minute") or found.group("clock_minute")
    minute = 30 if found.group("half") else _number(minute_text) if minute_text else 0
    if minute > 59:
        raise DateError(say("{time} is not a time: minutes go up to 59", time=found.group(0).strip()), at)
    if period is None:
        if hour > 23:
            raise DateError(say("{time} is not a time: hours go up to 23", time=found.group(0).strip()), at)
        return hour, minute
    if hour > 12:
        raise DateError(say("{time} is not a time: with {period} the hour goes up to 12", time=found.group(0).strip(),
                            period=period), at)
    if period == "午後" and hour < 12:
        hour += 12
    return hour, minute


def _hhmm(clock: tuple[int, int]) -> str:
    return f"{clock[0]:02d}:{clock[1]:02d}"
