"""Every link is computed here, relative to the page that holds it.

Pages live at ``<dir>/index.html`` (or a file at the top); a link from one
to another climbs out of the current folder and goes down to the target,
so ``site/`` works under any sub-path of a web server.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache


@lru_cache(maxsize=1 << 16)  # the same few links on every page; the preview re-renders pages often
def relative(target: str, page: str) -> str:
    """Link from the page at path ``page`` (e.g. privacy/2014-02-10/index.html) to ``target``.

    A target ending in ``/`` is a folder (its index.html)."""
    here = posixpath.dirname(page) or "."
    rel = posixpath.relpath(target or ".", here)
    if target.endswith("/") or target == "":
        rel = rel.rstrip("/") + "/"
    return "./" if rel == "./" else rel.removeprefix("./")


def absolute(base_url: str, target: str) -> str:
    """An absolute URL, for the feed and the sitemap only."""
    return base_url.rstrip("/") + "/" + target.lstrip("/")
