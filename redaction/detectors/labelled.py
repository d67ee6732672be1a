"""Names without an honorific where the text says who they are.

- ``labelled_name``: after a label or a word for a private person in the matter — 申出人 山本花子,
  相談者は佐々木健であり, 氏名：石井由美, ``| 氏名 | 石井由美 |`` or under a 氏名 column head.
- ``role_name``: after a council role or a job title — 会長　小野寺修. The officials of the
  meeting and of the policy are public in their role (``PublicNames``); anyone else is a finding.

The morphological analyser (``morphology``) says whether a name follows and where it ends. After
氏名 / 名前 and a colon or a cell border, what stands there is a name even where the analyser
does not know it (up to the next white space or punctuation).
"""

from __future__ import annotations

import re
from typing import Iterator

from ..detection import PERSONAL_NAME, Detection
from ..normalize import NormalizedText, normalize
from .base import detection
from .labels import values_of
from .morphology import leading_name

PRIVATE = ("審査請求人 開示請求者 申出人 申立人 申請者 請求者 請求人 相談者 代理人 利用者 受給者 相続人 被相続人 "
           "所有者 被害者 加害者 保護者 通報者 対象者 当事者 入居者 応募者 本人 氏名 お名前 名前").split()
ROLES = ("副委員長 委員長 副会長 会長 委員 副議長 議長 事務局長 部長 次長 課長 係長 主事 主査 所長 館長 局長 "
         "理事長 理事 監事 幹事 市長 副市長").split()
_WINDOW = 12  # characters read after a label: a long name and a little of what follows it
_STRICT = ("氏名", "お名前", "名前")
_MASKED = re.compile("[○〇◯●×✕＊*■□]+")  # a name already masked in the source (○○): nothing to withhold
_FALLBACK_END = re.compile(r"[\s|｜、。，．,.:：;；()（）「」『』\[\]【】]")


def _pattern(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))


class _AfterLabel:
    name = ""
    kind = PERSONAL_NAME
    words: tuple[str, ...] = ()
    particles: tuple[str, ...] = ()  # what may stand between the word and the name besides a separator
    same_line = False  # the name must stand on the word's line, not in the cell or line after it

    def __init__(self) -> None:
        self._labels = _pattern(list(self.words))
        # the first character of a word, where the second can follow it: cheap for re to scan for
        self._locator = re.compile("[" + "".join(sorted({w[0] for w in self.words})) + "](?=["
                                   + "".join(sorted({w[1] for w in self.words})) + "])")

    def analyze(self, text: NormalizedText) -> Iterator[Detection]:
        norm = text.text
        seen: set[int] = set()
        for hit in self._locator.finditer(norm):
            label = self._labels.match(norm, hit.start())
            if not label:
                continue
            places = list(values_of(text, label.start(), label.end()))
            heads_a_column = len(places) > 1  # then the next cell is the next column's head
            for n, at in enumerate(places[:1] if self.same_line else places):
                if at >= len(norm):
                    continue
                particle = next((p for p in self.particles if norm.startswith(p, at)), "") if at == label.end() else ""
                at += len(particle)
                if self.same_line and "\n" in text.raw[text.raw_span(label.start(), label.end())[1]:
                                                        text.raw_span(at, at + 1)[0]]:
                    continue
                length = leading_name(norm[at:at + _WINDOW])
                if not length and label.group() in _STRICT and (
                        n or not heads_a_column and any(c in ":：|" for c in norm[label.end():at])):
                    length = _written_out(text, at)
                if length and at not in seen:
                    seen.add(at)
                    yield detection(text, at, at + length, self.name)


def _written_out(text: NormalizedText, at: int) -> int:
    """The length of what is written at ``at`` up to the next white space or punctuation of the raw text."""
    raw_start = text.raw_span(at, at + 1)[0]
    m = _FALLBACK_END.search(text.raw, raw_start, raw_start + _WINDOW)
    written = normalize(text.raw[raw_start:m.start()] if m else text.raw[raw_start:raw_start + _WINDOW])
    return 0 if _MASKED.fullmatch(written) else len(written)


class LabelledNameDetector(_AfterLabel):
    name = "labelled_name"
    words = tuple(PRIVATE)
    particles = ("の", "、", "として")  # 申出人の山本花子, 申出人、山本花子, 代理人として柳田弁護士


class RoleNameDetector(_AfterLabel):
    """A role ends many a line and a list item (佐藤課長、高橋係長): only a name right after it on
    its line counts."""

    name = "role_name"
    words = tuple(ROLES)
    same_line = True
