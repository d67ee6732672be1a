"""The speakers' pages: one per person who speaks by a public name, and an index of them.

A meeting's page renders its speeches; what a person's page needs of each of them (``Spoken``:
the speech's number, the speaker's public name and role, the start of the text) travels with
the meeting's rendered files through the build cache, so the pages are made again from every
meeting without rendering their minutes again. A name that is withheld (a placeholder) never
gets a page, and no withheld text reaches one: the excerpts are the speeches' public text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby
from typing import Iterable, Sequence

from kaigiroku.content.speeches import Speech, person_path
from redaction.model import Redaction
from redaction.operators import plain

EXCERPT = 80  # characters of a speech shown on its speaker's page


@dataclass(frozen=True)
class Spoken:
    """One speech of a named speaker, as that person's page shows it."""

    order: int
    name: str
    role: str
    excerpt: str


def spoken(speeches: Sequence[Speech], redactions: Sequence[Redaction]) -> tuple[Spoken, ...]:
    """The speeches whose speaker has a public name (none withheld), for the speakers' pages."""
    out = []
    for s in speeches:
        if s.speaker.name and not s.speaker.withheld:
            text = " ".join(plain(s.text, redactions).split())
            out.append(Spoken(s.order, s.speaker.name, plain(s.speaker.role, redactions),
                              text[:EXCERPT] + ("…" if len(text) > EXCERPT else "")))
    return tuple(out)


@dataclass(frozen=True)
class Sitting:
    """A meeting on a person's page: where and when, and that person's speeches in it."""

    url: str
    title: str
    council: str
    date: dt.date
    date_label: str
    speeches: tuple[Spoken, ...]


@dataclass(frozen=True)
class Role:
    """A role a person spoke in, in one council, from the first to the last meeting."""

    role: str
    council: str
    first: dt.date
    last: dt.date
    first_label: str
    last_label: str


@dataclass(frozen=True)
class Person:
    name: str
    path: str  # of the page in the site
    sittings: tuple[Sitting, ...]  # newest first
    roles: tuple[Role, ...]  # the latest first

    @property
    def speech_count(self) -> int:
        return sum(len(s.speeches) for s in self.sittings)


def people(sittings: Iterable[Sitting]) -> list[Person]:
    """Everyone who speaks by name in ``sittings`` (each holding every named speech of a meeting,
    newest first), by name."""
    by_name: dict[str, list[Sitting]] = {}
    for sitting in sittings:
        for name, own in groupby(sorted(sitting.speeches, key=lambda s: (s.name, s.order)), key=lambda s: s.name):
            by_name.setdefault(name, []).append(Sitting(sitting.url, sitting.title, sitting.council, sitting.date,
                                                        sitting.date_label, tuple(own)))
    return [Person(name, person_path(name), tuple(ss), _roles(ss)) for name, ss in sorted(by_name.items())]


def _roles(sittings: list[Sitting]) -> tuple[Role, ...]:
    spans: dict[tuple[str, str], list[Sitting]] = {}
    for s in sittings:
        for role in dict.fromkeys(sp.role for sp in s.speeches):
            spans.setdefault((role, s.council), []).append(s)
    roles = [Role(role, council, ss[-1].date, ss[0].date, ss[-1].date_label, ss[0].date_label)
             for (role, council), ss in spans.items()]
    return tuple(sorted(roles, key=lambda r: (r.last, r.first), reverse=True))
