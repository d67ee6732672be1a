"""A small generated archive over three fiscal years, built once, and copies of its site indexed
again in other ways (one bundle, a bundle per fiscal year, with a store)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import SHARED

import build
from kaigiroku.content.model import Archive
from kaigiroku.search.index import MAP_PATH, Indexed, index_site
from kaigiroku.search.shards import SHARD_FROM

# Two generated corpora, of the same two councils, six years apart: three fiscal years in all.
CORPORA = [["--seed", "5"], ["--seed", "6", "--last-fiscal-year", "2019"]]
CORPUS_ARGS = ["--meetings", "12", "--size-kb", "4", "--councils", "2", "--pii-rate", "0"]


def generated_site(root: Path) -> tuple[Path, Archive]:
    """Generate the corpus and build it; the site and its archive."""
    for i, args in enumerate(CORPORA):
        subprocess.run([sys.executable, str(SHARED / "bench" / "gen_corpus.py"), *CORPUS_ARGS, *args, "--out",
                        str(root / f"part{i}"), "--manifest", str(root / f"manifest{i}.json")],
                       check=True, capture_output=True)
        shutil.copytree(root / f"part{i}", root / "content", dirs_exist_ok=True)
    assert build.main(["build", "--content", str(root / "content"), "--out", str(root / "site"), "-q"]) == 0
    return root / "site", build.load(build.Options(content=root / "content")).loaded.archive


def unindexed_copy(site: Path, to: Path) -> Path:
    """A copy of ``site`` without its search index, as the index stage finds the staging folder."""
    shutil.copytree(site, to, ignore=shutil.ignore_patterns("pagefind", "g"))
    (to / MAP_PATH).unlink()
    return to


def reindexed(site: Path, archive: Archive, to: Path, store: Path | None = None, jobs: int = 1,
              shard_from: int = SHARD_FROM, chunk: int = 0) -> tuple[Path, Indexed]:
    copy = unindexed_copy(site, to)
    return copy, index_site(copy, archive, store=store, jobs=jobs, shard_from=shard_from, chunk=chunk)
