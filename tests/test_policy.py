"""The redaction policy: lookup by every spelling, notices, validation of the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from kaigiroku.core.errors import ContentErrors
from redaction.policy import Policy, load_policy


@pytest.mark.parametrize(("spelling", "key"), [
    ("personal", "personal"), ("2", "personal"), ("2号", "personal"), ("第2号", "personal"),
    ("第２号", "personal"), ("個人情報", "personal"), ("個人", "personal"),
    ("6", "administration"), ("行政運営情報", "administration"),
    ("行政運営情報（契約・監査・情報セキュリティ等）", "administration"),
    ("取消し", "withdrawn"), ("秘密会", "closed"), ("非公開審議", "closed"),
])
def test_lookup(spelling: str, key: str, policy: Policy) -> None:
    found = policy.lookup(spelling)
    assert found is not None and found.key == key


@pytest.mark.parametrize("spelling", ["", "8", "第8号", "Personal", "個人情報保護", "2 号"])
def test_lookup_misses(spelling: str, policy: Policy) -> None:
    assert policy.lookup(spelling) is None


def test_public_texts(policy: Policy) -> None:
    personal = policy.category("personal")
    assert personal.accessible_text == "非公開（東村山市情報公開条例第6条第2号：個人情報）"
    assert policy.category("administration").block_notice == (
        "この部分は東村山市情報公開条例第6条第6号（行政運営情報）に該当するため非公開とします。")
    assert policy.category("closed").block_notice == (
        "この部分は東村山市附属機関の会議の公開に関する規則第3条（秘密会）に該当するため非公開とします。")
    assert personal.pseudonyms and not policy.category("corporate").pseudonyms


def test_category_of_unknown_key(policy: Policy) -> None:
    with pytest.raises(KeyError):
        policy.category("nothing")


def test_policy_errors(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text("ordinance: 条例\narticle: 第6条\nextra: 1\ncategories:\n"
                    "  - key: a\n    item: 1\n    label: 甲\n"
                    "  - key: b\n    label: 乙\n    aliases: ['1']\n    colour: red\n", encoding="utf-8")
    with pytest.raises(ContentErrors) as exc:
        load_policy(path)
    shown = str(path)
    assert [str(e) for e in exc.value.errors] == [
        f"{shown}:3:1: unknown policy key `extra`; expected one of allow, article, categories, detectors, officials, ordinance, roster",
        f"{shown}:8:5: `1` names both `a` and `b`; make it unique",
        f"{shown}:8:5: category `b` needs an `item` number or its own `basis`",
        f"{shown}:8:5: unknown category key `colour`; expected one of aliases, basis, item, key, label, person, pseudonyms, short_label",
    ]
