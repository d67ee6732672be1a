"""The pictures of the review desk in docs/review.md are taken by a script (tests/browser/desk_screenshots.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.desk_screenshots import ROOT, SHOTS, take

pytestmark = pytest.mark.browser


def test_the_screenshots_in_docs_review_md_are_taken_by_a_script(tmp_path: Path) -> None:
    made = take(tmp_path / "img")
    assert [p.name for p in made] == list(SHOTS)
    for path in made:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 5000, path
    walkthrough = (ROOT / "docs" / "review.md").read_text(encoding="utf-8")
    for name in SHOTS:
        assert f"](img/{name})" in walkthrough and (ROOT / "docs" / "img" / name).is_file(), name
