"""Render the archive into pages: a mapping of output path → bytes, in memory.

Templates come from ``layouts/`` through Jinja2 with autoescape and
StrictUndefined. Nothing here writes to disk.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from redaction.operators import marked, plain
from redaction.policy import Category

from .markdown import MinutesRenderer
from .model import Archive, Council, Meeting
from .urls import absolute, relative
from .wareki import fiscal_year_label, japanese_date

LAYOUTS = Path(__file__).resolve().parent.parent / "layouts"
RECENT = 10
FEED_ENTRIES = 50


@dataclass(frozen=True)
class MeetingView:
    """What the layouts may show of a meeting: plain text and safe HTML only."""

    meeting: Meeting
    title: str  # plain text, marks as their labels
    title_html: Markup
    summary: str
    date_label: str
    time_label: str
    fiscal_year_label: str
    body_html: Markup
    withheld: list[tuple[Category, int]]

    def html(self, text: str) -> Markup:
        return Markup(marked(text, self.meeting.redactions))

    def text(self, text: str) -> str:
        return plain(text, self.meeting.redactions)


def time_label(start: str, end: str) -> str:
    def jp(t: str) -> str:
        h, m = (int(x) for x in t.split(":"))
        period = "午前" if h < 12 else "午後"
        h12 = h if h <= 12 else h - 12
        return f"{period}{h12}時" + (f"{m}分" if m else "")
    if start and end:
        return f"{jp(start)}～{jp(end)}"
    return jp(start) if start else ""


def view(meeting: Meeting, renderer: MinutesRenderer) -> MeetingView:
    counts = Counter(r.category for r in meeting.redactions)
    return MeetingView(
        meeting=meeting,
        title=plain(meeting.title, meeting.redactions),
        title_html=Markup(marked(meeting.title, meeting.redactions)),
        summary=plain(meeting.summary, meeting.redactions),
        date_label=japanese_date(meeting.date),
        time_label=time_label(meeting.start, meeting.end),
        fiscal_year_label=fiscal_year_label(meeting.fiscal_year),
        body_html=Markup(renderer.render(meeting.body, meeting.redactions)),
        withheld=sorted(counts.items(), key=lambda kv: (kv[0].item or 99, kv[0].key)),
    )


class Site:
    """The whole public site as pages in memory."""

    def __init__(self, archive: Archive, layouts: Path = LAYOUTS, preview: bool = False):
        self.archive = archive
        self.env = Environment(
            loader=FileSystemLoader(layouts), autoescape=select_autoescape(["html", "xml"]),
            undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        )
        self.renderer = MinutesRenderer()
        self.preview = preview

    def render_all(self, views: dict[str, MeetingView] | None = None) -> dict[str, bytes]:
        a = self.archive
        views = views or {m.key: view(m, self.renderer) for m in a.meetings}
        pages: dict[str, bytes] = {}
        ordered = [views[m.key] for m in a.meetings]
        pages["index.html"] = self.page("index.html", "index.html", recent=ordered[:RECENT],
                                        councils=self.council_summaries(), years=self.year_summaries())
        for council in a.councils:
            items = [views[m.key] for m in a.of_council(council)]
            by_year: dict[int, list[MeetingView]] = {}
            for v in items:
                by_year.setdefault(v.meeting.fiscal_year, []).append(v)
            pages[f"{council.slug}/index.html"] = self.page(
                "council.html", f"{council.slug}/index.html", council=council,
                years=[(y, fiscal_year_label(y), vs) for y, vs in by_year.items()])
            for i, v in enumerate(items):
                newer = items[i - 1] if i > 0 else None
                older = items[i + 1] if i + 1 < len(items) else None
                pages[f"{v.meeting.url}index.html"] = self.page(
                    "meeting.html", f"{v.meeting.url}index.html", m=v, newer=newer, older=older)
        pages["nendo/index.html"] = self.page("years.html", "nendo/index.html", years=self.year_summaries())
        for year in a.fiscal_years():
            items = [views[m.key] for m in a.of_fiscal_year(year)]
            pages[f"nendo/{year}/index.html"] = self.page(
                "year.html", f"nendo/{year}/index.html", year=year, year_label=fiscal_year_label(year),
                groups=[(c, [v for v in items if v.meeting.council.slug == c.slug]) for c in a.councils
                        if any(v.meeting.council.slug == c.slug for v in items)])
        pages["search/index.html"] = self.page("search.html", "search/index.html",
                                               councils=a.councils, years=self.year_summaries())
        pages["404.html"] = self.page("404.html", "404.html")
        pages["feed.xml"] = self.page("feed.xml", "feed.xml", entries=ordered[:FEED_ENTRIES], updated=self.updated())
        pages["sitemap.xml"] = self.page("sitemap.xml", "sitemap.xml", entries=self.sitemap(pages))
        pages["robots.txt"] = self.page("robots.txt", "robots.txt")
        return pages

    def page(self, template: str, path: str, **context: Any) -> bytes:
        def url(target: str) -> str:
            return relative(target, path)

        def full(target: str) -> str:
            return absolute(self.archive.site.base_url, target)

        html = self.env.get_template(template).render(
            site=self.archive.site, path=path, url=url, full_url=full, preview=self.preview,
            canonical=full(path.removesuffix("index.html")), **context)
        return html.encode("utf-8")

    def council_summaries(self) -> list[tuple[Council, int]]:
        return [(c, len(self.archive.of_council(c))) for c in self.archive.councils]

    def year_summaries(self) -> list[tuple[int, str, int]]:
        return [(y, fiscal_year_label(y), len(self.archive.of_fiscal_year(y))) for y in self.archive.fiscal_years()]

    def updated(self) -> dt.date:
        return max((m.date for m in self.archive.meetings), default=dt.date(2000, 1, 1))

    def sitemap(self, pages: dict[str, bytes]) -> list[tuple[str, dt.date]]:
        """Every HTML page but the 404 with the date of the newest meeting it shows."""
        newest = self.updated()
        dates: dict[str, dt.date] = {}
        for m in self.archive.meetings:
            dates[f"{m.url}index.html"] = m.date
            for key in (f"{m.council.slug}/index.html", f"nendo/{m.fiscal_year}/index.html"):
                dates[key] = max(dates.get(key, m.date), m.date)
        return [(path.removesuffix("index.html"), dates.get(path, newest))
                for path in sorted(pages) if path.endswith(".html") and path != "404.html"]
