"""Open data: one JSON file per meeting and an archive-wide index as JSON and CSV.

Field names follow the National Diet Library's minutes API (国会会議録検索
システム検索用API) where they mean the same: issueID, nameOfMeeting, date,
meetingURL, speechRecord, speechID, speechOrder, speaker, speakerPosition,
speech, speechURL. Everything is redacted: withheld text appears only as
its public label (■■■, Ａ氏, or the block notice). docs/open-data.md
describes every field.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Callable, Sequence

from .views import MeetingView

SCHEMA_VERSION = 1
INDEX_COLUMNS = ("issueID", "nameOfMeeting", "councilSlug", "title", "date", "fiscalYear", "fiscalYearLabel",
                 "speechCount", "summary", "meetingURL", "dataURL")


def meeting_record(v: MeetingView, full_url: Callable[[str], str]) -> dict[str, Any]:
    """The meeting.json of one meeting."""
    m = v.meeting
    url = full_url(m.url)
    return {
        "schemaVersion": SCHEMA_VERSION,
        **_summary(v, full_url),
        "dateLabel": v.date_label,
        "startTime": m.start,
        "endTime": m.end,
        "place": v.text(m.place),
        "attendees": [v.text(a) for a in m.attendees],
        "absentees": [v.text(a) for a in m.absentees],
        "explainers": [v.text(a) for a in m.explainers],
        "secretariat": [v.text(a) for a in m.secretariat],
        "publicAttendance": m.public_attendance,
        "publicAttendanceReason": v.text(m.public_attendance_reason),
        "agenda": [v.text(a) for a in m.agenda],
        "contact": v.text(m.contact),
        "withheld": [{"category": c.key, "basis": c.basis, "label": c.notice_label, "count": n} for c, n in v.withheld],
        "speakers": [{"speaker": s.name, "speakerPosition": s.role, "speakerWithheld": s.withheld,
                      "speechCount": s.count, "firstSpeechOrder": s.first} for s in v.speakers],
        "speechRecord": [{
            "speechID": f"{m.key}#{s.anchor}",
            "speechOrder": s.order,
            "speaker": v.text(s.speaker.name),
            "speakerPosition": v.text(s.speaker.role),
            "speakerWithheld": s.speaker.withheld,
            "speech": v.text(s.text),
            "speechURL": f"{url}#{s.anchor}",
        } for s in v.speeches],
    }


def _summary(v: MeetingView, full_url: Callable[[str], str]) -> dict[str, Any]:
    m = v.meeting
    return {
        "issueID": m.key,
        "nameOfMeeting": m.council.name,
        "councilSlug": m.council.slug,
        "title": v.title,
        "date": m.date.isoformat(),
        "fiscalYear": m.fiscal_year,
        "fiscalYearLabel": v.fiscal_year_label,
        "speechCount": v.speech_count,
        "summary": v.summary,
        "meetingURL": full_url(m.url),
        "dataURL": full_url(f"{m.url}meeting.json"),
    }


def index_record(v: MeetingView, full_url: Callable[[str], str]) -> dict[str, Any]:
    """A meeting's line of ``data/meetings.json``: also what its feed entry is made from."""
    return _summary(v, full_url)


def index_records(views: Sequence[MeetingView], full_url: Callable[[str], str]) -> list[dict[str, Any]]:
    return [index_record(v, full_url) for v in views]


def to_json(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def to_csv(rows: list[dict[str, Any]]) -> bytes:
    """UTF-8 with a byte order mark, so that spreadsheet programs read the Japanese correctly."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=INDEX_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")
