"""The labelled detection corpus: fixture files with expected spans marked ``[[detector:text]]``.

A line starting with ``#`` is no text; ``# public: a, b`` names the
meeting's officials, ``# roster: a, b`` the policy's private persons.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from redaction.detection import PublicNames, detect
from redaction.detectors import build_detectors
from redaction.normalize import NormalizedText, normalize
from redaction.policy import Policy

FIXTURES = Path(__file__).parent / "fixtures" / "detection"
_MARK = re.compile(r"\[\[(\w+):(.*?)\]\]", re.S)
_DIRECTIVE = re.compile(r"#\s*(public|roster):(.*)")


@dataclass
class Case:
    path: Path
    text: str
    labels: set[tuple[str, int, int]]  # detector, raw start, raw end
    public: list[str] = field(default_factory=list)
    roster: list[str] = field(default_factory=list)


def read_case(path: Path) -> Case:
    lists: dict[str, list[str]] = {"public": [], "roster": []}
    kept = []
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        directive = _DIRECTIVE.match(line)
        if directive:
            lists[directive.group(1)] += [n.strip() for n in directive.group(2).split(",") if n.strip()]
        elif not line.startswith("#"):
            kept.append(line)
    marked = "".join(kept)
    text: list[str] = []
    labels = set()
    pos = length = 0
    for m in _MARK.finditer(marked):
        text.append(marked[pos:m.start()])
        length += m.start() - pos
        labels.add((m.group(1), length, length + len(m.group(2))))
        text.append(m.group(2))
        length += len(m.group(2))
        pos = m.end()
    text.append(marked[pos:])
    return Case(path, "".join(text), labels, lists["public"], lists["roster"])


def found(case: Case, policy: Policy) -> set[tuple[str, int, int]]:
    policy = dataclasses.replace(policy, roster=tuple(case.roster))
    allowed = {normalize(a) for a in policy.allow}
    hits = detect(build_detectors(policy), NormalizedText.of(case.text), policy, allowed,
                  PublicNames.of(case.public, case.roster))
    return {(h.detector, h.start, h.end) for h in hits}


@dataclass
class Score:
    expected: int = 0
    found: int = 0
    correct: int = 0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0


def score(cases: list[Case], policy: Policy) -> dict[str, Score]:
    scores: dict[str, Score] = {}
    for case in cases:
        hits = found(case, policy)
        for kind, n in Counter(k for k, _, _ in case.labels).items():
            scores.setdefault(kind, Score()).expected += n
        for kind, n in Counter(k for k, _, _ in hits).items():
            scores.setdefault(kind, Score()).found += n
        for kind, _, _ in hits & case.labels:
            scores[kind].correct += 1
    return scores


def misses(case: Case, policy: Policy) -> tuple[list[str], list[str]]:
    """Missed labels and unexpected hits of a case, as text: for a failing test's message."""
    hits = found(case, policy)
    show = lambda spans: [f"{k}:{case.text[a:b]!r}" for k, a, b in sorted(spans, key=lambda s: s[1])]
    return show(case.labels - hits), show(hits - case.labels)
