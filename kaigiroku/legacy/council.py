"""Council minutes to import (issue 22): the ○ convention as text or a saved page, and the JSON
shapes in which assemblies publish minutes as open data. Each sitting becomes one meeting file.

- **Text and pages**: a sitting's header — 会議名, 日時, 出席議員 (seat numbers and names),
  欠席議員, 説明のため出席した者, 事務局職員, 議事日程, each a label at a line's start with its
  value after it or on the lines below — then the minutes from the first ○ label or stage note.
  A file is read so when it holds a ○ label and a 会議名 or 日時 line before it.
- **The National Diet Library's minutes API** (国会会議録検索システム): ``meetingRecord`` (each
  with its ``speechRecord``) or ``speechRecord`` alone (grouped by ``issueID``); a record's
  ``speaker``, ``speakerPosition``, ``speech`` and ``speechOrder`` (0 is the sitting's own header).
- **The common open-data form** ``{"Date", "ProceedingTitle", "Proceeding": [{"Speaker",
  "Utterance"}]}``, or a list of them.

Every utterance becomes one speech: a line ``○役職（氏名君）　`` (``○氏名君`` without a
role) and its text, each sentence kept, its lines escaped where Markdown would read them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any, Iterator

from kaigiroku.content.jdate import DateError, parse_when
from kaigiroku.core.messages import say
from redaction.speakerlabels import COUNCIL_SIGNS, SPACE, ends_in_role, parse_council

from .record import Notes, escape_markup, markdown_text

HEADER_LABELS = {
    "会議名": "title", "日時": "when", "開会日時": "when", "開議日時": "when", "場所": "place", "会議場所": "place",
    "出席議員": "attendees", "出席委員": "attendees", "欠席議員": "absentees", "欠席委員": "absentees",
    "説明のため出席した者": "explainers", "説明のため出席した者の職氏名": "explainers", "事務局職員": "secretariat",
    "職務のため出席した事務局職員": "secretariat", "議事日程": "agenda",
}
_LABEL = re.compile(r"[ \t　]*(?P<label>" + "|".join(sorted(map(re.escape, HEADER_LABELS), key=len, reverse=True))
                    + r")[ \t　]*(?:[(（][^)）]*[)）])?[ \t　]*[：:]?[ \t　]*(?P<value>.*)")
_SEATED = re.compile(r"(?P<seat>[0-9０-９]+)[ \t　]*番[ \t　]*(?P<name>.+?)(?=[ \t　]*[0-9０-９]+[ \t　]*番|$)")
_NOTE_LINE = re.compile(r"[ \t　]*[〔［].*[〕］][ \t　]*")
_LEADING_LABEL = re.compile(r"\A[ \t　]*[○◯〇◎][^ \t　\n]*[ \t　]*")
_ISO = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")


@dataclass(frozen=True)
class Sitting:
    front: dict[str, Any]
    body: str


def is_json(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")


def json_sittings(data: bytes, notes: Notes) -> list[Sitting]:
    """The sittings of an open-data file; raises ``ContentErrors`` (also in ``notes``) if it is none."""
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise notes.fail(getattr(exc, "lineno", 1), getattr(exc, "colno", 1), say("not JSON minutes: {problem}", problem=exc)) from None
    items = doc if isinstance(doc, list) else [doc]
    sittings: list[Sitting] = []
    for item in items:
        if isinstance(item, dict) and "meetingRecord" in item:
            sittings += [_ndl(m.get("speechRecord") or [], m, notes) for m in item["meetingRecord"] if isinstance(m, dict)]
        elif isinstance(item, dict) and "speechRecord" in item:
            for records in _by_issue(item["speechRecord"]):
                sittings.append(_ndl(records, records[0], notes))
        elif isinstance(item, dict) and "Proceeding" in item:
            sittings.append(_proceeding(item, notes))
        else:
            raise notes.fail(1, 1, say("JSON of a kind the importer does not read: expected the minutes API's "
                                       "meetingRecord or speechRecord, or {\"Date\", \"ProceedingTitle\", \"Proceeding\"}"))
    if not sittings:
        raise notes.fail(1, 1, say("the JSON holds no sitting"))
    return sittings


def _by_issue(records: list[Any]) -> Iterator[list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        if isinstance(r, dict):
            groups.setdefault(str(r.get("issueID") or (r.get("nameOfMeeting"), r.get("date"))), []).append(r)
    yield from groups.values()


def _ndl(records: list[Any], meeting: dict[str, Any], notes: Notes) -> Sitting:
    title = "".join(str(meeting.get(k) or "") for k in ("nameOfHouse", "nameOfMeeting", "issue")) or "会議録"
    date = _date(str(meeting.get("date") or ""), notes)
    ordered = sorted((r for r in records if isinstance(r, dict)), key=lambda r: int(r.get("speechOrder") or 0))
    lead = [r for r in ordered if int(r.get("speechOrder") or 0) == 0]
    speeches = [_speech(_ndl_label(str(r.get("speakerPosition") or ""), str(r.get("speaker") or "")),
                        str(r.get("speech") or "")) for r in ordered if int(r.get("speechOrder") or 0) > 0]
    body = [_paragraphs(str(r.get("speech") or "")) for r in lead] + speeches
    return Sitting({"title": title, "date": date, "speaker_style": "council"}, "\n\n".join(body) + "\n")


def _ndl_label(position: str, speaker: str) -> str:
    name = SPACE.sub("", speaker)
    if not name:
        return position or "発言者"
    return f"{position}（{name}君）" if position else f"{name}君"


def _proceeding(item: dict[str, Any], notes: Notes) -> Sitting:
    title = str(item.get("ProceedingTitle") or "会議録")
    date = _date(str(item.get("Date") or ""), notes)
    speeches = []
    for u in item.get("Proceeding") or []:
        if isinstance(u, dict):
            speeches.append(_speech(_label(str(u.get("Speaker") or "")), str(u.get("Utterance") or "")))
    return Sitting({"title": title, "date": date, "speaker_style": "council"}, "\n\n".join(speeches) + "\n")


def _label(speaker: str) -> str:
    """The label of a ``Speaker`` field: as written where it is one (議長（山田太郎君）, ５番（佐藤花子君）,
    市長), else the name as a member's (山田太郎 → 山田太郎君)."""
    text = speaker.strip().lstrip(COUNCIL_SIGNS).strip()
    if not text:
        return "発言者"
    return text if parse_council("○" + text) else f"{text.removesuffix('君')}君"


