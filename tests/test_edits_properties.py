"""Round trip of the review desk's edits on random meetings: after random withhold and remove actions the file
loads, redacts and withholds exactly what the actions asked for; removing every withholding gives back the
original bytes (byte order mark, CRLF and all)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from hypothesis import event, given, note
from hypothesis import strategies as st

from kaigiroku.content.edits import MeetingFile, change_term, remove_marker, withhold_everywhere, withhold_here
from kaigiroku.content.model import Council
from redaction.normalize import normalize
from redaction.policy import load_policy

POLICY = load_policy()
COUNCIL = Council("privacy", "個人情報保護運営審議会")
PATH = Path("content/privacy/2024-05-20.md")
WORDS = ["山田太郎", "株式会社サンプル", "東村山", "審議", "資料の提出", "ＡＢＣ商事", "報告書", "鈴木", "契約", "市民会議",
         "第三者", "意見", "2024年", "本町一丁目"]
KEYS = [c.key for c in POLICY.categories]
NOTES = ["", "要確認", "照会番号T-7519", "本人（申出人）に照会中: 回答待ち"]


@st.composite
def meetings(draw: st.DrawFn) -> bytes:
    def phrase() -> str:
        return draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map("の".join))

    body = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["（委員）", "（事務局）", "- ", "", "## "]))
        body.append(kind + "、".join(phrase() for _ in range(draw(st.integers(1, 3)))) + "。")
    attendees = draw(st.lists(st.sampled_from(WORDS), min_size=0, max_size=3))
    front = [f"title: {phrase()}", "date: 2024-05-20", f"place: {phrase()}"]
    if attendees:
        front += ["attendees:"] + [f"  - {a}委員" for a in attendees]
    if draw(st.booleans()):
        front.insert(1, "# 事務局が作成")
    text = "---\n" + "\n".join(front) + "\n---\n\n" + "\n\n".join(body) + "\n"
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return (("\ufeff" if draw(st.booleans()) else "") + text).encode("utf-8")


def read(data: bytes) -> MeetingFile:
    return MeetingFile.read(PATH, COUNCIL, POLICY, (), data)


def free_occurrences(f: MeetingFile, word: str) -> list[int]:
    """Where ``word`` stands outside every withheld span and marker, in the front matter values and the body."""
    hidden = f.withheld()
    found, at = [], f.text.find(word, f.front.start)
    while at >= 0:
        if not any(s < at + len(word) and at < e for s, e in hidden) and not f.front.end <= at < f.body_start:
            found.append(at)
        at = f.text.find(word, at + 1)
    return [a for a in found if a >= f.body_start or _in_value(f, a)]


def _in_value(f: MeetingFile, at: int) -> bool:
    line = f.text[f.front.line_start(at):at]
    return line.startswith(("title: ", "place: ", "  - "))


def published(f: MeetingFile) -> str:
    m = f.redacted
    return normalize(m.body + json.dumps(m.front.data, ensure_ascii=False, default=str))


@given(original=meetings(), actions=st.lists(st.tuples(st.sampled_from(["here", "here", "term", "remove", "unterm"]),
                                                       st.sampled_from(WORDS), st.sampled_from(KEYS),
                                                       st.sampled_from(NOTES), st.integers(0, 50)), max_size=8))
def test_random_actions_hold_exactly_the_expected_withholdings_and_undo_to_the_original(
        original: bytes, actions: list[tuple[str, str, str, str, int]]) -> None:
    data = original
    marks: Counter[tuple[str, str, str]] = Counter()  # (text, category, note) of each inline marker made
    terms: dict[str, str] = {}  # term → category
    for kind, word, key, memo, pick in actions:
        before = data
        f = read(data)
        if kind == "here" and (spots := free_occurrences(f, word)):
            start = spots[pick % len(spots)]
            data = withhold_here(f, start, start + len(word), key, memo)
            marks[(word, key, memo)] += 1
        elif kind == "term" and word not in terms and normalize(word) in normalize(f.text):
            data = withhold_everywhere(f, word, key)
            terms[word] = key
        elif kind == "remove" and f.markup.inline:
            mark = f.markup.inline[pick % len(f.markup.inline)]
            line = f.text.count("\n", 0, mark.start) + 1
            data = remove_marker(f, line, mark.start - f.front.line_start(mark.start) + 1)
            marks[(f.text[mark.text_start:mark.text_end], mark.category.key, mark.note)] -= 1
        elif kind == "unterm" and terms:
            word = sorted(terms)[pick % len(terms)]
            data = change_term(f, terms.pop(word), word, None)
        note(f"{kind} {word} {key} {memo!r}")
        event(f"{kind} done" if data != before else f"{kind} skipped")
    f = read(data)  # it loads and redacts
    inline = Counter((w.text, w.category, w.note) for w in f.redacted.withholdings if w.how == "inline")
    assert inline == +marks
    for text in {t for t, _, _ in +marks} | set(terms):
        assert normalize(text) not in published(f)
    while f.markup.inline or terms:  # remove every withholding again
        if f.markup.inline:
            mark = f.markup.inline[-1]
            data = remove_marker(f, f.text.count("\n", 0, mark.start) + 1, mark.start - f.front.line_start(mark.start) + 1)
        else:
            word = sorted(terms)[0]
            data = change_term(f, terms.pop(word), word, None)
        f = read(data)
    assert data == original
