"""Open data: meeting.json, data/meetings.json and data/meetings.csv — schema and leaks."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import SHARED

from build import main
from kaigiroku.render.opendata import INDEX_COLUMNS
from redaction.leakcheck import Secret, readable, verify
from redaction.normalize import normalize
from redaction.searchform import run_tokens, runs

MEETING_FIELDS = {
    "schemaVersion": int, "issueID": str, "nameOfMeeting": str, "councilSlug": str, "title": str, "date": str,
    "fiscalYear": int, "fiscalYearLabel": str, "speechCount": int, "summary": str, "meetingURL": str,
    "dataURL": str, "dateLabel": str, "startTime": str, "endTime": str, "place": str, "attendees": list,
    "absentees": list, "explainers": list, "secretariat": list, "publicAttendance": (bool, type(None)),
    "publicAttendanceReason": str, "agenda": list, "contact": str, "withheld": list, "speakers": list,
    "speechRecord": list,
}
SPEECH_FIELDS = {"speechID": str, "speechOrder": int, "speaker": str, "speakerPosition": str,
                 "speakerWithheld": bool, "speech": str, "speechURL": str}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    root = tmp_path_factory.mktemp("opendata")
    subprocess.run([sys.executable, str(SHARED / "bench" / "gen_corpus.py"), "--meetings", "12", "--seed", "3",
                    "--size-kb", "6", "--pii-rate", "0", "--out", str(root / "content"),
                    "--manifest", str(root / "manifest.json")], check=True, capture_output=True)
    assert main(["build", "--content", str(root / "content"), "--out", str(root / "site")]) == 0
    return root / "site", json.loads((root / "manifest.json").read_text(encoding="utf-8"))


def meeting_files(site: Path) -> list[Path]:
    return sorted(p for p in site.glob("*/*/meeting.json"))


def check_fields(record: dict[str, Any], fields: dict[str, Any]) -> None:
    assert set(record) == set(fields)
    for key, kind in fields.items():
        assert isinstance(record[key], kind), key


def test_every_meeting_has_a_json_file_with_the_schema(built: tuple[Path, dict[str, Any]]) -> None:
    site, _ = built
    files = meeting_files(site)
    assert files
    for path in files:
        record = json.loads(path.read_text(encoding="utf-8"))
        check_fields(record, MEETING_FIELDS)
        assert record["issueID"] == f"{path.parent.parent.name}/{path.parent.name}"
        assert record["speechCount"] == len(record["speechRecord"])
        page = (path.parent / "index.html").read_text(encoding="utf-8")
        for n, speech in enumerate(record["speechRecord"], 1):
            check_fields(speech, SPEECH_FIELDS)
            assert speech["speechOrder"] == n
            assert speech["speechURL"] == f"{record['meetingURL']}#s{n}"
            assert f'id="s{n}"' in page
        assert sum(s["speechCount"] for s in record["speakers"]) == record["speechCount"]


def test_the_archive_index_lists_every_meeting_in_json_and_csv(built: tuple[Path, dict[str, Any]]) -> None:
    site, _ = built
    index = json.loads((site / "data" / "meetings.json").read_text(encoding="utf-8"))
    raw = (site / "data" / "meetings.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert index["schemaVersion"] == 1
    assert [tuple(m) for m in index["meetings"]] == [INDEX_COLUMNS] * len(meeting_files(site))
    assert [r["issueID"] for r in rows] == [m["issueID"] for m in index["meetings"]]
    assert tuple(rows[0]) == INDEX_COLUMNS
    dates = [m["date"] for m in index["meetings"]]
    assert dates == sorted(dates, reverse=True)


def test_no_withheld_text_in_the_open_data(built: tuple[Path, dict[str, Any]]) -> None:
    site, manifest = built
    secrets = {normalize(s["text"]) for f in manifest["files"].values() for s in f["secrets"]
               if len(normalize(s["text"])) >= 2}
    files = [*meeting_files(site), site / "data" / "meetings.json", site / "data" / "meetings.csv"]
    for path in files:
        text = readable(path.read_bytes())
        assert not [s for s in secrets if s in text], path


def test_the_leak_check_reads_json_escapes_and_search_records(tmp_path: Path) -> None:
    secret = "田中花子"
    tokens = " ".join(t for run in runs(f"審査請求人{secret}氏") for t in run_tokens(run))
    (tmp_path / "meeting.json").write_text(json.dumps({"speech": secret}), encoding="utf-8")  # \\u escapes
    (tmp_path / "record.pf_fragment").write_bytes(b"pagefind_dcd" + json.dumps({"content": tokens}).encode())
    leaks = verify(tmp_path, {normalize(secret): Secret("privacy/2024-04-01", "personal", "inline")})
    assert sorted(leak.path for leak in leaks) == ["site/meeting.json", "site/record.pf_fragment"]
