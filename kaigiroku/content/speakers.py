"""Speaker markers: （総務課長）, (情報公開係長), （杉山委員）, （{{redact:…}}委員）.

A marker is a role, or a name and a role, in round brackets (full or half
width) at the start of a paragraph. This module only reads marker text; the
Markdown rule that turns marked paragraphs into speeches is in
``kaigiroku.speeches``. Names may be redaction placeholders: they stay
placeholders here and become their public label when shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kaigiroku.core.messages import say
from redaction.placeholders import PATTERN as PLACEHOLDER

# Roles a marker may end with, longest first so that 副会長 is not 副 + 会長.
ROLES = sorted((
    "委員長", "副委員長", "委員", "会長", "副会長", "議長", "副議長", "座長", "部会長", "委員意見", "意見",
    "事務局", "事務局長", "局長", "部長", "次長", "課長", "係長", "室長", "館長", "所長", "園長", "校長",
    "センター長", "主幹", "主査", "主任", "主事", "補佐", "参事", "理事", "担当", "係", "課", "市長",
    "副市長", "教育長", "説明員", "職員", "回答", "答弁", "質問", "参考人", "司会",
), key=len, reverse=True)
# Titles of council members: a short prefix before them is a surname (杉山委員, 臼井会長).
MEMBER_TITLES = ("副委員長", "委員長", "副会長", "会長", "副議長", "議長", "部会長", "座長", "委員")
# Prefixes of member titles that are kinds of member, not surnames.
MEMBER_KINDS = ("公募", "学識", "市民", "専門", "臨時", "職務代理", "代表", "事業者", "関係")
ROLE_ALIASES = {"委員意見": "委員", "意見": "委員"}
# Bracketed words at the start of a paragraph that are not speakers.
NOT_SPEAKERS = ("仮称", "案", "注", "参考", "続き", "再掲", "抜粋", "敬称略", "以下略", "別紙", "資料", "回覧")

MARKER = re.compile(r"\A[ \t　]*[（(][ \t　]*([^（）()\n]{1,30}?)[ \t　]*[）)][ \t　]*")
NUMBERING = re.compile(r"\A(?:[0-9０-９]+|[一二三四五六七八九十]+|[ア-ンｱ-ﾝa-zA-Zａ-ｚＡ-Ｚ])\Z")
ALT_BRACKETS = re.compile(r"\A[ \t　]*[【〔［\[]([^】〕］\]\n]{1,30})[】〕］\]]")
UNCLOSED = re.compile(r"\A[ \t　]*[（(]([^（）()\n]{1,30})")
SPACE = re.compile(r"[ \t　]+")


@dataclass(frozen=True)
class Speaker:
    """Who speaks: ``name`` may hold placeholders and is '' when the marker gives no name."""

    marker: str  # the text inside the brackets, as written
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


def parse_marker(text: str, known_roles: frozenset[str] = frozenset()) -> Marker | None:
    """The speaker marker at the start of a paragraph's text, if it is one."""
    m = MARKER.match(text)
    if not m:
        return None
    label = m.group(1)
    if NUMBERING.match(label) or not (ends_in_role(label) or PLACEHOLDER.fullmatch(label)):
        return None
    return Marker(split_name(label, known_roles), m.end())


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


def near_miss(text: str) -> str | None:
    """Why a paragraph that looks like a speech has no marker we can read, or None."""
    if parse_marker(text):
        return None
    m = MARKER.match(text)
    if m:
        label = m.group(1)
        if NUMBERING.match(label) or label in NOT_SPEAKERS or not _looks_like_a_name_or_role(label):
            return None
        return say("（{label}） at the start of a paragraph is not read as a speaker: a marker ends with a role such as "
                   "委員, 会長, 課長, 係長 or 事務局 — write e.g. （{label}委員）, or put the text after the bracket on its "
                   "own if this is not a speech", label=label)
    alt = ALT_BRACKETS.match(text)
    if alt and ends_in_role(alt.group(1)):
        return say("speaker marker in {opening}…{closing} brackets: write it in round brackets, （{label}）",
                   opening=text[alt.start(1) - 1], closing=text[alt.end(1)], label=alt.group(1))
    unclosed = UNCLOSED.match(text)
    if unclosed and ends_in_role(SPACE.split(unclosed.group(1))[0]):
        return say("speaker marker is not closed: add ） after the role, e.g. （総務課長）本文")
    return None


def _looks_like_a_name_or_role(label: str) -> bool:
    """Two to twelve characters of kanji or kana, no punctuation: a name the marker forgot to give a role."""
    return bool(re.fullmatch(r"[\u3005\u3040-\u30ff\u4e00-\u9fff]{2,12}", label))
