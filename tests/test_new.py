"""`python build.py new COUNCIL DATE`: a meeting file from the template, never over another."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from minutes import write_content

from build import main
from kaigiroku.content.loading import MEETING_KEYS, load_council, load_meeting
from redaction.policy import load_policy


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_content(tmp_path)


def test_new_writes_a_draft_with_every_front_matter_key(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "privacy", "2024-07-01"]) == 0
    path = content / "privacy" / "2024-07-01.md"
    assert "wrote content/privacy/2024-07-01.md" in capsys.readouterr().out
    text = path.read_text(encoding="utf-8")
    for key in MEETING_KEYS:
        assert f"\n{key}:" in text or f"\n# {key}:" in text, key
    meeting, _ = load_meeting(path, load_council(content / "privacy"), load_policy())
    assert meeting.status == "draft" and meeting.title == "令和6年度第〇回個人情報保護運営審議会"


def test_a_page_made_from_the_template_shows_its_minutes_heading_once(content: Path) -> None:
    """The layout has its own 会議経過 heading; the template does not repeat it, and its pointer to
    the markup names a section README really has (issue 23, item 9)."""
    assert main(["new", "privacy", "2024-07-01"]) == 0
    path = content / "privacy" / "2024-07-01.md"
    text = path.read_text(encoding="utf-8")
    assert "会議経過" not in text.split("\n---\n", 1)[1].replace("（ここに会議経過を書きます）", "")
    section = text.split("README.md の「", 1)[1].split("」", 1)[0]
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert f"\n### {section}\n" in readme
    path.write_text(text.replace("status: draft", "status: published"), encoding="utf-8")
    assert main(["build", "--quiet"]) == 0
    page = (content.parent / "site" / "privacy" / "2024-07-01" / "index.html").read_text(encoding="utf-8")
    assert page.count("会議経過<") == 1


def test_new_refuses_to_overwrite_and_says_how_to_add_a_second_meeting(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = content / "privacy" / "2024-04-10.md"
    before = path.read_bytes()
    assert main(["new", "privacy", "2024-04-10"]) == 1
    err = capsys.readouterr().err
    assert "error: content/privacy/2024-04-10.md already exists and was left unchanged" in err
    assert "`python build.py new privacy 2024-04-10-2`" in err
    assert path.read_bytes() == before
    assert main(["new", "privacy", "2024-04-10-2"]) == 0
    assert (content / "privacy" / "2024-04-10-2.md").is_file()
    assert main(["new", "privacy", "2024-04-10"]) == 1
    assert "2024-04-10-3" in capsys.readouterr().err


@pytest.mark.parametrize("date", ["2024-13-01", "20240401", "2024-04-10-1", "2024-04-10-x"])
def test_new_refuses_a_bad_date_as_wrong_usage(content: Path, date: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["new", "privacy", date])
    assert exc.value.code == 2
    assert "is not a meeting date" in capsys.readouterr().err


def test_new_makes_the_council_a_first_meeting_needs_and_says_so(content: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 23, item 8: `new` refused a council folder that did not exist, while `import` made it."""
    assert main(["new", "welfare", "2024-07-01", "--name", "福祉サービス: 第三者評価委員会"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("created content/welfare/_council.yaml: check the council's name in it\n")
    assert load_council(content / "welfare").name == "福祉サービス: 第三者評価委員会"
    assert main(["new", "youth", "2024-07-02"]) == 0  # no name: a placeholder that builds, and what to do
    assert "created content/youth/_council.yaml: write the council's name in it" in capsys.readouterr().out
    meeting, _ = load_meeting(content / "youth" / "2024-07-02.md", load_council(content / "youth"), load_policy())
    assert meeting.title == "令和6年度第〇回〇〇審議会"
    assert main(["new", "Welfare", "2024-07-01"]) == 1
    assert "is not a council folder name" in capsys.readouterr().err


def test_new_in_a_fresh_folder_makes_site_yaml_and_the_result_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "privacy", "2024-07-01", "--name", "個人情報保護運営審議会"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "created content/site.yaml: set the city's title, organization and base_url in it"
    assert lines[1].startswith("created content/privacy/_council.yaml") and lines[2].startswith("wrote content/privacy/")
    path = tmp_path / "content" / "privacy" / "2024-07-01.md"
    path.write_text(path.read_text(encoding="utf-8").replace("status: draft", "status: published"), encoding="utf-8")
    assert main(["build", "--quiet"]) == 0
    assert (tmp_path / "site" / "privacy" / "2024-07-01" / "index.html").is_file()
    site = (tmp_path / "content" / "site.yaml").read_bytes()
    assert main(["new", "privacy", "2024-07-02"]) == 0  # never overwritten
    assert (tmp_path / "content" / "site.yaml").read_bytes() == site


@pytest.mark.parametrize("name", ["審議会: 第1部会", "審議会 #2", "'審議会'", '"審議会"'])
def test_a_council_name_that_yaml_would_misread_is_the_title_as_written(content: Path, name: str) -> None:
    (content / "privacy" / "_council.yaml").write_text(f"name: {json.dumps(name, ensure_ascii=False)}\n",
                                                      encoding="utf-8")
    assert main(["new", "privacy", "2024-07-01"]) == 0
    meeting, _ = load_meeting(content / "privacy" / "2024-07-01.md", load_council(content / "privacy"), load_policy())
    assert meeting.title == f"令和6年度第〇回{name}"
