"""Import of council minutes (issue 22): text and saved pages in the ○ convention with a sitting's
header, the National Diet Library's minutes API (meetingRecord and speechRecord) and the
{"Date", "ProceedingTitle", "Proceeding"} form. One meeting file per sitting, and a round trip:
every utterance of the source is one speech of the built page, with its speaker, every sentence
kept."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

from kaigiroku.content.loading import load_council, load_meeting
from kaigiroku.legacy.importer import import_files
from kaigiroku.render.markdown import MinutesRenderer
from redaction.detectors import build_detectors
from redaction.operators import plain
from redaction.policy import Policy
from redaction.speakerlabels import parse_council

FIXTURES = ROOT / "tests" / "fixtures" / "import" / "council"
NOTE = re.compile(r"[〔［][^〔〕［］]*[〕］]")


def imported(tmp_path: Path, policy: Policy, *names: str) -> dict[str, Path]:
    content = tmp_path / "content"
    result = import_files([FIXTURES / n for n in names], "gikai", content, False, policy)
    assert result.ok, [str(e) for e in result.errors]
    return {f.written.stem: f.written for f in result.files if f.written}


def speeches(path: Path, policy: Policy) -> list[tuple[str, str, str]]:
    """(name, role, text) of each speech of the meeting file, as the build reads it."""
    meeting, _ = load_meeting(path, load_council(path.parent), policy, build_detectors(policy))
    assert meeting.findings == ()
    minutes = MinutesRenderer().minutes(meeting.body, meeting.redactions, style=meeting.speaker_style)
    return [(s.speaker.name, s.speaker.role, plain(s.text, meeting.redactions)) for s in minutes.speeches]


def sentences(text: str) -> list[str]:
    """The sentences of an utterance, without white space and stage notes."""
    text = text.strip()
    label = parse_council(text)
    flat = "".join(NOTE.sub("", text[label.end:] if label else text).split())
    return [s for s in re.split(r"(?<=。)", flat) if s]


def kept(source: str, speech: str) -> bool:
    flat = "".join(speech.split())
    return all(s in flat for s in sentences(source))


def ndl_utterances(doc: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    records = [r for m in doc.get("meetingRecord", [{"speechRecord": doc.get("speechRecord", [])}])
               for r in m["speechRecord"]]
    if "meetingRecord" in doc:
        for m in doc["meetingRecord"]:
            for r in m["speechRecord"]:
                r["date"] = m["date"]
    by_date: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        if r["speechOrder"] > 0:
            by_date.setdefault(r["date"], []).append(r)
    return by_date


@pytest.mark.parametrize("name", ["ndl-meetings.json", "ndl-speeches.json"])
def test_the_minutes_api_round_trip(name: str, tmp_path: Path, policy: Policy) -> None:
    files = imported(tmp_path, policy, name)
    source = ndl_utterances(json.loads((FIXTURES / name).read_text(encoding="utf-8")))
    assert sorted(files) == sorted(source)  # one meeting file per sitting
    for date, utterances in source.items():
        got = speeches(files[date], policy)
        assert [(n, r) for n, r, _ in got] == [
            ("".join(u["speaker"].split()), u["speakerPosition"] or "議員") for u in utterances]
        assert all(kept(u["speech"], text) for u, (_, _, text) in zip(utterances, got))


def test_the_proceeding_form_round_trip(tmp_path: Path, policy: Policy) -> None:
    files = imported(tmp_path, policy, "proceeding.json")
    doc = json.loads((FIXTURES / "proceeding.json").read_text(encoding="utf-8"))
    assert sorted(files) == ["2024-09-09", "2024-09-10"]  # the second sitting's date in 和暦
    for sitting, date in zip(doc, sorted(files)):
        got = speeches(files[date], policy)
        assert len(got) == len(sitting["Proceeding"])
        for u, (name, role, text) in zip(sitting["Proceeding"], got):
            assert kept(u["Utterance"], text)
    first = speeches(files["2024-09-09"], policy)
    assert [(n, r) for n, r, _ in first] == [("山口拓", "議長"), ("佐藤花子", "議員"), ("", "市長"), ("村雨健太", "議員")]
    assert "{{redact:person|秘密}}" in first[3][2]  # text that looks like a marker stays text


@pytest.mark.parametrize("name", ["sitting.txt", "sitting.html"])
def test_a_sitting_in_the_council_convention(name: str, tmp_path: Path, policy: Policy) -> None:
    files = imported(tmp_path, policy, name)
    path = files["2024-06-10"]
    text = path.read_text(encoding="utf-8")
    front = text.split("---\n")[1]
    assert "title: 令和6年6月定例会（第1日）" in front and 'start: "10:00"' in front
    assert "  - １２番　山口拓" in front and "  - ９番　早瀬由紀" in front  # seats and names, spacing folded
    assert "  - 市長　鈴木一郎" in front and "  - 総務部長　田中一郎" in front  # explainers
    assert "  - 事務局長　中村三郎" in front and "  - 日程第２　一般質問" in front
    got = speeches(path, policy)
    assert [(n, r) for n, r, _ in got] == [("山口拓", "議長"), ("佐藤花子", "議員"), ("鈴木一郎", "市長"),
                                          ("桐生和夫", "副市長"), ("山口拓", "議長")]
    source = (FIXTURES / "sitting.txt").read_text(encoding="utf-8").split("〔午前10時開議〕")[1]
    utterances = [u for u in re.split(r"\n(?=○)", source.strip()) if u.startswith("○")]
    assert len(utterances) == len(got)
    assert all(kept(u, text) for u, (_, _, text) in zip(utterances, got))


def test_importing_the_same_json_again_imports_nothing(tmp_path: Path, policy: Policy) -> None:
    imported(tmp_path, policy, "proceeding.json")
    again = import_files([FIXTURES / "proceeding.json"], "gikai", tmp_path / "content", False, policy)
    assert [f.status for f in again.files] == ["skipped"]


def test_json_of_another_kind_is_refused(tmp_path: Path, policy: Policy) -> None:
    other = tmp_path / "other.json"
    other.write_text('{"items": []}', encoding="utf-8")
    result = import_files([other], "gikai", tmp_path / "content", False, policy)
    assert [f.status for f in result.files] == ["refused"]
    assert "JSON of a kind the importer does not read" in result.errors[0].message
    assert not (tmp_path / "content").exists()
