"""The feed the web server gets: dated by the receipts, not by the meetings.

A meeting's ``<published>`` is the time of the first publish to this target that added its page,
its ``<updated>`` the last one that changed it (this publish's own time for a page it adds or
changes), and the feed lists the meetings newest published first: a meeting of 2014 imported and
published today is news today. It depends only on the build and the receipts, so publishing the
same build again sends nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

from kaigiroku.content.loading import load_site
from kaigiroku.render.feed import entry, layouts_environment, newest, render_feed
from kaigiroku.render.pages import OPEN_DATA_INDEX
from kaigiroku.render.urls import absolute

from .plan import Plan
from .receipt import Receipt


def published_feed(site: Path, content: Path, layouts: Path, target: str, receipts: Sequence[Receipt],
                   pages: Plan, at: str) -> bytes:
    """``feed.xml`` for ``target``: ``pages`` is what this publish adds and changes of the build's files."""
    config = load_site(content / "site.yaml")
    mine = [r for r in receipts if r.target == target]
    records = json.loads((site / OPEN_DATA_INDEX).read_text(encoding="utf-8"))["meetings"]
    entries = []
    for record in records:
        page = f"{record['issueID']}/index.html"
        first = next((r.at for r in mine if page in r.added), at)
        changed = [r.at for r in mine if page in r.added or page in r.changed]
        last = at if page in pages.added or page in pages.changed else (changed[-1] if changed else first)
        entries.append(entry(record, first, last))
    return render_feed(layouts_environment(layouts), config, lambda path: absolute(config.base_url, path),
                       newest(entries))
