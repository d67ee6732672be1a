"""Word minutes (.docx) through python-docx (issue 21, item 1). The fixtures are written by
tests/fixtures/legacy/make_fixtures.py from the seed record."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_importer import without_source

from kaigiroku.core.errors import display_path
from kaigiroku.legacy.importer import ImportResult, import_files

LEGACY = Path(__file__).with_name("fixtures") / "legacy"
OFFICE = LEGACY / "office"


def run(tmp_path: Path, *files: Path) -> ImportResult:
    return import_files(list(files), "privacy", tmp_path / "content", False)


def split(path: Path) -> tuple[dict, str]:
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return without_source(yaml.safe_load(front)), body


def normalise(text: str) -> str:
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text))


def test_the_seed_as_word_imports_as_its_text_export_does(tmp_path: Path) -> None:
    text = run(tmp_path / "text", LEGACY / "seed_000.txt").files[0].written
    word = run(tmp_path / "word", OFFICE / "seed.docx")
    assert word.ok and word.warnings == [], [str(w) for w in word.errors + word.warnings]
    assert text is not None and word.files[0].written is not None
    text_front, text_body = split(text)
    word_front, word_body = split(word.files[0].written)
    assert word_front == text_front
    # The same Markdown but for white space: Word's list items follow each other without a blank line,
    # and a line after a hard break inside a list item is indented.
    assert normalise(word_body) == normalise(text_body)
    for sentence in ("(3) 諮問審議", "#### (4) 報告", "**会 議 経 過**", "  - 生活福祉課内において",
                     "きちんとした情報保護意識のある方が雇われているか、市もチェックしてほしい。"):
        assert sentence in word_body, sentence
    assert "ページの見出し" not in word.files[0].written.read_text(encoding="utf-8")  # the page header is not the record


def test_lists_tables_bold_breaks_and_footnotes(tmp_path: Path) -> None:
    result = run(tmp_path, OFFICE / "features.docx")
    assert result.ok, [str(e) for e in result.errors]
    assert result.files[0].written is not None
    front, body = split(result.files[0].written)
    assert front == {"title": "令和5年度第2回みどり市環境審議会", "date": dt.date(2023, 10, 3),
                     "start": "14:00", "end": "16:15", "place": "みどり市役所 404会議室",
                     "attendees": ["青木一郎", "井上花子"]}
    assert body == (
        "\n## 次第\n\n1. 開会\n2. 議事\n3. 閉会\n\n"
        "**（委員）**　資料の表を説明してほしい。\n\n"
        "- 主な意見\n  - 緑地の保全\n\n"
        "| 年度 | 緑地の面積 |\n| --- | --- |\n| 令和4年度 | 120ha |\n\n"
        "（環境政策課長）　民有地の宅地化によるものです。保全の方法を検討（注1）します。\n\n"
        "以上  \n（記録：環境政策課）\n\n"
        "（注1）緑地の面積は航空写真による。\n"
    )
    assert [str(w).split(": ", 1)[1] for w in result.warnings] == [
        "1 footnote(s) kept at the end of the minutes, their marks written （注1） …: check where they belong"]


@pytest.mark.parametrize("name, message", [
    ("tracked_changes.docx", "4:1: the Word file still holds tracked changes (1 insertion, 1 deletion): accept or "
     "reject every change (校閲 → 承諾 / 元に戻す), save, and import again; a draft's changes may hold what must not "
     "be published"),
    ("commented.docx", "4:1: the Word file holds 1 comment(s): delete them (校閲 → 削除 → ドキュメント内のすべての"
     "コメントを削除), save, and import again; comments are notes of a draft"),
    ("hidden_text.docx", "4:1: the Word file holds hidden text (1 run(s)): show it (ホーム → 編集記号の表示), delete "
     "what must not be published or unhide it, and import again"),
    ("damaged.docx", "1:1: the Word file cannot be opened (BadZipFile): it is damaged or not a .docx; open it in "
     "Word and save it again"),
])
def test_drafts_and_damaged_files_are_refused_and_nothing_is_written(tmp_path: Path, name: str, message: str) -> None:
    result = run(tmp_path, OFFICE / name)
    assert [str(e) for e in result.errors] == [f"{display_path(OFFICE / name)}:{message}"]
    assert result.files[0].written is None
    assert not (tmp_path / "content").exists()


def test_refusals_never_quote_the_draft(tmp_path: Path) -> None:
    shown = " ".join(str(e) for name in ("tracked_changes.docx", "commented.docx", "hidden_text.docx")
                     for e in run(tmp_path, OFFICE / name).errors)
    for draft in ("修正後の発言", "削除された発言", "非公開にするか確認", "非表示のメモ"):
        assert draft not in shown


def test_an_old_word_file_is_refused_with_what_to_do(tmp_path: Path) -> None:
    old = tmp_path / "minutes.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    assert [str(e) for e in run(tmp_path, old).errors] == [
        f"{display_path(old)}:1:1: a Word 97–2003 file (.doc) or another old Office file: open it in Word and save it "
        "as a Word document (.docx), then import that"]


def test_a_word_file_is_told_by_its_bytes_not_its_name(tmp_path: Path) -> None:
    renamed = tmp_path / "minutes.txt"
    renamed.write_bytes((OFFICE / "features.docx").read_bytes())
    result = run(tmp_path, renamed)
    assert result.ok and result.files[0].written is not None


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.integers(min_value=0), st.binary(min_size=1, max_size=8))
def test_a_damaged_word_file_is_refused_or_imported_never_a_traceback(at: int, junk: bytes) -> None:
    data = bytearray((OFFICE / "features.docx").read_bytes())
    at %= len(data)
    data[at:at + len(junk)] = junk
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "minutes.docx"
        source.write_bytes(bytes(data))
        (done,) = import_files([source], "privacy", Path(tmp) / "content", False).files
        assert bool(done.errors) != bool(done.written)
