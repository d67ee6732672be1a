"""Loading content/: site settings, councils, meetings, the schema and its errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import COUNCIL_YAML, SITE_YAML, meeting, write_tree

from kaigiroku.content.loading import Loaded, load_content
from kaigiroku.core.errors import ContentErrors
from redaction.policy import Policy


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def load(files: dict[str, str], policy: Policy, drafts: bool = False) -> Loaded:
    base = {"content/site.yaml": SITE_YAML, "content/disclosure/_council.yaml": COUNCIL_YAML}
    write_tree(Path("."), base | files)
    return load_content(Path("content"), policy, include_drafts=drafts)


def errors(files: dict[str, str], policy: Policy) -> list[str]:
    with pytest.raises(ContentErrors) as exc:
        load(files, policy)
    return [str(e) for e in exc.value.errors]


def test_a_meeting_with_every_key(policy: Policy) -> None:
    front = ('start: "18:30"\nend: "20:40"\nplace: 本庁舎501会議室\nattendees: [甲委員, 乙委員]\n'
             "absentees: [丙委員]\nsecretariat: [総務課長]\npublic_attendance: false\n"
             "public_attendance_reason: 個人情報を扱うため\nagenda: [挨拶, 諮問]\ncontact: 総務課\n"
             "summary: 要旨\nstatus: published\nredact_terms: {personal: [山田]}\nallow_terms: [本町]\n"
             "x-source: legacy\n")
    loaded = load({"content/disclosure/2023-07-14.md": meeting("山田さん\n", front)}, policy)
    (m,) = loaded.archive.meetings
    assert (m.key, m.title, m.fiscal_year, m.start, m.end) == (
        "disclosure/2023-07-14", "令和5年度第1回情報公開運営審議会", 2023, "18:30", "20:40")
    assert m.attendees == ("甲委員", "乙委員") and m.public_attendance is False
    assert m.extra == (("x-source", "legacy"),)
    assert "山田" not in m.body
    assert [(w.how, w.line) for w in loaded.ledger.entries] == [("term", 16), ("term", 20)]  # the list itself, the body
    assert loaded.archive.site.base_url == "https://example.jp/minutes/"


def test_drafts_are_left_out_of_public_builds(policy: Policy) -> None:
    files = {"content/disclosure/2023-07-14.md": meeting(front="status: draft\n"),
             "content/disclosure/2023-08-01.md": meeting()}
    public = load(files, policy)
    assert [m.slug for m in public.archive.meetings] == ["2023-08-01"]
    assert [m.slug for m in public.drafts] == ["2023-07-14"]
    assert len(load(files, policy, drafts=True).archive.meetings) == 2


def test_files_starting_with_underscore_or_dot_are_not_meetings(policy: Policy) -> None:
    loaded = load({"content/disclosure/_template.md": "not a meeting", "content/disclosure/.draft.md": "x",
                   "content/disclosure/2023-07-14.md": meeting()}, policy)
    assert len(loaded.archive.meetings) == 1


def test_meetings_newest_first_and_councils_by_order(policy: Policy) -> None:
    loaded = load({"content/disclosure/_council.yaml": "name: 情報公開運営審議会\norder: 2\n",
                   "content/urban-planning/_council.yaml": "name: 都市計画審議会\norder: 1\n",
                   "content/disclosure/2023-07-14.md": meeting(),
                   "content/urban-planning/2024-01-10.md": meeting().replace("2023-07-14", "2024-01-10")}, policy)
    assert [c.slug for c in loaded.archive.councils] == ["urban-planning", "disclosure"]
    assert [m.key for m in loaded.archive.meetings] == ["urban-planning/2024-01-10", "disclosure/2023-07-14"]


@pytest.mark.parametrize(("front", "expected"), [
    ("colour: red\n", "content/disclosure/2023-07-14.md:4:1: unknown front matter key `colour`; expected one of "
     "absentees, agenda, allow_terms, attendees, contact, date, end, explainers, place, public_attendance, "
     "public_attendance_reason, redact_terms, secretariat, speaker_style, start, status, summary, title "
     "(or a key starting with `x-` for your own use)"),
    ('start: "25:00"\n', 'content/disclosure/2023-07-14.md:4:8: `start` must be a time in quotes, such as start: "18:30"'),
    ("status: secret\n", "content/disclosure/2023-07-14.md:4:9: `status` must be `published` or `draft`, not `secret`"),
    ("attendees: 甲委員\n", "content/disclosure/2023-07-14.md:4:12: `attendees` must be a list, one `- item` per line"),
    ("agenda:\n  - a\n  - {b: c}\n", "content/disclosure/2023-07-14.md:6:5: item 2 of `agenda` must be text"),
    ("public_attendance: maybe\n", "content/disclosure/2023-07-14.md:4:20: `public_attendance` must be true or false"),
    ("place: 1\n", "content/disclosure/2023-07-14.md:4:8: `place` must be text; put it in quotes"),
    ("title: x\n", "content/disclosure/2023-07-14.md:4:1: duplicate key `title`: keep only one"),
], ids=["unknown-key", "bad-time", "bad-status", "list-as-text", "mapping-in-list", "bad-bool", "number-as-text",
        "duplicate-key"])
def test_front_matter_errors(front: str, expected: str, policy: Policy) -> None:
    assert errors({"content/disclosure/2023-07-14.md": meeting(front=front)}, policy) == [expected]


def test_bad_date(policy: Policy) -> None:
    text = "---\ntitle: t\ndate: 2023-02-30\n---\n"
    assert errors({"content/disclosure/2023-02-28.md": text}, policy) == [
        "content/disclosure/2023-02-28.md:3:7: `date` must be an ISO date such as 2014-02-10, not `2023-02-30`"]


def test_every_error_of_a_run_is_reported(policy: Policy) -> None:
    found = errors({"content/disclosure/2023-07-14.md": meeting(front="a: 1\nb: 2\n"),
                    "content/disclosure/Bad Name.md": meeting(),
                    "content/stray.md": meeting()}, policy)
    assert [e.split(": ", 1)[0] for e in found] == [
        "content/disclosure/2023-07-14.md:4:1", "content/disclosure/2023-07-14.md:5:1",
        "content/disclosure/Bad Name.md:1:1", "content/stray.md:1:1"]


def test_site_yaml_errors(policy: Policy) -> None:
    assert errors({"content/site.yaml": "title: t\nbase_url: example.jp\nrequire_approval: yes please\n"}, policy) == [
        "content/site.yaml:1:1: site.yaml needs `organization` as text",
        "content/site.yaml:2:11: base_url must be an absolute http(s) URL, e.g. https://www.city.example.lg.jp/kaigiroku/",
        "content/site.yaml:3:19: require_approval must be true or false",
    ]


def test_council_errors(policy: Policy) -> None:
    assert errors({"content/disclosure/_council.yaml": "name: ''\norder: first\nlogo: x.png\n"}, policy) == [
        "content/disclosure/_council.yaml:1:7: _council.yaml needs `name` as text",
        "content/disclosure/_council.yaml:2:8: `order` must be a whole number",
        "content/disclosure/_council.yaml:3:1: unknown _council.yaml key `logo`; expected one of description, name, "
        "order (or a key starting with `x-` for your own use)",
    ]


def test_missing_content_folder(policy: Policy) -> None:
    with pytest.raises(ContentErrors) as exc:
        load_content(Path("nowhere"), policy)
    assert "nowhere:1:1: content folder not found; pass --content DIR" in [str(e) for e in exc.value.errors]


def test_not_utf8(policy: Policy) -> None:
    write_tree(Path("."), {"content/site.yaml": SITE_YAML, "content/disclosure/_council.yaml": COUNCIL_YAML})
    Path("content/disclosure/2023-07-14.md").write_bytes(meeting().encode("cp932"))
    with pytest.raises(ContentErrors) as exc:
        load_content(Path("content"), policy)
    assert str(exc.value.errors[0]).startswith("content/disclosure/2023-07-14.md:1:1: not UTF-8 text")


@pytest.mark.parametrize("approval", [False, True])
def test_the_redacted_files_are_kept_where_approvals_compare_them(policy: Policy, approval: bool) -> None:
    """A site that requires approval compares each meeting's redacted file with its approved
    edition; another holds none of them while the build goes on."""
    site = SITE_YAML + ("require_approval: true\n" if approval else "")
    loaded = load({"content/site.yaml": site, "content/disclosure/2023-07-14.md": meeting("山田さん\n"),
                   "content/disclosure/2023-08-01.md": meeting("本文\n", "status: draft\n")}, policy)
    assert sorted(loaded.redacted) == (["disclosure/2023-07-14", "disclosure/2023-08-01"] if approval else [])
    assert len(loaded.archive.meetings) == 1 and len(loaded.drafts) == 1
