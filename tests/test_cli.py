"""The command line: commands, options, exit codes, and the README documenting them."""

from __future__ import annotations

import argparse
import csv
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest
from conftest import ROOT, Run

import build

CONTENT = str(ROOT / "content")


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def test_options_alone_mean_build(cli: Callable[..., Run], tmp_path: Path) -> None:
    run = cli("--content", CONTENT, "--out", "public")
    assert run.code == 0 and run.err == ""
    assert re.fullmatch(r"built \d+ meetings into public/ \(\d+ withholdings; left out 1 draft: [a-z-]+/[0-9-]+\)\n", run.out)
    assert (tmp_path / "public" / "index.html").is_file() and not (tmp_path / "site").exists()


def test_check_writes_nothing(cli: Callable[..., Run], tmp_path: Path) -> None:
    run = cli("check", "--content", CONTENT)
    assert run.code == 0
    assert re.fullmatch(r"checked \d+ meetings: 0 findings to review, 0 warnings\n", run.out)
    assert list(tmp_path.iterdir()) == []


def test_report_lists_withholdings_with_notes(cli: Callable[..., Run]) -> None:
    run = cli("report", "--content", CONTENT)
    assert run.code == 0
    assert "## disclosure/2023-07-14  (personal 8)" in run.out
    assert "\tpersonal\tinline\tmanual\t鷲尾環  [請求者本人。事故の報告書では実名]" in run.out
    assert "## urban-planning/2025-02-12" in run.out  # drafts are reported for approval too


def test_report_csv(cli: Callable[..., Run], tmp_path: Path) -> None:
    run = cli("report", "--content", CONTENT, "--csv", "ledger.csv")
    raw = (tmp_path / "ledger.csv").read_bytes()
    assert raw.startswith("\ufeff".encode()) and (tmp_path / "ledger.csv").stat().st_mode & 0o777 == 0o600
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert run.code == 0 and run.out == f"wrote {len(rows)} ledger lines to ledger.csv\n"
    assert {"meeting", "line", "col", "category", "how", "origin", "text", "note"} == set(rows[0])
    assert {"inline", "repeat", "term", "block"} <= {r["how"] for r in rows}


def test_report_csv_may_not_go_into_the_site(cli: Callable[..., Run], tmp_path: Path) -> None:
    run = cli("report", "--content", CONTENT, "--csv", "site/ledger.csv")
    assert run.code == 2
    assert run.err == ("error: the report holds withheld text and may not be written to site/ledger.csv: it lies "
                       "inside site/; write it to a private folder outside every built site and the content\n")
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("where", ["public/ledger.csv", "public/privacy/ledger.csv", "content/ledger.csv",
                                   "content/privacy/ledger.csv"])
def test_report_csv_may_not_go_into_any_build_or_the_content(cli: Callable[..., Run], tmp_path: Path,
                                                             where: str) -> None:
    """Not only site/: a build made with --out public, or the content folder, is one rsync or git push
    away from the public (issue 23, item 1)."""
    shutil.copytree(CONTENT, tmp_path / "content")
    assert cli("build", "--content", "content", "--out", "public", "--quiet").code == 0
    before = sorted(p for p in tmp_path.rglob("*") if ".cache" not in p.parts)
    run = cli("report", "--content", "content", "--csv", where)
    assert run.code == 2 and run.out == ""
    assert run.err.startswith(f"error: the report holds withheld text and may not be written to {where}: ")
    assert ("holds a built site" if where.startswith("public") else "lies inside the content folder") in run.err
    assert sorted(p for p in tmp_path.rglob("*") if ".cache" not in p.parts) == before  # nothing written


@pytest.mark.parametrize("argv", [["publish"], ["build", "--bogus"], ["check", "--out", "x"]])
def test_wrong_usage_exits_2(cli: Callable[..., Run], argv: list[str]) -> None:
    run = cli(*argv)
    assert run.code == 2 and "usage: build.py" in run.err


@pytest.mark.parametrize("jobs", ["0", "-2"])
def test_no_workers_is_wrong_usage(cli: Callable[..., Run], jobs: str) -> None:
    run = cli("build", "--content", CONTENT, "--jobs", jobs)
    assert run.code == 2 and "workers cannot build anything; use 1 or more" in run.err


@pytest.mark.parametrize("command", [["build"], ["check"], ["report"], ["serve", "--port", "0"],
                                     ["approve", "privacy/2024-07-01", "--by", "山田"]])
