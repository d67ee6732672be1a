"""The review desk in Debian's chromium against a real `python build.py serve`: every action a reviewer takes on
the page, the exact change it makes to the Markdown file, and the refusals."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import pytest
from desk import MEETING, select, write_desk_content
from minutes import Server, edit, running_server
from playwright.sync_api import expect

from tests.browser.test_browser_accessibility import serious_violations

pytestmark = pytest.mark.browser
PAGE = "privacy/2024-05-20/"
NAME = "情報公開係 山田"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return write_desk_content(tmp_path)


@pytest.fixture
def server(content: Path, tmp_path: Path) -> Iterator[Server]:
    with running_server(content, tmp_path) as server:
        yield server


def meeting_file(content: Path) -> str:
    return (content / "privacy" / "2024-05-20.md").read_text(encoding="utf-8")


def opened(page: Any, server: Server) -> Any:
    page.goto(server.url + PAGE)
    expect(page.locator(".review-panel")).to_be_visible()
    return page


def write(page: Any, name: str | None = NAME) -> None:
    """Press 書き込む (with the name, asked once per tab) and wait for the page to come back with the result."""
    if name is not None and page.locator("#desk-name").is_visible():
        page.locator("#desk-name").fill(name)
    with page.expect_navigation(timeout=15000):
        page.locator("#desk-ok").click()
    expect(page.locator("#desk-flash")).to_be_visible(timeout=15000)


def test_withhold_a_detector_finding(page: Any, server: Server, content: Path) -> None:
    opened(page, server)
    page.get_by_role("button", name="12行5列の「佐藤花子」を判断する").click()
    dialog = page.get_by_role("dialog", name="検出器の指摘を判断する")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_label("区分と法的根拠")).to_have_value("person")  # a name: 人名, shown as Ａ氏
    write(page)
    expect(page.locator("#desk-flash")).to_have_text("「佐藤花子」を非公開にしました（個人情報）。")
    expect(page.locator(".minutes .review-redaction").first.locator(".review-withheld")).to_have_text("佐藤花子")
    expect(page.locator(".review-panel")).to_contain_text("確認待ち 0 件")
    assert meeting_file(content) == MEETING.replace("（委員）佐藤花子さん", "（委員）{{redact:person|佐藤花子}}さん")
    assert page.console_errors == []


def test_keep_a_finding_public_with_a_reason(page: Any, server: Server, content: Path) -> None:
    opened(page, server)
    page.get_by_role("button", name="12行5列の「佐藤花子」を判断する").click()
    page.get_by_label("公開のままにする").check()
    page.locator("#desk-name").fill(NAME)
    page.locator("#desk-ok").click()
    expect(page.locator("#desk-error")).to_have_text("公開のままにする理由を書いてください。")
    assert meeting_file(content) == MEETING
    page.get_by_label("公開してよい理由").fill("申出人本人が公開の場で名乗っている")
    write(page)
    expect(page.locator("#desk-flash")).to_have_text("「佐藤花子」を公開のままにしました（allow_terms）。")
    assert meeting_file(content) == MEETING.replace(
        "  - 嶋田節男委員\n---", "  - 嶋田節男委員\n# Review: 申出人本人が公開の場で名乗っている\nallow_terms: [佐藤花子]\n---")
    expect(page.locator(".review-panel")).to_contain_text("確認待ち 0 件")


def test_select_a_phrase_and_withhold_it_under_corporate_with_a_note(page: Any, server: Server, content: Path) -> None:
    opened(page, server)
    select(page, "株式会社サンプル商事")
    expect(page.locator(".desk-selection")).to_contain_text("選択中：「株式会社サンプル商事」")
    page.locator("#desk-float").click()
    dialog = page.get_by_role("dialog", name="選んだ文字を非公開にする")
    dialog.get_by_label("区分と法的根拠").select_option("corporate")
    dialog.get_by_label("NOTE").fill("契約の相手方")
    write(page)
    expect(page.locator("#desk-flash")).to_have_text("「株式会社サンプル商事」を非公開にしました（法人等事業活動情報）。")
    assert meeting_file(content) == MEETING.replace(
        "（事務局）株式会社サンプル商事との", "（事務局）{{redact:corporate|株式会社サンプル商事|契約の相手方}}との")


def test_withhold_a_name_in_the_header_table(page: Any, server: Server, content: Path) -> None:
    opened(page, server)
    page.evaluate("""() => {
      const cell = document.querySelector('[data-src="fm:attendees:1"]');
      const range = document.createRange();
      range.setStart(cell.firstChild, 0);
      range.setEnd(cell.firstChild, 4);
      document.getSelection().removeAllRanges();
      document.getSelection().addRange(range);
    }""")
    page.get_by_role("button", name="選んだ文字を非公開にする…").first.click()
    write(page)
    assert meeting_file(content) == MEETING.replace("  - 嶋田節男委員", "  - {{redact:personal|嶋田節男}}委員")


def test_change_a_category_remove_a_withholding_and_undo(page: Any, server: Server, content: Path) -> None:
    opened(page, server)
    page.locator(".minutes .review-redaction").click()
    dialog = page.get_by_role("dialog", name="非公開の指定を変更する")
    expect(dialog.get_by_label("NOTE")).to_have_value("要再確認")
    dialog.get_by_label("区分と法的根拠").select_option("safety")
    write(page)
    changed = MEETING.replace("{{redact:personal|菅原隆|要再確認}}", "{{redact:safety|菅原隆|要再確認}}")
    assert meeting_file(content) == changed
    expect(page.locator(".minutes .review-category")).to_have_text("犯罪予防・公共安全情報")
    page.get_by_role("button", name="16行5列の非公開を変更する").click()
    expect(page.locator("#desk-name")).to_be_hidden()  # asked once per tab
    page.get_by_role("button", name="非公開の指定を外す（公開する）").click()
    expect(page.locator("#desk-flash")).to_have_text("非公開の指定を外しました。", timeout=15000)
    assert meeting_file(content) == MEETING.replace("{{redact:personal|菅原隆|要再確認}}", "菅原隆")
    page.get_by_role("button", name="直前の操作を元に戻す").click()
    page.get_by_role("dialog", name="直前の操作を元に戻す").get_by_role("button", name="元に戻す").click()
    expect(page.locator("#desk-flash")).to_have_text("直前の操作を元に戻しました。", timeout=15000)
    assert meeting_file(content) == changed


def test_approve_from_the_page(page: Any, server: Server, content: Path) -> None:
    opened(page, server)
    page.get_by_role("button", name="この版を承認する…").click()
    dialog = page.get_by_role("dialog", name="この版を承認する")
    dialog.get_by_label("お名前").fill(NAME)
    dialog.get_by_role("button", name="承認する").click()
    expect(page.locator("#desk-error")).to_contain_text("確認待ちの指摘が 1 件ある")
    assert not (content / "_approvals.jsonl").exists()
    page.get_by_role("button", name="やめる").click()
    page.get_by_role("button", name="12行5列の「佐藤花子」を判断する").click()
    write(page)
    page.get_by_role("button", name="この版を承認する…").click()
    expect(page.locator("#desk-name")).to_have_value(NAME)
    page.get_by_role("button", name="承認する", exact=True).click()
    expect(page.locator("#desk-flash")).to_have_text(f"承認を記録しました（{NAME}）。", timeout=15000)
    expect(page.locator(".review-standing")).to_contain_text(f"承認済み：{NAME}")
    assert f'"by": "{NAME}"' in (content / "_approvals.jsonl").read_text(encoding="utf-8")


def test_a_selection_across_two_speeches_is_refused(page: Any, server: Server, content: Path) -> None:
    opened(page, server)
    select(page, "意見書が", "株式会社")
    expect(page.locator(".desk-selection")).to_contain_text("二つの発言にまたがっています")
    page.locator("#desk-float").click()
    expect(page.locator("#desk-error")).to_have_text(
        "選んだ文字が二つの発言にまたがっています。一つの発言の中で選んでください（発言ごとに分けて非公開にできます）。")
    expect(page.locator("#desk-ok")).to_be_hidden()
    assert meeting_file(content) == MEETING


def test_a_selection_across_formatting_is_refused_by_the_server(page: Any, content: Path, tmp_path: Path) -> None:
    edit(content / "privacy" / "2024-05-20.md", "株式会社サンプル商事との", "株式会社**サンプル**商事との")
    with running_server(content, tmp_path) as server:
        opened(page, server)
        select(page, "株式会社", "商事")  # a mouse drag from outside the emphasis to beyond it
        page.locator("#desk-float").click()
        page.locator("#desk-name").fill(NAME)
        page.locator("#desk-ok").click()
        expect(page.locator("#desk-error")).to_contain_text("書式")
    assert meeting_file(content) == MEETING.replace("株式会社サンプル商事との", "株式会社**サンプル**商事との")


def test_an_edit_of_a_file_changed_meanwhile_is_refused_and_nothing_is_lost(page: Any, server: Server, content: Path) -> None:
    opened(page, server)
    page.get_by_role("button", name="12行5列の「佐藤花子」を判断する").click()
    page.get_by_label("NOTE").fill("本人に照会中")
    edit(content / "privacy" / "2024-05-20.md", "保留とする。", "保留とし、次回に回す。")  # an editor saves meanwhile
    page.wait_for_timeout(1000)  # the change reaches the tab, which waits for the dialog
    expect(page.get_by_role("dialog")).to_be_visible()
    write(page)
    expect(page.locator("#desk-flash")).to_contain_text("ファイルが変更されています")
    expect(page.locator("#desk-flash")).to_contain_text("NOTE「本人に照会中」")
    expect(page.locator(".minutes")).to_contain_text("次回に回す")
    assert meeting_file(content) == MEETING.replace("保留とする。", "保留とし、次回に回す。")


def test_the_desk_with_the_keyboard_alone(page: Any, server: Server, content: Path) -> None:
    opened(page, server)
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('[data-desk=\"finding\"]')"):
            break
    else:
        pytest.fail("Tab never reached the finding's button")
    page.keyboard.press("Enter")
    expect(page.get_by_role("dialog")).to_be_visible()
    for _ in range(20):
        if page.evaluate("document.activeElement.id") == "desk-name":
            break
        page.keyboard.press("Tab")
    page.keyboard.type(NAME)
    page.keyboard.press("Enter")
    expect(page.locator("#desk-flash")).to_be_visible(timeout=15000)
    assert "{{redact:person|佐藤花子}}" in meeting_file(content)
    page.keyboard.press("Escape")


def test_the_desk_and_its_dialog_have_no_serious_accessibility_violation(page: Any, server: Server) -> None:
    opened(page, server)
    assert serious_violations(page) == []
    page.get_by_role("button", name="12行5列の「佐藤花子」を判断する").click()
    expect(page.get_by_role("dialog")).to_be_visible()
    assert serious_violations(page) == []
    assert page.evaluate("window.__csp") == [] and page.console_errors == []


def test_decide_a_finding_from_the_review_list(page: Any, server: Server, content: Path) -> None:
    page.goto(server.url + "_review/")
    section = page.locator('section[data-desk-meeting="privacy/2024-05-20"]')
    section.get_by_role("button", name="12行5列の「佐藤花子」を判断する").click()
    page.get_by_label("区分と法的根拠").select_option("personal")
    page.get_by_label("この会議録のすべての箇所").check()
    write(page)
    expect(page.locator("h1")).to_have_text("非公開箇所と確認待ちの一覧")
    assert meeting_file(content) == MEETING.replace("  - 嶋田節男委員\n---", "  - 嶋田節男委員\nredact_terms:\n  personal: [佐藤花子]\n---")
