"""The review desk's edits of a meeting file: exactly the change a person would type, every other byte kept,
and refused (nothing given back) whenever the result would not read as intended."""

from __future__ import annotations

from pathlib import Path

import pytest

from kaigiroku.content.edits import (
    EditRefused,
    MeetingFile,
    change_marker,
    change_term,
    keep_public,
    locate,
    remove_marker,
    withhold_everywhere,
    withhold_here,
)
from kaigiroku.content.model import Council
from kaigiroku.content.sourcetext import Change, SourceText
from redaction.policy import Policy

COUNCIL = Council("privacy", "個人情報保護運営審議会")
PATH = Path("content/privacy/2024-05-20.md")
MEETING = """---
title: 令和6年度第2回個人情報保護運営審議会
date: 2024-05-20
place: "市役所本庁舎501会議室"   # quoted on purpose
attendees:
  - 谷口雅子会長
  - 佐藤花子さん（傍聴）
agenda: [開会, 株式会社サンプル商事との契約について]
---

## 会議経過

（委員）申出人の佐藤花子さんから意見書が提出された。

（事務局）株式会社サンプル商事との契約について説明した。株式会社サンプル商事は二社目である。

（委員）{{redact:personal|菅原隆|要再確認}}さんの件は保留とする。

{{redact:administration}}
警備の手順は次のとおり。
{{/redact}}
"""


def read(policy: Policy, text: str = MEETING, data: bytes | None = None) -> MeetingFile:
    return MeetingFile.read(PATH, COUNCIL, policy, (), data if data is not None else text.encode("utf-8"))


