"""Japanese dates and times as they appear in published minutes."""

from __future__ import annotations

import datetime as dt

import pytest

from kaigiroku.content.jdate import DateError, parse_when

D = dt.date

VALID = [
    # the seed and its variants
    ("平成26年2月10日(月)午後6時30分～8時40分", D(2014, 2, 10), "18:30", "20:40"),
    ("平成26年2月10日(月)午後6時30分〜8時40分", D(2014, 2, 10), "18:30", "20:40"),
    ("平成26年2月10日（月）午後6時30分～午後8時40分", D(2014, 2, 10), "18:30", "20:40"),
    ("平成２６年２月１０日（月）午後６時３０分～８時４０分", D(2014, 2, 10), "18:30", "20:40"),
    ("平成26年2月10日(月曜日)午後6時30分から8時40分まで", D(2014, 2, 10), "18:30", "20:40"),
    ("平成26年2月10日(月曜)　午後6時30分 ～ 午後8時40分", D(2014, 2, 10), "18:30", "20:40"),
    ("平成 26 年 2 月 10 日 月曜日 午後6時半～8時", D(2014, 2, 10), "18:30", "20:00"),
    ("平成26年2月10日", D(2014, 2, 10), "", ""),
    ("平成二十六年二月十日", D(2014, 2, 10), "", ""),
    ("㍻26年2月10日(月)", D(2014, 2, 10), "", ""),
    # era boundaries
    ("平成31年4月30日", D(2019, 4, 30), "", ""),
    ("令和元年5月1日", D(2019, 5, 1), "", ""),
    ("令和1年5月1日", D(2019, 5, 1), "", ""),
    ("㋿元年5月7日（火）", D(2019, 5, 7), "", ""),
    ("昭和64年1月7日", D(1989, 1, 7), "", ""),
    ("平成元年1月8日", D(1989, 1, 8), "", ""),
    ("平成元年１月８日（日）", D(1989, 1, 8), "", ""),
    ("大正15年12月24日", D(1926, 12, 24), "", ""),
    ("昭和元年12月25日", D(1926, 12, 25), "", ""),
    ("明治45年7月29日", D(1912, 7, 29), "", ""),
    ("大正元年7月30日", D(1912, 7, 30), "", ""),
    ("明治6年1月1日", D(1873, 1, 1), "", ""),
    ("昭和三十九年十月十日", D(1964, 10, 10), "", ""),
    ("令和6年2月29日（木）", D(2024, 2, 29), "", ""),
    # Western years, with and without the era beside them
    ("2014年2月10日(月)18時30分～20時40分", D(2014, 2, 10), "18:30", "20:40"),
    ("２０１４年２月１０日 １８：３０～２０：４０", D(2014, 2, 10), "18:30", "20:40"),
    ("2023年（令和5年）4月1日 13:30〜15:00", D(2023, 4, 1), "13:30", "15:00"),
    ("令和5年（2023年）4月1日（土曜日）", D(2023, 4, 1), "", ""),
    # 午前 / 午後 / 正午
    ("令和5年6月1日(木) 午前10時～正午", D(2023, 6, 1), "10:00", "12:00"),
    ("令和5年6月1日(木) 正午～午後1時", D(2023, 6, 1), "12:00", "13:00"),
    ("令和5年6月1日(木) 午前10時00分から正午まで", D(2023, 6, 1), "10:00", "12:00"),
    ("令和5年6月1日(木) 午前11時～1時", D(2023, 6, 1), "11:00", "13:00"),
    ("令和5年6月1日(木) 午前11時30分～午後0時30分", D(2023, 6, 1), "11:30", "12:30"),
    ("令和5年6月1日(木) 午後0時～午後1時", D(2023, 6, 1), "12:00", "13:00"),
    ("令和5年6月1日(木) 午前0時", D(2023, 6, 1), "00:00", ""),
    ("令和5年6月1日(木) 午前9時", D(2023, 6, 1), "09:00", ""),
    ("令和5年6月1日(木) 午後12時30分～1時", D(2023, 6, 1), "12:30", "13:00"),
    ("令和5年6月1日(木) 午前9時30分～11時30分", D(2023, 6, 1), "09:30", "11:30"),
    ("令和5年6月1日(木) 13時30分～15時", D(2023, 6, 1), "13:30", "15:00"),
    ("令和5年6月1日(木) 午後1時30分開会 午後3時5分閉会", D(2023, 6, 1), "13:30", "15:05"),
    ("令和5年6月1日(木) 午後2時－午後4時", D(2023, 6, 1), "14:00", "16:00"),
    ("令和5年6月1日(木) 午後２時~４時", D(2023, 6, 1), "14:00", "16:00"),
    ("令和5年6月1日(木・祝) 午前10時", D(2023, 6, 1), "10:00", ""),
    ("日時：令和5年6月1日(木) 午後7時から", D(2023, 6, 1), "19:00", ""),
]


