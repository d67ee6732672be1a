"""The archive's data: site settings, councils and meetings, all frozen."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Callable, Iterable, Mapping, TypeVar

from redaction.model import Finding, Redaction

from .wareki import fiscal_year

K = TypeVar("K")


@dataclass(frozen=True)
class SiteConfig:
    title: str
    organization: str
    base_url: str
    language: str = "ja"
    require_approval: bool = False
    description: str = ""
    timezone: str = "Asia/Tokyo"  # IANA name: the local time that approvals and publications record


@dataclass(frozen=True)
class Council:
    slug: str
    name: str
    description: str = ""
    order: int = 0


@dataclass(frozen=True)
class Meeting:
    """One meeting after redaction: text fields may hold placeholders, never withheld text."""

    council: Council
    slug: str
    source: str  # path shown in messages
    title: str
    date: dt.date
    body: str
    body_line: int
    redactions: tuple[Redaction, ...]
    start: str = ""
    end: str = ""
    place: str = ""
    attendees: tuple[str, ...] = ()
    absentees: tuple[str, ...] = ()
    secretariat: tuple[str, ...] = ()
    public_attendance: bool | None = None
    public_attendance_reason: str = ""
    agenda: tuple[str, ...] = ()
    contact: str = ""
    summary: str = ""
    status: str = "published"
    speaker_style: str = "auto"  # the convention of the speaker labels: auto, council or brackets
    explainers: tuple[str, ...] = ()  # 説明のため出席した者: officials present to answer
    extra: tuple[tuple[str, str], ...] = ()
    findings: tuple[Finding, ...] = field(default=(), compare=False)

    @property
    def key(self) -> str:
        return f"{self.council.slug}/{self.slug}"

    @property
    def fiscal_year(self) -> int:
        return fiscal_year(self.date)

    @property
    def url(self) -> str:
        """Path of the meeting page inside the site."""
        return f"{self.council.slug}/{self.slug}/"

    def listed_texts(self) -> tuple[str, ...]:
        """What the front matter lists: title, place, people, agenda, contact. Not the summary or
        the reason for a closed session, which are written from the minutes and may leak them."""
        return (self.title, self.place, *self.attendees, *self.absentees, *self.explainers, *self.secretariat,
                *self.agenda, self.contact)


@dataclass(frozen=True)
class Archive:
    site: SiteConfig
    councils: tuple[Council, ...]
    meetings: tuple[Meeting, ...]  # newest first

    def of_council(self, council: Council) -> list[Meeting]:
        return list(self._by_council.get(council.slug, ()))

    def fiscal_years(self) -> list[int]:
        return sorted(self._by_fiscal_year, reverse=True)

    def of_fiscal_year(self, year: int) -> list[Meeting]:
        return list(self._by_fiscal_year.get(year, ()))

    @cached_property
    def _by_council(self) -> dict[str, list[Meeting]]:
        """The meetings of each council (by slug), newest first: grouped once, not once per page."""
        return _grouped(self.meetings, lambda m: m.council.slug)

    @cached_property
    def _by_fiscal_year(self) -> dict[int, list[Meeting]]:
        return _grouped(self.meetings, lambda m: m.fiscal_year)

    def published_texts(self) -> list[str]:
        """What the site publishes on purpose besides the meetings' own lists: the minutes
        themselves and the site's and councils' names. A withheld block may quote these."""
        return [*self.names(), *(m.body for m in self.meetings)]

    def published_keys(self, digests: Mapping[str, str]) -> list[str]:
        """For each of ``published_texts``, the digest of what it was made from ("" if unknown)."""
        return [*("" for _ in self.names()), *(digests.get(m.key, "") for m in self.meetings)]

    def names(self) -> list[str]:
        """The site's own names (site.yaml, the councils): public on every page."""
        site = [self.site.title, self.site.organization, self.site.description]
        return [*site, *(t for c in self.councils for t in (c.name, c.description))]

    def listed_texts(self) -> dict[str, tuple[str, ...]]:
        return {m.key: m.listed_texts() for m in self.meetings}

    def without_minutes(self) -> Archive:
        """The archive without the meetings' minutes (``body``, ``redactions``): all a build needs
        once the pages are rendered, for the search index reads the staged pages. The minutes of
        10,000 meetings take about 1 GB (4 bytes a character: the placeholders are outside the
        BMP), which a build would otherwise hold while Pagefind and the leak check run."""
        return replace(self, meetings=tuple(replace(m, body="", redactions=()) for m in self.meetings))


def _grouped(meetings: Iterable[Meeting], by: Callable[[Meeting], K]) -> dict[K, list[Meeting]]:
    groups: dict[K, list[Meeting]] = {}
    for m in meetings:
        groups.setdefault(by(m), []).append(m)
    return groups
