"""publish --to FOLDER: only a verified build, the plan before, a receipt after, withdrawals named.

Every test publishes with the real rsync into a real folder. What a publish
sent or withdrew is checked against the two builds themselves (which files
differ, which of the target's files a scanner written apart from the
build's own can read a now-withheld string in), never against the
program's own account of it alone.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from proof import build_in_process, exposures, tree_digest
from publishing import BY, MEETINGS, Desk, copy, holds_the_build

from kaigiroku.publish import deploy
from kaigiroku.publish.manifest import FileEntry, Manifest, parse


@pytest.fixture
def desk(tmp_path: Path) -> Desk:
    d = Desk(tmp_path / "desk")
    d.build()
    return d


def plan_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if not line.startswith(("published", "dry run"))]


def test_the_first_publish_puts_the_whole_build_and_records_it(desk: Desk, tmp_path: Path) -> None:
    www = tmp_path / "www" / "kaigiroku"
    www.parent.mkdir()
    run = desk.publish(www)
    assert run.code == 0, run.stderr
    assert holds_the_build(www, desk.site)
    [receipt] = desk.receipts()
    assert {e["published"] for e in feed_entries(www).values()} == {receipt["at"]}  # went out now
    assert receipt["by"] == BY and receipt["target"] == str(www)
    assert receipt["added"] == sorted(tree_digest(desk.site).keys() - {"_manifest.json"})
    assert receipt["changed"] == receipt["removed"] == receipt["withdrawn"] == []
    assert receipt["manifest"] == hashlib.sha256((www / "_manifest.json").read_bytes()).hexdigest()
    assert not (www / ".kaigiroku-publish").exists()
    listed = build_in_process("report", "--content", str(desk.content), "--published")
    assert listed.code == 0 and str(www) in listed.stdout and f"by {BY}" in listed.stdout
    assert f"added {len(receipt['added'])}, changed 0, removed 0, withdrawn 0" in listed.stdout


def test_a_publish_with_nothing_changed_sends_nothing_and_records_nothing(desk: Desk, tmp_path: Path) -> None:
    www = tmp_path / "www"
    assert desk.publish(www).code == 0
    stamps = {p: p.stat().st_mtime_ns for p in www.rglob("*")}
    desk.build()  # a rebuild of the same content: the same bytes
    run = desk.publish(www)
    assert run.code == 0 and "already holds this build: nothing was sent" in run.stdout
    assert "added 0\nchanged 0\nremoved 0" in run.stdout
    assert {p: p.stat().st_mtime_ns for p in www.rglob("*")} == stamps
    assert len(desk.receipts()) == 1


def test_one_edited_meeting_moves_only_its_page_its_lists_and_its_search_files(desk: Desk, tmp_path: Path) -> None:
    www = tmp_path / "www"
    assert desk.publish(www).code == 0
    before = tree_digest(desk.site)
    desk.edit("2024-05-10", "駐輪場について", "駐輪場の料金について")
    desk.wait_past(desk.receipts()[-1]["at"])  # the feed dates to the second: a publish in the same second dates alike
    desk.build()
    after = tree_digest(desk.site)
    differ = {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)} - {"_manifest.json"}
    run = desk.publish(www)
    assert run.code == 0, run.stderr
    [_, receipt] = desk.receipts()
    moved = {*receipt["added"], *receipt["changed"], *receipt["removed"]}
    assert moved == differ | {"feed.xml"}  # the target's feed dates the edit
    [first, _] = desk.receipts()
    entries = feed_entries(www)
    edited = entries["https://www.city.example.lg.jp/kaigiroku/privacy/2024-05-10/"]
    assert (edited["published"], edited["updated"]) == (first["at"], receipt["at"])
    assert all((e["published"], e["updated"]) == (first["at"], first["at"]) for e in entries.values() if e is not edited)
    assert {"privacy/2024-05-10/index.html", "privacy/2024-05-10/meeting.json"} <= moved
    lists = {"index.html", "privacy/index.html", "nendo/index.html", "nendo/2024/index.html", "feed.xml", "sitemap.xml",
             "data/meetings.json", "data/meetings.csv", "search/index.html"}
    others = {p for p in moved if not p.startswith(("privacy/2024-05-10/", "pagefind/", "search/")) and p not in lists}
    assert others == set()
    assert not any(p.startswith(("privacy/2024-04-10/", "privacy/2024-06-10/")) for p in moved)
    assert any(p.startswith("search/g/") for p in moved)  # the search index of its text
    assert receipt["withdrawn"] == []
    assert f"published to {www}: " in run.stdout
    assert holds_the_build(www, desk.site)


def feed_entries(target: Path) -> dict[str, dict[str, str]]:
    """The target's feed: entry id → its published and updated times, in the feed's order."""
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.parse(target / "feed.xml").getroot()
    return {e.findtext(atom + "id"): {"published": e.findtext(atom + "published"),
                                       "updated": e.findtext(atom + "updated")} for e in feed.iter(atom + "entry")}


def test_an_old_meeting_published_today_is_news_today(desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 23, item 12: the feed dated entries by the meeting's date, so a meeting of 2014 imported
    today never showed as new. The target's feed dates them by the receipts and lists the newest
    published first; the build itself stays clock-free."""
    clock = iter(["2026-12-01T09:00:00+09:00", "2026-12-07T10:30:00+09:00", "2026-12-07T10:31:00+09:00"])
    monkeypatch.setattr(deploy, "now", lambda zone: next(clock))  # two publishes, days apart
    www = tmp_path / "www"
    assert desk.publish(www).code == 0
    old = desk.content / "privacy" / "2014-02-10.md"
    old.write_text(MEETINGS["2024-04-10"].replace("2024-04-10", "2014-02-10").replace("令和6年度", "平成25年度"),
                   encoding="utf-8")
    desk.build()
    built = ElementTree.parse(desk.site / "feed.xml").getroot()
    assert built.findall("{http://www.w3.org/2005/Atom}entry")[-1].findtext("{http://www.w3.org/2005/Atom}id").endswith(
        "/privacy/2014-02-10/")  # the build's own feed: by meeting date, no clock
    assert desk.publish(www).code == 0
    [first, second] = desk.receipts()
    entries = feed_entries(www)
    newest_id, newest = next(iter(entries.items()))
    assert newest_id.endswith("/privacy/2014-02-10/") and newest == {"published": second["at"], "updated": second["at"]}
    assert all(e["published"] == first["at"] for i, e in entries.items() if i != newest_id)
    feed = ElementTree.parse(www / "feed.xml").getroot()
    assert feed.findtext("{http://www.w3.org/2005/Atom}updated") == second["at"]
    again = desk.publish(www)  # the same build and receipts: the same feed, nothing sent
    assert "nothing was sent" in again.stdout and len(desk.receipts()) == 2


