"""出席者及び欠席者: who attended, who served as secretariat, who was absent.

The seed writes ``●出席者： (委員) 臼井雅子会長・嶋田節男委員 (市事務局) 當間総務部長・…
●欠席者： 田村初恵委員``: sections opened by ●出席者/●欠席者, groups opened by
a bracketed label, names separated by ・ or 、.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SECTION = re.compile(r"[●○◎■◆]\s*(?P<name>[^：:\s(（]+)\s*[：:]?")
GROUP = re.compile(r"(?:^|(?<=\s))[(（]\s*(?P<label>[^)）\s]+)\s*[)）]")
SEPARATORS = re.compile(r"[・、，,\n]|\s{2,}")
NONE = {"なし", "無し", "0名", "０名"}  # an empty list, not a name


@dataclass
class Attendance:
    attendees: list[str] = field(default_factory=list)
    secretariat: list[str] = field(default_factory=list)
    absentees: list[str] | None = None
    others: dict[str, list[str]] = field(default_factory=dict)  # other groups by label, e.g. 説明員


def names(text: str) -> list[str]:
    return [name.strip() for name in SEPARATORS.split(text) if name.strip()]


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
            found.absentees = (found.absentees or []) + [n for n in names(content) if n not in NONE]
        elif "事務局" in name:
            found.secretariat += names(content)
        elif "出席" in name:
            _present(content, found)
        else:
            found.others.setdefault(name, []).extend(names(content))
    return found


def _present(text: str, found: Attendance) -> None:
    groups = list(GROUP.finditer(text))
    found.attendees += names(text[:groups[0].start()] if groups else text)
    for group, following in zip(groups, [*groups[1:], None]):
        content = names(text[group.end():following.start() if following else len(text)])
        label = group.group("label")
        if "事務局" in label:
            found.secretariat += content
        elif "委員" in label:
            found.attendees += content
        else:
            found.others.setdefault(label, []).extend(content)
