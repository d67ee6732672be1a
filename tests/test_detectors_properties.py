"""Properties over generated numbers: every shape and width of a valid number is found whole."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from redaction.detectors.my_number import MyNumberDetector, check_digit
from redaction.detectors.phone import PhoneDetector
from redaction.normalize import NormalizedText

DASHES = ["-", "‐", "−", "–", "—", "ー", "－", " ", "　", ""]
FULL_WIDTH = str.maketrans("0123456789-()", "０１２３４５６７８９－（）")
AREA_CODES = ["03", "06", "042", "045", "011", "0467", "0422", "01267", "04992"]


def digits(n: int) -> st.SearchStrategy[str]:
    return st.text("0123456789", min_size=n, max_size=n)


@st.composite
def phone_numbers(draw: st.DrawFn) -> str:
    if draw(st.booleans()):
        area = draw(st.sampled_from(AREA_CODES))
        groups = [area, draw(st.sampled_from("123456789")) + draw(digits(5 - len(area))), draw(digits(4))]
    else:
        groups = [draw(st.sampled_from(["090", "080", "070", "050"])), draw(digits(4)), draw(digits(4))]
    dash = draw(st.sampled_from(DASHES))
    number = dash.join(groups)
    return number.translate(FULL_WIDTH) if draw(st.booleans()) else number


@settings(max_examples=300, deadline=None)
@given(number=phone_numbers(), before=st.sampled_from(["電話", "連絡先は", "（", "TEL:", "\n"]),
       after=st.sampled_from(["まで", "）", "。", "\n", "に連絡"]))
def test_every_phone_number_is_found_whole(number: str, before: str, after: str) -> None:
    raw = before + number + after
    found = [raw[d.start:d.end] for d in PhoneDetector().analyze(NormalizedText.of(raw))]
    assert found == [number]


@settings(max_examples=300, deadline=None)
@given(first=digits(11), dash=st.sampled_from(DASHES))
def test_a_my_number_is_found_only_with_its_check_digit(first: str, dash: str) -> None:
    right = first + str(check_digit(first))
    wrong = first + str((check_digit(first) + 1) % 10)
    for number, expected in ((right, True), (wrong, False)):
        raw = "個人番号" + dash.join([number[:4], number[4:8], number[8:]]) + "を記載"
        assert bool(list(MyNumberDetector().analyze(NormalizedText.of(raw)))) is expected
