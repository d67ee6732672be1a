"""Speaker labels, the two conventions minutes are written in.

- **Brackets** (committees, the seed record): a role, or a name and a role,
  in round brackets at the start of a paragraph: （総務課長）, (情報公開係長),
  （杉山委員）, （{{redact:…}}委員）.
- **Council** (本会議, 委員会: the national convention): a line opening with
  ○ (also ◯, 〇, ◎) and a label, then a space or the speech: ○議長（山田太郎君）,
  ○５番（佐藤花子君）, ○市長（鈴木一郎君）, ○山田委員長, ○佐藤委員, ○説明員（…）.

This module only reads label text: the Markdown rule that turns labelled
paragraphs into speeches is ``kaigiroku.content.speeches``. It stands in the
redaction stage because the names in speaker labels are public (who speaks in
session speaks in a public role): the engine reads them from the raw minutes
before the detectors run (``label_names``). Names may be redaction
placeholders: they stay placeholders here and become their public label when
shown.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .placeholders import PATTERN as PLACEHOLDER

# Roles a marker may end with, longest first so that 副会長 is not 副 + 会長.
ROLES = sorted((
    "委員長", "副委員長", "委員", "会長", "副会長", "議長", "副議長", "座長", "部会長", "委員意見", "意見",
    "事務局", "事務局長", "局長", "部長", "次長", "課長", "係長", "室長", "館長", "所長", "園長", "校長",
    "センター長", "主幹", "主査", "主任", "主事", "補佐", "参事", "理事", "担当", "係", "課", "市長",
    "副市長", "教育長", "説明員", "職員", "回答", "答弁", "質問", "参考人", "司会",
    "議員", "発言者", "町長", "村長", "区長", "知事", "副知事", "大臣", "管理者", "監査委員", "証人",
), key=len, reverse=True)
# Titles of council members: a short prefix before them is a surname (杉山委員, 臼井会長, 田中議長).
MEMBER_TITLES = ("副委員長", "委員長", "副会長", "会長", "副議長", "議長", "部会長", "座長", "議員", "委員")
# Prefixes of member titles that are kinds of member or names of committees, not surnames.
MEMBER_KINDS = ("公募", "学識", "市民", "専門", "臨時", "職務代理", "代表", "事業者", "関係",
                "常任", "特別", "運営", "総務", "予算", "決算", "文教", "厚生", "建設", "経済", "環境", "福祉",
                "教育", "都市", "産業", "監査")
ROLE_ALIASES = {"委員意見": "委員", "意見": "委員"}

MARKER = re.compile(r"\A[ \t　]*[（(][ \t　]*([^（）()\n]{1,30}?)[ \t　]*[）)][ \t　]*")
NUMBERING = re.compile(r"\A(?:[0-9０-９]+|[一二三四五六七八九十]+|[ア-ンｱ-ﾝa-zA-Zａ-ｚＡ-Ｚ])\Z")
SPACE = re.compile(r"[ \t　]+")

COUNCIL_SIGNS = "○◯〇◎"
# ○ + a label: a head (role, seat or name and title) and, in brackets, who holds it; then the speech.
COUNCIL = re.compile(r"[ \t　]*(?P<sign>[○◯〇◎])[ \t　]*(?P<head>[^\s（()）]{1,25}?)"
                     r"(?:[（(](?P<inner>[^（）()\n]{1,30})[）)]|(?=\s|\Z))[ \t　]*")
SEAT = re.compile(r"\A(?:[0-9０-９]+|[一二三四五六七八九十百]+)番\Z")
MEMBER = "議員"  # the role of a member who speaks from a seat number (○５番)
HONORIFIC_END = re.compile(r"(?:君|さん|氏|様|議員)\Z")
MASKED = re.compile(r"\A[○〇◯●×✕＊*■□]+\Z")  # a name already masked in the source (○○委員)


@dataclass(frozen=True)
class Speaker:
    """Who speaks: ``name`` may hold placeholders and is '' when the label gives no name."""

    marker: str  # the label as written: the text inside the brackets, or ○ and its label
    name: str
    role: str

    @property
    def withheld(self) -> bool:
        return bool(PLACEHOLDER.search(self.name))


@dataclass(frozen=True)
class Marker:
    speaker: Speaker
    end: int  # offset in the paragraph text where the speech itself begins


def ends_in_role(label: str) -> str:
    """The role word ``label`` ends with, or ''."""
    return next((r for r in ROLES if label.endswith(r)), "")


def fold(text: str) -> str:
    """A name or role as the archive keeps it: NFKC (全角 digits) and no spacing (山口　　拓 → 山口拓)."""
    return SPACE.sub("", unicodedata.normalize("NFKC", text))


def parse_marker(text: str, known_roles: frozenset[str] = frozenset()) -> Marker | None:
    """The bracketed speaker marker at the start of a paragraph's text, if it is one."""
    m = MARKER.match(text)
    if not m:
        return None
    label = m.group(1)
    if NUMBERING.match(label) or not (ends_in_role(label) or PLACEHOLDER.fullmatch(label)):
        return None
    return Marker(split_name(label, known_roles), m.end())


