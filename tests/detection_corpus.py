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

from kaigiroku.core.yamlfile import load_mapping
from redaction.detection import PublicNames, detect
from redaction.detectors import build_detectors
from redaction.engine import OFFICIAL_LISTS, split_front_matter
from redaction.markup import parse_markup
from redaction.normalize import NormalizedText, normalize
from redaction.policy import Policy
from redaction.speakerlabels import label_names
from redaction.text import LineIndex

FIXTURES = Path(__file__).parent / "fixtures" / "detection"
ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "000_cc6683e4e7f3583a.txt"
SAMPLE = ROOT / "content"
SEED_MEETING = SAMPLE / "privacy" / "2014-02-10.md"  # the seed as a meeting file: its officials
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


def _officials(front: dict, raw: str) -> list[str]:
    """The meeting's public names as the engine takes them: its lists and its speaker labels."""
    return [*(str(n) for key in OFFICIAL_LISTS for n in front.get(key) or []), *label_names(raw)]


def _front(raw: str, path: Path) -> tuple[dict, int]:
    start, end, body = split_front_matter(raw, str(path))
    return load_mapping(raw[start:end], str(path)).data, body


def false_positives(policy: Policy) -> tuple[Counter[str], int]:
    """Hits per detector in public text that withholds nothing unmarked: the published seed record
    (its officials are those of ``SEED_MEETING``) and the sample content, where a hit inside a marker
    or on a marked or listed text is no false positive. And the number of characters read."""
    detectors = build_detectors(policy)
    allowed = {normalize(a) for a in policy.allow}
    counts: Counter[str] = Counter()
    seed_front, _ = _front(SEED_MEETING.read_text(encoding="utf-8"), SEED_MEETING)
    texts = [(SEED.read_text(encoding="utf-8"), seed_front, [])]
    for path in sorted(SAMPLE.glob("*/*.md")):
        raw = path.read_text(encoding="utf-8")
        front, body = _front(raw, path)
        markup = parse_markup(raw, body, policy, str(path), LineIndex(raw))
        spans = [(m.start, m.end) for m in (*markup.inline, *markup.blocks)]
        marked = {normalize(raw[m.text_start:m.text_end]) for m in markup.inline}
        marked |= {normalize(t) for terms in (front.get("redact_terms") or {}).values() for t in terms}
        texts.append((raw, front, [spans, marked]))
    chars = 0
    for raw, front, (spans, marked) in ((t, f, w or [[], set()]) for t, f, w in texts):
        chars += len(raw)
        public = PublicNames.of((*policy.officials, *_officials(front, raw)), policy.roster)
        allow = allowed | {normalize(a) for a in front.get("allow_terms") or []}
        for hit in detect(detectors, NormalizedText.of(raw), policy, allow, public):
            if not any(a <= hit.start and hit.end <= b for a, b in spans) and normalize(raw[hit.start:hit.end]) not in marked:
                counts[hit.detector] += 1
    return counts, chars
