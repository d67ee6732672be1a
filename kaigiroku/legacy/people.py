"""出席者及び欠席者: who attended, who served as secretariat, who was absent.

The seed writes ``●出席者： (委員) 臼井雅子会長・嶋田節男委員 (市事務局) 當間総務部長・…
●欠席者： 田村初恵委員``: sections opened by ●出席者/●欠席者, groups opened by
a bracketed label, names separated by ・ or 、. Other cities open a group
with ``委員：`` at the start of a line, write the count after the names
(``…、佐藤花子（12名）``) and an official's title before the name
(``企画課長 山田一郎``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kaigiroku.core.messages import say

SECTION = re.compile(r"[●○◎■◆]\s*(?P<name>[^：:\s(（]+)\s*[：:]?")
GROUP_WORDS = "委員|事務局|説明員|出席者|欠席者|傍聴者|市側|職員|関係者|オブザーバー"
GROUP = re.compile(r"(?:^|(?<=\s))[(（]\s*(?P<label>[^)）\s]+)\s*[)）]"
                   r"|(?m:^)[ \t\u3000]*(?P<line>[^\s:：、・,，()（）]{1,12})[ \t\u3000]*[:：]"
                   rf"|(?m:^)[ \t\u3000]*(?P<word>{GROUP_WORDS})[ \t\u3000]+")
SEPARATORS = re.compile(r"[・、，,\n]")
COUNT = re.compile(r"\s*[(（]\s*(?:計|全|合計)?\s*(?P<n>[0-9０-９]+)\s*[名人]\s*[)）]\s*$|\s*(?:計|合計|以上)\s*(?P<m>[0-9０-９]+)\s*[名人]\s*$")
TITLE_END = re.compile(r"(?:長|主事|主任|主査|参事|係|担当|補佐|委員|職員|理事|監|官|員|師|士)$")
NONE = {"なし", "無し", "0名", "０名", "0人", "０人", "該当なし", "なし。"}  # an empty list, not a name


@dataclass
class Attendance:
    attendees: list[str] = field(default_factory=list)
    secretariat: list[str] = field(default_factory=list)
    absentees: list[str] | None = None
    others: dict[str, list[str]] = field(default_factory=dict)  # other groups by label, e.g. 説明員, 傍聴者
    problems: list[str] = field(default_factory=list)  # a count after the names that does not match them


def names(text: str, problems: list[str] | None = None) -> list[str]:
    """The names in a list; ``なし`` is none; a count at its end (``（12名）``) is checked, then left out."""
    count = COUNT.search(text)
    if count and count.start() > 0:
        text = text[:count.start()]
    found = [name for piece in SEPARATORS.split(text) for name in _titled(piece) if name not in NONE]
    if count and count.start() > 0 and problems is not None:
        written = int((count.group("n") or count.group("m")).translate(_DIGITS))
        if written != len(found):
            problems.append(say("「{count}」 after the names, but {n} names are listed: check the list against the "
                                "source", count=count.group().strip(), n=len(found)))
    return found


def _titled(piece: str) -> list[str]:
    """A piece split at runs of two or more spaces; an official's title stays with the name after it."""
    parts = [part for part in re.split(r"\s{2,}", piece.strip()) if part]
    out: list[str] = []
    for part in parts:
        if out and TITLE_END.search(out[-1]) and not TITLE_END.search(part) and " " not in out[-1]:
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


def parse_attendance(text: str) -> Attendance:
    found = Attendance()
    sections = list(SECTION.finditer(text))
    if not sections:
        _present(text, found)
        return found
    _present(text[:sections[0].start()], found)
    for section, following in zip(sections, [*sections[1:], None]):
        content = text[section.end():following.start() if following else len(text)]
        name = section.group("name")
        if "欠席" in name:
            found.absentees = (found.absentees or []) + names(content, found.problems)
        elif "事務局" in name:
            found.secretariat += names(content, found.problems)
        elif "出席" in name:
            _present(content, found)
        else:
            found.others.setdefault(name, []).append(content.strip())
    return found


def _present(text: str, found: Attendance) -> None:
    groups = list(GROUP.finditer(text))
    found.attendees += names(text[:groups[0].start()] if groups else text, found.problems)
    for group, following in zip(groups, [*groups[1:], None]):
        content = text[group.end():following.start() if following else len(text)]
        label = group.group("label") or group.group("line") or group.group("word")
        if "事務局" in label:
            found.secretariat += names(content, found.problems)
        elif "欠席" in label:
            found.absentees = (found.absentees or []) + names(content, found.problems)
        elif "委員" in label or "出席" in label:
            found.attendees += names(content, found.problems)
        else:
            found.others.setdefault(label, []).append(content.strip())


_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
