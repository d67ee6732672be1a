"""Render the archive into pages: a mapping of output path → bytes, in memory.

Templates come from ``layouts/`` through Jinja2 with autoescape and
StrictUndefined. Nothing here writes to disk.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from jinja2 import FileSystemBytecodeCache

from kaigiroku.content.model import Archive, Council, Meeting
from kaigiroku.content.speeches import PEOPLE, person_path
from kaigiroku.content.wareki import fiscal_year_label
from kaigiroku.core.cache import digest
from redaction.searchform import VARIANTS

from .feed import FEED, FEED_ENTRIES, entry, layouts_environment, render_feed
from .markdown import MinutesRenderer
from .opendata import SCHEMA_VERSION, index_record, index_records, meeting_record, to_csv, to_json
from .people import people
from .urls import absolute, relative
from .views import MeetingView, view

LAYOUTS = Path(__file__).resolve().parents[2] / "layouts"
RECENT = 10
OPEN_DATA_INDEX = "data/meetings.json"  # every meeting of the build, one record each (issueID: its key)
OPEN_DATA_CSV = "data/meetings.csv"  # the same records as a table
# A page by its path, what it shows (a frozen dataclass: its repr holds every field) and how to render it.
Kept = Callable[[str, Any, Callable[[], bytes]], bytes]


def fresh(path: str, shown: Any, make: Callable[[], bytes]) -> bytes:
    """Rendered every time (no cache)."""
    return make()


class Site:
    """The whole public site as pages in memory."""

    def __init__(self, archive: Archive, layouts: Path = LAYOUTS, preview: bool = False,
                 compiled: Path | None = None):
        """``compiled``: a folder that keeps the layouts compiled between builds (keyed by their source)."""
        self.archive = archive
        self.env = layouts_environment(layouts, bytecode_cache=FileSystemBytecodeCache(str(compiled)) if compiled else None)
        self.renderer = MinutesRenderer()
        self.preview = preview

    def render_all(self, views: dict[str, MeetingView] | None = None) -> dict[str, bytes]:
        a = self.archive
        views = views or {m.key: view(m, self.renderer) for m in a.meetings}
        pages: dict[str, bytes] = {}
        for council in a.councils:
            pages |= self.meeting_pages(council, views)
        if not self.preview:  # the preview of `serve` has neither a search index nor open data
            pages |= {f"{v.meeting.url}meeting.json": self.meeting_data(v) for v in views.values()}
        return pages | self.list_pages(views)

    def list_pages(self, views: dict[str, MeetingView], kept: Kept = fresh,
                   digests: Mapping[str, str] | None = None) -> dict[str, bytes]:
        """Every page but the meetings' own; what lists show of each meeting (``listing``) is enough.
        ``kept``: where a page may come from instead of being rendered again: a speaker's page while
        its person is unchanged; with ``digests`` (meeting key → digest of all a meeting is made of),
        a page that lists meetings while they and the archive's shape are unchanged (``_shows``)."""
        a = self.archive
        shows = self._shows(digests or {})

        def kept_list(path: str, meetings: Sequence[Meeting], make: Callable[[], dict[str, bytes]]) -> dict[str, bytes]:
            shown = shows(meetings)
            return make() if shown is None else {path: kept(path, shown, lambda: make()[path])}

        pages = kept_list("index.html", a.meetings[:RECENT], lambda: self.front_page(views))
        for council in a.councils:
            pages |= kept_list(f"{council.slug}/index.html", a.of_council(council),
                             lambda council=council: self.council_page(council, views))
        pages |= kept_list("nendo/index.html", (), self.years_page)
        for year in a.fiscal_years():
            pages |= kept_list(f"nendo/{year}/index.html", a.of_fiscal_year(year),
                             lambda year=year: self.year_page(year, views))
        if not self.preview:  # the preview renders each meeting when asked for: it knows no one's every speech
            pages |= self.data_index([views[m.key] for m in a.meetings], kept)
            pages |= self.people_pages(views, kept)
            pages["static/variants.json"] = to_json(VARIANTS)
        pages |= kept_list("search/index.html", (), lambda: {"search/index.html": self.page(
            "search.html", "search/index.html", councils=a.councils, years=self.year_summaries())})
        pages["404.html"] = self.page("404.html", "404.html")
        pages |= kept_list(FEED, a.meetings[:FEED_ENTRIES], lambda: self.feed(views))
        shown = [*pages, *(f"{m.url}index.html" for m in a.meetings)]
        pages["sitemap.xml"] = self.page("sitemap.xml", "sitemap.xml", entries=self.sitemap(shown))
        pages["robots.txt"] = self.page("robots.txt", "robots.txt")
        return pages

    def _shows(self, digests: Mapping[str, str]) -> Callable[[Sequence[Meeting]], Any]:
        """What a list page shows, as the key it is kept under: the archive's shape (its councils,
        every field; each meeting's key, date, fiscal year and council: the counts, the years and
        the councils every page shows) and the digest of each meeting it lists (a meeting's view is
        made of it alone, by the layouts and code the cache's base holds); None, not to be kept, if
        one of them has no digest."""
        shape = digest(repr(self.archive.councils),
                       *(f"{m.key}\t{m.date}\t{m.fiscal_year}\t{m.council.slug}" for m in self.archive.meetings))

        def shows(meetings: Sequence[Meeting]) -> Any:
            listed = [digests.get(m.key, "") for m in meetings]
            return (shape, *listed) if all(listed) else None
        return shows

    def front_page(self, views: dict[str, MeetingView]) -> dict[str, bytes]:
        recent = [views[m.key] for m in self.archive.meetings[:RECENT]]
        return {"index.html": self.page("index.html", "index.html", recent=recent,
                                        councils=self.council_summaries(), years=self.year_summaries())}

    def council_page(self, council: Council, views: dict[str, MeetingView]) -> dict[str, bytes]:
        by_year: dict[int, list[MeetingView]] = {}
        for m in self.archive.of_council(council):
            by_year.setdefault(m.fiscal_year, []).append(views[m.key])
        path = f"{council.slug}/index.html"
        return {path: self.page("council.html", path, council=council,
                                years=[(y, fiscal_year_label(y), vs) for y, vs in by_year.items()])}

    def meeting_pages(self, council: Council, views: dict[str, MeetingView],
                      only: set[str] | None = None) -> dict[str, bytes]:
        """The council's meeting pages (or those of the keys in ``only``), each linking its neighbours."""
        items = [views[m.key] for m in self.archive.of_council(council)]
        pages: dict[str, bytes] = {}
        for i, v in enumerate(items):
            if only is not None and v.meeting.key not in only:
                continue
            newer = items[i - 1] if i > 0 else None
            older = items[i + 1] if i + 1 < len(items) else None
            pages[f"{v.meeting.url}index.html"] = self.page(
                "meeting.html", f"{v.meeting.url}index.html", m=v, newer=newer, older=older)
        return pages

    def people_pages(self, views: dict[str, MeetingView], kept: Kept = fresh) -> dict[str, bytes]:
        """hatsugensha/: everyone who speaks by a public name, and a page of each one's speeches (the
        largest list pages: ``kept`` may give back one whose person, every field of it, is unchanged)."""
        everyone = people(views[m.key].sitting() for m in self.archive.meetings)
        index = f"{PEOPLE}/index.html"
        pages = {index: self.page("people.html", index, people=everyone)}
        for person in everyone:
            path = f"{person.path}index.html"
            pages[path] = kept(path, person, lambda: self.page("person.html", path, person=person))
        return pages

    def years_page(self) -> dict[str, bytes]:
        return {"nendo/index.html": self.page("years.html", "nendo/index.html", years=self.year_summaries())}

    def year_page(self, year: int, views: dict[str, MeetingView]) -> dict[str, bytes]:
        a = self.archive
        items = [views[m.key] for m in a.of_fiscal_year(year)]
        path = f"nendo/{year}/index.html"
        return {path: self.page(
            "year.html", path, year=year, year_label=fiscal_year_label(year),
            groups=[(c, [v for v in items if v.meeting.council.slug == c.slug]) for c in a.councils
                    if any(v.meeting.council.slug == c.slug for v in items)])}

    def feed(self, views: dict[str, MeetingView]) -> dict[str, bytes]:
        """The newest meetings by their dates (``publish`` dates the web server's feed by its receipts)."""
        entries = [entry(index_record(views[m.key], self.full_url)) for m in self.archive.meetings[:FEED_ENTRIES]]
        return {FEED: render_feed(self.env, self.archive.site, self.full_url, entries)}

    def page(self, template: str, path: str, **context: Any) -> bytes:
        def url(target: str) -> str:
            return relative(target, path)

        def person_url(name: str) -> str:
            return relative(person_path(name), path)

        html = self.env.get_template(template).render(
            site=self.archive.site, path=path, url=url, person_url=person_url, full_url=self.full_url, preview=self.preview,
            canonical=self.full_url(path.removesuffix("index.html")), **context)
        return html.encode("utf-8")

    def full_url(self, target: str) -> str:
        """An absolute URL: feeds, the sitemap, canonical links and open data only."""
        return absolute(self.archive.site.base_url, target)

    def meeting_data(self, v: MeetingView) -> bytes:
        """The open data of one meeting: the meeting.json beside its page."""
        return to_json(meeting_record(v, self.full_url))

    def data_index(self, views: list[MeetingView], kept: Kept = fresh) -> dict[str, bytes]:
        """data/meetings.json and .csv: the archive's open data index (``kept`` under its records, the
        whole of what both files are made of)."""
        index = index_records(views, self.full_url)
        return {OPEN_DATA_INDEX: kept(OPEN_DATA_INDEX, index, lambda: to_json({"schemaVersion": SCHEMA_VERSION,
                                                                             "meetings": index})),
                OPEN_DATA_CSV: kept(OPEN_DATA_CSV, index, lambda: to_csv(index))}

    def council_summaries(self) -> list[tuple[Council, int]]:
        counts = Counter(m.council.slug for m in self.archive.meetings)
        return [(c, counts[c.slug]) for c in self.archive.councils]

    def year_summaries(self) -> list[tuple[int, str, int]]:
        counts = Counter(m.fiscal_year for m in self.archive.meetings)
        return [(y, fiscal_year_label(y), counts[y]) for y in sorted(counts, reverse=True)]

    def updated(self) -> dt.date:
        return max((m.date for m in self.archive.meetings), default=dt.date(2000, 1, 1))

    def sitemap(self, pages: Iterable[str]) -> list[tuple[str, dt.date]]:
        """Every HTML page but the 404 with the date of the newest meeting it shows."""
        newest = self.updated()
        dates: dict[str, dt.date] = {}
        for m in self.archive.meetings:
            dates[f"{m.url}index.html"] = m.date
            for key in (f"{m.council.slug}/index.html", f"nendo/{m.fiscal_year}/index.html"):
                dates[key] = max(dates.get(key, m.date), m.date)
        return [(path.removesuffix("index.html"), dates.get(path, newest))
                for path in sorted(pages) if path.endswith(".html") and path != "404.html"]
