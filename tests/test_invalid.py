"""One fixture per invalid input (tests/invalid/<case>/): exact messages, exit 1, site/ untouched.

Each case is a tiny content/ folder and expected.txt with the exact
`path:line:col: message` lines the build must print.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

import pytest
from conftest import Run, write_tree
from test_publish import snapshot

from kaigiroku.publish.swap import MARK

INVALID = Path(__file__).resolve().parent / "invalid"
CASES = sorted(p for p in INVALID.iterdir() if p.is_dir())


def test_every_required_case_is_there() -> None:
    assert {p.name for p in CASES} >= {
        "unknown-category", "unclosed-redact", "orphan-close", "nested-blocks", "empty-text", "unknown-key",
        "bad-slug", "duplicate-output-path", "bad-yaml", "missing-title"}


@pytest.mark.parametrize("command", ["build", "check"])
@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_invalid_content(case: Path, command: str, tmp_path: Path, cli: Callable[..., Run],
                         monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(case / "content", tmp_path / "content")
    site = write_tree(tmp_path / "site", {"index.html": "the previous build", "feed.xml": "<feed/>", MARK: "{}"})
    before = snapshot(site)
    monkeypatch.chdir(tmp_path)
    run = cli(command, *(["--out", "site"] if command == "build" else []))
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert run.code == 1
    n = len(expected)
    summary = f"{n} error{'s' if n > 1 else ''}" + ("; nothing was written" if command == "build" else "")  # check writes nothing
    assert run.err.splitlines() == [*expected, summary]
    assert run.out == "" and "Traceback" not in run.err
    assert snapshot(site) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".cache") == ["content", "site"]  # no staging left
