"""The policy's `detectors:` and `roster:` sections: defaults, and errors at their line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from kaigiroku.core.errors import ContentErrors
from redaction.detectors import FACTORIES, NAMES, build_detectors
from redaction.policy import DEFAULT_POLICY, load_policy


def test_the_default_policy_redacts_structured_kinds_and_reviews_names() -> None:
    policy = load_policy()
    for name in ("phone", "email", "postal_code", "address", "my_number", "account", "birth_date", "age",
                 "labelled_name"):
        assert (policy.detector(name).action, policy.detector(name).category) == ("redact", "personal")
    for name in ("honorific_name", "roster", "role_name"):
        assert policy.detector(name).action == "review"
    assert [d.name for d in build_detectors(policy)] == list(NAMES)


def test_the_policy_accepts_exactly_the_detectors_of_the_registry() -> None:
    """The policy's schema names the detectors without importing them (no cycle): the two lists agree."""
    assert sorted(NAMES) == sorted(FACTORIES) and len(set(NAMES)) == len(NAMES)


def _policy_with(tmp_path: Path, section: str) -> Path:
    path = tmp_path / "policy.yaml"
    base = DEFAULT_POLICY.read_text(encoding="utf-8").split("\nroster:")[0]  # without roster and detectors
    path.write_text(base + "\n" + section, encoding="utf-8")
    return path


def _errors(path: Path) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        load_policy(path)
    return [f"{e.line}:{e.col}: {e.message}" for e in caught.value.errors]


def test_a_switched_off_detector_is_not_built(tmp_path: Path) -> None:
    policy = load_policy(_policy_with(tmp_path, "detectors:\n  age:\n    enabled: false\n"))
    assert "age" not in [d.name for d in build_detectors(policy)]
    assert policy.detector("phone").action == "review"  # unlisted: runs, and asks for review


def test_unknown_detectors_and_keys_are_reported_where_they_stand(tmp_path: Path) -> None:
    path = _policy_with(tmp_path, "detectors:\n  fone:\n    action: redact\n  phone:\n    acton: redact\n"
                                  "    action: delete\n    category: secret\n")
    line = path.read_text(encoding="utf-8").splitlines().index("detectors:") + 1
    assert _errors(path) == [
        f"{line + 1}:3: unknown detector `fone`; expected one of {', '.join(NAMES)}",
        f"{line + 4}:5: unknown key `acton` of detector `phone`; expected one of action, category, enabled",
        f"{line + 5}:5: `action` of detector `phone` must be `redact` or `review`, not `delete`",
        f"{line + 6}:5: `category` of detector `phone` must be the key of a category, one of "
        "administration, closed, corporate, deliberation, law, personal, provided, safety, withdrawn",
    ]


def test_roster_must_be_a_list(tmp_path: Path) -> None:
    path = _policy_with(tmp_path, "roster: 山田太郎\n")
    assert any("`roster` must be a list of strings" in e for e in _errors(path))
