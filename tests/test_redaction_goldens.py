"""Golden cases of the redaction stage: source → redacted text → ledger.

Each tests/fixtures/redaction/*.md holds a `=== source` section and the
expected `=== redacted` and `=== ledger`; `python tests/update_goldens.py`
rewrites the expected parts after a deliberate change.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from goldens import REDACTION, read_sections, redaction_case

from redaction.policy import Policy

CASES = sorted(REDACTION.glob("*.md"))


def test_the_cases_are_there() -> None:
    assert {p.stem for p in CASES} >= {"nfkc-width", "whitespace-in-names", "escaped-braces", "repeat-spreading"}


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_redaction_golden(path: Path, policy: Policy) -> None:
    sections = read_sections(path)
    got = redaction_case(sections["source"], policy)
    assert got["redacted"] == sections["redacted"]
    assert got["ledger"] == sections["ledger"]
