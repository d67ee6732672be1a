"""Approval of redacted editions, and a public build that publishes approved editions only."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Callable

import pytest
from minutes import edit, write_content

from build import main

A, B = "privacy/2024-04-10", "privacy/2024-05-10"


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_content(tmp_path, approval=True)


def build(capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["build"])
    return code, capsys.readouterr().err


def test_given_one_approved_meeting_when_building_then_only_it_is_published(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["approve", A, "--by", "情報公開係 山田"]) == 0
    code, err = build(capsys)
    assert code == 0
    assert Path("site", A, "index.html").is_file()
    assert not Path("site", B).exists()
    assert "content/privacy/2024-05-10.md: not published, never approved" in err
    assert "2024-04-10" not in err


def test_given_an_edit_after_approval_when_building_then_the_approved_edition_stays_published(
        content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 23, item 2: an edit awaiting approval no longer takes the page down; the page shows the
    edition that was approved until the new one is."""
    assert main(["approve", A, "--by", "山田"]) == 0
    assert main(["approve", B, "--by", "山田"]) == 0
    edit(content / "privacy" / "2024-04-10.md", "市の考えを伺いたい。", "市の考えを改めて伺いたい。")
    code, err = build(capsys)
    assert code == 0, err
    assert "content/privacy/2024-04-10.md: changed since approval; its approved edition (" in err
    page = Path("site", A, "index.html").read_text(encoding="utf-8")
    assert "市の考えを伺いたい。" in page and "改めて" not in page
    assert Path("site", B, "index.html").is_file()
    assert main(["approve", A, "--by", "山田"]) == 0  # the new edition approved: it is the one published
    code, err = build(capsys)
    assert code == 0 and "2024-04-10" not in err
    assert "市の考えを改めて伺いたい。" in Path("site", A, "index.html").read_text(encoding="utf-8")


