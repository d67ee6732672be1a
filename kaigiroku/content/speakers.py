"""Why a paragraph that looks like a speech is not read as one: the warnings of `check`.

The grammar of speaker labels is ``redaction.speakerlabels`` (the redaction
stage reads the names in them, which are public).
"""

from __future__ import annotations

import re

from kaigiroku.core.messages import say
from redaction.speakerlabels import MARKER, NUMBERING, SPACE, ends_in_role, parse_marker

# Bracketed words at the start of a paragraph that are not speakers.
NOT_SPEAKERS = ("仮称", "案", "注", "参考", "続き", "再掲", "抜粋", "敬称略", "以下略", "別紙", "資料", "回覧")
ALT_BRACKETS = re.compile(r"\A[ \t　]*[【〔［\[]([^】〕］\]\n]{1,30})[】〕］\]]")
UNCLOSED = re.compile(r"\A[ \t　]*[（(]([^（）()\n]{1,30})")


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
