"""What the repository ignores and what README says of itself (issue 23, item 13)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def ignored(path: str) -> bool:
    return subprocess.run(["git", "check-ignore", "-q", "--no-index", path], cwd=ROOT).returncode == 0


@pytest.mark.parametrize("out", sorted({"site", *re.findall(r"--out ([a-z][\w-]*)", README)}))
def test_every_output_folder_readme_builds_and_its_staging_folders_are_ignored(out: str) -> None:
    for path in (f"{out}/index.html", f".{out}.staging-k2x9/index.html", f".{out}.old-k2x9/index.html"):
        assert ignored(path), path


def test_the_caches_are_ignored_and_the_sources_are_not() -> None:
    assert ignored(".cache/kaigiroku/site-0123456789abcdef/meetings/x.pickle")
    for path in ("content/privacy/2014-02-10.md", "kaigiroku/core/cache.py", "layouts/meeting.html"):
        assert not ignored(path), path


def test_readme_holds_no_notes_between_engineers() -> None:
    assert not re.search(r"may extend this section|\bTODO\b|\bFIXME\b", README)
