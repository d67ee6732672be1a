"""Person names as a Japanese morphological analyser reads them: SudachiPy with its core dictionary.

Sudachi tags a word 名詞・固有名詞・人名 (姓, 名 or 一般) from a dictionary of some three
million words, so it tells 山本花子 (姓 + 名) from 山本町 or 健康, ヤマダ from ケースワーカー,
and where a name ends before から, であり or a role word. The name detectors ask it only about
the few characters next to a label, a role word or an honorific (never the whole text): that
keeps detection fast (bench/detect_bench.py).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

_TOKENIZER: list[Any] = []  # made once per process, on first use
NAME = "人名"


def _tokenizer() -> Any:
    if not _TOKENIZER:
        from sudachipy import Dictionary, SplitMode

        _TOKENIZER.append(Dictionary(dict="core").tokenizer(mode=SplitMode.C))
    return _TOKENIZER[0]


@lru_cache(maxsize=1 << 14)
def words(text: str) -> tuple[tuple[int, int, str], ...]:
    """The words of ``text`` as (start, end, name part): 姓, 名 or 一般 for a word of a person's
    name, "" for any other word."""
    out = []
    for m in _tokenizer().tokenize(text):
        pos = m.part_of_speech()
        out.append((m.begin(), m.end(), pos[3] if pos[1] == "固有名詞" and pos[2] == NAME else ""))
    return tuple(out)


def leading_name(text: str) -> int:
    """The length of the person's name that opens ``text`` (0 if it opens with none): words of a
    name in a row, a ・ allowed between them (ジョン・スミス)."""
    end = 0
    for start, stop, part in words(text):
        if part and start == end or (text[start:stop] == "・" and end):
            end = stop
        else:
            break
    return end if end and text[end - 1] != "・" else 0


def trailing_name(text: str) -> int:
    """The length of the person's name that ends ``text`` (0 if it ends with none)."""
    start = len(text)
    for begin, stop, part in reversed(words(text)):
        if part and stop == start or (text[begin:stop] == "・" and start < len(text)):
            start = begin
        else:
            break
    return len(text) - start if start < len(text) and text[start] != "・" else 0


def opens_with_a_surname(text: str) -> bool:
    """Whether ``text`` opens with a surname (姓)."""
    parts = words(text)
    return bool(parts) and parts[0][2] == "姓"


def splits_a_name(before: str, after: str) -> int:
    """Where a line break cuts a name (山本⏎花子): the length of the surname that ends ``before`` when
    ``after`` opens with a given name, else 0."""
    tail = words(before)
    head = words(after)
    if tail and head and tail[-1][2] == "姓" and head[0][2] == "名":
        return tail[-1][1] - tail[-1][0]
    return 0
