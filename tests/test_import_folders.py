"""`import DIR…`: whole folders, the report, --dry-run, councils from the title, the source digest that
keeps a file from being imported twice, and the detectors' findings per meeting (issue 21, items 3 and 5)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import yaml
from conftest import write_tree

from kaigiroku.content.loading import load_content
from redaction.detectors import build_detectors
from redaction.policy import load_policy

LEGACY = Path(__file__).with_name("fixtures") / "legacy"
MIXED = {
    "seed_000.txt": LEGACY / "seed_000.txt",
    "2023/labelled.html": LEGACY / "layouts" / "labelled.html",
    "2023/features.docx": LEGACY / "office" / "features.docx",
    "2023/ruby.pdf": LEGACY / "office" / "ruby.pdf",
    "2023/bracketed.txt": LEGACY / "layouts" / "bracketed.txt",
}


def folder(tmp_path: Path, files: dict[str, Path], extra: tuple[str, ...] = ("表紙.xlsx", ".DS_Store")) -> Path:
    root = tmp_path / "records"
    for name, source in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, root / name)
    for name in extra:
        (root / name).write_bytes(b"not a record")
    return root


def snapshot(content: Path) -> dict[str, bytes]:
    return {str(p.relative_to(content)): p.read_bytes() for p in sorted(content.rglob("*")) if p.is_file()}


def test_a_folder_of_mixed_files_imported_twice_imports_nothing_the_second_time(tmp_path: Path, cli) -> None:
    records, content = folder(tmp_path, MIXED), tmp_path / "content"
    first = cli("import", str(records), "--council", "kankyo", "--content", str(content))
    assert first.code == 0, first.err
    assert first.out.count("\nimported  ") + first.out.startswith("imported  ") == 5
    assert "skipped   " + str(records / "表紙.xlsx") + ": not a kind of file the importer reads (.xlsx)" in first.out
    assert ".DS_Store" not in first.out
    assert "6 files: 5 imported, 1 skipped, 0 refused;" in first.out
    before = snapshot(content)
    assert sorted(before) == ["kankyo/2014-02-10.md", "kankyo/2023-07-04.md", "kankyo/2023-10-03-2.md",
                              "kankyo/2023-10-03.md", "kankyo/2024-01-16.md", "kankyo/_council.yaml", "site.yaml"]

    second = cli("import", str(records), "--council", "kankyo", "--content", str(content))
    assert second.code == 0, second.err
    assert "imported  " not in second.out
    assert "6 files: 0 imported, 6 skipped, 0 refused; 0 findings to decide" in second.out
    assert "nothing to import: every file was imported before or is not a record" in second.out
    assert f"skipped   {records / 'seed_000.txt'}: imported before, as {content / 'kankyo' / '2014-02-10.md'} " \
           "(the same file)" in second.out
    assert snapshot(content) == before


def test_the_source_digest_is_remembered_in_the_front_matter(tmp_path: Path, cli) -> None:
    content = tmp_path / "content"
    assert cli("import", str(LEGACY / "seed_000.txt"), "--council", "privacy", "--content", str(content)).code == 0
    front = yaml.safe_load((content / "privacy" / "2014-02-10.md").read_text(encoding="utf-8").split("---\n")[1])
    assert front["x-source"] == "seed_000.txt"
    assert front["x-source-sha256"] == hashlib.sha256((LEGACY / "seed_000.txt").read_bytes()).hexdigest()
    renamed = tmp_path / "elsewhere" / "minutes.txt"  # the same bytes under another name: still the same file
    renamed.parent.mkdir()
    renamed.write_bytes((LEGACY / "seed_000.txt").read_bytes())
    again = cli("import", str(renamed), "--council", "privacy", "--content", str(content))
    assert again.code == 0 and "skipped   " in again.out
    forced = cli("import", str(renamed), "--council", "privacy", "--content", str(content), "--force")
    assert forced.code == 0 and "imported  " in forced.out


def test_a_dry_run_writes_nothing_and_says_what_it_would_do(tmp_path: Path, cli) -> None:
    records, content = folder(tmp_path, MIXED), tmp_path / "content"
    result = cli("import", str(records), "--council", "kankyo", "--content", str(content), "--dry-run")
    assert result.code == 0, result.err
    assert not content.exists()
    assert result.out.count("would import  ") == 5
    assert f"would create {content / 'kankyo' / '_council.yaml'}" in result.out
    assert "6 files: 5 to import, 1 skipped, 0 refused;" in result.out and "dry run: nothing was written" in result.out


def test_refused_files_leave_nothing_and_the_others_import(tmp_path: Path, cli) -> None:
    bad = {name: LEGACY / "office" / name for name in ("tracked_changes.docx", "commented.docx", "scanned.pdf",
                                                         "encrypted.pdf", "damaged.pdf", "damaged.docx")}
    records, content = folder(tmp_path, {**bad, "seed_000.txt": LEGACY / "seed_000.txt"}, extra=()), tmp_path / "content"
    result = cli("import", str(records), "--council", "privacy", "--content", str(content))
    assert result.code == 1
    assert result.out.count("refused   ") == 6 and "7 files: 1 imported, 0 skipped, 6 refused;" in result.out
    assert sorted(snapshot(content)) == ["privacy/2014-02-10.md", "privacy/_council.yaml", "site.yaml"]  # no temp files


def test_councils_from_the_title_and_a_mapping_file(tmp_path: Path, cli) -> None:
    content = write_tree(tmp_path / "content", {"privacy/_council.yaml": "name: 個人情報保護運営審議会\n"})
    mapping = tmp_path / "councils.yaml"
    mapping.write_text("環境審議会: kankyo\n", encoding="utf-8")
    records = folder(tmp_path, {"a.txt": LEGACY / "seed_000.txt", "b.txt": LEGACY / "layouts" / "numbered.txt",
                                "c.txt": LEGACY / "layouts" / "labelled.txt"}, extra=())
    result = cli("import", str(records), "--council-map", str(mapping), "--content", str(content))
    assert result.code == 1
    assert f"imported  {records / 'a.txt'} → {content / 'privacy' / '2014-02-10.md'}" in result.out
    assert f"imported  {records / 'b.txt'} → {content / 'kankyo' / '2023-10-03.md'}" in result.out
    assert f"refused   {records / 'c.txt'}: no council for 「あおば市図書館協議会」: add `あおば市図書館協議会: SLUG` " \
           "to the mapping file (--council-map), or import this file with --council SLUG" in result.out
    assert (content / "kankyo" / "_council.yaml").read_text(encoding="utf-8") == "name: みどり市環境審議会\n"
    without_map = cli("import", str(LEGACY / "seed_000.txt"), "--council-from-title", "--content", str(tmp_path / "c2"))
    assert without_map.code == 1 and "no council for 「個人情報保護運営審議会」" in without_map.out


def test_a_bad_mapping_file_and_conflicting_options(tmp_path: Path, cli) -> None:
    mapping = tmp_path / "councils.yaml"
    mapping.write_text("環境審議会: 環境\n", encoding="utf-8")
    bad = cli("import", str(LEGACY / "seed_000.txt"), "--council-map", str(mapping), "--content", str(tmp_path / "c"))
    assert bad.code == 1 and f"{mapping}:1:8: council `環境` cannot be a folder of content/" in bad.err
    both = cli("import", str(LEGACY / "seed_000.txt"), "--council", "privacy", "--council-from-title")
    assert both.code == 2
    neither = cli("import", str(LEGACY / "seed_000.txt"))
    assert neither.code == 2


def test_each_imported_meeting_lists_the_findings_check_would_show(tmp_path: Path, cli) -> None:
    content = write_tree(tmp_path / "content", {"site.yaml": "title: t\norganization: 東村山市\nbase_url: https://x.jp/\n"})
    result = cli("import", str(LEGACY / "seed_000.txt"), "--council", "privacy", "--content", str(content))
    assert result.code == 0, result.err
    policy = load_policy()
    loaded = load_content(content, policy, build_detectors(policy), include_drafts=True)
    expected = [f"{f.path}:{f.line}:{f.col}: {f.message(False)}" for m in loaded.archive.meetings for f in m.findings]
    assert expected, "the seed holds something for the detectors"
    listed = [line.strip() for line in result.out.splitlines() if line.startswith("            ")]
    assert listed == expected
    assert f"{len(expected)} finding{'s' if len(expected) > 1 else ''} to decide" in result.out
    assert all(f.text not in result.out for m in loaded.archive.meetings for f in m.findings)  # masked in a log


def test_a_first_import_makes_site_yaml_and_ends_with_the_next_command(tmp_path: Path, cli) -> None:
    """Issue 23, item 8: an import into a fresh content folder left no site.yaml and no hint; the
    imported folder now builds once its findings are decided."""
    records, content = folder(tmp_path, {"seed_000.txt": LEGACY / "seed_000.txt"}, extra=()), tmp_path / "content"
    dry = cli("import", str(records), "--council", "privacy", "--content", str(content), "--dry-run")
    assert "would create " + str(content / "site.yaml") in dry.out and not content.exists()
    run = cli("import", str(records), "--council", "privacy", "--content", str(content))
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert f"created {content / 'site.yaml'}: set the city's title, organization and base_url in it" in lines
    assert lines[-1].startswith("next: ") and "`python build.py check`" in lines[-1]
    assert (content / "site.yaml").is_file()
    again = cli("import", str(records), "--council", "privacy", "--content", str(content))
    assert "site.yaml" not in again.out and not again.out.splitlines()[-1].startswith("next: ")
    assert cli("check", "--content", str(content)).out.endswith("to review, 0 warnings\n")  # it loads
