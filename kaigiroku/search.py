"""The search index: Pagefind (extended build, which segments Japanese) over the staged site."""

from __future__ import annotations

import asyncio
import logging
import shutil
import zlib
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

from .errors import BuildFailure
from .indexmeta import canonicalize, check_whole

CONFIG: IndexConfig = {"force_language": "ja"}
# Pagefind answers "written" while its last writes may still be pending and then
# its process is stopped, so now and then a file comes out empty: index again.
ATTEMPTS = 3
_UNWHOLE = (OSError, EOFError, zlib.error, ValueError, KeyError, IndexError)


def index_site(root: Path) -> int:
    """Index every meeting page under ``root`` and write ``root/pagefind``; return the page count."""
    logging.getLogger("pagefind").setLevel(logging.WARNING)
    bundle = root / "pagefind"
    problem: Exception | None = None
    for _ in range(ATTEMPTS):
        shutil.rmtree(bundle, ignore_errors=True)  # Pagefind keeps an existing file of the same name
        try:
            pages = asyncio.run(_index(root))
        except (OSError, AssertionError, RuntimeError) as exc:
            raise BuildFailure(f"the search indexer (Pagefind) failed: {exc}") from None
        try:
            check_whole(bundle)
            canonicalize(bundle)
            return pages
        except _UNWHOLE as exc:
            problem = exc
    raise BuildFailure(f"the search index was not written whole ({problem}); "
                       "check free disk space, then build again")


async def _index(root: Path) -> int:
    # The index is written when the context closes, to this absolute path only.
    config: IndexConfig = {**CONFIG, "output_path": str(root / "pagefind")}
    async with PagefindIndex(config=config) as index:
        result = await index.add_directory(str(root))
    return int(result.get("page_count", 0))
