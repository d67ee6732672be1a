"""Personal names followed by an honorific or a council role: 山田さん, 小川隆氏, 杉本みさ子委員.

The scan looks for the honorific first, then reads the name backwards: a
run of kanji (a surname alone, or a full name), or a kanji surname followed
by a kana given name. Words before the name are cut off (審査請求人小川隆氏
→ 小川隆), and words that take an honorific but are no name (皆さん, 仕様,
公募委員, 業者さん) are left alone. Job titles of city staff (課長, 部長)
are not honorifics: officials act in their public role.

A name in katakana counts where the morphological analyser reads it as one (ヤマダさん, not
ケースワーカーさん), a name in Latin letters where its words are capitalised (Hanako Yamamoto氏),
and a name cut by a line break (山本⏎花子さん) where the analyser reads a surname before the break
and a given name after it.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..detection import PERSONAL_NAME, Detection
from ..normalize import NormalizedText
from .base import KANJI, detection, is_kanji, line_start
from .morphology import is_oov, last_word, splits_a_name, trailing_name
from .name_words import NOT_KANA_NAMES, NOT_KATAKANA_NAMES, NOT_NAME_ENDINGS, NOT_NAMES, TITLES

_HONORIFIC = re.compile("副委員長|委員長|副会長|会長|委員|議員|さん|さま|様|氏|君|くん|ちゃん|殿|先生")
# Characters around an honorific that make it part of another word: 仕様, 様々, 委員会, 氏名, 君主.
_NOT_BEFORE = {"様": "仕多同模態異一各両皆奥客神仏王殿貴何有今左右斯文紋図外先"}
_NOT_AFTER = {"様": "々子式相態", "委員": "会", "氏": "名子族", "君": "主臨", "殿": "様堂下"}
_KANA_NAME = re.compile(  # a kanji surname and a kana given name: 杉本みさ子
    rf"[{KANJI}]{{2,3}}(?!{'|'.join(NOT_KANA_NAMES)})(?!.*さん)[ぁ-ゖ]{{2,3}}[子美江代恵乃香枝世里奈]?$")
_LEADING_TITLE = re.compile(f"^.*(?:{'|'.join(TITLES)})(?=[{KANJI}])")
_TRAILING_TITLE = re.compile(f"(?<=[{KANJI}])(?:{'|'.join(TITLES)})$")
_LATIN_NAME = re.compile(r"(?<![A-Za-z])[A-Z][a-z]+(?:[A-Z][a-z]+|[A-Z]+){0,2}$")  # white space is gone: HanakoYamamoto
_KATAKANA = re.compile("[ァ-ヺー・]+$")
_NOT_NAME_SUFFIX = re.compile(f"(?:{'|'.join(w for w in NOT_NAMES if len(w) > 1)})$")


def _inside_a_word(norm: str, m: re.Match[str]) -> bool:
    before, after = norm[m.start() - 1:m.start()], norm[m.end():m.end() + 1]
    return (bool(before) and before in _NOT_BEFORE.get(m.group(), "")
            or bool(after) and after in _NOT_AFTER.get(m.group(), ""))


def name_before(text: NormalizedText, end: int) -> tuple[int, int] | None:
    """The span of the name that ends at ``end``, if what stands there reads as one."""
    norm = text.text
    start = end
    while start > max(0, end - 8) and is_kanji(norm[start - 1]):
        start -= 1
    if end - start <= 1 and start and "ぁ" <= norm[start - 1] <= "ゖ":
        kana = _KANA_NAME.search(norm, max(0, end - 10), end)
        start = kana.start() if kana else start
    if start == end:
        return _foreign_name_before(norm, end)
    if norm[start] == "番" and start and norm[start - 1].isdigit():  # a member's seat: ５番　佐藤花子議員
        start += 1
    cut = line_start(text, start, end)
    start = cut - splits_a_name(norm[start:cut], norm[cut:end]) if cut > start else start
    name = _TRAILING_TITLE.sub("", norm[start:end])
    lead = _LEADING_TITLE.match(name)
    if lead:
        start += lead.end()
        name = name[lead.end():]
    if not name or name in NOT_NAMES or name[-1] in NOT_NAME_ENDINGS or _NOT_NAME_SUFFIX.search(name):
        return None
    return start, start + len(name)


def _foreign_name_before(norm: str, end: int) -> tuple[int, int] | None:
    """A name in Latin letters (Hanako Yamamoto) or in katakana before ``end``: a foreign name with
    ・ (ジョン・スミス), or a katakana word that is no word for a role or a job (ヤマダさん, not
    ケースワーカーさん); of a run of katakana words, the name the analyser finds at its end."""
    latin = _LATIN_NAME.search(norm, max(0, end - 32), end)
    if latin:
        return latin.start(), end
    kana = _KATAKANA.search(norm, max(0, end - 16), end)
    if not kana:
        return None
    run = kana.group().lstrip("・")
    if "・" in run or is_oov(run):
        return end - len(run), end
    if last_word(run) in NOT_KATAKANA_NAMES:
        return None
    return end - (trailing_name(run) or len(run)), end


def _opens_a_line(text: NormalizedText, start: int) -> bool:
    """Whether the honorific at ``start`` opens its line: 委員 at a line's start is no honorific of the
    word that ends the line before."""
    raw_start = text.raw_span(start, start + 1)[0]
    return not text.raw[text.raw.rfind("\n", 0, raw_start) + 1:raw_start].strip()


class HonorificNameDetector:
    name = "honorific_name"
    kind = PERSONAL_NAME

    def analyze(self, text: NormalizedText) -> Iterator[Detection]:
        norm = text.text
        for m in _HONORIFIC.finditer(norm):
            if _inside_a_word(norm, m) or _opens_a_line(text, m.start()):
                continue
            span = name_before(text, m.start())
            if span:
                yield detection(text, *span, self.name)
