"""A public build lets go of the minutes once the pages are rendered.

The search index and the leak check read the staged pages, not the minutes;
at 10,000 meetings the minutes are about 1 GB that a build would otherwise
hold while Pagefind runs (docs/performance.md). What the leak check needs of
them (which pieces of a withheld block are published anyway) is worked out
before they are let go.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from proof import build_in_process, exposures, meeting, write_content

import build
from kaigiroku.content.model import Meeting

QUOTED = "再発防止策は来月の本会議で報告する予定です。"
HIDDEN = "職員の処分の内容はまだ決まっていません。"
BLOCK = f"{{{{redact:administration}}}}\n{QUOTED}\n\n{HIDDEN}\n{{{{/redact}}}}"


@pytest.fixture()
def content(tmp_path: Path) -> Path:
    """Two meetings: the later withholds a block that quotes a sentence the earlier publishes."""
    return write_content(tmp_path / "content", {
        "2024-05-10": meeting(f"（総務課長）{QUOTED}"),
        "2024-06-14": meeting(f"（会長）秘密会とします。\n\n{BLOCK}", title="令和6年度第2回個人情報保護運営審議会",
                              date="2024-06-14"),
    })


def test_the_index_is_given_the_meetings_without_their_minutes(content: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    given: list[Meeting] = []
    real = build.index_site

    def index_site(stage: Path, archive: Any, *args: Any, **kwargs: Any) -> Any:
        given.extend(archive.meetings)
        return real(stage, archive, *args, **kwargs)
    monkeypatch.setattr(build, "index_site", index_site)
    run = build_in_process("build", "--content", str(content), "--out", str(tmp_path / "site"), "--jobs", "1")
    assert run.code == 0, run.stderr
    assert [m.key for m in given] == ["privacy/2024-06-14", "privacy/2024-05-10"]
    assert all(m.body == "" and m.redactions == () for m in given)


def test_a_block_quoting_another_meetings_minutes_is_still_no_leak(content: Path, tmp_path: Path) -> None:
    """The pieces of a block that other minutes publish are found while the minutes are held."""
    out = tmp_path / "site"
    run = build_in_process("build", "--content", str(content), "--out", str(out), "--jobs", "1")
    assert run.code == 0, run.stderr
    assert exposures(out, [HIDDEN]) == {}
    assert QUOTED in (out / "privacy" / "2024-05-10" / "index.html").read_text(encoding="utf-8")