def test_a_content_folder_that_does_not_exist_is_wrong_usage(cli: Callable[..., Run], tmp_path: Path,
                                                            command: list[str]) -> None:
    """Exit 2 like any wrong option (issue 23, item 10), and nothing is made in its place."""
    run = cli(*command, "--content", "no-such-folder")
    assert (run.code, run.out) == (2, "")
    assert run.err == ("error: --content no-such-folder: no such folder; give the folder that holds site.yaml "
                       "and the council folders (default: content)\n")
    assert not (tmp_path / "no-such-folder").exists() and not (tmp_path / "site").exists()


def test_help(cli: Callable[..., Run]) -> None:
    run = cli("--help")
    assert run.code == 0
    for command in ("build", "check", "report"):
        assert command in run.out


def test_build_py_runs_as_a_script() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "check", "--content", CONTENT],
                          capture_output=True, text=True, encoding="utf-8", check=False)
    assert done.returncode == 0, done.stderr


def subcommands() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in build.parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_readme_documents_every_command_and_option() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command, sub in subcommands().items():
        assert f"python build.py {command}" in readme, command
        for action in sub._actions:
            for flag in action.option_strings:
                if action.help != "==SUPPRESS==" and flag not in ("-h", "--help"):
                    assert flag in readme, f"{command} {flag}"


@pytest.mark.parametrize("command", ["build", "check", "report"])
def test_a_policy_that_cannot_be_read_is_a_located_error(cli: Callable[..., Run], tmp_path: Path,
                                                         command: str) -> None:
    run = cli(command, "--content", CONTENT, "--policy", "missing.yaml")
    assert (run.code, run.out) == (1, "")
    assert run.err == ("missing.yaml:1:1: cannot read the policy: No such file or directory; "
                       "give the policy file with --policy FILE\n1 error"
                       + ("\n" if command == "check" else "; nothing was written\n"))
    (tmp_path / "sjis.yaml").write_bytes("ordinance: 東村山市情報公開条例\n".encode("shift_jis"))
    run = cli(command, "--content", CONTENT, "--policy", "sjis.yaml")
    assert run.code == 1 and run.err.startswith("sjis.yaml:1:1: not UTF-8 text (byte 11); save the policy as UTF-8\n")
    assert [p.name for p in tmp_path.iterdir() if p.name != ".cache"] == ["sjis.yaml"]  # no site, no staging


def test_an_editors_lock_file_or_a_link_loop_in_the_content_is_no_obstacle(cli: Callable[..., Run],
                                                                           tmp_path: Path) -> None:
    shutil.copytree(CONTENT, tmp_path / "content")
    (tmp_path / "content" / "privacy" / ".#2014-02-10.md").symlink_to("staff@pc.4242")  # Emacs, while editing
    (tmp_path / "content" / "privacy" / "all").symlink_to("..")
    run = cli("build", "--content", "content", "--out", "site", "--quiet")
    assert run.code == 0, run.err
    assert run.err == "" and (tmp_path / "site" / "privacy" / "2014-02-10" / "index.html").is_file()


def test_report_csv_into_a_missing_folder_is_a_clear_error(cli: Callable[..., Run], tmp_path: Path) -> None:
    run = cli("report", "--content", CONTENT, "--csv", "nowhere/ledger.csv")
    assert (run.code, run.out) == (1, "")
    assert run.err == ("error: cannot write nowhere/ledger.csv: No such file or directory; "
                       "check that its folder exists and is writable\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("argv, message", [
    (["build", "--jobs", "99999"], "argument --jobs/-j: 99999 is more than this machine can use; at most"),
    (["build", "--jobs", "abc"], "argument --jobs/-j: `abc` is not a whole number"),
    (["serve", "--port", "70000"], "argument --port: 70000 is not a port: use 1 to 65535, or 0 for a free one"),
], ids=["too-many-jobs", "jobs-not-a-number", "port-out-of-range"])
def test_numbers_out_of_range_are_wrong_usage(cli: Callable[..., Run], argv: list[str], message: str) -> None:
    run = cli(*argv)
    assert run.code == 2 and message in run.err and "Traceback" not in run.err


def test_a_content_folder_without_site_settings_is_named_as_given(cli: Callable[..., Run], tmp_path: Path) -> None:
    (tmp_path / "minutes").mkdir()
    run = cli("check", "--content", "minutes")
    assert run.code == 1
    assert run.err.splitlines()[0] == ("minutes/site.yaml:1:1: site settings not found: create minutes/site.yaml "
                                       "with title, organization and base_url")
