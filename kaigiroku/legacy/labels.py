"""The labels of a record's header, as cities write them, and the labels that open the minutes.

Labels are compared after NFKC with white space and colons removed, so
``日　時``, ``日時：`` and ``開催 日時`` are all 日時.
"""

from __future__ import annotations

import re
import unicodedata

LABELS = {
    "title": ("会議の名称", "会議名", "会議名称", "名称", "審議会等名", "会議名(審議会等名)"),
    "when": ("開催日時", "日時", "開催日", "開催年月日", "開催日及び時間", "開催期日"),
    "place": ("開催場所", "場所", "会場"),
    "attendance": ("出席者及び欠席者", "出席者および欠席者", "出席者", "出席委員", "委員出席者"),
    "absentees": ("欠席者", "欠席委員"),
    "secretariat": ("事務局", "出席事務局", "事務局(担当課)", "担当課"),
    "public": ("傍聴の可否", "傍聴", "公開・非公開", "公開の可否", "会議の公開", "公開・非公開の別", "公開・非公開の状況"),
    "reason": ("傍聴不可の場合はその理由", "非公開の場合はその理由", "傍聴不可の理由", "非公開の理由"),
    "agenda": ("会議次第", "次第", "議題", "案件", "議事"),
    "contact": ("問い合わせ先", "問合せ先", "問い合せ先", "お問い合わせ", "お問い合わせ先"),
}
# Labels after which the minutes follow: everything from here on is the body.
BODY_LABELS = ("会議経過", "会議の経過", "議事経過", "議事の経過", "審議経過", "審議の経過", "会議内容",
               "会議の内容", "議事内容", "審議内容", "会議の結果", "会議結果", "会議録", "議事録",
               "発言内容", "発言要旨", "会議の概要", "会議概要", "議事概要", "議事の概要", "議事要旨",
               "審議の概要", "審議概要", "審議の内容", "会議の要旨", "要旨", "内容", "経過", "概要")


def key(label: str) -> str:
    return re.sub(r"[\s：:]", "", unicodedata.normalize("NFKC", label))


FIELD_OF = {key(label): name for name, labels in LABELS.items() for label in labels}
_BODY = {key(label) for label in BODY_LABELS}


def field_of(label: str) -> str | None:
    return FIELD_OF.get(key(label))


def is_known_label(label: str) -> bool:
    return key(label) in FIELD_OF


def is_body_label(label: str) -> bool:
    return key(label) in _BODY


def _spaced(label: str) -> str:
    """A label as a pattern that allows white space between its characters (``日　　時``)."""
    return r"\s*".join(re.escape(char) for char in unicodedata.normalize("NFKC", label))


# A known or body label at the start of a text, then its end, white space or a colon.
_LEADING = re.compile(r"\s*(?P<label>" + "|".join(
    _spaced(label) for label in sorted({*(l for ls in LABELS.values() for l in ls), *BODY_LABELS}, key=len, reverse=True)
) + r")(?=$|[\s：:])")


def leading_label(text: str) -> tuple[str, int] | None:
    """The known label a text starts with (as written) and where it ends, or None."""
    found = _LEADING.match(same_length_nfkc(text))
    return (text[found.start("label"):found.end()], found.end()) if found else None


def same_length_nfkc(text: str) -> str:
    """NFKC character by character, one character for one, so that offsets stay those of ``text``."""
    return "".join((unicodedata.normalize("NFKC", char) or char)[0] for char in text)


RECORD_WORD = re.compile(r"\s*(?:会議録|議事録|議事要旨|会議要旨|会議要録|要録)$")
