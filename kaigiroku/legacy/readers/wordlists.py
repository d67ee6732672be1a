"""The numbers and bullets of Word's lists, which are not in a paragraph's text but in its numbering.

A bullet becomes a Markdown ``-`` item, ``1.`` and ``1)`` numbering an
ordered Markdown item, any other (``（1）``, ``第1条``, ``ア``, ``①``) the
text of the marker before the paragraph, as it was printed.
"""

from __future__ import annotations

import re
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn

MARKDOWN_NUMBER = re.compile(r"^%1[.)]$")
LEVEL_IN_NAME = re.compile(r"^List (?:Bullet|Number|Continue)?\s*([2-9])$", re.I)
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
AIUEO = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
IROHA = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス"
KANJI = "〇一二三四五六七八九"


class Numbering:
    """The numbering definitions of a document, and the counters of its lists as they are read."""

    def __init__(self, document: Any):
        self.document = document
        root = document.part.numbering_part.element
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        for abstract in root.findall(qn("w:abstractNum")):
            self.levels[abstract.get(qn("w:abstractNumId"))] = {
                int(lvl.get(qn("w:ilvl"), "0")): (_val(lvl, "w:numFmt", "decimal"), _val(lvl, "w:lvlText", "%1."),
                                                  int(_val(lvl, "w:start", "1")))
                for lvl in abstract.findall(qn("w:lvl"))}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        for num in root.findall(qn("w:num")):
            overrides = {int(o.get(qn("w:ilvl"), "0")): int(_val(o, "w:startOverride", "1"))
                         for o in num.findall(qn("w:lvlOverride")) if o.find(qn("w:startOverride")) is not None}
            self.nums[num.get(qn("w:numId"))] = (_val(num, "w:abstractNumId", ""), overrides)
        self.counters: dict[str, list[int]] = {}

    def marker(self, p: Any, style: str) -> tuple[str | None, str]:
        """The paragraph's list marker (``-``, ``3.``, ``（3）``) and the indent of a Markdown item, or None."""
        found = self._num_pr(p)
        if found is None or found[0] not in self.nums:
            return None, ""
        num_id, level = found
        abstract, overrides = self.nums[num_id]
        levels = self.levels.get(abstract, {})
        fmt, text, _ = levels.get(level, ("decimal", f"%{level + 1}.", 1))
        depth = int(named.group(1)) - 1 if level == 0 and (named := LEVEL_IN_NAME.match(style)) else level
        counts = self.counters.setdefault(num_id, [])
        starts = [overrides.get(i, levels.get(i, ("", "", 1))[2]) for i in range(9)]
        while len(counts) <= level:
            counts.append(starts[len(counts)] - 1)
        counts[level] += 1
        del counts[level + 1:]
        if fmt == "bullet":
            return "-", "  " * depth
        if fmt == "none":
            return None, ""
        if MARKDOWN_NUMBER.match(text) and fmt in ("decimal", "decimalHalfWidth"):
            return f"{counts[level]}{text[-1]}", "   " * depth
        shown = re.sub(r"%([1-9])", lambda m: _format(counts, levels, int(m.group(1)) - 1), text)
        return shown, ""

    def _num_pr(self, p: Any) -> tuple[str, int] | None:
        num_pr = p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        found = self.document.part.get_style(style.get(qn("w:val")) if style is not None else None,
                                             WD_STYLE_TYPE.PARAGRAPH)
        while num_pr is None and found is not None:
            num_pr = found.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            found = found.base_style
        if num_pr is None:
            return None
        return _val(num_pr, "w:numId", "0"), int(_val(num_pr, "w:ilvl", "0"))


def _val(element: Any, child: str, default: str) -> str:
    found = element.find(qn(child))
    return found.get(qn("w:val"), default) if found is not None else default


def _format(counts: list[int], levels: dict[int, tuple[str, str, int]], level: int) -> str:
    n = counts[level] if level < len(counts) else 1
    fmt = levels.get(level, ("decimal", "", 1))[0]
    if fmt == "decimalFullWidth":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalEnclosedCircle" and 1 <= n <= len(CIRCLED):
        return CIRCLED[n - 1]
    if fmt in ("aiueoFullWidth", "aiueo") and 1 <= n <= len(AIUEO):
        return AIUEO[n - 1]
    if fmt in ("irohaFullWidth", "iroha") and 1 <= n <= len(IROHA):
        return IROHA[n - 1]
    if fmt in ("japaneseCounting", "ideographDigital", "japaneseLegal") and 1 <= n < 100:
        return (KANJI[n // 10] if n >= 20 else "") + ("十" if n >= 10 else "") + (KANJI[n % 10] if n % 10 else "")
    if fmt in ("upperLetter", "lowerLetter") and 1 <= n <= 26:
        letter = chr(ord("A") + n - 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman") and 1 <= n < 40:
        roman = "X" * (n // 10) + ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"][n % 10]
        return roman if fmt == "upperRoman" else roman.lower()
    return str(n)
