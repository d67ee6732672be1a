"""The review desk's actions through a real preview server: each one an edit of the file, logged, undoable,
refused (nothing written) when the file changed since the page was rendered; approval as on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from desk import Client, desk_server
from minutes import edit, write_content

from kaigiroku.content.approvals import read_approvals
from kaigiroku.preview.desk import REVIEW_LOG

PAGE = "/privacy/2024-04-10/"
FINDING = {"line": 13, "col": 7, "text": "090-1234-5678"}


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_content(tmp_path)


@pytest.fixture
def client(content: Path, tmp_path: Path) -> Client:
    with desk_server(content, tmp_path / "pv") as client:
        yield client  # type: ignore[misc]


def act(client: Client, action: str, **fields: object) -> tuple[int, dict[str, object]]:
    return client.post({"action": action, "by": "情報公開係 山田", "meeting": "privacy/2024-04-10",
                        "sha": client.sha(PAGE), **fields})


def test_a_finding_withheld_here_shows_at_once_and_is_logged_without_the_text(client: Client, content: Path) -> None:
    path = content / "privacy" / "2024-04-10.md"
    before = path.read_text(encoding="utf-8")
    status, result = act(client, "withhold", finding=FINDING, category="personal", note="携帯番号", scope="here")
    assert status == 200 and result["message"] == "「090-1234-5678」を非公開にしました（個人情報）。"
    assert path.read_text(encoding="utf-8") == before.replace("090-1234-5678", "{{redact:personal|090-1234-5678|携帯番号}}")
    page = client.get(PAGE)[1]
    assert '<del class="review-withheld">090-1234-5678</del>' in page and "確認待ち 0 件" in page
    log = [json.loads(line) for line in (content / REVIEW_LOG).read_text(encoding="utf-8").splitlines()]
    assert [(e["by"], e["action"], e["meeting"], e["line"], e["col"], e["category"]) for e in log] == \
        [("情報公開係 山田", "withhold", "privacy/2024-04-10", 13, 7, "personal")]
    assert "090" not in (content / REVIEW_LOG).read_text(encoding="utf-8") and "携帯" not in (content / REVIEW_LOG).read_text(encoding="utf-8")


def test_withheld_everywhere_and_kept_public(client: Client, content: Path) -> None:
    path = content / "privacy" / "2024-05-10.md"
    sha = client.sha("/privacy/2024-05-10/")
    status, _ = client.post({"action": "allow", "by": "山田", "meeting": "privacy/2024-05-10", "sha": sha,
                             "finding": FINDING, "reason": "市の代表番号として公開済み", "category": "personal"})
    assert status == 200
    [entry] = [json.loads(line) for line in (content / REVIEW_LOG).read_text(encoding="utf-8").splitlines()]
    assert (entry["action"], entry["category"], entry["line"]) == ("allow", "", 13)
    assert "市の代表番号" not in (content / REVIEW_LOG).read_text(encoding="utf-8")  # nor the reason
    assert "summary: 諮問5件について審議した。\n# Review: 市の代表番号として公開済み\nallow_terms: [090-1234-5678]\n---" in \
        path.read_text(encoding="utf-8")
    status, _ = act(client, "withhold", finding=FINDING, category="personal", note="", scope="meeting")
    assert status == 200
    assert "redact_terms:\n  personal: [090-1234-5678]\n---" in (content / "privacy" / "2024-04-10.md").read_text(encoding="utf-8")


def test_an_action_on_a_file_changed_since_the_page_was_rendered_is_refused(client: Client, content: Path) -> None:
    path = content / "privacy" / "2024-04-10.md"
    sha = client.sha(PAGE)
    edit(path, "市の考え", "市のお考え")  # someone else's edit, saved in an editor
    changed = path.read_bytes()
    status, result = client.post({"action": "withhold", "by": "山田", "meeting": "privacy/2024-04-10", "sha": sha,
                                  "finding": FINDING, "category": "personal", "note": "", "scope": "here"})
    assert status == 409 and result["reload"] is True and "変更されています" in str(result["message"])
    assert path.read_bytes() == changed  # nothing written over it
    assert "市のお考え" in client.get(PAGE)[1] and client.sha(PAGE) != sha  # the reloaded page shows it


def test_undo_reverts_the_last_action_while_the_file_is_as_it_left_it(client: Client, content: Path) -> None:
    path = content / "privacy" / "2024-04-10.md"
    original = path.read_bytes()
    assert client.post({"action": "undo", "by": "山田"})[0] == 409  # nothing done yet
    assert act(client, "withhold", finding=FINDING, category="personal", note="", scope="here")[0] == 200
    assert act(client, "change", target={"line": 11, "col": 9, "how": "inline", "text": "菅原隆", "category": "personal"},
               category="corporate", note=None)[0] == 200
    status, result = client.post({"action": "undo", "by": "山田"})
    assert status == 200 and "{{redact:personal|菅原隆|要再確認" in path.read_text(encoding="utf-8")
    assert client.post({"action": "undo", "by": "山田"})[0] == 200
    assert path.read_bytes() == original
    log = [json.loads(line)["action"] for line in (content / REVIEW_LOG).read_text(encoding="utf-8").splitlines()]
    assert log == ["withhold", "change", "undo", "undo"]


def test_undo_is_refused_when_the_file_changed_since(client: Client, content: Path) -> None:
    path = content / "privacy" / "2024-04-10.md"
    assert act(client, "remove", target={"line": 11, "col": 9, "how": "inline", "text": "菅原隆", "category": "personal"})[0] == 200
    edit(path, "市の考え", "市のお考え")
    changed = path.read_bytes()
    status, result = client.post({"action": "undo", "by": "山田"})
    assert status == 409 and "変更されている" in str(result["message"])
    assert path.read_bytes() == changed


def test_approve_as_the_command_line_does_and_undo_it(client: Client, content: Path) -> None:
    status, result = act(client, "approve")
    assert status == 409 and "確認待ち" in str(result["message"])  # a finding awaits review
    assert not (content / "_approvals.jsonl").exists()
    assert act(client, "withhold", finding=FINDING, category="personal", note="", scope="here")[0] == 200
    status, result = act(client, "approve")
    assert status == 200 and result["message"] == "承認を記録しました（情報公開係 山田）。"
    [record] = read_approvals(content)
    assert (record.meeting, record.by) == ("privacy/2024-04-10", "情報公開係 山田")
    assert (content / "_approved" / "privacy" / "2024-04-10.md").read_bytes() == (content / "privacy" / "2024-04-10.md").read_bytes()
    assert "承認済み：情報公開係 山田" in client.get(PAGE)[1]
    assert act(client, "approve")[1]["message"] == "この版はすでに承認されています（情報公開係 山田）。"
    assert client.post({"action": "undo", "by": "山田"})[0] == 200
    assert not (content / "_approvals.jsonl").exists() and "未承認" in client.get(PAGE)[1]
    assert not (content / "_approved" / "privacy" / "2024-04-10.md").exists()


def test_an_action_needs_a_name(client: Client) -> None:
    status, result = client.post({"action": "undo", "by": " "})
    assert status == 400 and "お名前" in str(result["message"])


def test_a_withholding_made_by_a_detector_is_kept_public_or_marked_under_another_category(
        content: Path, tmp_path: Path) -> None:
    from build import build_detectors

    with desk_server(content, tmp_path / "pv", detectors=build_detectors) as client:
        page = client.get(PAGE)[1]
        assert 'data-how="auto:phone"' in page  # the real policy withholds mobile numbers by itself
        target = {"line": 13, "col": 7, "how": "auto:phone", "text": "090-1234-5678", "category": "personal"}
        status, _ = act(client, "change", target=target, category="safety", note="防犯上")
        assert status == 200
        assert "{{redact:safety|090-1234-5678|防犯上}}" in (content / "privacy" / "2024-04-10.md").read_text(encoding="utf-8")


def test_a_file_edited_by_the_desk_is_built_and_checked_like_a_hand_written_one(
        client: Client, content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from build import main

    title = {"region": "fm:title", "text": "第4回", "nth": 0, "count": 1}
    assert act(client, "withhold", selection=title, category="deliberation", note="", scope="here")[0] == 200
    assert "title: 令和6年度{{redact:deliberation|第4回}}個人情報保護運営審議会" in \
        (content / "privacy" / "2024-04-10.md").read_text(encoding="utf-8")
    assert main(["check"]) == 0 and main(["build"]) == 0
    assert not [p for p in Path("site").rglob("*") if p.is_file() and "第4回".encode() in p.read_bytes()]
    words = {"region": "15-15", "text": "市の考え", "nth": 0, "count": 1}
    assert act(client, "withhold", selection=words, category="deliberation", note="", scope="here")[0] == 200
    capsys.readouterr()
    assert main(["build"]) == 1  # the other meeting publishes the same words: the leak check stops the build
    assert capsys.readouterr().err.startswith(  # reported where the other meeting writes them
        "content/privacy/2024-05-10.md:15:5: withheld deliberation text of privacy/2024-04-10 (inline)")
