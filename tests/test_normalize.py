"""The matching rule of spec 3.4 and the way back from normalised to raw offsets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from redaction.normalize import NormalizedText, normalize


@pytest.mark.parametrize(("raw", "expected"), [
    ("山田　太郎", "山田太郎"),
    ("山田 \n 太郎", "山田太郎"),
    ("ＡＢＣ１２３", "ABC123"),
    ("ｸﾞﾘｰﾝ", "グリーン"),
    ("山\u200b田\ufeff太\u2060郎", "山田太郎"),
    ("０４２－３９３", "042-393"),
])
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(("raw", "needle", "found"), [
    ("前に山田 太郎さん", "山田太郎", ["山田 太郎"]),
    ("前に山田\n太郎さん", "山田太郎", ["山田\n太郎"]),
    ("株式会社ＭＫビル", "MKビル", ["ＭＫビル"]),
    ("ｸﾞﾘｰﾝﾃｯｸ社とグリーンテック社", "グリーンテック", ["ｸﾞﾘｰﾝﾃｯｸ", "グリーンテック"]),
    ("ｶﾞ", "ガ", ["ｶﾞ"]),
    ("a山\u200b田b", "山田", ["山\u200b田"]),
    ("山田", "山田太郎", []),
])
def test_find_all_returns_raw_spans(raw: str, needle: str, found: list[str]) -> None:
    text = NormalizedText.of(raw)
    assert [raw[a:b] for a, b in text.find_all(normalize(needle))] == found


def test_find_all_empty_needle() -> None:
    assert NormalizedText.of("山田").find_all("") == []


ALPHABET = st.sampled_from("山田太郎ＡＢａｂAbｸﾞｶﾞﾊﾟがパ ０１23 　\n\t\u200b\ufeff-－㈱①")


def occurrences(text: str, needle: str) -> int:
    return sum(text.startswith(needle, i) for i in range(len(text))) if needle else 0


@given(st.text(alphabet=ALPHABET, max_size=40), st.integers(min_value=0, max_value=40),
       st.integers(min_value=1, max_value=6))
def test_every_found_span_covers_the_needle(raw: str, start: int, length: int) -> None:
    text = NormalizedText.of(raw)
    needle = text.text[start:start + length]
    spans = text.find_all(needle)
    assert len(spans) == occurrences(text.text, needle)
    for a, b in spans:
        assert needle in normalize(raw[a:b])  # a span never splits one raw character


@given(st.text(alphabet=ALPHABET, max_size=60))
def test_normalised_text_matches_normalize(raw: str) -> None:
    assert NormalizedText.of(raw).text == normalize(raw)
