"""The contract between the redaction engine and the detectors.

A detector has a name and returns spans of a ``NormalizedText`` (raw
offsets), never copies of the text. The policy decides, per detector, the
action (`redact` under a category, or `review` by a person); allow lists
are applied here, after detection, so detectors never special-case them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Protocol, Sequence

from .normalize import NormalizedText, normalize
from .policy import Policy


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


def detect(detectors: Sequence[Detector], text: NormalizedText, policy: Policy, allowed: set[str]) -> list[Hit]:
    """Run every detector, drop allowed strings, attach the policy's action."""
    hits = []
    for detector in detectors:
        settings = policy.detectors.get(detector.name, {})
        action = settings.get("action", "review")
        category = settings.get("category", "personal")
        for found in detector.analyze(text):
            if normalize(text.raw[found.start:found.end]) in allowed:
                continue
            hits.append(Hit(found.start, found.end, detector.name, detector.kind, action, category))
    return hits