def parse_council(text: str) -> Marker | None:
    """The ○ label at the start of a line of council minutes, if it is one."""
    m = COUNCIL.match(text)
    if not m:
        return None
    head, inner = m.group("head"), m.group("inner")
    marker = text[m.start("sign"):m.end() if inner is None else m.end("inner") + 1].rstrip()
    if inner is None:
        if SEAT.match(head):
            return Marker(Speaker(marker, "", MEMBER), m.end())
        if head.endswith("君") and len(head) > 1:  # the Diet's ○山田太郎君: a member by name
            return Marker(Speaker(marker, _name(head[:-1]), MEMBER), m.end())
        if not (ends_in_role(head) or PLACEHOLDER.match(head)):
            return None
        found = split_name(head)
        return Marker(Speaker(marker, _name(found.name), fold(found.role)), m.end())
    who = inner.strip()
    named = bool(HONORIFIC_END.search(who))
    who = HONORIFIC_END.sub("", who)
    parts = SPACE.split(who, maxsplit=1)
    role = MEMBER if SEAT.match(head) else head
    if len(parts) == 2 and ends_in_role(parts[0]):  # ○説明員（総務部長　田中一郎君）
        role, who = parts
    elif not named and ends_in_role(who):  # ○説明員（総務課長）
        role, who = who, ""
    elif not (named or SEAT.match(head) or ends_in_role(head)):
        return None
    return Marker(Speaker(marker, _name(who), fold(role)), m.end())


def _name(text: str) -> str:
    name = fold(text)
    return "" if MASKED.match(name) else name


def split_name(label: str, known_roles: frozenset[str] = frozenset()) -> Speaker:
    """Name and role of a marker label.

    In order: a space separates them (山田　企画政策課長); leading
    placeholders are a withheld name; a short prefix before a member title is
    a surname (杉山委員); a 2–3 character prefix before a role that also
    appears alone in the meeting is a surname (瀬川総務課長 beside 総務課長).
    Otherwise the whole label is the role.
    """
    parts = SPACE.split(label, maxsplit=1)
    if len(parts) == 2 and ends_in_role(parts[1]):
        return Speaker(label, parts[0], _role(parts[1]))
    lead = re.match(f"(?:{PLACEHOLDER.pattern})+", label)
    if lead:
        return Speaker(label, lead.group(0), _role(label[lead.end():]) or "発言者")
    for title in MEMBER_TITLES:
        prefix = label.removesuffix(title)
        if prefix != label:
            if 1 <= len(prefix) <= 4 and not prefix.endswith(MEMBER_KINDS) and not ends_in_role(prefix):
                return Speaker(label, prefix, title)
            break
    for k in (2, 3):
        if label[k:] in known_roles and len(label) > k + 1:
            return Speaker(label, label[:k], _role(label[k:]))
    return Speaker(label, "", _role(label))


def _role(role: str) -> str:
    return ROLE_ALIASES.get(role, role)


def council_lines(body: str) -> bool:
    """Whether the minutes hold a line in the council convention (a ○ label)."""
    return any(line.lstrip(" \t　")[:1] in COUNCIL_SIGNS and parse_council(line) for line in body.split("\n"))


def label_names(body: str) -> list[str]:
    """The names in the speaker labels of raw minutes (both conventions): public, as the people who
    speak in session speak in their role. Names that are marked for withholding are left out."""
    names = []
    for line in body.split("\n"):
        found = parse_council(line) if line.lstrip(" \t　")[:1] in COUNCIL_SIGNS else parse_marker(line)
        if found and found.speaker.name and "{{" not in found.speaker.name:
            names.append(found.speaker.name)
    return names