def test_the_dry_run_shows_the_plan_of_the_real_run_and_changes_nothing(desk: Desk, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The feed dates a changed meeting by the publish: the dry run and the real one are given the
    same minute (from the clock they fell in different seconds now and then, and only the real run
    changed the feed), the first publish an earlier day."""
    clock = iter(["2026-12-01T09:00:00+09:00", *["2026-12-07T10:30:00+09:00"] * 2])
    monkeypatch.setattr(deploy, "now", lambda zone: next(clock))
    www = tmp_path / "www"
    assert desk.publish(www).code == 0
    desk.edit("2024-04-10", "北山公園", "{{redact:administration|北山公園}}")
    desk.build()
    before = tree_digest(www)
    dry = desk.publish(www, "--dry-run")
    assert dry.code == 0, dry.stderr
    assert "dry run: nothing was changed" in dry.stdout
    assert tree_digest(www) == before and len(desk.receipts()) == 1
    real = desk.publish(www)
    assert real.code == 0
    shown = [re.sub(r"manifest \w+", "", line) for line in plan_lines(dry.stdout)]
    assert shown == [re.sub(r"manifest \w+", "", line) for line in plan_lines(real.stdout)]
    receipt = desk.receipts()[-1]
    for what in ("added", "changed", "removed"):
        assert f"{what} {len(receipt[what])}" in dry.stdout
    assert "withdrawn " in dry.stdout and "北山公園" not in dry.stdout + dry.stderr


# Each way a page comes to withhold more than its published version, and edits that withhold nothing more.
WITHDRAWALS = {
    "a-name-marked": (("2024-04-10", "北山公園", "{{redact:administration|北山公園}}"), "北山公園"),
    "a-term-added": (("2024-04-10", "date: 2024-04-10\n", "date: 2024-04-10\nredact_terms:\n  corporate:\n    - 東大和市\n"),
                     "東大和市"),
    "a-mark-widened": (("2024-04-10", "{{redact:personal|鷲尾}}環", "{{redact:personal|鷲尾環}}"), "鷲尾環"),
    "a-block-over-a-paragraph": (("2024-05-10", "（委員）久米川駅の駐輪場について伺います。\n",
                                  "{{redact:deliberation}}\n（委員）久米川駅の駐輪場について伺います。\n{{/redact}}\n"),
                                 "久米川駅の駐輪場について伺います"),
}


@pytest.mark.parametrize("case", WITHDRAWALS, ids=list(WITHDRAWALS))
def test_a_page_that_now_withholds_more_is_named_and_its_lastmod_moves(desk: Desk, tmp_path: Path, case: str) -> None:
    (slug, old, new), secret = WITHDRAWALS[case]
    www = tmp_path / "www"
    assert desk.publish(www).code == 0
    published = copy(www, tmp_path / "before")
    desk.edit(slug, old, new)
    desk.build()
    run = desk.publish(www)
    assert run.code == 0, run.stderr
    receipt = desk.receipts()[-1]
    page = f"privacy/{slug}/index.html"
    files = {page, f"privacy/{slug}/meeting.json"}  # a meeting's page and open data go together
    found = set(exposures(published, [secret]).get(secret, []))  # the target's files that showed it
    if case == "a-mark-widened":  # only 環 was shown, beside the mark: no file holds the whole string
        assert found == set()
    else:
        assert page in found
    index = ("pagefind/", "search/g/")
    search = {p for p in receipt["withdrawn"] if p.startswith(index)}  # read in the index's own form
    assert set(receipt["withdrawn"]) - search == {p for p in found | files if not p.startswith(index)}
    assert search <= {*receipt["removed"], *receipt["changed"]}
    assert bool(search) == (case != "a-mark-widened")
    for path in receipt["withdrawn"]:
        assert f"https://www.city.example.lg.jp/kaigiroku/{path.removesuffix('index.html')}\n" in run.stdout
    assert "showed text that is now withheld" in run.stdout
    assert secret not in run.stdout + run.stderr + (desk.content / "_published.jsonl").read_text(encoding="utf-8")
    loc = f"<loc>https://www.city.example.lg.jp/kaigiroku/privacy/{slug}/</loc><lastmod>{receipt['at']}</lastmod>"
    assert loc in (www / "sitemap.xml").read_text(encoding="utf-8")
    lastmods = re.findall(r"<lastmod>([^<]*)</lastmod>", (www / "sitemap.xml").read_text(encoding="utf-8"))
    assert lastmods.count(receipt["at"]) == 1  # the other pages keep theirs
    assert exposures(www, [secret]) == {}
    desk.build()  # the same input again: the moved lastmod stays, and nothing is sent
    again = desk.publish(www)
    assert "nothing was sent" in again.stdout and loc in (www / "sitemap.xml").read_text(encoding="utf-8")


def test_a_meeting_taken_down_is_withdrawn_file_by_file(desk: Desk, tmp_path: Path) -> None:
    www = tmp_path / "www"
    assert desk.publish(www).code == 0
    (desk.content / "privacy" / "2024-06-10.md").unlink()
    desk.build("--allow-withdraw")  # taking a meeting down is said so
    run = desk.publish(www)
    assert run.code == 0, run.stderr
    receipt = desk.receipts()[-1]
    assert receipt["withdrawn"] == ["privacy/2024-06-10/index.html", "privacy/2024-06-10/meeting.json"]
    assert {"privacy/2024-06-10/index.html", "privacy/2024-06-10/meeting.json"} <= set(receipt["removed"])
    assert not (www / "privacy" / "2024-06-10").exists()
    assert holds_the_build(www, desk.site)


@pytest.mark.parametrize("edit", [
    ("2024-05-10", "駐輪場について", "駐輪場の整備について"),  # text added
    ("2024-04-10", "{{redact:personal|鷲尾}}環さん", "請求者"),  # a mark taken away with its sentence part
    ("2024-04-10", "{{redact:personal|鷲尾}}", "{{redact:corporate|鷲尾}}"),  # another category, the same text
], ids=["text-added", "a-mark-removed", "another-category"])
def test_an_edit_that_withholds_nothing_more_withdraws_nothing(desk: Desk, tmp_path: Path,
                                                               edit: tuple[str, str, str]) -> None:
    www = tmp_path / "www"
    assert desk.publish(www).code == 0
    desk.edit(*edit)
    desk.build()
    run = desk.publish(www)
    assert run.code == 0, run.stderr
    assert desk.receipts()[-1]["withdrawn"] == [] and "withdrawn" not in run.stdout
    assert desk.receipts()[-1]["changed"]


@pytest.mark.parametrize("damage, named", [
    (lambda site: (site / "privacy" / "2024-05-10" / "index.html").write_text("<p>差し替え</p>", encoding="utf-8"),
     "1 edited (privacy/2024-05-10/index.html)"),
    (lambda site: (site / "extra.html").write_text("<p>追加</p>", encoding="utf-8"), "1 added (extra.html)"),
    (lambda site: (site / "feed.xml").unlink(), "1 removed (feed.xml)"),
    (lambda site: (site / "_manifest.json").unlink(), "has no _manifest.json"),
], ids=["edited", "added", "removed", "no-manifest"])
def test_a_site_changed_after_its_build_is_refused(desk: Desk, tmp_path: Path, damage, named: str) -> None:
    www = tmp_path / "www"
    assert desk.publish(www).code == 0
    before = tree_digest(www)
    damage(desk.site)
    run = desk.publish(www)
    assert run.code == 1 and named in run.stderr and "Traceback" not in run.stderr
    assert run.stderr.count("\n") == 1
    assert tree_digest(www) == before and len(desk.receipts()) == 1


def test_a_build_of_other_inputs_is_refused(desk: Desk, tmp_path: Path) -> None:
    desk.edit("2024-05-10", "駐輪場", "駐車場")
    run = desk.publish(tmp_path / "www")
    assert run.code == 1
    assert "is not the build of the current inputs (the content folder changed since it was built)" in run.stderr
    assert not (tmp_path / "www").exists()


def test_a_build_that_require_approval_would_not_publish_is_refused(desk: Desk, tmp_path: Path) -> None:
    site_yaml = desk.content / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8") + "require_approval: true\n", encoding="utf-8")
    run = desk.publish(tmp_path / "www")
    assert run.code == 1 and "was built without require_approval" in run.stderr
    assert not (tmp_path / "www").exists()
    desk.build("--allow-withdraw")  # now only approved meetings are built: none
    assert desk.publish(tmp_path / "www").code == 0
    assert not (tmp_path / "www" / "privacy" / "2024-04-10").exists()


def test_a_folder_of_other_files_is_refused_unless_forced(desk: Desk, tmp_path: Path) -> None:
    www = tmp_path / "www"
    www.mkdir()
    (www / "index.html").write_text("市の別のページ", encoding="utf-8")
    (www / "keep.txt").write_text("残す", encoding="utf-8")
    run = desk.publish(www)
    assert run.code == 2 and "is not an earlier publish of this archive: it holds files but no _manifest.json" in run.stderr
    assert sorted(p.name for p in www.iterdir()) == ["index.html", "keep.txt"]
    forced = desk.publish(www, "--force")
    assert forced.code == 0, forced.stderr
    assert (www / "keep.txt").read_text(encoding="utf-8") == "残す"  # no publish put it there: left alone
    assert (www / "index.html").read_bytes() == (desk.site / "index.html").read_bytes()


def test_a_folder_of_another_archive_is_refused(desk: Desk, tmp_path: Path) -> None:
    www = tmp_path / "www"
    assert desk.publish(www).code == 0
    manifest = json.loads((www / "_manifest.json").read_text(encoding="utf-8"))
    manifest["archive"] = "https://www.other-city.example.lg.jp/minutes/"
    (www / "_manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    run = desk.publish(www)
    assert run.code == 2 and "it holds another archive (https://www.other-city.example.lg.jp/minutes/" in run.stderr


@pytest.mark.parametrize("where", ["site", "content", "site/sub"])
def test_a_target_that_is_or_lies_inside_the_site_or_the_content_is_refused(desk: Desk, where: str) -> None:
    run = desk.publish(desk.root / where)
    assert run.code == 2 and "--to" in run.stderr and "publishing replaces and removes files there" in run.stderr
    assert not (desk.root / "site" / "sub").exists()


def test_a_missing_parent_folder_is_a_clear_error(desk: Desk, tmp_path: Path) -> None:
    run = desk.publish(tmp_path / "no" / "such" / "www")
    assert run.code == 1 and "the folder above the target does not exist: create it first" in run.stderr
    assert "Traceback" not in run.stderr and not desk.receipts()


def test_an_edited_or_removed_receipt_is_detected(desk: Desk, tmp_path: Path) -> None:
    www = tmp_path / "www"
    assert desk.publish(www).code == 0
    desk.edit("2024-05-10", "駐輪場", "駐車場")
    desk.build()
    assert desk.publish(www).code == 0
    chain = desk.content / "_published.jsonl"
    lines = chain.read_text(encoding="utf-8").splitlines()
    edited = json.loads(lines[0])
    edited["by"] = "別の人"
    chain.write_text(json.dumps(edited, ensure_ascii=False) + "\n" + lines[1] + "\n", encoding="utf-8")
    for args in (desk.args(www), ["report", "--content", str(desk.content), "--published"]):
        run = build_in_process(*args)
        col = chain.read_text(encoding="utf-8").splitlines()[0].index('"digest"') + 1
        assert run.code == 1
        assert f"_published.jsonl:1:{col}: publish records chain broken: `digest` does not match the record" in run.stderr
    chain.write_text(lines[1] + "\n", encoding="utf-8")
    run = desk.publish(www)
    assert run.code == 1 and "_published.jsonl:1:" in run.stderr and "chain broken: `prev`" in run.stderr


def test_the_manifest_is_deterministic_and_lists_every_file(desk: Desk, tmp_path: Path) -> None:
    manifest = json.loads((desk.site / "_manifest.json").read_text(encoding="utf-8"))
    files = tree_digest(desk.site)
    assert {p: e["sha256"] for p, e in manifest["files"].items()} == {p: d for p, d in files.items() if p != "_manifest.json"}
    assert all(e["size"] == (desk.site / p).stat().st_size for p, e in manifest["files"].items())
    assert manifest["meetings"] == ["privacy/2024-06-10/", "privacy/2024-05-10/", "privacy/2024-04-10/"]
    assert manifest["newest"] == "2024-06-10" and manifest["program"]["name"] == "kaigiroku"
    assert set(manifest["inputs"]) == {"content", "policy", "layouts", "program"}
    again = build_in_process("build", "--content", str(desk.content), "--out", str(tmp_path / "other"), "-q",
                             "--no-cache")
    assert again.code == 0
    assert (tmp_path / "other" / "_manifest.json").read_bytes() == (desk.site / "_manifest.json").read_bytes()


@pytest.mark.parametrize("names", [[], ["index.html"], ["a b/ü.html", 'q"uote/x', "back\\slash", "tab\there", "日本/語.json", "z", "A"]],
                         ids=["none", "one", "odd-names"])
def test_the_manifest_is_written_as_json_writes_it_indented(names: list[str]) -> None:
    files = {name: FileEntry(f"{i:064x}", i * 1000) for i, name in enumerate(names)}
    manifest = Manifest("https://example.lg.jp/", {"content": "c"}, "2024-06-10", True, ("privacy/2024-06-10/",), files)
    data = {"format": manifest.format, "program": {"name": "kaigiroku", "version": manifest.version},
            "archive": manifest.archive, "inputs": manifest.inputs, "newest": manifest.newest,
            "require_approval": True, "meetings": list(manifest.meetings),
            "files": {name: {"sha256": e.sha256, "size": e.size} for name, e in files.items()}}
    assert manifest.to_bytes() == (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()
    assert parse(manifest.to_bytes()).files == files


def test_the_manifest_is_checked_for_leaks(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    import build
    from kaigiroku.publish import manifest as manifests

    real = manifests.write_manifest

    def leaking(stage: Path, archive, inputs, newest, digests):  # a manifest that would carry a withheld name
        return real(stage, archive, {**inputs, "note": "鷲尾環"}, newest, digests)
    monkeypatch.setattr(build, "write_manifest", leaking)
    before = tree_digest(desk.site)
    run = build_in_process("build", "--content", str(desk.content), "--out", str(desk.site), "-q", "--no-cache")
    assert run.code == 1
    assert "site/_manifest.json:1:1: withheld personal text of privacy/2024-04-10" in run.stderr
    assert tree_digest(desk.site) == before


def test_publishing_writes_no_withheld_text_anywhere(desk: Desk, tmp_path: Path) -> None:
    www = tmp_path / "www"
    run = desk.publish(www)
    assert "鷲尾" not in run.stdout + run.stderr
    assert exposures(www, ["鷲尾"]) == {}
    assert "鷲尾" not in (desk.content / "_published.jsonl").read_text(encoding="utf-8")


def test_the_receipts_are_not_an_input_of_the_build(desk: Desk, tmp_path: Path) -> None:
    assert desk.publish(tmp_path / "www").code == 0
    run = desk.build()
    assert "is up to date" in run.stdout  # appending a receipt changed no input
    assert desk.publish(tmp_path / "www2").code == 0  # nor does it make the build stale for publish

