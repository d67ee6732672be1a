"""The Atom feed (``feed.xml``): the newest meetings, written through ``layouts/feed.xml``.

The build writes it with each meeting's date, clock-free. ``publish`` writes the one the web server
gets (``kaigiroku.publish.feed``) with the same layout, from the same open data, dated by the
receipts: when each meeting first went out and last changed, newest published first, so a meeting
of 2014 imported today is news today.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from kaigiroku.content.model import SiteConfig
from kaigiroku.content.wareki import japanese_date

FEED = "feed.xml"
FEED_ENTRIES = 50


@dataclass(frozen=True)
class FeedEntry:
    """What the feed says of a meeting; times are ISO 8601 with their offset."""

    url: str  # absolute
    title: str
    summary: str
    council_slug: str
    council_name: str
    published: str
    updated: str
    date: str = ""  # the meeting's, ISO: orders the meetings that went out at the same moment


def entry(record: dict[str, Any], published: str = "", updated: str = "") -> FeedEntry:
    """A feed entry from a meeting's open data record (``data/meetings.json``); without times, the
    meeting's own date."""
    date = dt.date.fromisoformat(record["date"])
    day = f"{date.isoformat()}T00:00:00+09:00"
    summary = record["summary"] or f"{record['nameOfMeeting']}（{japanese_date(date)}）の会議録"
    return FeedEntry(record["meetingURL"], record["title"], summary, record["councilSlug"], record["nameOfMeeting"],
                     published or day, updated or published or day, date.isoformat())


def render_feed(env: Environment, site: SiteConfig, full_url: Callable[[str], str],
                entries: Sequence[FeedEntry]) -> bytes:
    updated = max((e.updated for e in entries), default="2000-01-01T00:00:00+09:00")
    return env.get_template(FEED).render(site=site, full_url=full_url, entries=entries, updated=updated).encode("utf-8")


def newest(entries: Iterable[FeedEntry]) -> list[FeedEntry]:
    """The ``FEED_ENTRIES`` newest by publication; those of the same moment newest meeting first."""
    return sorted(entries, key=lambda e: (e.published, e.date, e.url), reverse=True)[:FEED_ENTRIES]


def layouts_environment(layouts: Path, **options: Any) -> Environment:
    """The layouts' Jinja2 environment: autoescape, StrictUndefined (a missing value is an error)."""
    return Environment(loader=FileSystemLoader(layouts), autoescape=select_autoescape(["html", "xml"]),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                       **options)
