"""Recall and precision of the detectors on the labelled corpus (tests/fixtures/detection)."""

from __future__ import annotations

import pytest
from detection_corpus import FIXTURES, misses, read_case, score

from redaction.policy import load_policy

POLICY = load_policy()
CASES = [read_case(p) for p in sorted(FIXTURES.glob("*.txt"))]
SCORES = score(CASES, POLICY)

# detector: (least recall, least precision)
TARGETS = {
    "phone": (0.99, 0.98),
    "email": (0.99, 0.98),
    "postal_code": (0.99, 0.98),
    "my_number": (0.99, 0.98),
    "honorific_name": (0.95, 0.95),
    "roster": (1.0, 1.0),
    "address": (0.95, 0.95),
    "account": (0.95, 0.95),
    "birth_date": (0.95, 0.95),
    "age": (0.95, 0.95),
}


def test_the_corpus_has_enough_examples() -> None:
    assert SCORES["phone"].expected >= 100
    assert SCORES["my_number"].expected >= 100
    assert SCORES["honorific_name"].expected >= 50


@pytest.mark.parametrize("detector", sorted(TARGETS))
def test_recall_and_precision_per_detector(detector: str) -> None:
    least_recall, least_precision = TARGETS[detector]
    s = SCORES[detector]
    print(f"{detector:15} expected {s.expected:4} found {s.found:4} "
          f"recall {s.recall:6.1%} precision {s.precision:6.1%}")
    assert s.recall >= least_recall, _listed(detector)
    assert s.precision >= least_precision, _listed(detector)


def _listed(detector: str) -> str:
    """The fixture strings a detector missed or found unasked, for the failure message."""
    lines = []
    for case in CASES:
        missed, unexpected = misses(case, POLICY)
        lines += [f"{case.path.name}: missed {m}" for m in missed if m.startswith(detector + ":")]
        lines += [f"{case.path.name}: unexpected {u}" for u in unexpected if u.startswith(detector + ":")]
    return "\n".join(lines)
