"""The contract between the redaction engine and the detectors.

A detector has a name and returns spans of a ``NormalizedText`` (raw
offsets), never copies of the text. The policy decides, per detector, the
action (`redact` under a category, or `review` by a person); allow lists
are applied here, after detection, so detectors never special-case them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Protocol, Sequence

from kaigiroku.core.messages import term

from .normalize import NormalizedText, normalize
from .speakerlabels import SEAT, ends_in_role

if TYPE_CHECKING:
    from .policy import Policy

# The kind of the detectors whose hits yield to the meeting's public names.
PERSONAL_NAME = term("personal name")


@dataclass(frozen=True)
class Detection:
    start: int  # raw offsets
    end: int
    detector: str


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    detector: str
    kind: str
    action: str  # redact | review
    category: str


class Detector(Protocol):
    name: str
    kind: str  # shown to people: "telephone number", "personal name" ...

    def analyze(self, text: NormalizedText) -> Iterable[Detection]: ...


@dataclass(frozen=True)
class PublicNames:
    """The officials of a meeting: those its front matter names (attendees, absentees,
    explainers, secretariat), the names in its speaker labels and the policy's `officials`,
    each written as name and role, or as role (or seat number) and name.

    ``臼井雅子会長`` makes 臼井雅子 and the surname alone (臼井会長) public:
    a name is public when an entry starts with it; ``市長　鈴木一郎`` and
    ``１番　佐藤花子`` are entries 鈴木一郎 and 佐藤花子. A name on the policy's
    roster of private persons never is.
    """

    entries: tuple[str, ...] = ()  # normalised
    roster: frozenset[str] = frozenset()  # normalised

    @classmethod
    def of(cls, entries: Iterable[str], roster: Iterable[str] = ()) -> PublicNames:
        return cls(tuple(e for e in map(_without_role, entries) if e), frozenset(map(normalize, roster)))

    def covers(self, name: str) -> bool:
        return name not in self.roster and any(entry.startswith(name) for entry in self.entries)


def _without_role(entry: str) -> str:
    """An entry normalised, without the role or seat number written before the name (市長　鈴木一郎)."""
    parts = entry.split()
    while len(parts) > 1 and (SEAT.match(normalize(parts[0])) or ends_in_role(parts[0])):
        parts.pop(0)
    return normalize("".join(parts))


def detect(detectors: Sequence[Detector], text: NormalizedText, policy: Policy, allowed: set[str],
           public_names: PublicNames = PublicNames()) -> list[Hit]:
    """Run every detector, drop allowed strings and public names, attach the policy's action.

    A span found by two detectors is reported once, by the first of them.
    """
    hits = []
    seen: set[tuple[int, int]] = set()
    for detector in detectors:
        settings = policy.detector(detector.name)
        for found in detector.analyze(text):
            found_text = normalize(text.raw[found.start:found.end])
            if (found.start, found.end) in seen or found_text in allowed or (
                    detector.kind == PERSONAL_NAME and public_names.covers(found_text)):
                continue
            seen.add((found.start, found.end))
            hits.append(Hit(found.start, found.end, detector.name, detector.kind, settings.action, settings.category))
    return hits
