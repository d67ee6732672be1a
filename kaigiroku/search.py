"""The search index: Pagefind (extended build, which segments Japanese) over the staged site."""

from __future__ import annotations

import asyncio
import logging
import zlib
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

from .errors import BuildFailure
from .indexmeta import canonicalize, check_whole

CONFIG: IndexConfig = {"force_language": "ja"}


def index_site(root: Path) -> int:
    """Index every meeting page under ``root`` and write ``root/pagefind``; return the page count."""
    logging.getLogger("pagefind").setLevel(logging.WARNING)
    try:
        pages = asyncio.run(_index(root))
    except (OSError, AssertionError, RuntimeError) as exc:
        raise BuildFailure(f"the search indexer (Pagefind) failed: {exc}") from None
    try:
        check_whole(root / "pagefind")
        canonicalize(root / "pagefind")
    except (OSError, EOFError, zlib.error, ValueError, KeyError, IndexError) as exc:
        raise BuildFailure(f"the search index was not written whole ({exc}); "
                           "check free disk space, then build again") from None
    return pages


async def _index(root: Path) -> int:
    # The index is written when the context closes, to this absolute path only.
    config: IndexConfig = {**CONFIG, "output_path": str(root / "pagefind")}
    async with PagefindIndex(config=config) as index:
        result = await index.add_directory(str(root))
    return int(result.get("page_count", 0))