@pytest.mark.parametrize(("text", "date", "start", "end"), VALID)
def test_reads_date_and_times(text: str, date: dt.date, start: str, end: str) -> None:
    when = parse_when(text)
    assert (when.date, when.start, when.end) == (date, start, end)
    assert when.notes == ()


INVALID = [
    ("平成31年5月1日", "平成 ended on 2019-04-30"),
    ("平成32年1月1日", "平成 ended on 2019-04-30"),
    ("令和元年4月30日", "令和 began on 2019-05-01"),
    ("昭和64年1月8日", "昭和 ended on 1989-01-07"),
    ("平成元年1月7日", "平成 began on 1989-01-08"),
    ("明治45年7月30日", "明治 ended on 1912-07-29"),
    ("大正元年7月29日", "大正 began on 1912-07-30"),
    ("令和0年5月1日", "first year of an era is 元年"),
    ("平成26年2月29日", "2014年2月 has no day 29"),
    ("平成26年4月31日", "has no day 31"),
    ("平成26年13月1日", "there is no month 13"),
    ("平成26年0月1日", "there is no month 0"),
    ("令和5年（2024年）4月1日", "disagree: 2023 and 2024"),
    ("令和5年6月1日 午前13時", "with 午前 the hour goes up to 12"),
    ("令和5年6月1日 25時", "hours go up to 23"),
    ("令和5年6月1日 午後2時75分", "minutes go up to 59"),
    ("未定", "no date found"),
]


@pytest.mark.parametrize(("text", "message"), INVALID)
def test_rejects_dates_that_cannot_be(text: str, message: str) -> None:
    with pytest.raises(DateError, match=message):
        parse_when(text)


def test_error_offset_points_at_the_date_in_the_text() -> None:
    with pytest.raises(DateError) as caught:
        parse_when("開催　平成31年5月1日")
    assert caught.value.offset == 3


def test_time_error_offset_points_at_the_time() -> None:
    with pytest.raises(DateError) as caught:
        parse_when("令和5年6月1日 午前13時")
    assert caught.value.offset == 9


@pytest.mark.parametrize("text", ["平成26年2月10日(火)", "平成26年2月10日（火曜日）", "平成２６年２月１０日　火曜日"])
def test_weekday_that_contradicts_the_date_is_a_warning(text: str) -> None:
    when = parse_when(text)
    assert when.date == D(2014, 2, 10)
    (note,) = when.notes
    assert "was a 月曜日, not a 火曜日" in note.message
    assert text[note.offset] == "火"


def test_end_before_start_is_a_warning() -> None:
    when = parse_when("令和5年6月1日 15時～13時")
    assert (when.start, when.end) == ("15:00", "13:00")
    assert "before it starts" in when.notes[0].message


def test_text_around_the_date_is_returned_not_dropped() -> None:
    when = parse_when("令和5年6月1日(木) 午後7時～9時 (途中休憩あり)")
    assert when.rest == "(途中休憩あり)"
