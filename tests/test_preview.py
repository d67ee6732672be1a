"""The preview of `serve` in memory: review marks, findings, incremental rebuilds, errors."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from desk import review_detectors as fake_detectors
from minutes import edit, write_content

from build import main
from kaigiroku.preview.edition import REVIEW_PAGE, Preview
from kaigiroku.render.pages import LAYOUTS
from redaction.policy import DEFAULT_POLICY, load_policy

PAGE = "privacy/2024-04-10/index.html"
PREVIEW_ONLY = ("review-", "preview-banner", "noindex", "_preview/", "_review/", "EventSource", "要再確認")


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_content(tmp_path)


def preview_of(content: Path, out: Path) -> Preview:
    preview = Preview(content, DEFAULT_POLICY, LAYOUTS, out, detectors=fake_detectors)
    assert preview.update().errors == []
    return preview


def page(preview: Preview, rel: str = PAGE) -> str:
    assert preview.prepare(rel) == "ready"
    return (preview.out / rel).read_text(encoding="utf-8")


def render_every_page(preview: Preview) -> None:
    while not preview.load_some(60.0):  # what the server's background loading does between edits
        pass
    for rel in sorted(preview.pages()):
        assert preview.prepare(rel) == "ready", rel


def test_withheld_text_is_shown_in_place_with_category_basis_and_note(content: Path, tmp_path: Path) -> None:
    html = page(preview_of(content, tmp_path / "pv"))
    mark = re.search(r'<span class="review-redaction" tabindex="0" id="redaction-0" data-category="personal">.*?</span></span>さん', html)
    assert mark is not None
    assert '<del class="review-withheld">菅原隆</del>' in mark.group(0)
    assert '<span class="review-category">個人情報</span>' in mark.group(0)
    assert "東村山市情報公開条例第6条第2号" in mark.group(0)
    assert "要再確認 照会番号T-7519" in mark.group(0)
    assert "Ａ" in mark.group(0)  # the public pseudonym stays visible


def test_findings_are_highlighted_where_they_are_and_listed(content: Path, tmp_path: Path) -> None:
    preview = preview_of(content, tmp_path / "pv")
    html = page(preview)
    assert re.search(r'<mark class="review-finding" id="finding-0" tabindex="0" title="telephone number（13行7列）：確認待ち">090-1234-5678</mark>', html)
    assert '<a href="#finding-0">13行7列</a>' in html
    review = page(preview, REVIEW_PAGE)
    assert '<a href="../privacy/2024-04-10/#finding-0">13:7</a>' in review
    assert '<a href="../privacy/2024-04-10/#redaction-0">11行9列</a>' in review


def test_every_preview_page_has_the_banner_and_noindex(content: Path, tmp_path: Path) -> None:
    preview = preview_of(content, tmp_path / "pv")
    render_every_page(preview)
    pages = list(preview.out.rglob("*.html"))
    assert len(pages) >= 8
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert 'class="preview-banner"' in html and 'content="noindex, nofollow"' in html, path


def test_a_public_build_holds_no_preview_markup(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build"]) == 0
    for path in Path("site").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".txt", ".css", ".js"):
            text = path.read_text(encoding="utf-8")
            assert not [s for s in PREVIEW_ONLY if s in text], path
    assert not Path("site/_preview").exists() and not Path("site/_review").exists()


def test_the_preview_shows_drafts_and_approval(content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("build.build_detectors", fake_detectors)
    edit(content / "privacy" / "2024-05-10.md", "summary:", "status: draft\nsummary:")
    preview = preview_of(content, tmp_path / "pv")
    assert "下書き（status: draft）" in page(preview, "privacy/2024-05-10/index.html")
    assert "未承認" in page(preview)
    assert main(["approve", "privacy/2024-04-10", "--by", "山田"]) == 1  # a finding awaits review
    edit(content / "privacy" / "2024-04-10.md", "090-1234-5678", "（番号は省略）")
    preview.update([content / "privacy" / "2024-04-10.md"])
    assert main(["approve", "privacy/2024-04-10", "--by", "山田"]) == 0
    preview.update([content / "_approvals.jsonl"])
    assert "承認済み：山田" in page(preview)
    edit(content / "privacy" / "2024-04-10.md", "市の考え", "市のお考え")
    preview.update([content / "privacy" / "2024-04-10.md"])
    assert "承認後に変更あり：最後の承認は 山田" in page(preview)


def test_an_edit_rewrites_only_the_pages_that_show_the_meeting(content: Path, tmp_path: Path) -> None:
    for n in range(6, 10):
        (content / "privacy" / f"2024-0{n}-10.md").write_text(
            (content / "privacy" / "2024-04-10.md").read_text(encoding="utf-8").replace("2024-04", f"2024-0{n}"), encoding="utf-8")
    preview = preview_of(content, tmp_path / "pv")
    render_every_page(preview)
    untouched = (preview.out / "privacy/2024-09-10/index.html").stat().st_mtime_ns
    edit(content / "privacy" / "2024-06-10.md", "市の考えを伺いたい。", "市の考えを改めて伺いたい。")
    update = preview.update([content / "privacy" / "2024-06-10.md"])
    assert update.errors == [] and 3 <= update.stale <= 12
    assert {f"privacy/2024-0{n}-10/index.html" for n in (5, 6, 7)}.isdisjoint(preview.fresh)  # it and its neighbours
    render_every_page(preview)
    assert "改めて伺いたい" in page(preview, "privacy/2024-06-10/index.html")
    assert (preview.out / "privacy/2024-09-10/index.html").stat().st_mtime_ns == untouched


def test_incremental_pages_equal_a_fresh_preview(content: Path, tmp_path: Path) -> None:
    preview = preview_of(content, tmp_path / "pv")
    moved = content / "privacy" / "2024-05-10.md"
    edit(moved, "date: 2024-05-10", "date: 2023-05-10")  # another fiscal year, another position
    (content / "privacy" / "2024-06-10.md").write_text(moved.read_text(encoding="utf-8").replace("2023-05", "2024-06"), encoding="utf-8")
    preview.update([moved, content / "privacy" / "2024-06-10.md"])
    (content / "privacy" / "2024-04-10.md").unlink()
    preview.update([content / "privacy" / "2024-04-10.md"])
    fresh = preview_of(content, tmp_path / "fresh")
    for each in (preview, fresh):
        render_every_page(each)
    files = {p.relative_to(preview.out) for p in preview.out.rglob("*") if p.is_file()}
    assert files == {p.relative_to(fresh.out) for p in fresh.out.rglob("*") if p.is_file()}
    for rel in files:
        assert (preview.out / rel).read_bytes() == (fresh.out / rel).read_bytes(), rel
    assert not (preview.out / "privacy/2024-04-10").exists()


@pytest.mark.parametrize("old, new, position, message", [
    ("title: 令和6年度第4回", "title: [令和6年度第4回", "content/privacy/2024-04-10.md:", "invalid YAML"),
    ("{{redact:personal|菅原隆|要再確認 照会番号T-7519}}", "{{redact:personal 菅原隆", "content/privacy/2024-04-10.md:11:9:", "unclosed {{redact"),
    ("{{redact:personal|", "{{redact:secret|", "content/privacy/2024-04-10.md:11:18:", "unknown redaction category `secret`"),
])
def test_an_editing_mistake_is_reported_by_position_and_fixing_it_recovers(
        content: Path, tmp_path: Path, old: str, new: str, position: str, message: str) -> None:
    preview = preview_of(content, tmp_path / "pv")
    path = content / "privacy" / "2024-04-10.md"
    edit(path, old, new)
    errors = [str(e) for e in preview.update([path]).errors]
    assert len(errors) == 1 and errors[0].startswith(position) and message in errors[0]
    edit(path, new, old)
    assert preview.update([path]).errors == []
    assert "菅原隆" in page(preview)


def test_a_broken_layout_is_reported_and_recovers(content: Path, tmp_path: Path) -> None:
    layouts = tmp_path / "layouts"
    shutil.copytree(LAYOUTS, layouts)
    preview = Preview(content, DEFAULT_POLICY, layouts, tmp_path / "pv")
    assert preview.update().errors == []
    edit(layouts / "council.html", "{% endfor %}", "{% endfo %}")
    errors = [str(e) for e in preview.update([layouts / "council.html"]).errors]
    assert len(errors) == 1 and errors[0].startswith("layouts/council.html:14:1: layout error: Encountered unknown tag 'endfo'")
    edit(layouts / "council.html", "{% endfo %}", "{% endfor %}")
    assert preview.update([layouts / "council.html"]).errors == []


def test_pages_are_written_when_asked_for(content: Path, tmp_path: Path) -> None:
    preview = preview_of(content, tmp_path / "pv")
    assert not (preview.out / REVIEW_PAGE).exists() and not (preview.out / PAGE).exists()
    assert "菅原隆" in page(preview, REVIEW_PAGE)
    edit(content / "privacy" / "2024-04-10.md", "|菅原隆|", "|菅原隆二|")
    preview.update([content / "privacy" / "2024-04-10.md"])
    assert "菅原隆二" in page(preview, REVIEW_PAGE)
    assert not Path("site").exists()


def test_saving_a_file_unchanged_rewrites_nothing_and_reloads_no_tab(content: Path, tmp_path: Path) -> None:
    preview = preview_of(content, tmp_path / "pv")
    path = content / "privacy" / "2024-04-10.md"
    path.write_bytes(path.read_bytes())
    version = preview.version
    update = preview.update([path])
    assert update.stale == 0 and update.version == version


def test_a_policy_change_redacts_every_file_again(content: Path, tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    shutil.copy(DEFAULT_POLICY, policy)
    preview = Preview(content, policy, LAYOUTS, tmp_path / "pv")
    assert preview.update().errors == []
    assert "個人情報" in page(preview)
    edit(policy, "label: 個人情報\n", "label: 個人に関する情報\n")
    assert preview.update([policy]).errors == []
    assert '<span class="review-category">個人に関する情報</span>' in page(preview)


def test_a_tampered_approvals_file_is_an_error_in_the_preview(content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("build.build_detectors", fake_detectors)  # approve sees what the preview sees
    edit(content / "privacy" / "2024-05-10.md", "090-1234-5678", "（番号は省略）")
    preview = preview_of(content, tmp_path / "pv")
    assert main(["approve", "privacy/2024-05-10", "--by", "山田"]) == 0
    approvals = content / "_approvals.jsonl"
    edit(approvals, "山田", "佐藤")
    errors = [str(e) for e in preview.update([approvals]).errors]
    assert len(errors) == 1 and errors[0].startswith("content/_approvals.jsonl:1:") and "chain broken" in errors[0]
    edit(approvals, "佐藤", "山田")
    assert preview.update([approvals]).errors == []
    assert "承認済み：山田" in page(preview, "privacy/2024-05-10/index.html")


def test_site_settings_saved_unchanged_rewrite_nothing_and_a_new_title_rewrites_all(content: Path, tmp_path: Path) -> None:
    preview = preview_of(content, tmp_path / "pv")
    site = content / "site.yaml"
    site.write_bytes(site.read_bytes())
    assert preview.update([site]).stale == 0
    edit(site, "テスト市 会議録アーカイブ", "テスト市 会議録")
    assert page(preview) and page(preview, "index.html")
    update = preview.update([site])
    assert update.stale == 2 and not preview.fresh and "| テスト市 会議録</title>" in page(preview)


def test_a_renamed_council_rewrites_its_pages(content: Path, tmp_path: Path) -> None:
    preview = preview_of(content, tmp_path / "pv")
    council = content / "privacy" / "_council.yaml"
    assert page(preview)
    edit(council, "個人情報保護運営審議会", "個人情報保護審議会")
    assert preview.update([council]).stale > 0
    for rel in (PAGE, "privacy/index.html", "index.html", "nendo/2024/index.html"):
        assert "個人情報保護審議会" in page(preview, rel), rel


def same_pages(preview: Preview, fresh_out: Path) -> None:
    fresh = preview_of(preview.content, fresh_out)
    for p in (preview, fresh):
        render_every_page(p)
    files = {p.relative_to(preview.out) for p in preview.out.rglob("*") if p.is_file()}
    assert files == {p.relative_to(fresh.out) for p in fresh.out.rglob("*") if p.is_file()}
    assert [rel for rel in files if (preview.out / rel).read_bytes() != (fresh.out / rel).read_bytes()] == []


def test_a_day_of_edits_leaves_the_same_pages_as_a_fresh_preview(content: Path, tmp_path: Path) -> None:
    welfare = content / "welfare"
    council = welfare / "_council.yaml"
    meeting = content / "privacy" / "2024-05-10.md"
    steps = [
        lambda: welfare.mkdir() or council.write_text("name: 福祉審議会\norder: -1\n", encoding="utf-8"),  # a new council
        lambda: meeting.rename(welfare / "2024-05-10.md"),                                      # a meeting moved to it
        lambda: edit(welfare / "2024-05-10.md", "title: 令和6年度第5回", "title: 令和6年度第1回"),  # its title
        lambda: edit(content / "privacy" / "2024-04-10.md", "date: 2024-04-10", "date: 2025-03-10"),  # a year later
        lambda: edit(council, "福祉審議会", "社会福祉審議会"),                                     # the council renamed
        lambda: (welfare / "2024-05-10.md").unlink(),                                           # the meeting removed
    ]
    preview = preview_of(content, tmp_path / "pv")

    def files() -> dict[Path, bytes]:
        return {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}

    for n, step in enumerate(steps):
        before = files()
        step()
        after = files()
        touched = {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}
        assert preview.update(touched).errors == []
        same_pages(preview, tmp_path / f"fresh-{n}")
    broken = content / "privacy" / "2024-04-10.md"
    edit(broken, "{{redact:personal|", "{{redact:secret|")
    edit(content / "privacy" / "2024-04-10.md", "市の考え", "市のお考え")
    assert preview.update([broken]).errors
    edit(broken, "{{redact:secret|", "{{redact:personal|")
    assert preview.update([broken]).errors == []
    same_pages(preview, tmp_path / "fresh-fixed")


def test_a_second_start_takes_every_meeting_from_its_cache(content: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / ".cache" / "kaigiroku-serve"
    first = Preview(content, DEFAULT_POLICY, LAYOUTS, tmp_path / "one", cache=cache)
    assert first.update().errors == []
    render_every_page(first)
    monkeypatch.setattr("kaigiroku.preview.edition.load_meeting", lambda *a, **k: pytest.fail("redacted again"))
    second = Preview(content, DEFAULT_POLICY, LAYOUTS, tmp_path / "two", cache=cache)
    assert second.update().errors == []
    render_every_page(second)
    for rel in first.pages():
        assert (first.out / rel).read_bytes() == (second.out / rel).read_bytes(), rel
    assert cache.stat().st_mode & 0o777 == 0o700
    holding = [p for p in cache.rglob("*") if p.is_file() and "菅原隆".encode() in p.read_bytes()]
    assert holding and all(p.relative_to(cache).parts[0] == "withheld" and p.stat().st_mode & 0o777 == 0o600 for p in holding)


def test_a_meeting_page_asked_for_first_is_the_page_of_the_whole_archive(content: Path, tmp_path: Path) -> None:
    for n in range(6, 10):
        (content / "privacy" / f"2024-0{n}-10.md").write_text(
            (content / "privacy" / "2024-04-10.md").read_text(encoding="utf-8").replace("2024-04", f"2024-0{n}"), encoding="utf-8")
    edit(content / "privacy" / "2024-07-10.md", "date: 2024-07-10", "date: '2024-07-10'  # quoted")
    edit(content / "privacy" / "2024-08-10.md", "date: 2024-08-10", "date:\n  2024-08-10")  # not a `date:` line: loaded
    preview = Preview(content, DEFAULT_POLICY, LAYOUTS, tmp_path / "pv", detectors=fake_detectors)
    preview.start()
    first = page(preview, "privacy/2024-07-10/index.html")
    assert '<a href="../2024-06-10/" rel="prev">' in first and '<a href="../2024-08-10/" rel="next">' in first
    assert not preview.complete and preview.prepare("index.html") == "wait"
    version = preview.version
    while not preview.load_some(60.0):
        pass
    assert preview.version == version  # the page was right: no tab reloads
    assert page(preview, "privacy/2024-07-10/index.html") == first


def test_an_error_found_in_the_background_shows_on_every_page(content: Path, tmp_path: Path) -> None:
    edit(content / "privacy" / "2024-05-10.md", "{{redact:personal|", "{{redact:secret|")
    preview = Preview(content, DEFAULT_POLICY, LAYOUTS, tmp_path / "pv")
    preview.start()
    assert preview.errors == []
    version = preview.version
    while not preview.load_some(60.0):
        pass
    assert [str(e) for e in preview.errors] == [
        "content/privacy/2024-05-10.md:11:18: unknown redaction category `secret`; use one of "
        + ", ".join(c.key for c in load_policy().categories) + " (or an item number such as 2号, or a label from the policy)"]
    assert preview.version > version  # open tabs reload into the error page


def test_a_policy_fixed_while_serving_loads_every_file_in_the_background(content: Path, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(6, 10):
        (content / "privacy" / f"2024-0{n}-10.md").write_text(
            (content / "privacy" / "2024-04-10.md").read_text(encoding="utf-8").replace("2024-04", f"2024-0{n}"), encoding="utf-8")
    policy = tmp_path / "policy.yaml"
    policy.write_text("categories: [\n", encoding="utf-8")
    preview = Preview(content, policy, LAYOUTS, tmp_path / "pv")
    preview.start()
    assert preview.errors and not preview.sources
    shutil.copy(DEFAULT_POLICY, policy)
    monkeypatch.setattr("kaigiroku.preview.edition.FEW", 2)  # more new files than are loaded at once
    update = preview.update([policy])
    assert update.errors == [] and not preview.sources and not preview.complete
    while not preview.load_some(60.0):
        pass
    assert len(preview.sources) == 6 and "菅原隆" in page(preview)


def test_a_short_name_inside_the_site_s_own_name_is_shown_as_the_build_shows_it(tmp_path: Path,
                                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The preview redacts with the site's own names public, as the build does: 村山 withheld, 東村山市 kept."""
    monkeypatch.chdir(tmp_path)
    content = write_content(tmp_path)
    (content / "site.yaml").write_text("title: 東村山市 会議録アーカイブ\norganization: 東村山市\n"
                                       "base_url: https://www.city.example.lg.jp/kaigiroku/\n", encoding="utf-8")
    edit(content / "privacy" / "2024-04-10.md", "（委員）", "{{redact:personal|村山}}さんの申出。東村山市役所で。\n\n（委員）")
    html = page(preview_of(content, tmp_path / "pv"))
    assert "東村山市役所で" in html
    assert '<del class="review-withheld">村山</del>' in html
