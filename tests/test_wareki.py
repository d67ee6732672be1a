"""Japanese era dates and fiscal years."""

from __future__ import annotations

import datetime as dt

import pytest

from kaigiroku.content.wareki import era_year, fiscal_year, fiscal_year_label, japanese_date


@pytest.mark.parametrize(("date", "expected"), [
    (dt.date(2014, 2, 10), "平成26年2月10日（月）"),
    (dt.date(2019, 4, 30), "平成31年4月30日（火）"),
    (dt.date(2019, 5, 1), "令和元年5月1日（水）"),
    (dt.date(2024, 6, 18), "令和6年6月18日（火）"),
    (dt.date(1989, 1, 7), "昭和64年1月7日（土）"),
    (dt.date(1989, 1, 8), "平成元年1月8日（日）"),
])
def test_japanese_date(date: dt.date, expected: str) -> None:
    assert japanese_date(date) == expected


@pytest.mark.parametrize(("date", "year"), [
    (dt.date(2014, 2, 10), 2013), (dt.date(2014, 3, 31), 2013), (dt.date(2014, 4, 1), 2014),
])
def test_fiscal_year(date: dt.date, year: int) -> None:
    assert fiscal_year(date) == year


@pytest.mark.parametrize(("year", "label"), [
    (2013, "平成25年度（2013年度）"), (2018, "平成30年度（2018年度）"),
    (2019, "令和元年度（2019年度）"), (2024, "令和6年度（2024年度）"),
])
def test_fiscal_year_label(year: int, label: str) -> None:
    assert fiscal_year_label(year) == label


def test_era_year_before_meiji() -> None:
    assert era_year(1850) == "1850年"
