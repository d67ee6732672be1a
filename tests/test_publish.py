"""Publishing is atomic: a failed build leaves the previous site/ exactly as it was."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Callable

import pytest
from conftest import COUNCIL_YAML, SITE_YAML, Run, meeting, write_tree

import build
from kaigiroku.core.errors import BuildFailure
from kaigiroku.core.files import remove_in_background, write_files
from kaigiroku.publish import swap as pub


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def old_site(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "site", {"index.html": "previous build", "privacy/index.html": "old", pub.MARK: "{}"})


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(".site."))


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two-renames"])
def test_publish_replaces_the_whole_site(old_site: Path, exchange: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if not exchange:
        monkeypatch.setattr(pub, "_exchange", lambda a, b: False)
    with pub.staging(old_site) as stage:
        write_files(stage, {"index.html": b"new", "search/index.html": b"s"})
        pub.publish(stage, old_site)
    assert snapshot(old_site) == {"index.html": b"new", "search/index.html": b"s"}
    assert leftovers(old_site.parent) == []


def gone(folder: Path, seconds: float = 30.0) -> bool:
    """Whether ``folder`` is empty (or gone) within ``seconds``: its removal runs apart."""
    end = time.monotonic() + seconds
    while folder.exists() and any(folder.iterdir()):
        if time.monotonic() > end:
            return False
        time.sleep(0.05)
    return True


def test_a_folder_removed_in_the_background_goes_at_the_lowest_priority(tmp_path: Path) -> None:
    folder = write_tree(tmp_path / "old", {f"m{i}/index.html": "old" for i in range(100)})
    removing = remove_in_background(folder)
    assert removing is not None
    try:
        assert os.getpriority(os.PRIO_PROCESS, removing.pid) == 19
    except ProcessLookupError:  # done already
        pass
    assert removing.wait(30) == 0 and not folder.exists()


def test_the_previous_build_is_removed_from_the_trash_after_the_build(old_site: Path, tmp_path: Path) -> None:
    """With a trash folder (the build's cache has one) the previous build is moved there and removed
    by a process nothing waits for: nothing is left beside the site, and the trash empties."""
    write_tree(old_site, {f"m{i}/index.html": "old" for i in range(200)})
    trash = tmp_path / "cache" / "trash"
    with pub.staging(old_site, trash) as stage:
        write_files(stage, {"index.html": b"new"})
        pub.publish(stage, old_site, trash)
        assert not stage.exists()
    assert snapshot(old_site) == {"index.html": b"new"}
    assert leftovers(old_site.parent) == []
    assert gone(trash)


def test_what_a_build_left_in_the_trash_is_removed_by_the_next(old_site: Path, tmp_path: Path) -> None:
    trash = write_tree(tmp_path / "cache" / "trash", {".site.staging-abc/m0/index.html": "older",
                                                      ".site.staging-abc/m1/index.html": "older"})
    with pub.staging(old_site, trash):
        pass
    assert gone(trash)
    assert snapshot(old_site)["index.html"] == b"previous build"


def test_without_a_usable_trash_the_previous_build_is_removed_before_the_build_ends(old_site: Path,
                                                                                     tmp_path: Path) -> None:
    """A trash that cannot be made (here a file stands where it would be; on another file system the
    move fails alike): the removal is awaited as without one."""
    trash = tmp_path / "trash"
    trash.write_text("not a folder", encoding="utf-8")
    with pub.staging(old_site, trash) as stage:
        write_files(stage, {"index.html": b"new"})
        pub.publish(stage, old_site, trash)
    assert not stage.exists()
    assert leftovers(old_site.parent) == []
    assert snapshot(old_site) == {"index.html": b"new"}


def test_publish_into_a_new_folder(tmp_path: Path) -> None:
    out = tmp_path / "deep" / "site"
    with pub.staging(out) as stage:
        write_files(stage, {"index.html": b"new"})
        pub.publish(stage, out)
    assert snapshot(out) == {"index.html": b"new"}


def test_a_failure_inside_staging_leaves_the_site(old_site: Path) -> None:
    before = snapshot(old_site)
    with pytest.raises(RuntimeError), pub.staging(old_site) as stage:
        write_files(stage, {"index.html": b"half"})
        raise RuntimeError("disk full")
    assert snapshot(old_site) == before
    assert leftovers(old_site.parent) == []


def test_publish_over_a_file_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.write_text("not a folder", encoding="utf-8")
    with pytest.raises(BuildFailure, match="is not a folder"), pub.staging(out) as stage:
        pub.publish(stage, out)


def test_an_interrupted_swap_is_repaired(tmp_path: Path) -> None:
    write_tree(tmp_path / ".site.old-abc", {"index.html": "previous"})
    write_tree(tmp_path / ".site.staging-def", {"index.html": "half"})
    pub.recover(tmp_path / "site")
    assert snapshot(tmp_path / "site") == {"index.html": b"previous"}
    assert leftovers(tmp_path) == []


def content(tmp_path: Path, files: dict[str, str]) -> Path:
    return write_tree(tmp_path / "content", {"site.yaml": SITE_YAML, "disclosure/_council.yaml": COUNCIL_YAML} | files)


def test_a_failing_indexer_leaves_the_site(tmp_path: Path, old_site: Path, cli: Callable[..., Run],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(root: Path, *_: object, **__: object) -> int:
        raise BuildFailure("the search indexer (Pagefind) failed: no binary")

    monkeypatch.setattr(build, "index_site", broken)
    before = snapshot(old_site)
    run = cli("build", "--content", str(content(tmp_path, {"disclosure/2023-07-14.md": meeting()})),
              "--out", str(old_site))
    assert (run.code, run.err) == (1, "error: the search indexer (Pagefind) failed: no binary\n")
    assert snapshot(old_site) == before
    assert leftovers(old_site.parent) == []


def test_a_leak_stops_the_build_and_leaves_the_site(tmp_path: Path, old_site: Path, cli: Callable[..., Run],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    secret = "鑑定評価額は一平方メートル当たり二十四万円"
    files = {"disclosure/2023-07-14.md": meeting(f"{{{{redact:closed}}}}\n{secret}。\n{{{{/redact}}}}\n"),
             "disclosure/2023-08-01.md": meeting(front=f"summary: {secret}とした。\n")}
    before = snapshot(old_site)
    run = cli("build", "--content", str(content(tmp_path, files)), "--out", "site")
    assert run.code == 1
    assert run.err.splitlines()[0].startswith(  # where the text is written, naming the page it reached
        "content/disclosure/2023-08-01.md:4:10: withheld closed text of disclosure/2023-07-14 (block) is written "
        "here in a form the redaction does not withhold and reaches site/disclosure/2023-08-01/index.html")
    assert secret not in run.err and secret not in run.out
    assert snapshot(old_site) == before
    assert leftovers(old_site.parent) == []
