"""Which meetings share a search bundle (a shard).

A small archive has one shard. From ``shard_from`` meetings there is one per
fiscal year (``fy2013``), so that editing a meeting re-indexes its year only
and no Pagefind process holds the whole archive; a year of more than
max(60, meetings / 25) meetings is cut into April–September (``fy2013a``) and
October–March (``fy2013b``), and a half still that big into its quarters
(``fy2013q1`` … ``fy2013q4``).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import Callable, Sequence

from kaigiroku.content.model import Meeting

SHARD_FROM = 200
ALL = "all"  # the name of the one shard of a small archive


@dataclass(frozen=True)
class Shard:
    name: str
    meetings: tuple[Meeting, ...]  # in the archive's order (newest first)

    @property
    def first(self) -> str:
        """The date of its oldest meeting: shards do not overlap, so this orders them."""
        return min(m.date for m in self.meetings).isoformat()


def plan(meetings: Sequence[Meeting], shard_from: int = SHARD_FROM) -> list[Shard]:
    """The shards of ``meetings``, newest first; the first is the primary bundle at ``pagefind/``."""
    if len(meetings) < shard_from or not meetings:
        return [Shard(ALL, tuple(meetings))]
    limit = max(60, len(meetings) / 25)
    shards = []
    for year, of_year in _grouped(meetings, lambda m: m.fiscal_year):
        shards += _split(f"fy{year}", of_year, limit)
    return sorted(shards, key=lambda s: s.first, reverse=True)


def _month(m: Meeting) -> int:
    """0 for April … 11 for March."""
    return (m.date.month - 4) % 12


def _split(name: str, meetings: tuple[Meeting, ...], limit: float) -> list[Shard]:
    if len(meetings) <= limit:
        return [Shard(name, meetings)]
    shards = []
    for half, of_half in _grouped(meetings, lambda m: _month(m) // 6):
        if len(of_half) <= limit:
            shards.append(Shard(name + "ab"[half], of_half))
        else:
            shards += [Shard(f"{name}q{quarter + 1}", of_quarter)
                       for quarter, of_quarter in _grouped(of_half, lambda m: _month(m) // 3)]
    return shards


def _grouped(meetings: Sequence[Meeting], key: Callable[[Meeting], int]) -> list[tuple[int, tuple[Meeting, ...]]]:
    """Groups by ``key``, each in the order of ``meetings``."""
    ordered = sorted(meetings, key=key)  # stable: the archive's order inside a group
    return [(k, tuple(group)) for k, group in groupby(ordered, key=key)]
