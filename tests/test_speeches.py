"""Speeches: marker forms, ※委員意見 sections, stable anchors, speaker lists, warnings for `check`."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SHARED

from build import main
from kaigiroku.content.loading import load_meeting
from kaigiroku.content.model import Council
from kaigiroku.content.speakers import near_miss
from kaigiroku.content.speeches import speakers_of
from kaigiroku.render.markdown import MinutesRenderer
from redaction.placeholders import placeholder
from redaction.policy import load_policy
from redaction.speakerlabels import parse_marker

SEED = SHARED / "seeds" / "000_cc6683e4e7f3583a.txt"


@pytest.mark.parametrize(("text", "name", "role", "rest"), [
    ("(総務課長) 会議次第には入っておりませんが", "", "総務課長", "会議次第には入っておりませんが"),
    ("(情報公開係長) 直接配信はできないが", "", "情報公開係長", "直接配信はできないが"),
    ("（委員意見）職員向けに配信されている", "", "委員", "職員向けに配信されている"),
    ("(委員意見) 職員向けに", "", "委員", "職員向けに"),
    ("（情報公関係長）社協で地域福祉", "", "情報公関係長", "社協で地域福祉"),
    ("(情報公関係) 子宮頸がんの", "", "情報公関係", "子宮頸がんの"),
    ("(回答) 情報政策課より", "", "回答", "情報政策課より"),
    ("(山田企画政策課長) 本条例は", "", "山田企画政策課長", "本条例は"),
    ("(安保企画政策課課長補佐) 「東村山市", "", "安保企画政策課課長補佐", "「東村山市"),
    ("（杉山委員）先日、市民の", "杉山", "委員", "先日、市民の"),
    ("（臼井会長）では", "臼井", "会長", "では"),
    ("（副会長）はい", "", "副会長", "はい"),
    ("（会長）はい", "", "会長", "はい"),
    ("（事務局）郵送先は", "", "事務局", "郵送先は"),
    ("（委員長）開会します", "", "委員長", "開会します"),
    ("（公募委員）意見です", "", "公募委員", "意見です"),
    ("（山田　企画政策課長）本条例は", "山田", "企画政策課長", "本条例は"),
    ("（ 総務課長 ）本文", "", "総務課長", "本文"),
    ("(総務課長）全角と半角の括弧", "", "総務課長", "全角と半角の括弧"),
    ("（環境・住宅課長）説明します", "", "環境・住宅課長", "説明します"),
])
def test_marker_forms(text: str, name: str, role: str, rest: str) -> None:
    marker = parse_marker(text)
    assert marker is not None
    assert (marker.speaker.name, marker.speaker.role, text[marker.end:]) == (name, role, rest)


@pytest.mark.parametrize("text", [
    "(1) 総務部長挨拶",
    "（2）諮問書授受",
    "(ア) 報告",
    "(仮称)自治基本条例について",
    "総務課長から説明があった。",
    "※委員意見及び生活福祉課の回答",
    "（以下「社協」）でも",
])
def test_not_markers(text: str) -> None:
    assert parse_marker(text) is None


def test_a_staff_title_after_a_surname_is_split_when_the_title_appears_alone() -> None:
    assert parse_marker("（瀬川総務課長）本文", frozenset({"総務課長"})).speaker.name == "瀬川"
    assert parse_marker("（瀬川総務課長）本文").speaker.name == ""


def test_a_withheld_name_in_a_marker_stays_a_placeholder() -> None:
    speaker = parse_marker(f"（{placeholder(3)}委員）本文").speaker
    assert (speaker.name, speaker.role, speaker.withheld) == (placeholder(3), "委員", True)


@pytest.mark.parametrize(("text", "says"), [
    ("（山田）本文です", "ends with a role"),
    ("【総務課長】説明します", "round brackets"),
    ("（総務課長 説明します", "not closed"),
])
def test_near_misses_are_explained(text: str, says: str) -> None:
    assert says in (near_miss(text) or "")


@pytest.mark.parametrize("text", ["(1) 総務部長挨拶", "(仮称)条例", "（総務課長）本文", "普通の段落"])
def test_no_warning_for_ordinary_paragraphs(text: str) -> None:
    assert near_miss(text) is None


def render(body: str):  # type: ignore[no-untyped-def]
    return MinutesRenderer().minutes(body, ())


def test_seed_minutes_become_speeches() -> None:
    minutes = render(SEED.read_text(encoding="utf-8"))
    roles = [s.speaker.role for s in minutes.speeches]
    assert roles[:5] == ["総務課長", "山田企画政策課長", "安保企画政策課課長補佐", "委員", "情報公開係長"]
    assert roles.count("生活福祉課") == 2  # the → answers under ※委員意見及び生活福祉課の回答
    assert "回答" in roles and "情報公関係長" in roles
    assert [s.order for s in minutes.speeches] == list(range(1, len(minutes.speeches) + 1))
    assert minutes.html.count('class="speech"') == len(minutes.speeches)
    assert minutes.warnings == []


def test_a_speech_keeps_its_continuation_paragraphs_until_the_next_marker() -> None:
    minutes = render("（委員）一つ目。\n\n続きの段落。\n\n（総務課長）答え。\n\n## 次の議題\n\n地の文。\n")
    first, second = minutes.speeches
    assert first.text == "一つ目。\n\n続きの段落。"
    assert second.text == "答え。"
    assert "地の文" not in minutes.html.split("</div>")[-2]


def test_member_remarks_under_a_kome_line_are_speeches() -> None:
    body = "※委員意見及び保険年金課の回答\n\n- 質問です。\n\n→ 回答です。\n\n- もう一つ。\n\n## 報告\n\n- ただの箇条書き\n"
    speeches = render(body).speeches
    assert [(s.speaker.role, s.text) for s in speeches] == [
        ("委員", "質問です。"), ("保険年金課", "回答です。"), ("委員", "もう一つ。")]


def test_a_list_item_with_a_marker_is_a_speech() -> None:
    speeches = render("- （委員）箇条書きの発言\n- 地の文\n").speeches
    assert [(s.speaker.role, s.text) for s in speeches] == [("委員", "箇条書きの発言")]


def anchors(body: str) -> dict[str, str]:
    return {s.anchor: s.text for s in render(body).speeches}


BASE = "# 会議\n\n（委員）一。\n\n（総務課長）二。\n\n（会長）三。\n"


@pytest.mark.parametrize("changed", [
    BASE + "\n（委員）四。\n",  # a speech appended
    BASE.replace("二。", "二。訂正して長くした。") + "\n",  # text of a speech edited
    "前書き。\n\n## 見出し\n\n" + BASE.replace("（総務課長）", "地の文。\n\n（総務課長）") + "\n以上\n",  # narrative added
    BASE.replace("（委員）一。", "（委員）一。\n\n続きの段落を追加。"),  # a continuation added
])
def test_anchors_of_existing_speeches_do_not_move(changed: str) -> None:
    before = anchors(BASE)
    after = anchors(changed)
    assert {a: after[a][:1] for a in before} == {a: t[:1] for a, t in before.items()}


def test_speaker_list_counts_by_role_and_keeps_withheld_names_withheld(tmp_path: Path) -> None:
    path = tmp_path / "2024-04-01.md"
    path.write_text("---\ntitle: 第1回\ndate: 2024-04-01\n---\n\n"
                    "（{{redact:personal|田中花子}}委員）一。\n\n（杉山委員）二。\n\n（田中花子委員）三。\n\n"
                    "（総務課長）四。\n\n（杉山委員）五。\n", encoding="utf-8")
    meeting, _ = load_meeting(path, Council("privacy", "審議会"), load_policy())
    minutes = MinutesRenderer().minutes(meeting.body, meeting.redactions)
    speakers = speakers_of(minutes.speeches, meeting.redactions)
    assert [(s.name, s.role, s.count, s.first) for s in speakers] == [
        ("Ａ", "委員", 2, 1), ("杉山", "委員", 2, 2), ("", "総務課長", 1, 4)]
    assert speakers[0].withheld
    assert "田中" not in minutes.html


def test_check_warns_but_does_not_fail(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    (content / "privacy").mkdir(parents=True)
    (content / "site.yaml").write_text("title: t\norganization: o\nbase_url: https://example.org/\n", encoding="utf-8")
    (content / "privacy" / "_council.yaml").write_text("name: 審議会\n", encoding="utf-8")
    (content / "privacy" / "2024-04-01.md").write_text(
        "---\ntitle: 第1回\ndate: 2024-04-01\n---\n\n（総務課長）一。\n\n（山田）二。\n", encoding="utf-8")
    assert main(["check", "--content", str(content)]) == 0
    out = capsys.readouterr().out
    assert "2024-04-01.md:8:1: warning: （山田） at the start of a paragraph is not read as a speaker" in out
    assert "1 warning\n" in out
