"""A build replaces its output folder whole, so `--out` may not name a folder whose loss would
destroy something: the content, the layouts, the policy, the program, or another site's files."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

import pytest
from conftest import COUNCIL_YAML, SITE_YAML, Run, meeting, write_tree

from kaigiroku.core.errors import UsageError
from kaigiroku.publish.swap import MARK, check_target
from redaction.policy import DEFAULT_POLICY

WHOLE = "and a build replaces its output folder whole"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with content/, a copy of the policy in rules/, another site in www/ and a file."""
    write_tree(tmp_path / "content", {"site.yaml": SITE_YAML, "disclosure/_council.yaml": COUNCIL_YAML,
                                      "disclosure/2023-07-14.md": meeting()})
    (tmp_path / "rules").mkdir()
    shutil.copy(DEFAULT_POLICY, tmp_path / "rules" / "policy.yaml")
    write_tree(tmp_path / "www", {"index.html": "<p>市のトップページ</p>", "kurashi/index.html": "<p>くらし</p>"})
    (tmp_path / "notes.txt").write_text("メモ", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("out, message", [
    ("content", f"--out content is the content folder, {WHOLE}; choose a folder of its own, such as site/"),
    (".", f"--out . holds the content folder, {WHOLE}; choose a folder of its own, such as site/"),
    ("content/site", f"--out content/site lies inside the content folder, {WHOLE}; "
                     "choose a folder of its own, such as site/"),
    ("rules", f"--out rules holds the policy file, {WHOLE}; choose a folder of its own, such as site/"),
    ("www", f"--out www holds files that are not an earlier build (it has no {MARK}), {WHOLE}; "
            "choose a new or empty folder, or move those files away"),
    ("rules/policy.yaml", "--out rules/policy.yaml is the policy file, and a build replaces its output folder whole; "
                          "choose a folder of its own, such as site/"),
    ("content/site.yaml", "--out content/site.yaml lies inside the content folder, and a build replaces its output "
                          "folder whole; choose a folder of its own, such as site/"),
    ("notes.txt", "--out notes.txt is a file, not a folder; choose a folder of its own, such as site/"),
    ("private", f"--out private holds its build cache, {WHOLE}; choose a folder of its own, such as site/"),
], ids=["content", "holds-content", "inside-content", "holds-policy", "another-site", "the-policy", "a-content-file",
        "a-file", "the-cache"])
def test_an_output_folder_that_would_destroy_files_is_refused(project: Path, cli: Callable[..., Run], out: str,
                                                              message: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAIGIROKU_CACHE_DIR", str(project / "private" / "caches"))  # a cache home inside --out
    before = snapshot(project)
    run = cli("build", "--content", "content", "--policy", "rules/policy.yaml", "--out", out)
    assert (run.code, run.out, run.err) == (2, "", f"error: {message}\n")
    assert snapshot(project) == before
    assert sorted(p.name for p in project.iterdir()) == ["content", "notes.txt", "rules", "www"]  # no staging, no cache


def test_an_empty_folder_or_an_earlier_build_is_replaced(project: Path, cli: Callable[..., Run]) -> None:
    (project / "public").mkdir()
    assert cli("build", "--content", "content", "--out", "public").code == 0
    assert (project / "public" / MARK).is_file()
    (project / "content" / "disclosure" / "2023-07-15.md").write_text(meeting().replace("07-14", "07-15"),
                                                                      encoding="utf-8")
    assert cli("build", "--content", "content", "--out", "public").code == 0
    assert (project / "public" / "disclosure" / "2023-07-15" / "index.html").is_file()


@pytest.mark.parametrize("out, where", [
    ("app", "holds this program"),
    (".", "holds this program"),
    ("theme", "holds the layouts"),
    ("theme/layouts", "is the layouts"),
    ("theme/layouts/static", "lies inside the layouts"),
])
def test_the_program_and_its_layouts_are_kept(tmp_path: Path, out: str, where: str) -> None:
    app = write_tree(tmp_path / "app", {"build.py": ""})
    theme = write_tree(tmp_path / "theme", {"layouts/static/style.css": ""})
    keep = {"this program": app / "build.py", "the layouts": theme / "layouts"}
    with pytest.raises(UsageError, match=f"^--out {tmp_path / out} {where}, "):
        check_target(tmp_path / out, keep)
    check_target(app / "site", keep)  # beside the program, as by default
