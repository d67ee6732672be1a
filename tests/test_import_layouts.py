"""Other cities' header layouts (issue 21, item 4): numbered headings, `label：value` lines, 【 】 and 〔 〕
headings, in text and HTML; times with ~ ～ から, weekdays as 火曜日 or (火), なし, member counts, officials'
titles before their names; unknown labels kept in the minutes. The fixtures are in
tests/fixtures/legacy/layouts/ and each layout is described in docs/import.md."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import pytest
import yaml
from test_importer import without_source

from kaigiroku.core.errors import display_path
from kaigiroku.legacy.importer import import_files
from kaigiroku.legacy.labels import BODY_LABELS, LABELS

LAYOUTS = Path(__file__).with_name("fixtures") / "legacy" / "layouts"
NUMBERED_MEMBERS = ["青木一郎", "井上花子", "上田次郎", "江藤三郎", "大野和子", "加藤信二", "木村千春", "工藤正",
                    "小林美樹", "斎藤光", "清水健", "鈴木幸子"]

EXPECTED = {
    "numbered.txt": {
        "title": "令和5年度第2回みどり市環境審議会", "date": dt.date(2023, 10, 3), "start": "14:00", "end": "16:15",
        "place": "みどり市役所本庁舎4階 404会議室", "attendees": NUMBERED_MEMBERS,
        "secretariat": ["環境政策課長 山田一郎", "環境政策課主査 佐藤花子"], "absentees": [],
    },
    "numbered.html": {
        "title": "令和5年度第2回みどり市環境審議会", "date": dt.date(2023, 10, 3), "start": "14:00", "end": "16:15",
        "place": "みどり市役所本庁舎4階 404会議室", "attendees": ["青木一郎", "井上花子", "上田次郎"],
        "secretariat": ["環境政策課長\u3000山田一郎"], "absentees": [],
    },
    "labelled.txt": {
        "title": "第1回あおば市図書館協議会", "date": dt.date(2024, 1, 16), "start": "14:00", "end": "16:00",
        "place": "中央公民館 第1会議室", "attendees": ["青木一郎", "井上花子", "上田次郎"],
        "secretariat": ["図書館長 山田一郎", "図書館係長 佐藤花子"], "absentees": [],
        "agenda": ["令和6年度図書館事業計画について", "その他"],
    },
    "labelled.html": {
        "title": "第1回あおば市図書館協議会", "date": dt.date(2024, 1, 16), "start": "14:00", "end": "16:00",
        "place": "中央公民館 第1会議室", "attendees": ["青木一郎", "井上花子", "上田次郎"], "absentees": [],
    },
    "bracketed.txt": {
        "title": "令和5年度第1回ひかり市福祉のまちづくり推進会議", "date": dt.date(2023, 7, 4), "start": "10:00",
        "end": "12:00", "place": "ひかり市役所 第2会議室", "attendees": ["青木一郎会長", "井上花子委員", "上田次郎委員"],
        "absentees": ["江藤三郎委員"], "agenda": ["バリアフリー基本構想の見直しについて", "その他"],
    },
    "bracketed.html": {
        "title": "令和5年度第1回ひかり市福祉のまちづくり推進会議", "date": dt.date(2023, 7, 4), "start": "10:00",
        "end": "12:00", "place": "ひかり市役所 第2会議室", "attendees": ["青木一郎会長", "井上花子委員", "上田次郎委員"],
        "absentees": [],
    },
}
# What each record holds besides the front matter, in the order the minutes must show it.
MINUTES = {
    "numbered.txt": ["傍聴者：1名", "5 配布資料", "資料1 第3次環境基本計画の進捗状況", "6 会議の結果", "(1) 開会",
                     "(委員) 緑地の面積が前年度より減っている理由は何か。", "(3) 閉会"],
    "numbered.html": ["５　会議の結果", "(1) 開会", "（委員）　緑地の面積が減っている理由は何か。"],
    "labelled.txt": ["傍聴者：なし", "会議の経過", "（館長）　ただいまから第1回図書館協議会を開会します。", "以上"],
    "labelled.html": ["傍聴者：なし", "**（館長）**　ただいまから開会します。"],
    "bracketed.txt": ["説明員：福祉総務課長 山田一郎", "【傍聴者】2名", "【会議経過】",
                      "（福祉総務課長）　資料に沿って見直しの方針を説明します。"],
    "bracketed.html": ["〔会議の内容〕", "（会長）　ただいまから会議を開きます。"],
}
STRUCTURE = sorted({*(label for labels in LABELS.values() for label in labels), *BODY_LABELS, "委員", "事務局",
                    "会議録", "会議要録", "なし"}, key=len, reverse=True)


def imported(tmp_path: Path, name: str) -> tuple[dict, str, list[str]]:
    result = import_files([LAYOUTS / name], "kankyo", tmp_path / "content", False)
    assert result.ok, [str(e) for e in result.errors]
    written = result.files[0].written
    assert written is not None
    _, front, body = written.read_text(encoding="utf-8").split("---\n", 2)
    return without_source(yaml.safe_load(front)), body, [str(w) for w in result.warnings]


def normalise(text: str) -> str:
    return re.sub(r"[\s*\\]", "", unicodedata.normalize("NFKC", text))


def source_pieces(path: Path) -> list[str]:
    """Every piece of text of the record, its labels, numbers, brackets, counts and date line taken out."""
    raw = path.read_bytes().decode("cp932" if b"Shift_JIS" in path.read_bytes()[:200] else "utf-8")
    text = re.sub(r"<(head|nav|footer)>.*?</\1>", "", raw, flags=re.S)
    pieces: list[str] = []
    for line in re.sub(r"<[^>]+>", "\n", text).split("\n"):
        line = unicodedata.normalize("NFKC", line)
        if re.search(r"年.*月.*日", line) and re.search(r"時|:\d\d", line):
            continue  # the date and times: checked as front matter
        line = re.sub(r"^\s*(?:\d+|\(\d+\))\s*\.?", "", line)
        line = re.sub(r"[【〔]([^】〕]*)[】〕]", lambda m: " " + m.group(1).replace(" ", "") + " ", line)
        line = re.sub(r"[(]\d+名[)]", "", line)
        for token in STRUCTURE:
            line = line.replace(token, " ")
        pieces += [normalise(p) for p in re.split(r"[、・,:\s【】〔〕]+", line) if normalise(p)]
    return pieces


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_layout_imports_its_header_as_front_matter(tmp_path: Path, name: str) -> None:
    front, _, _ = imported(tmp_path, name)
    assert front == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(MINUTES))
def test_each_layout_keeps_unknown_labels_and_the_minutes_in_order(tmp_path: Path, name: str) -> None:
    _, body, _ = imported(tmp_path, name)
    positions = [body.find(part) for part in MINUTES[name]]
    assert -1 not in positions, [p for p, at in zip(MINUTES[name], positions) if at == -1]
    assert positions == sorted(positions)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_layout_loses_no_text(tmp_path: Path, name: str) -> None:
    written = import_files([LAYOUTS / name], "kankyo", tmp_path / "content", False).files[0].written
    assert written is not None
    output = normalise(written.read_text(encoding="utf-8"))
    assert [p for p in source_pieces(LAYOUTS / name) if p not in output] == []


def test_unknown_labels_are_warnings_that_name_their_line(tmp_path: Path) -> None:
    _, _, warnings = imported(tmp_path, "numbered.txt")
    shown = display_path(LAYOUTS / "numbered.txt")
    assert warnings == [
        f"{shown}:8:1: 出席者 group 「傍聴者」 is neither members (委員) nor secretariat (事務局); the row is kept at "
        "the top of the minutes: move it to a front matter key by hand if it belongs there",
        f"{shown}:14:1: header label 「配布資料」 is not one of the front matter's; the row is kept at the top of the "
        "minutes: move it to a front matter key by hand if it belongs there",
    ]


def record(tmp_path: Path, text: str) -> tuple[dict, str, list[str]]:
    path = tmp_path / "record.txt"
    path.write_text(text, encoding="utf-8")
    result = import_files([path], "kankyo", tmp_path / "content", True)
    assert result.ok, [str(e) for e in result.errors]
    written = result.files[0].written
    assert written is not None
    _, front, body = written.read_text(encoding="utf-8").split("---\n", 2)
    return without_source(yaml.safe_load(front)), body, [str(w).split(": ", 1)[1] for w in result.warnings]


@pytest.mark.parametrize("when, start, end", [
    ("令和5年10月3日(火曜日) 午後2時~4時15分", "14:00", "16:15"),
    ("令和5年10月3日（火）14時00分から16時15分", "14:00", "16:15"),
    ("令和５年１０月３日（火）午後２時〜午後４時１５分", "14:00", "16:15"),
    ("令和5年10月3日 火曜日 午後2時から4時15分まで", "14:00", "16:15"),
    ("2023年10月3日(火) 14:00～16:15", "14:00", "16:15"),
])
@pytest.mark.parametrize("shape", ["{n} 日時\n{when}\n{m} 場所\n会議室\n", "日時：{when}\n場所：会議室\n",
                                   "【日　時】{when}\n【場　所】会議室\n", "〔日時〕\n{when}\n〔場所〕\n会議室\n",
                                   "■日時　{when}\n■場所　会議室\n", "日　時　{when}\n場　所　会議室\n"])
def test_times_and_weekdays_in_every_layout(tmp_path: Path, shape: str, when: str, start: str, end: str) -> None:
    header = shape.format(n="1", m="2", when=when)
    front, body, _ = record(tmp_path, f"第2回審議会 会議録\n\n{header}\n（委員長）　開会します。\n")
    assert (front["title"], front["date"], front["start"], front["end"], front["place"]) == (
        "第2回審議会", dt.date(2023, 10, 3), start, end, "会議室")
    assert body == "\n（委員長）　開会します。\n"


@pytest.mark.parametrize("numbers", [("1", "2", "3"), ("１", "２", "３"), ("1.", "2.", "3."), ("１．", "２．", "３．"),
                                     ("(1)", "(2)", "(3)"), ("（１）", "（２）", "（３）"), ("一", "二", "三"),
                                     ("第1", "第2", "第3")])
def test_numbered_headings_in_any_numbering(tmp_path: Path, numbers: tuple[str, str, str]) -> None:
    a, b, c = numbers
    front, body, _ = record(tmp_path, f"会議名 第2回審議会\n{a} 日時 令和5年10月3日 午後2時\n{b} 場所 会議室\n"
                                      f"{c} 議題\n(1) 報告\n(2) その他\n\n（委員長）　開会します。\n")
    assert (front["title"], front["place"], front["agenda"]) == ("第2回審議会", "会議室", ["報告", "その他"])
    assert body == "\n（委員長）　開会します。\n"


def test_a_number_out_of_turn_is_not_a_heading(tmp_path: Path) -> None:
    front, _, _ = record(tmp_path, "1 会議名\n第2回審議会\n2 日時\n令和5年10月3日\n3 出席者\n"
                                   "委員：青木一郎\n5 山田一郎\n4 欠席者\nなし\n")
    assert front["attendees"] == ["青木一郎", "5 山田一郎"] and front["absentees"] == []


def test_members_counts_and_officials(tmp_path: Path) -> None:
    front, _, warnings = record(tmp_path, "会議名：第2回審議会\n日時：令和5年10月3日\n出席者：\n"
                                          "委員：青木一郎、井上花子（3名）\n事務局：企画課長  山田一郎、企画課主事　佐藤花子\n"
                                          "欠席者：0名\n")
    assert front["attendees"] == ["青木一郎", "井上花子"]
    assert front["secretariat"] == ["企画課長 山田一郎", "企画課主事\u3000佐藤花子"]
    assert front["absentees"] == []
    assert warnings == ["「（3名）」 after the names, but 2 names are listed: check the list against the source"]


def test_a_header_needs_two_known_labels(tmp_path: Path) -> None:
    path = tmp_path / "record.txt"
    path.write_text("報告\n\n場所：会議室の予約について説明した。\n", encoding="utf-8")
    result = import_files([path], "kankyo", tmp_path / "content", False)
    assert "no header found" in str(result.errors[0])


def test_text_before_the_header_is_kept_in_the_minutes(tmp_path: Path) -> None:
    front, body, warnings = record(tmp_path, "みどり市\n第2回審議会 会議録\n日時：令和5年10月3日\n場所：会議室\n\n本文。\n")
    assert front["title"] == "第2回審議会"
    assert body == "\nみどり市\n\n本文。\n"
    assert warnings == ["text before the header is kept at the top of the minutes: remove it there if it is "
                        "not part of the record"]


OFFICE = LAYOUTS.parent / "office"


@pytest.mark.parametrize("layout", ["numbered", "labelled", "bracketed"])
@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_each_layout_reads_the_same_from_word_and_pdf(tmp_path: Path, layout: str, kind: str) -> None:
    # office/<layout>.docx and .pdf hold the lines of layouts/<layout>.txt (make_fixtures.py); in Word the
    # numbered headings are Word's own numbering, which is not in the text.
    result = import_files([OFFICE / f"{layout}.{kind}"], "kankyo", tmp_path / "content", False)
    assert result.ok, [str(e) for e in result.errors]
    written = result.files[0].written
    assert written is not None
    _, front, _ = written.read_text(encoding="utf-8").split("---\n", 2)
    assert without_source(yaml.safe_load(front)) == EXPECTED[f"{layout}.txt"]
    output = normalise(written.read_text(encoding="utf-8"))
    assert [p for p in source_pieces(LAYOUTS / f"{layout}.txt") if p not in output] == []
