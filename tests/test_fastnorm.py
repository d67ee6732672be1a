"""``normalize_fast`` is exactly ``normalize``, on every character and in every neighbourhood that composes."""

from __future__ import annotations

import pickle
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redaction import fastnorm
from redaction.fastnorm import normalize_fast
from redaction.normalize import INVISIBLE, normalize

# Characters that compose or vanish: combining marks, (half-width) dakuten, Hangul jamo of
# every kind, canonical pairs, white space and the invisible characters `normalize` removes.
TRICKY = ("\u0300\u0301\u0308\u0327\u0344\u0345\u3099\u309a\uff9e\uff9f\u309b\u309c"
          "\u1100\u1112\u1161\u1175\u11a8\u11c2\u3131\u314f\uffa1\uffc2\uac00\uac01"
          "\u0b47\u0b3e\u0b57\u0cc6\u0cd5\u0dd9\u0dcf\u1b05\u1b35\u0f71\u0f72\u0f80"
          "ｶｷﾊﾟﾋかはゝゞヽAaeoOｅＡ０１ \t\n\u3000\u00a0\u2028\x1c\x1f"
          "\u00ad\u034f\u061c\u115f\u1160\u180b\u200b\u200d\u202e\u2060\u2066\u3164\ufe0f\ufeff\uffa0"
          "\U0001d15e\U0001d165\U0001d16e\U000110ba\U00011099\U0001bca0\U000e0001\U000e0100"
          "㍿①ﬁǅ山田")
ALL = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]


@settings(max_examples=300)
@given(st.text(st.sampled_from(TRICKY) | st.characters(), max_size=40))
def test_equals_normalize(text: str) -> None:
    assert normalize_fast(text) == normalize(text)


@pytest.mark.parametrize("before, after", [("", ""), ("a", "\u0301"), ("か", "\u3099"), ("ｶ", "\uff9e"),
                                           ("\u1100", "\u1161"), ("\uac00", "\u11a8"), ("", "\u0f72"),
                                           ("\u0b47", "\u0b3e"), ("", "\u200b"), (" ", "\u3099\u0301")])
def test_every_character_in_context(before: str, after: str) -> None:
    text = "x".join(before + c + after for c in ALL)
    assert normalize_fast(text) == normalize(text)


def test_look_alikes_are_folded_as_normalize_folds_them() -> None:
    """Kanji variants and radicals (``lookalikes.FOLD``) in every neighbourhood, the non-BMP 𠮷 too."""
    from redaction.lookalikes import FOLD

    text = "x".join(f"ｶ{c}\u3099{c}\uac00{c}" for c in FOLD)
    assert normalize_fast(text) == normalize(text)
    assert normalize_fast("髙⻄村 ⻑田 𠮷野 ⼭本") == normalize("髙⻄村長田𠮷野山本") == "高西村長田吉野山本"


def test_invisible_characters_are_removed() -> None:
    text = "山" + "".join(c for c in ALL if normalize(c) == "" and c.isprintable()) + "田"
    assert normalize_fast(text) == "山田"
    assert normalize_fast(f"山{INVISIBLE[:1]}田　 \t\n太郎") == "山田太郎"


def test_no_character_outside_the_bmp_composes_with_one_inside() -> None:
    """Why ``fastnorm`` looks for characters that combine in the BMP only."""
    for c in ALL[0x10000 - 0x800:]:
        parts = unicodedata.decomposition(c).split()
        assert not (len(parts) == 2 and not parts[0].startswith("<") and int(parts[1], 16) < 0x10000), hex(ord(c))


@given(st.lists(st.text(st.sampled_from("ab \n"), max_size=30) | st.sampled_from(TRICKY), max_size=60))
def test_long_ascii_stretches_change_nothing(parts: list[str]) -> None:
    """Only the blocks holding a non-ASCII character go through the table, in spans that end before ASCII."""
    text = "".join(parts)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fastnorm, "BLOCK", 3)
        assert normalize_fast(text) == normalize(text)


def test_tables_kept_in_a_file_are_read_back_and_a_spoilt_file_is_made_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kept = tmp_path / "normalize.pickle"
    made = fastnorm.tables()
    monkeypatch.setattr(fastnorm, "_TABLES", [])
    assert fastnorm.tables(kept) == made and kept.exists()
    monkeypatch.setattr(fastnorm, "_TABLES", [])
    monkeypatch.setattr(fastnorm, "_made", lambda: pytest.fail("made again although kept"))
    assert fastnorm.tables(kept) == made
    for spoilt in (b"not a pickle", pickle.dumps(("another stamp", {}, frozenset(), made[2]))):
        kept.write_bytes(spoilt)
        monkeypatch.setattr(fastnorm, "_TABLES", [])
        monkeypatch.setattr(fastnorm, "_made", lambda: made)
        assert fastnorm.tables(kept) == made and kept.read_bytes() != spoilt