def _speech(label: str, text: str) -> str:
    """One utterance as a speech: its label line, then its text (a label the text repeats is left out)."""
    lines = _LEADING_LABEL.sub("", text.strip(), count=1).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first, rest = lines[0].strip(), [line.rstrip() for line in lines[1:] if line.strip()]
    return "\n".join([f"○{escape_markup(label)}　{_line(first)}", *(_line(line) for line in rest)])


def _paragraphs(text: str) -> str:
    return "\n\n".join(_line(line.strip()) for line in text.replace("\r\n", "\n").split("\n") if line.strip())


def _line(line: str) -> str:
    """A line of an utterance as Markdown that shows it as it is (a leading full-width space kept)."""
    indent = len(line) - len(line.lstrip("　"))
    return line[:indent] + escape_markup(markdown_text(line[indent:]))


def _date(text: str, notes: Notes) -> str:
    iso = _ISO.search(text)
    if iso:
        try:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3])).isoformat()
        except ValueError:
            pass
    try:
        return parse_when(text).date.isoformat()
    except DateError as exc:
        raise notes.fail(1, 1, say("the sitting's date 「{text}」 cannot be read: {problem}", text=text, problem=exc)) \
            from None


def is_council_text(text: str) -> bool:
    """A ○ label, and a 会議名 or 日時 line before it."""
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if _opens_minutes(line)), None)
    return first is not None and any((m := _LABEL.fullmatch(line)) and HEADER_LABELS[m["label"]] in ("title", "when")
                                     for line in lines[:first])


def _opens_minutes(line: str) -> bool:
    return bool(_NOTE_LINE.fullmatch(line)) or line.lstrip(" \t　")[:1] in COUNCIL_SIGNS and parse_council(line) is not None


def text_sitting(text: str, notes: Notes) -> Sitting:
    """A sitting of council minutes as text: its header, then the minutes from the first label or note."""
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if _opens_minutes(line))
    sections: dict[str, list[str]] = {}
    lead: list[str] = []
    key = ""
    for line in lines[:first]:
        m = _LABEL.fullmatch(line)
        if m:
            key = HEADER_LABELS[m["label"]]
            sections.setdefault(key, [])
            line = m["value"]
        elif not key and line.strip():
            lead.append(line.strip())
        if key and line.strip():
            sections[key].append(line.strip())
    front: dict[str, Any] = {"title": " ".join(sections.get("title") or lead[:1]) or "会議録"}
    when = " ".join(sections.get("when", []))
    try:
        found = parse_when(when)
    except DateError as exc:
        raise notes.fail(1, 1, say("the sitting's 日時 「{when}」 cannot be read: {problem}", when=when, problem=exc)) \
            from None
    front["date"] = found.date.isoformat()
    front.update({k: v for k, v in (("start", found.start), ("end", found.end)) if v})
    if sections.get("place"):
        front["place"] = " ".join(sections["place"])
    for key in ("attendees", "absentees"):
        if key in sections:
            front[key] = seated(" ".join(sections[key]))
    for key in ("explainers", "secretariat"):
        if key in sections:
            front[key] = titled(sections[key])
    if sections.get("agenda"):
        front["agenda"] = sections["agenda"]
    front["speaker_style"] = "council"
    body = [_line(line.rstrip()) if not _opens_minutes(line) else escape_markup(line.rstrip()) for line in lines[first:]]
    return Sitting(front, "\n".join(body).strip("\n") + "\n")


def seated(text: str) -> list[str]:
    """``１番　青柳さくら　　２番　村雨健太`` → ``１番　青柳さくら``, ``２番　村雨健太``."""
    return [f"{m['seat']}番　{SPACE.sub('', m['name'])}" for m in _SEATED.finditer(text.strip()) if m["name"].strip()]


def titled(lines: list[str]) -> list[str]:
    """``市長　鈴木一郎　副市長　桐生和夫`` → ``市長　鈴木一郎``, ``副市長　桐生和夫``: a new entry at each role."""
    out: list[list[str]] = []
    for word in (w for line in lines for w in SPACE.split(line.strip()) if w):
        if ends_in_role(word) or not out:
            out.append([word, ""])
        else:
            out[-1][1] += word
    return [f"{role}　{name}" if name else role for role, name in out]
