"""Approval of redacted editions: who approved which edition of a meeting, and when.

``content/_approvals.jsonl`` holds one JSON record a line, appended by
``python build.py approve COUNCIL/SLUG --by NAME``::

    {"meeting": "privacy/2014-02-10", "edition": "<sha256>", "ledger": "<sha256>",
     "by": "情報公開係 山田", "at": "2026-11-26T10:05:00+00:00",
     "prev": "<digest of the previous record>", "digest": "<sha256 of this record>"}

``edition`` is the digest of what is published (front matter and body after
redaction, each mark as its category and public label), ``ledger`` that of
the meeting's ledger lines (position, category, how, NOTE, withheld text).
``digest`` covers every other field, ``prev`` included, so an edited record
or a removed line breaks the chain and is reported as ``path:line:col``.
The time of approval is the only use of the clock in the project.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zoneinfo
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal, Sequence

from kaigiroku.core.cache import digest
from kaigiroku.core.chain import Chain
from kaigiroku.core.errors import CommandError, ContentError, ContentErrors, display_path
from kaigiroku.core.files import write_atomic
from kaigiroku.core.messages import say, term
from redaction.detection import Detector
from redaction.engine import RedactedFile
from redaction.leakcheck import MIN_LENGTH
from redaction.ledger import Ledger
from redaction.model import Withholding
from redaction.normalize import normalize
from redaction.placeholders import substitute
from redaction.policy import Policy

from .loading import SLUG, Loaded, load_council, load_meeting, load_site, public_names, site_policy
from .model import Archive, Meeting

APPROVALS = "_approvals.jsonl"
APPROVED = "_approved"  # the source of each approved edition, content/_approved/<council>/<slug>.md
_FIELDS = ("meeting", "edition", "ledger", "by", "at", "prev", "digest")


@dataclass(frozen=True)
class Edition:
    """The digests of one redacted edition of a meeting."""

    meeting: str
    edition: str
    ledger: str


@dataclass(frozen=True)
class Approval:
    meeting: str
    edition: str
    ledger: str
    by: str
    at: str
    prev: str
    digest: str


@dataclass(frozen=True)
class Standing:
    state: Literal["approved", "changed", "unapproved"]
    approval: Approval | None  # the matching approval, else the meeting's latest one

    @property
    def label(self) -> str:
        if self.approval is None:
            return "未承認（承認の記録がありません）"
        who = f"{self.approval.by}（{self.approval.at}）"
        return f"承認済み：{who}" if self.state == "approved" else f"承認後に変更あり：最後の承認は {who}"


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def edition_of(meeting: str, red: RedactedFile) -> Edition:
    def shown(i: int) -> str:
        r = red.redactions[i]
        return f"⟦{r.category.key}:{r.label}⟧"

    published = json.dumps({"front": red.front.data, "body": red.body}, ensure_ascii=False, sort_keys=True, default=str)
    lines = sorted(f"{w.line}:{w.col}\t{w.category}\t{w.how}\t{w.note}\t{w.text}" for w in red.withholdings)
    return Edition(meeting, _sha256(substitute(published, shown)), _sha256("\n".join(lines)))


def _problem(data: dict[str, object]) -> str:
    if set(data) != set(_FIELDS) or not all(isinstance(v, str) for v in data.values()):
        return say("an approval record holds exactly the text fields {fields}", fields=", ".join(_FIELDS))
    return ""


def _chain(content: Path) -> Chain:
    return Chain(content / APPROVALS, term("approvals"), "`python build.py approve`", _problem)


def read_approvals(content: Path) -> list[Approval]:
    """Every record, the chain verified; a broken chain is a content error naming the line."""
    return [Approval(**record) for record in _chain(content).read()]


def standing(edition: Edition, approvals: list[Approval]) -> Standing:
    mine = [a for a in approvals if a.meeting == edition.meeting]
    for a in reversed(mine):
        if (a.edition, a.ledger) == (edition.edition, edition.ledger):
            return Standing("approved", a)
    return Standing("changed", mine[-1]) if mine else Standing("unapproved", None)


def append(content: Path, edition: Edition, by: str, now: dt.datetime, zone: str = "Asia/Tokyo") -> Approval:
    """Append an approval of ``edition`` to the chain and return it; ``at`` is local time in ``zone``
    with its offset (2024-07-01T10:30:00+09:00), as a clerk reads it."""
    chain = _chain(content)
    fields = {"meeting": edition.meeting, "edition": edition.edition, "ledger": edition.ledger, "by": by,
              "at": now.astimezone(zoneinfo.ZoneInfo(zone)).replace(microsecond=0).isoformat()}
    return Approval(**chain.append(chain.read(), fields))


@dataclass(frozen=True)
class Gate:
    """What ``require_approval`` lets through: the loaded content with each meeting in its approved edition,
    a line for every meeting left out or shown in an earlier edition, and the meetings taken down because
    their current edition withholds what the approved one shows (a late redaction)."""

    loaded: Loaded
    notes: list[str]
    taken_down: list[str]


def approved_only(loaded: Loaded, content: Path, policy: Policy, detectors: Sequence[Detector]) -> Gate:
    """With ``require_approval``: each meeting in its current edition if that is approved, else in its
    approved edition (``content/_approved/``) unless the current one withholds text that edition shows."""
    approvals = read_approvals(content)
    policy = replace(policy, public=public_names(loaded.archive.site, loaded.archive.councils))  # as loaded
    kept: list[Meeting] = []
    notes: list[str] = []
    taken_down: list[str] = []
    extra: list[Withholding] = []
    digests = dict(loaded.digests)
    for m in loaded.archive.meetings:
        red = loaded.redacted[m.key]
        s = standing(edition_of(m.key, red), approvals)
        if s.state == "approved":
            kept.append(m)
            continue
        if s.state == "unapproved" or s.approval is None:
            notes.append(say("{file}: not published, never approved; review it in `python build.py serve`, then run "
                             "`python build.py approve {meeting} --by NAME`", file=m.source, meeting=m.key))
            continue
        earlier, problem = _approved_edition(content, m, s.approval, policy, detectors)
        if earlier is None:
            notes.append(say("{file}: not published, changed since approval and {problem}; review it, then run "
                             "`python build.py approve {meeting} --by NAME`", file=m.source, problem=problem, meeting=m.key))
        elif late_redaction(red, earlier):
            taken_down.append(m.key)
            notes.append(say("{file}: taken down: this edition withholds text that its approved edition ({at}) shows; "
                             "it is published again once approved (`python build.py approve {meeting} --by NAME`)",
                             file=m.source, at=s.approval.at, meeting=m.key))
        else:
            meeting, old = earlier
            kept.append(meeting)
            extra.extend(old.withholdings)  # the approved edition's own withheld text: looked for as well
            digests[m.key] = digest("approved edition", s.approval.digest)
            notes.append(say("{file}: changed since approval; its approved edition ({at}) stays published until this "
                             "one is approved (`python build.py approve {meeting} --by NAME`)", file=m.source,
                             at=s.approval.at, meeting=m.key))
    keys = {m.key for m in kept}
    ledger = Ledger([e for e in loaded.ledger.entries if e.meeting in keys] + extra)
    archive = Archive(loaded.archive.site, loaded.archive.councils, tuple(kept))
    return Gate(Loaded(archive, ledger, loaded.redacted, loaded.drafts, digests), notes, taken_down)


def _approved_edition(content: Path, meeting: Meeting, approval: Approval, policy: Policy,
                      detectors: Sequence[Detector]) -> tuple[tuple[Meeting, RedactedFile] | None, str]:
    """The meeting as last approved, from its copy in ``content/_approved/``, if that copy is the very
    edition the approval names (a copy edited by hand, or redacted differently under a changed
    policy, is not); else None and why."""
    copy = approved_copy(content, meeting.key)
    try:
        data = copy.read_bytes()
    except OSError:
        return None, say("its approved edition is not kept ({file} is missing)", file=display_path(copy))
    try:
        earlier, red = load_meeting(content / meeting.council.slug / f"{meeting.slug}.md", meeting.council, policy,
                                    detectors, data)
    except ContentErrors:
        return None, say("its approved edition ({file}) no longer loads", file=display_path(copy))
    if earlier.findings or (edition_of(meeting.key, red).edition, edition_of(meeting.key, red).ledger) != (
            approval.edition, approval.ledger):
        return None, say("its approved edition ({file}) is not the edition that was approved", file=display_path(copy))
    return (earlier, red), ""


def late_redaction(current: RedactedFile, approved: tuple[Meeting, RedactedFile]) -> bool:
    """Whether the current edition withholds a text that the approved edition publishes."""
    _, red = approved
    shown = normalize(substitute(json.dumps({"front": red.front.data, "body": red.body}, ensure_ascii=False,
                                            default=str), lambda i: " "))
    return any(len(text) >= MIN_LENGTH and text in shown for text in (normalize(w.text) for w in current.withholdings))


def approved_copy(content: Path, key: str) -> Path:
    """Where ``approve`` keeps the source of the edition it approved: ``content/_approved/<council>/<slug>.md``."""
    return content / APPROVED / f"{key}.md"


def approve_meeting(content: Path, key: str, by: str, policy: Policy, detectors: Sequence[Detector],
                    now: dt.datetime) -> tuple[Approval, bool]:
    """Approve the current edition of ``council/slug``; (the approval, whether it is new)."""
    council, _, slug = key.removesuffix(".md").partition("/")  # privacy/2014-02-10.md as the file is named
    path = content / council / f"{slug}.md"
    if not (SLUG.match(council) and SLUG.match(slug) and path.is_file()):
        raise CommandError(say("no meeting `{meeting}`: expected the file {file}; name a meeting as COUNCIL/SLUG, "
                               "e.g. privacy/2014-02-10", meeting=key, file=display_path(path)))
    if not by.strip():
        raise CommandError(say("--by needs the name of the person who approves"))
    data = path.read_bytes()  # once: the copy kept is the very bytes approved
    meeting, red = load_meeting(path, load_council(path.parent), site_policy(content, policy), detectors, data)
    if meeting.findings:
        raise ContentErrors([ContentError(f.path, f.line, f.col, f.message()) for f in meeting.findings])
    edition = edition_of(meeting.key, red)
    current = standing(edition, read_approvals(content))
    new = not (current.state == "approved" and current.approval is not None)
    record = append(content, edition, by.strip(), now, load_site(content / "site.yaml").timezone) if new else current.approval
    assert record is not None
    copy = approved_copy(content, meeting.key)
    try:  # kept so that the build can publish this edition while a later one awaits approval
        if not (copy.is_file() and copy.read_bytes() == data):
            write_atomic(copy, data)
    except OSError as exc:
        raise CommandError(say("the approval is recorded, but its edition cannot be kept in {file}: {problem}; run "
                               "the same approve again once that can be written", file=display_path(copy),
                               problem=exc.strerror)) from None
    return record, new
