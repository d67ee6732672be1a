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
# False reads every text as words the analyser does not know as names: what the detectors find
# without it (bench/detect_bench.py measures both).
ENABLED = True


def _tokenizer() -> Any:
    if not _TOKENIZER:
        from sudachipy import Dictionary, SplitMode

        _TOKENIZER.append(Dictionary(dict="core").tokenizer(mode=SplitMode.C))
    return _TOKENIZER[0]


@lru_cache(maxsize=1 << 14)
def words(text: str) -> tuple[tuple[int, int, str], ...]:
    """The words of ``text`` as (start, end, name part): 姓, 名 or 一般 for a word of a person's
    name, "" for any other word."""
    if not ENABLED:
        return ()
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


def splits_a_name(before: str, after: str) -> int:
    """Where a line break cuts a name (山本⏎花子, 池田⏎学): the length of the surname that ends
    ``before`` when, read together, a surname ends there and a given name starts, else 0."""
    cut = len(before)
    parts = words(before + after)
    for (start, end, part), (begin, _, following) in zip(parts, parts[1:]):
        if end == cut and begin == cut:
            return end - start if part == "姓" and following in ("名", "一般") else 0
    return 0


@lru_cache(maxsize=1 << 12)
def is_oov(text: str) -> bool:
    """Whether the analyser knows no word ``text`` is made of (タナカユミ)."""
    return ENABLED and any(m.is_oov() for m in _tokenizer().tokenize(text))


def last_word(text: str) -> str:
    """The last word of ``text`` as the analyser cuts it (all of it without the analyser)."""
    parts = words(text)
    return text[parts[-1][0]:parts[-1][1]] if parts else text


def forget() -> None:
    """Empty the memo of analysed texts (a benchmark's cold run)."""
    words.cache_clear()
    is_oov.cache_clear()
