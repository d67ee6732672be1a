"""Council minutes (issue 22): ○ labels in every shape, stage notes, speaker_style, and the names of
speakers and of the attendance lists as public names (never a finding), while a private person
named inside a speech is still found."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
from conftest import COUNCIL_YAML, SITE_YAML, Run, meeting, write_tree

from kaigiroku.render.markdown import MinutesRenderer
from redaction.detectors import build_detectors
from redaction.engine import redact_file
from redaction.placeholders import placeholder
from redaction.policy import Policy
from redaction.speakerlabels import label_names, parse_council

ISSUE_EXAMPLE = """〔午前10時開議〕
○議長（山田太郎君）　ただいまから本日の会議を開きます。
〔佐藤花子議員登壇〕
○５番（佐藤花子君）　通告に従い質問いたします。
○市長（鈴木一郎君）　お答えいたします。
"""


@pytest.mark.parametrize(("line", "name", "role", "rest"), [
    ("○議長（山田太郎君）　ただいまから", "山田太郎", "議長", "ただいまから"),
    ("○５番（佐藤花子君）　通告に従い", "佐藤花子", "議員", "通告に従い"),
    ("○15番（佐藤花子議員）　通告に従い", "佐藤花子", "議員", "通告に従い"),
    ("○市長（鈴木一郎君）　お答え", "鈴木一郎", "市長", "お答え"),
    ("○山田委員長　開きます", "山田", "委員長", "開きます"),
    ("○佐藤委員　質問です", "佐藤", "委員", "質問です"),
    ("○田中議長　休憩します", "田中", "議長", "休憩します"),
    ("○説明員（総務部長　田中一郎君）　説明します", "田中一郎", "総務部長", "説明します"),
    ("○説明員（総務課長）　補足します", "", "総務課長", "補足します"),
    ("○議長（山口　　拓君）　異議ありませんか", "山口拓", "議長", "異議ありませんか"),
    ("◯議長　開会します", "", "議長", "開会します"),
    ("〇１２番（高橋次郎君）　賛成です", "高橋次郎", "議員", "賛成です"),
    ("◎国務大臣（高橋次郎君）　お答えします", "高橋次郎", "国務大臣", "お答えします"),
    ("○総務常任委員長（伊藤四郎君）　報告します", "伊藤四郎", "総務常任委員長", "報告します"),
    ("○議長（山田太郎君）ご異議なし", "山田太郎", "議長", "ご異議なし"),
    ("○市長", "", "市長", ""),
    ("○総務委員長　報告します", "", "総務委員長", "報告します"),
    ("○○○委員　意見です", "", "委員", "意見です"),
])
def test_council_label_shapes(line: str, name: str, role: str, rest: str) -> None:
    found = parse_council(line)
    assert found is not None
    assert (found.speaker.name, found.speaker.role, line[found.end:]) == (name, role, rest)


@pytest.mark.parametrize("line", [
    "○議題について", "○ 会議録の承認", "○委員長の選出について", "〇〇市の計画", "○（仮称）条例について",
])
def test_lines_that_are_no_council_labels(line: str) -> None:
    assert parse_council(line) is None


def test_a_withheld_name_in_a_council_label_stays_a_placeholder() -> None:
    speaker = parse_council(f"○５番（{placeholder(2)}君）　質問").speaker
    assert (speaker.name, speaker.role, speaker.withheld) == (placeholder(2), "議員", True)


def test_the_issue_example_becomes_three_speeches_with_notes_apart() -> None:
    minutes = MinutesRenderer().minutes(ISSUE_EXAMPLE, ())
    assert [(s.anchor, s.speaker.name, s.speaker.role, s.text) for s in minutes.speeches] == [
        ("s1", "山田太郎", "議長", "ただいまから本日の会議を開きます。"),
        ("s2", "佐藤花子", "議員", "通告に従い質問いたします。"),
        ("s3", "鈴木一郎", "市長", "お答えいたします。"),
    ]
    assert minutes.html.startswith('<p class="stage-note">〔午前10時開議〕</p>')
    assert '<p class="stage-note">〔佐藤花子議員登壇〕</p>\n</div>' in minutes.html  # inside the 議長's speech


def test_inline_notes_are_not_speech_text() -> None:
    minutes = MinutesRenderer().minutes("○議長（山田太郎君）　ご異議ありませんか。〔「異議なし」と呼ぶ者あり〕続けます。\n", ())
    assert minutes.speeches[0].text == "ご異議ありませんか。続けます。"
    assert '<span class="stage-note">〔「異議なし」と呼ぶ者あり〕</span>' in minutes.html


def test_the_seed_style_is_unchanged_where_no_council_label_stands() -> None:
    minutes = MinutesRenderer().minutes("（総務課長）説明します。〔注〕\n\n○ 議題について\n", ())
    assert [(s.speaker.role, s.text) for s in minutes.speeches] == [("総務課長", "説明します。〔注〕")]
    assert "stage-note" not in minutes.html


def test_speaker_style_overrides_the_guess() -> None:
    body = "○事務局　資料の説明\n\n（総務課長）説明します。\n"
    assert [s.speaker.role for s in MinutesRenderer().minutes(body, ()).speeches] == ["事務局"]
    assert [s.speaker.role for s in MinutesRenderer().minutes(body, (), style="brackets").speeches] == ["総務課長"]


def test_label_names_read_from_raw_minutes() -> None:
    body = ISSUE_EXAMPLE + "○山田委員長　開会\n（杉山委員）意見\n○５番（{{redact:person|秘匿花子}}君）　質問\n"
    assert label_names(body) == ["山田太郎", "佐藤花子", "鈴木一郎", "山田", "杉山"]


def findings(body: str, policy: Policy, front: str = "") -> list[str]:
    red = redact_file(meeting(body, front), "c.md", "c/x", policy, build_detectors(policy))
    return [f.text for f in red.findings]


def test_names_in_speaker_labels_are_no_findings(policy: Policy) -> None:
    assert findings(ISSUE_EXAMPLE, policy) == []


def test_names_in_the_attendance_lists_are_no_findings(policy: Policy) -> None:
    front = ("attendees:\n  - １番　青柳さくら\nabsentees:\n  - ９番　早瀬由紀\nexplainers:\n  - 副市長　桐生和夫\n"
             "secretariat:\n  - 議会事務局長　中村三郎\n")
    body = ("○議長（山田太郎君）　早瀬由紀議員から欠席の届出があります。青柳さくら議員。\n"
            "〔副市長　桐生和夫君登壇〕\n○議長（山田太郎君）　中村三郎事務局長が朗読します。\n")
    assert findings(body, policy, front) == []


def test_a_private_person_named_inside_a_speech_is_still_found(policy: Policy) -> None:
    body = ISSUE_EXAMPLE + "○５番（佐藤花子君）　本町にお住まいの田村和子さんから要望を受けました。\n"
    assert findings(body, policy) == ["田村和子"]


def test_a_council_sitting_of_officials_and_members_builds_with_no_finding(
        tmp_path: Path, cli: Callable[..., Run]) -> None:
    body = ISSUE_EXAMPLE + (
        "○議長（山田太郎君）　次に、１２番、高橋次郎議員。\n〔１２番　高橋次郎議員登壇〕\n"
        "○１２番（高橋次郎君）　鈴木一郎市長に伺います。\n○市長（鈴木一郎君）　高橋次郎議員にお答えします。\n"
        "○総務部長（田中一郎君）　補足いたします。\n○議長（山田太郎君）　散会します。\n〔午前11時散会〕\n")
    content = write_tree(tmp_path / "content", {"site.yaml": SITE_YAML, "honkaigi/_council.yaml": COUNCIL_YAML,
                                                "honkaigi/2024-06-10.md": meeting(body)})
    run = cli("build", "--content", str(content), "--out", str(tmp_path / "site"), "--quiet")
    assert (run.code, run.err) == (0, "")
    page = (tmp_path / "site" / "honkaigi" / "2024-06-10" / "index.html").read_text(encoding="utf-8")
    assert page.count('class="speech"') == 8 and "鈴木一郎" in page
