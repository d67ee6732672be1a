"""The command line in both languages: Japanese by default (KAIGIROKU_LANG, the locale, site.yaml's
`language`), English kept; a content error keeps its `path:line:col:` prefix in either, and so do the
importer's warnings and refusals."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Callable

import pytest
from conftest import ROOT, SITE_YAML, Run, write_tree

CONTENT = str(ROOT / "content")
MANY = ROOT / "tests" / "invalid" / "many-errors-in-one-file"


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def speak(monkeypatch: pytest.MonkeyPatch, language: str) -> None:
    monkeypatch.setenv("KAIGIROKU_LANG", language)


@pytest.mark.parametrize("command", ["build", "check"])
def test_invalid_content_in_both_languages(command: str, cli: Callable[..., Run], tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(MANY / "content", tmp_path / "content")
    english = (MANY / "expected.txt").read_text(encoding="utf-8").splitlines()
    speak(monkeypatch, "ja")
    run = cli(command)
    lines = run.err.splitlines()
    assert run.code == 1 and run.out == "" and len(lines) == len(english) + 1
    for ja, en in zip(lines, english):  # the same place, told in Japanese
        prefix = re.match(r"[^ ]+:\d+:\d+: ", en)
        assert prefix and ja.startswith(prefix.group()) and ja != en
        assert re.search(r"[ぁ-んァ-ン]", ja), ja
    assert "`attendee`：`attendees` のことですか？" in lines[2] and "`persnal`" in lines[3]
    assert lines[-1] == ("エラー6件。何も書き込んでいません" if command == "build" else "エラー6件")
    speak(monkeypatch, "en")
    assert cli(command).err.splitlines() == [*english, "6 errors; nothing was written" if command == "build" else "6 errors"]


def test_build_summary_in_both_languages(cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    speak(monkeypatch, "ja")
    run = cli("build", "--content", CONTENT, "--out", "public")
    assert run.code == 0, run.err
    assert re.fullmatch(r"会議\d+件を public/ にビルドしました（非公開箇所\d+件、下書き1件は除外：urban-planning/2025-02-12）\n",
                        run.out)
    again = cli("build", "--content", CONTENT, "--out", "public")
    assert re.fullmatch(r"public/ は最新です：前回のビルドから変更はありません（会議\d+件）\n", again.out)
    speak(monkeypatch, "en")
    again = cli("build", "--content", CONTENT, "--out", "public")
    assert re.fullmatch(r"public/ is up to date: nothing changed since the last build \(\d+ meetings\)\n", again.out)


def test_check_summary_in_both_languages(cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    speak(monkeypatch, "ja")
    run = cli("check", "--content", CONTENT)
    assert run.code == 0 and re.fullmatch(r"会議\d+件を確認しました：要確認の検出0件、警告0件\n", run.out)
    speak(monkeypatch, "en")
    run = cli("check", "--content", CONTENT)
    assert run.code == 0 and re.fullmatch(r"checked \d+ meetings: 0 findings to review, 0 warnings\n", run.out)


@pytest.mark.parametrize("language, expected", [
    ("ja", "エラー：--content missing：そのフォルダーはありません。"),
    ("en", "error: --content missing: no such folder; give the folder that holds site.yaml"),
])
def test_usage_errors_in_both_languages(language: str, expected: str, cli: Callable[..., Run],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    speak(monkeypatch, language)
    run = cli("check", "--content", "missing")
    assert run.code == 2 and run.err.startswith(expected)
    jobs = cli("build", "--content", CONTENT, "--jobs", "0")  # an option's value, refused by argparse
    assert jobs.code == 2
    assert ("ワーカー0個ではビルドできません" if language == "ja" else "0 workers cannot build anything") in jobs.err


def test_findings_stop_a_build_as_findings(cli: Callable[..., Run], tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    write_tree(tmp_path / "content", {"site.yaml": SITE_YAML, "c/_council.yaml": "name: 審議会\n",
                                      "c/2023-07-14.md": "---\ntitle: 第1回\ndate: 2023-07-14\n---\n"
                                                         "小野寺修さんから意見がありました。\n"})
    speak(monkeypatch, "en")
    run = cli("build")
    assert run.code == 1 and "error(s)" not in run.err and "errors" not in run.err
    assert run.err.splitlines()[-1].startswith("1 finding to review: mark it with {{redact:…}}")
    assert "c/2023-07-14.md:5:1: possible personal name 小○○" in run.err  # masked: not a terminal
    speak(monkeypatch, "ja")
    run = cli("build")
    assert "c/2023-07-14.md:5:1: 人名の可能性：小○○" in run.err and "要確認の検出が1件あります" in run.err


def test_the_language_comes_from_the_locale_then_site_yaml(cli: Callable[..., Run], tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("KAIGIROKU_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")  # names no language: site.yaml decides
    write_tree(tmp_path / "content", {"site.yaml": SITE_YAML + "language: en\n"})
    assert cli("check").out == "checked 0 meetings: 0 findings to review, 0 warnings\n"
    write_tree(tmp_path / "content", {"site.yaml": SITE_YAML})  # no language: Japanese
    assert cli("check").out == "会議0件を確認しました：要確認の検出0件、警告0件\n"
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert cli("check").out.startswith("checked 0 meetings")


def test_import_warnings_and_refusals_in_both_languages(cli: Callable[..., Run], tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    records = tmp_path / "records"
    records.mkdir()
    seed = (ROOT / "tests" / "fixtures" / "legacy" / "seed_000.txt").read_text(encoding="utf-8")
    (records / "seed.txt").write_text(seed.replace("。", "。\x07", 1), encoding="utf-8")
    (records / "scan.txt").write_bytes(b"\0\1\2 not a record")
    speak(monkeypatch, "ja")
    run = cli("import", str(records), "--council", "privacy", "--content", "content", "--dry-run")
    assert run.code == 1
    lines = run.err.splitlines()
    warning = next(line for line in lines if "seed.txt:" in line)
    assert re.fullmatch(r".*seed\.txt:\d+:\d+: 制御文字 U\+0007 を削除しました。文字ではありません", warning)
    refusal = next(line for line in lines if "scan.txt:" in line)
    assert refusal.endswith("scan.txt:1:1: バイナリのファイルで、会議録ではありません。会議録はテキスト（.txt）、"
                            "ウェブページ（.html）、Word ファイル（.docx）または PDF で取り込んでください")
    assert "取り込めません   records/scan.txt：バイナリのファイルで" in run.out
    assert "取り込み予定1件、とばす0件、取り込めない1件" in run.out
    speak(monkeypatch, "en")
    run = cli("import", str(records), "--council", "privacy", "--content", "content", "--dry-run")
    assert "seed.txt:" in run.err and ": control character U+0007 removed: it is not text" in run.err
    assert "scan.txt:1:1: binary file, not a record: import the minutes as text (.txt)" in run.err
    assert "2 files: 1 to import, 0 skipped, 1 refused;" in run.out