def at(f: MeetingFile, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = f.text.index(needle, start + 1)
    return start, start + len(needle)


def test_withhold_here_wraps_exactly_the_text_and_nothing_else(policy: Policy) -> None:
    f = read(policy)
    new = withhold_here(f, *at(f, "株式会社サンプル商事", 1), "corporate", "契約相手")
    assert new.decode() == MEETING.replace("（事務局）株式会社サンプル商事との",
                                           "（事務局）{{redact:corporate|株式会社サンプル商事|契約相手}}との")
    assert remove_marker(read(policy, data=new), 15, 6) == MEETING.encode()


def test_a_byte_order_mark_and_crlf_line_ends_are_kept(policy: Policy) -> None:
    data = ("\ufeff" + MEETING.replace("\n", "\r\n")).encode()
    f = read(policy, data=data)
    new = withhold_here(f, *at(f, "佐藤花子", 1), "personal", "")
    assert new == data.replace("申出人の佐藤花子".encode(), "申出人の{{redact:personal|佐藤花子}}".encode())
    terms = withhold_everywhere(f, "佐藤花子", "personal")
    assert terms == data.replace(b"---\r\n\r\n##", "redact_terms:\r\n  personal: [佐藤花子]\r\n---\r\n\r\n##".encode())


def test_mixed_line_ends_stay_as_they_were() -> None:
    data = "a\r\nb\nc\r\nd".encode()
    source = SourceText.of(data)
    assert source.text == "a\nb\nc\nd"
    assert source.apply([Change(4, 5, "X\nY")]) == "a\r\nb\nX\r\nY\r\nd".encode()
    assert source.apply([Change(2, 4, "")]) == "a\r\nc\r\nd".encode()
    assert source.apply([]) == data


@pytest.mark.parametrize("needle, nth, expected", [
    ("谷口雅子", 0, "  - {{redact:personal|谷口雅子}}会長"),                       # a block list item
    ("市役所本庁舎501会議室", 0, 'place: "{{redact:administration|市役所本庁舎501会議室}}"   # quoted on purpose'),
    ("株式会社サンプル商事", 0, "agenda: [開会, {{redact:administration|株式会社サンプル商事}}との契約について]"),
], ids=["list-item", "quoted-string", "flow-list"])
def test_withhold_here_in_the_front_matter(policy: Policy, needle: str, nth: int, expected: str) -> None:
    f = read(policy)
    category = "personal" if needle == "谷口雅子" else "administration"
    new = withhold_here(f, *at(f, needle, nth), category, "").decode()
    changed = [line for line in new.split("\n") if line not in MEETING.split("\n")]
    assert changed == [expected]
    back = read(policy, data=new.encode())
    assert needle not in str(back.meeting)  # withheld in every value that holds it


def test_change_a_marker_s_category_and_note(policy: Policy) -> None:
    f = read(policy)
    new = change_marker(f, 17, 5, "safety", "警察に照会済み").decode()
    assert new == MEETING.replace("{{redact:personal|菅原隆|要再確認}}", "{{redact:safety|菅原隆|警察に照会済み}}")
    assert change_marker(f, 17, 5, "corporate", None).decode() == MEETING.replace("personal|菅原隆", "corporate|菅原隆")
    assert change_marker(f, 17, 5, "personal", "").decode() == MEETING.replace("|要再確認}}", "}}")


def test_a_category_written_in_japanese_is_changed_to_japanese(policy: Policy) -> None:
    text = MEETING.replace("{{redact:personal|菅原隆|要再確認}}", "{{非公開:個人情報|菅原隆}}")
    new = change_marker(read(policy, text), 17, 5, "corporate", None).decode()
    assert new == text.replace("{{非公開:個人情報|菅原隆}}", "{{非公開:法人等事業活動情報|菅原隆}}")


def test_a_block_s_category_changed_and_its_markers_removed(policy: Policy) -> None:
    f = read(policy)
    assert change_marker(f, 19, 1, "safety", None).decode() == MEETING.replace("{{redact:administration}}", "{{redact:safety}}")
    assert remove_marker(f, 19, 1).decode() == MEETING.replace("{{redact:administration}}\n", "").replace("{{/redact}}\n", "")


def test_removing_a_marker_keeps_its_text(policy: Policy) -> None:
    assert remove_marker(read(policy), 17, 5).decode() == MEETING.replace("{{redact:personal|菅原隆|要再確認}}", "菅原隆")


@pytest.mark.parametrize("front, expected", [
    ("", "redact_terms:\n  corporate: [株式会社サンプル商事]\n"),
    ("redact_terms:\n  corporate: [山本商事]\n", "redact_terms:\n  corporate: [山本商事, 株式会社サンプル商事]\n"),
    ("redact_terms:\n  法人情報:\n    - 山本商事\n", "redact_terms:\n  法人情報:\n    - 山本商事\n    - 株式会社サンプル商事\n"),
    ("redact_terms:\n  personal: [鈴木]  # 申出人\n", "redact_terms:\n  personal: [鈴木]  # 申出人\n  corporate: [株式会社サンプル商事]\n"),
    ("redact_terms:\n  corporate: []\n", "redact_terms:\n  corporate: [株式会社サンプル商事]\n"),
    ("redact_terms:\n  corporate: 山本商事\n", "redact_terms:\n  corporate: [山本商事, 株式会社サンプル商事]\n"),
], ids=["none", "flow", "block-by-alias", "other-category", "empty", "single"])
def test_withhold_everywhere_adds_the_term_in_the_list_s_own_style(policy: Policy, front: str, expected: str) -> None:
    text = MEETING.replace("---\n\n##", front + "---\n\n##")
    new = withhold_everywhere(read(policy, text), "株式会社サンプル商事", "corporate").decode()
    assert new == MEETING.replace("---\n\n##", expected + "---\n\n##")
    assert "株式会社サンプル商事" not in read(policy, data=new.encode()).meeting.body


def test_a_term_that_yaml_would_read_otherwise_is_quoted(policy: Policy) -> None:
    new = withhold_everywhere(read(policy, MEETING.replace("保留とする。", "保留とする。2024-05-20: yes")),
                              "2024-05-20: yes", "personal").decode()
    assert 'redact_terms:\n  personal: ["2024-05-20: yes"]\n' in new


def test_a_term_removed_or_moved_to_another_category(policy: Policy) -> None:
    f = read(policy)
    added = read(policy, data=withhold_everywhere(f, "株式会社サンプル商事", "corporate"))
    assert change_term(added, "corporate", "株式会社サンプル商事", None) == MEETING.encode()
    moved = change_term(added, "corporate", "株式会社サンプル商事", "administration").decode()
    assert moved == MEETING.replace("---\n\n##", "redact_terms:\n  administration: [株式会社サンプル商事]\n---\n\n##")
    two = read(policy, MEETING.replace("---\n\n##", "redact_terms:\n  corporate: [山本商事, 株式会社サンプル商事]\n---\n\n##"))
    assert change_term(two, "corporate", "株式会社サンプル商事", None).decode() == \
        MEETING.replace("---\n\n##", "redact_terms:\n  corporate: [山本商事]\n---\n\n##")


@pytest.mark.parametrize("front, expected", [
    ("", "# Review: 本人が 公表している\nallow_terms: [佐藤花子]\n"),
    ("# Review: 舛添 is public\nallow_terms: [舛添]\n",
     "# Review: 舛添 is public\n# Review: 本人が 公表している\nallow_terms: [舛添, 佐藤花子]\n"),
    ("allow_terms:\n  - 舛添\n", "allow_terms:\n  - 舛添\n  # Review: 本人が 公表している\n  - 佐藤花子\n"),
], ids=["none", "flow-with-comment", "block"])
def test_keep_public_adds_an_allow_term_with_the_reason(policy: Policy, front: str, expected: str) -> None:
    text = MEETING.replace("---\n\n##", front + "---\n\n##")
    new = keep_public(read(policy, text), "佐藤花子", "本人が\n公表している").decode()
    assert new == MEETING.replace("---\n\n##", expected + "---\n\n##")


def test_keep_public_needs_a_reason(policy: Policy) -> None:
    with pytest.raises(EditRefused, match="理由"):
        keep_public(read(policy), "佐藤花子", "  ")


@pytest.mark.parametrize("needle, nth, message", [
    ("菅原隆", 0, "すでに非公開"),                      # inside a marker
    ("警備の手順", 0, "すでに非公開"),                    # inside a block
    ("説明した。株式", 0, None),                          # fine: one line
])
def test_withhold_here_refuses_what_is_already_withheld(policy: Policy, needle: str, nth: int, message: str | None) -> None:
    f = read(policy)
    if message is None:
        assert withhold_here(f, *at(f, needle, nth), "corporate", "")
        return
    with pytest.raises(EditRefused, match=message):
        withhold_here(f, *at(f, needle, nth), "corporate", "")


@pytest.mark.parametrize("text, note, message", [
    ("契約|について", "", "「|」"),
    ("された。\n\n（事務局）", "", "行をまたいで"),
    ("株式会社サンプル商事", "メモ}}", "NOTE"),
    ("株式会社サンプル商事", "メモ|区切り", "NOTE"),
    ("株式会社サンプル商事", "{メモ", "NOTE"),
    ("株式会社サンプル商事", "二行の\nメモ", "NOTE"),
])
def test_withhold_here_refuses_what_cannot_be_a_marker(policy: Policy, text: str, note: str, message: str) -> None:
    source = MEETING.replace("契約について", "契約|について")
    f = read(policy, source)
    with pytest.raises(EditRefused, match=message):
        withhold_here(f, *at(f, text), "corporate", note)


def test_a_text_after_a_backslash_is_refused_not_written_as_an_escape(policy: Policy) -> None:
    f = read(policy, MEETING.replace("説明した。", "説明した。\\株式会社"))
    with pytest.raises(EditRefused, match="意図どおりに読めなく"):
        withhold_here(f, *at(f, "株式会社", 2), "corporate", "")


def test_an_unknown_category_is_refused(policy: Policy) -> None:
    f = read(policy)
    for spelling in ("secret", "personal|x", ""):
        with pytest.raises(EditRefused, match="区分"):
            withhold_here(f, *at(f, "佐藤花子", 1), spelling, "")


def test_a_file_with_an_error_is_not_edited(policy: Policy) -> None:
    with pytest.raises(EditRefused, match="誤り"):
        read(policy, MEETING.replace("{{redact:personal|", "{{redact:secret|"))


def test_locate_finds_the_occurrence_the_page_showed(policy: Policy) -> None:
    f = read(policy)
    line = f.text[:at(f, "（事務局）")[0]].count("\n") + 1
    first, second = at(f, "株式会社サンプル商事", 1), at(f, "株式会社サンプル商事", 2)
    assert locate(f, f"{line}-{line}", "株式会社サンプル商事", 0, 2) == first
    assert locate(f, f"{line}-{line}", "株式会社サンプル商事", 1, 2) == second
    assert locate(f, "fm:attendees:1", "佐藤花子", 0, 1) == at(f, "佐藤花子", 0)
    assert locate(f, "fm:agenda:1", "サンプル商事", 0, 1) == at(f, "サンプル商事", 0)


@pytest.mark.parametrize("region, text, nth, count, message", [
    ("15-15", "株式会社サンプル商事", 0, 1, "どれを指すか"),      # the page saw one, the file has two
    ("15-15", "説明した。 株式会社", 0, 1, "そのままの形で見つかりません"),
    ("13-13", "菅原隆", 0, 1, "そのままの形で見つかりません"),     # only in a marker on another line
    ("17-17", "菅原隆", 0, 1, "そのままの形で見つかりません"),     # withheld: not a text of the page
    ("fm:nothing", "佐藤花子", 0, 1, "決められない"),
    ("2-99", "佐藤花子", 0, 1, "行が合いません"),
    ("15-15", "された。\n（事務局）", 0, 1, "行をまたいで"),
])
def test_locate_refuses_when_the_file_does_not_hold_what_the_page_showed(
        policy: Policy, region: str, text: str, nth: int, count: int, message: str) -> None:
    with pytest.raises(EditRefused, match=message):
        locate(read(policy), region, text, nth, count)


def test_emphasis_inside_the_selection_is_refused_as_formatting(policy: Policy) -> None:
    f = read(policy, MEETING.replace("株式会社サンプル商事との", "株式会社**サンプル**商事との"))
    with pytest.raises(EditRefused, match="書式"):
        locate(f, "15-15", "株式会社サンプル商事と", 0, 1)
    with pytest.raises(EditRefused, match="書式"):  # the page shows two, the file holds one as it is
        locate(f, "15-15", "株式会社サンプル商事", 0, 2)
