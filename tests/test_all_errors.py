"""Every problem of a file in one run: the markers' errors do not hide those of the front matter, the
nearest key or category is suggested, and where the redaction failed no value of the front matter is
quoted (it may hold the withheld text). The fixture tests/invalid/many-errors-in-one-file is the CLI's."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import COUNCIL_YAML, SITE_YAML, write_tree

from kaigiroku.content.loading import load_content
from kaigiroku.core.errors import ContentErrors
from redaction.policy import Policy

PATH = "content/disclosure/2023-07-14.md"


def errors(front: str, body: str, policy: Policy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, {"content/site.yaml": SITE_YAML, "content/disclosure/_council.yaml": COUNCIL_YAML,
                          PATH: f"---\ntitle: 第1回審議会\n{front}---\n{body}"})
    with pytest.raises(ContentErrors) as exc:
        load_content(Path("content"), policy)
    return [str(e) for e in exc.value.errors]


def test_marker_errors_and_front_matter_errors_come_together(policy: Policy, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    found = errors("date: 2023-13-01\nstart: 9:30\nplcae: 本庁舎\n", "{{redact:personal|佐藤} と書いた。\n",
                   policy, tmp_path, monkeypatch)
    assert [e.split(": ", 1)[0] for e in found] == [f"{PATH}:3:7", f"{PATH}:4:8", f"{PATH}:5:1", f"{PATH}:7:1"]
    assert "did you mean `place`?" in found[2] and "unclosed" in found[3]


@pytest.mark.parametrize("front, near", [
    ("attendee: [甲委員]\n", "attendees"), ("summery: 要旨\n", "summary"), ("allow_term: [本町]\n", "allow_terms"),
    ("redact_terms:\n  persnal: [山田]\n", "personal"), ("redact_terms:\n  corporat: [山田]\n", "corporate"),
])
def test_the_nearest_key_or_category_is_suggested(front: str, near: str, policy: Policy, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    (error,) = errors("date: 2023-07-14\n" + front, "本文。\n", policy, tmp_path, monkeypatch)
    assert f"did you mean `{near}`?" in error


def test_a_misspelt_category_in_a_marker_names_the_nearest(policy: Policy, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    (error,) = errors("date: 2023-07-14\n", "{{redact:persnal|山田}}さん\n", policy, tmp_path, monkeypatch)
    assert error.startswith(f"{PATH}:5:10: unknown redaction category `persnal`: did you mean `personal`?")


@pytest.mark.parametrize("front, body", [("chairperson: 甲\n", "本文。\n"), ("date: 2023-07-14\n", "{{redact:zzz|山田}}\n")])
def test_nothing_is_suggested_when_nothing_is_near(front: str, body: str, policy: Policy, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    found = errors("date: 2023-07-14\n" + front if "date" not in front else front, body, policy, tmp_path, monkeypatch)
    assert found and not any("did you mean" in e for e in found)


def test_a_failed_redaction_quotes_no_value(policy: Policy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file's markers are not all read, so a value may hold a withheld text that is not yet known to be
    withheld: the messages about values name the key only."""
    front = 'date: "{{redact:personal|鷲尾環}}"\nstatus: 鷲尾環\n'
    found = errors(front, "{{redact:personal|鷲尾環}}様と{{redact:personal|佐藤}\n", policy, tmp_path, monkeypatch)
    assert len(found) == 3 and not any("鷲尾" in e for e in found)
    assert found[0].endswith("`date` must be an ISO date such as 2014-02-10")
    assert found[1].endswith("`status` must be `published` or `draft`")
    redacted = errors(front, "{{redact:personal|鷲尾環}}様\n", policy, tmp_path, monkeypatch)  # redacted: shown as marks
    assert redacted[0].endswith("not `Ａ氏`") and not any("鷲尾" in e for e in redacted)
