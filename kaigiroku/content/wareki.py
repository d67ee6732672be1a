"""Japanese era (和暦) dates and fiscal years (年度, April to March)."""

from __future__ import annotations

import datetime as dt

ERAS = (  # name, first day
    ("令和", dt.date(2019, 5, 1)),
    ("平成", dt.date(1989, 1, 8)),
    ("昭和", dt.date(1926, 12, 25)),
    ("大正", dt.date(1912, 7, 30)),
    ("明治", dt.date(1868, 1, 25)),
)
WEEKDAYS = "月火水木金土日"


def fiscal_year(date: dt.date) -> int:
    """The fiscal year a date falls in: 2014-02-10 is in fiscal 2013 (平成25年度)."""
    return date.year if date.month >= 4 else date.year - 1


def era_year(year: int, month: int = 12, day: int = 31) -> str:
    """平成25年, 令和元年 … for the era in force on the given day."""
    date = dt.date(year, month, day)
    for name, first in ERAS:
        if date >= first:
            n = year - first.year + 1
            return f"{name}{'元' if n == 1 else n}年"
    return f"{year}年"


def japanese_date(date: dt.date) -> str:
    """平成26年2月10日（月）"""
    return f"{era_year(date.year, date.month, date.day)}{date.month}月{date.day}日（{WEEKDAYS[date.weekday()]}）"


def fiscal_year_label(year: int) -> str:
    """令和5年度（2023年度）.

    Cities name a fiscal year by the era in force for most of it: fiscal 2019
    began on 平成31年4月1日 but is 令和元年度, so the era of 1 May is used.
    """
    return f"{era_year(year, 5, 1)[:-1]}年度（{year}年度）"