def test_a_late_redaction_takes_the_page_down_and_says_so(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The current edition withholds what the approved one shows: that page comes down at once (no
    --allow-withdraw needed), the other stays, and the withheld text is in no file of the site."""
    assert main(["approve", A, "--by", "山田"]) == 0
    assert main(["approve", B, "--by", "山田"]) == 0
    assert build(capsys)[0] == 0
    assert "谷口雅子" in Path("site", A, "index.html").read_text(encoding="utf-8")
    edit(content / "privacy" / "2024-04-10.md", "  - 谷口雅子会長", "  - \"{{redact:personal|谷口雅子}}会長\"")
    code, err = build(capsys)
    assert code == 0, err
    assert "content/privacy/2024-04-10.md: taken down: this edition withholds text that its approved edition" in err
    assert not Path("site", A).exists() and Path("site", B, "index.html").is_file()
    assert not [p for p in Path("site").rglob("*") if p.is_file() and A.encode() in p.read_bytes()]  # no list links it
    assert "谷口雅子" not in err


def test_a_build_that_would_take_meetings_down_needs_allow_withdraw(content: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["approve", A, "--by", "山田"]) == 0
    assert main(["approve", B, "--by", "山田"]) == 0
    assert build(capsys)[0] == 0
    before = {p: p.read_bytes() for p in Path("site").rglob("*") if p.is_file()}
    (content / "privacy" / "2024-05-10.md").unlink()
    code, err = build(capsys)
    assert code == 1
    assert err.startswith("error: this build would leave out 1 meeting that site/ publishes now: privacy/2024-05-10; "
                          "if that is intended, build again with --allow-withdraw\n")
    assert {p: p.read_bytes() for p in Path("site").rglob("*") if p.is_file()} == before
    assert main(["build", "--allow-withdraw"]) == 0
    assert not Path("site", B).exists() and Path("site", A, "index.html").is_file()


def test_an_empty_site_is_never_published_without_allow_withdraw(content: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """Approve one meeting, edit its approved copy away: the build would publish nothing (issue 23:
    「built 0 meetings」 replaced the public site with exit 0)."""
    assert main(["approve", A, "--by", "山田"]) == 0
    assert build(capsys)[0] == 0
    before = {p: p.read_bytes() for p in Path("site").rglob("*") if p.is_file()}
    edit(content / "privacy" / "2024-04-10.md", "市の考えを伺いたい。", "市の考えを改めて伺いたい。")
    (content / "_approved" / "privacy" / "2024-04-10.md").unlink()
    code, err = build(capsys)
    assert code == 1 and "changed since approval and its approved edition is not kept" in err
    assert "error: this build would leave out 1 meeting that site/ publishes now: privacy/2024-04-10;" in err
    assert {p: p.read_bytes() for p in Path("site").rglob("*") if p.is_file()} == before
    shutil.rmtree("site")
    code, err = build(capsys)  # nothing to replace, and still nothing to publish
    assert code == 1 and "this build would publish no meeting at all; if that is intended" in err
    assert not Path("site").exists()


def test_an_approved_copy_edited_by_hand_is_not_published(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["approve", A, "--by", "山田"]) == 0
    assert main(["approve", B, "--by", "山田"]) == 0
    edit(content / "privacy" / "2024-04-10.md", "市の考えを伺いたい。", "市の考えを改めて伺いたい。")
    edit(content / "_approved" / "privacy" / "2024-04-10.md", "市の考えを伺いたい。", "手で書き換えた。")
    code, err = build(capsys)
    assert code == 0, err
    assert "its approved edition (content/_approved/privacy/2024-04-10.md) is not the edition that was approved" in err
    assert not Path("site", A).exists()


def test_a_changed_redaction_note_is_a_new_edition(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["approve", A, "--by", "山田"]) == 0
    edit(content / "privacy" / "2024-04-10.md", "|要再確認 照会番号T-7519", "|確認済み")
    code, err = build(capsys)
    assert "2024-04-10.md: changed since approval; its approved edition (" in err


def test_approving_the_same_edition_twice_records_it_once(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["approve", A, "--by", "山田"]) == 0
    assert main(["approve", A, "--by", "佐藤"]) == 0
    assert "already approved by 山田" in capsys.readouterr().out
    assert len((content / "_approvals.jsonl").read_text(encoding="utf-8").splitlines()) == 1


def test_an_edited_record_stops_the_build_with_its_position(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["approve", A, "--by", "山田"])
    main(["approve", B, "--by", "山田"])
    path = content / "_approvals.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[1])
    record["by"] = "佐藤"
    lines[1] = json.dumps(record, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, err = build(capsys)
    col = lines[1].index('"digest"') + 1
    assert code == 1
    assert f"content/_approvals.jsonl:2:{col}: approvals chain broken: `digest` does not match the record" in err
    assert not Path("site").exists()


def test_a_removed_record_stops_the_build_with_its_position(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["approve", A, "--by", "山田"])
    main(["approve", B, "--by", "山田"])
    path = content / "_approvals.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text(lines[1] + "\n", encoding="utf-8")
    code, err = build(capsys)
    assert code == 1
    assert f"content/_approvals.jsonl:1:{lines[1].index(chr(34) + 'prev') + 1}: approvals chain broken: `prev`" in err


def test_approve_names_an_unknown_meeting(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["approve", "privacy/2024-06-10", "--by", "山田"]) == 1
    assert "error: no meeting `privacy/2024-06-10`" in capsys.readouterr().err
    assert not (content / "_approvals.jsonl").exists()


def test_records_hold_digests_and_no_withheld_text(content: Path) -> None:
    main(["approve", A, "--by", "山田"])
    text = (content / "_approvals.jsonl").read_text(encoding="utf-8")
    record = json.loads(text)
    assert set(record) == {"meeting", "edition", "ledger", "by", "at", "prev", "digest"}
    assert record["prev"] == "0" * 64 and len(record["edition"]) == 64
    assert "菅原" not in text


@pytest.mark.parametrize("zone, offset", [(None, "+09:00"), ("Asia/Tokyo", "+09:00"), ("Europe/Berlin", "+01:00"),
                                          ("UTC", "+00:00")])
def test_approvals_record_the_local_time_of_the_site_with_its_offset(content: Path, zone: str | None, offset: str,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """A clerk reads 10:30 as 10:30 (issue 23, item 10): the site's `timezone`, Asia/Tokyo by default."""
    if zone:
        site = content / "site.yaml"
        site.write_text(site.read_text(encoding="utf-8") + f"timezone: {zone}\n", encoding="utf-8")
    assert main(["approve", A, "--by", "山田"]) == 0
    at = json.loads((content / "_approvals.jsonl").read_text(encoding="utf-8"))["at"]
    stamp = dt.datetime.fromisoformat(at)
    assert at.endswith(offset) and abs(stamp - dt.datetime.now(dt.timezone.utc)) < dt.timedelta(minutes=1)
    assert f"at {at}" in capsys.readouterr().out
    assert build(capsys)[0] == 0  # the chain with a local time verifies


def test_a_last_line_without_its_end_is_not_glued_to_the_next_record(content: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["approve", A, "--by", "山田"]) == 0
    chain = content / "_approvals.jsonl"
    chain.write_text(chain.read_text(encoding="utf-8").rstrip("\n"), encoding="utf-8")  # as some editors save it
    assert main(["approve", B, "--by", "山田"]) == 0
    assert [json.loads(line)["meeting"] for line in chain.read_text(encoding="utf-8").splitlines()] == [A, B]
    code, err = build(capsys)
    assert code == 0 and err == ""


def test_a_failed_write_records_nothing_and_says_so(content: Path, capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(["approve", A, "--by", "山田"]) == 0
    chain = content / "_approvals.jsonl"
    before = chain.read_bytes()

    def full(*_: object, **__: object) -> None:
        raise OSError(28, "No space left on device")
    monkeypatch.setattr("kaigiroku.core.chain.write_atomic", full)
    capsys.readouterr()
    assert main(["approve", B, "--by", "山田"]) == 1
    assert capsys.readouterr().err == ("error: cannot write content/_approvals.jsonl: No space left on device; "
                                       "nothing was recorded\n")
    assert chain.read_bytes() == before


@pytest.mark.parametrize("damage, message", [
    (lambda p: p.write_bytes(b"\xff\xfe{}\n"), "content/_approvals.jsonl:1:1: not UTF-8 text (byte 0); "
                                               "restore the file from version control"),
    (lambda p: p.mkdir(), "content/_approvals.jsonl:1:1: cannot read the approvals: Is a directory; "
                          "restore the file from version control"),
], ids=["not-utf8", "a-folder"])
def test_an_unreadable_approvals_file_is_a_located_error(content: Path, capsys: pytest.CaptureFixture[str],
                                                         damage: Callable[[Path], object], message: str) -> None:
    damage(content / "_approvals.jsonl")
    capsys.readouterr()
    assert main(["approve", A, "--by", "山田"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == message
    code, err = build(capsys)
    assert code == 1 and err.splitlines()[0] == message


def test_a_meeting_may_be_named_as_its_file(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["approve", A + ".md", "--by", "山田"]) == 0
    assert json.loads((content / "_approvals.jsonl").read_text(encoding="utf-8"))["meeting"] == A
