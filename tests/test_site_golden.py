"""A small content/ → site/ golden tree (HTML pages; the search index is left out).

tests/golden/content is built and every HTML page compared with
tests/golden/site. After a deliberate change of layouts or rendering run
`python tests/update_goldens.py` and review `git diff tests/golden`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from conftest import Run
from goldens import SITE_CONTENT, SITE_GOLDEN, site_pages


def test_site_matches_the_golden_tree(tmp_path: Path, cli: Callable[..., Run]) -> None:
    out = tmp_path / "site"
    run = cli("build", "--content", str(SITE_CONTENT), "--out", str(out))
    assert run.code == 0, run.err
    got = site_pages(out)
    want = {p.relative_to(SITE_GOLDEN).as_posix(): p.read_bytes() for p in sorted(SITE_GOLDEN.rglob("*.html"))}
    assert sorted(got) == sorted(want)
    for rel in want:
        assert got[rel].decode("utf-8") == want[rel].decode("utf-8"), f"{rel} differs from the golden file"


def test_the_golden_tree_leaves_out_the_draft() -> None:
    assert not (SITE_GOLDEN / "disclosure" / "2024-05-01").exists()
    assert all("下書き" not in p.read_text(encoding="utf-8") for p in SITE_GOLDEN.rglob("*.html"))
