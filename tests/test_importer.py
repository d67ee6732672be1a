"""Importing published legacy minutes into content/ (issue 4)."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kaigiroku.content.loading import load_content
from kaigiroku.core.errors import display_path
from kaigiroku.legacy.body import clean_body
from kaigiroku.legacy.importer import ImportResult, council_name, import_files
from kaigiroku.legacy.record import Block, Notes, escape_markup
from kaigiroku.render.markdown import MinutesRenderer
from redaction.engine import redact_file
from redaction.markup import LOOKALIKE
from redaction.policy import load_policy

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).with_name("fixtures") / "legacy"
SEED = FIXTURES / "seed_000.txt"
CITY_PAGE = FIXTURES / "city_page.html"
SITE = "title: テスト\norganization: 東村山市\nbase_url: https://www.city.example.lg.jp/kaigiroku/\n"

# Source text of the seed's header that the mapping turns into structure
# instead of copying it: each names the front matter key that carries it.
STRUCTURE = {
    "会議の名称": "title",
    "開催日時": "date",
    "平成26年2月10日(月)午後6時30分～8時40分": "start",
    "開催場所": "place",
    "出席者及び欠席者": "attendees",
    "●出席者：": "attendees",
    "(委員)": "attendees",
    "(市事務局)": "secretariat",
    "●欠席者：": "absentees",
    "傍聴の可否": "public_attendance",
    "傍聴不可の場合はその理由": "public_attendance_reason",
    "傍聴不可": "public_attendance",
    "会議次第": "agenda",
    "問い合わせ先": "contact",
}


def normalise(text: str) -> str:
    """NFKC, no white space, no Markdown emphasis or escapes."""
    return re.sub(r"[\s*\\]", "", unicodedata.normalize("NFKC", text))


def source_sentences(text: str) -> list[str]:
    """The source split on 。 and line breaks, tags removed; header rows also split at their structure."""
    pieces: list[str] = []
    for line in text.split("\n"):
        plain = re.sub(r"<[^>]+>", "\n", line)
        if line.split("\t")[0] in STRUCTURE:
            for token in sorted(STRUCTURE, key=len, reverse=True):
                plain = plain.replace(token, "\n")
            plain = re.sub(r"(?:^|\s)\d+\.\s", "\n", plain).replace("・", "\n")
        pieces += re.split(r"[。\n\t]", plain)
    return [normalise(p) for p in pieces if normalise(p)]


def front_and_body(path: Path) -> tuple[dict, str]:
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return without_source(yaml.safe_load(front)), body


def without_source(front: dict) -> dict:
    """Front matter without the keys that remember the source file (tested on their own)."""
    return {k: v for k, v in front.items() if k not in ("x-source", "x-source-sha256")}


def run(tmp_path: Path, *files: Path, force: bool = False, council: str = "privacy") -> ImportResult:
    return import_files(list(files), council, tmp_path / "content", force)


def lines(errors: list) -> list[str]:
    return [str(e) for e in errors]


def write_record(tmp_path: Path, body: str, title: str = "第1回審議会", when: str = "令和元年5月8日") -> Path:
    record = tmp_path / "r.txt"
    record.write_text(f"会議の名称\t{title}\n開催日時\t{when}\n\n{body}", encoding="utf-8")
    return record


# --- the seed ---------------------------------------------------------------


def test_seed_imports_without_errors_or_warnings(tmp_path: Path) -> None:
    result = run(tmp_path, SEED)
    assert result.ok, lines(result.errors)
    assert result.warnings == []
    assert result.files[0].written == tmp_path / "content" / "privacy" / "2014-02-10.md"
    assert result.council_file == tmp_path / "content" / "privacy" / "_council.yaml"
    assert result.council_file.read_text(encoding="utf-8") == "name: 個人情報保護運営審議会\n"


def test_every_sentence_of_the_seed_is_kept(tmp_path: Path) -> None:
    source = SEED.read_text(encoding="utf-8")
    written = run(tmp_path, SEED).files[0].written
    assert written is not None
    front, _ = front_and_body(written)
    output = normalise(written.read_text(encoding="utf-8"))
    for token, key in STRUCTURE.items():
        assert token in source and key in front, (token, key)
    missing = [s for s in source_sentences(source) if s not in output]
    assert missing == []


def test_seed_header_becomes_front_matter(tmp_path: Path) -> None:
    written = run(tmp_path, SEED).files[0].written
    assert written is not None
    front, _ = front_and_body(written)
    assert front["title"] == "平成25年度第3回個人情報保護運営審議会"
    assert (str(front["date"]), front["start"], front["end"]) == ("2014-02-10", "18:30", "20:40")
    assert front["place"] == "東村山市役所本庁舎501会議室"
    assert front["attendees"] == ["臼井雅子会長", "嶋田節男委員", "杉本みさ子委員", "羽生田孝雄委員",
                                  "水越久吉委員", "水戸部瑞江委員"]
    assert front["secretariat"] == ["當間総務部長", "根建総務部次長", "瀬川総務課長", "湯浅情報公開係長",
                                    "中村情報公開係主事"]
    assert front["absentees"] == ["田村初恵委員"]
    assert front["public_attendance"] is False
    assert front["public_attendance_reason"].startswith("会議の中で、東村山市情報公開条例第6条各号")
    assert front["agenda"][:2] == ["総務部長挨拶", "会長へ諮問書授受"]
    assert front["agenda"][4] == "その他"
    assert len(front["agenda"]) == 5
    assert front["contact"].startswith("総務部 総務課 情報公開係")


def test_seed_times_are_quoted_in_the_file(tmp_path: Path) -> None:
    written = run(tmp_path, SEED).files[0].written
    assert written is not None
    text = written.read_text(encoding="utf-8")
    assert 'start: "18:30"\nend: "20:40"\n' in text
    assert "\ndate: 2014-02-10\n" in text


def test_seed_body_joins_sentences_split_by_page_breaks(tmp_path: Path) -> None:
    written = run(tmp_path, SEED).files[0].written
    assert written is not None
    _, body = front_and_body(written)
    for joined in ("きちんとした情報保護意識のある方が雇われているか、市もチェックしてほしい。",
                   "そのために不正請求が各地で問題になっており、",
                   "「受託業務に不必要な個人情報は受託者に渡さない」というのが鉄則である。",
                   "市でもう少し長く保管しておいた方が市民の福祉に役立つと思う。",
                   "総務課からいろいろな所管に、いわゆるヒヤリハットの事例"):
        assert joined in body
    assert "\n\n\n" not in body


def test_seed_body_keeps_structure_speakers_and_typos(tmp_path: Path) -> None:
    written = run(tmp_path, SEED).files[0].written
    assert written is not None
    _, body = front_and_body(written)
    assert body.startswith("\n**会 議 経 過**\n\n(1) 総務部長挨拶\n\n皆さんこんばんは。")
    assert "(2) 諮問書授受\n\n総務部長から臼井会長へ諮問書を手渡す。" in body
    assert "\n#### (4) 報告\n" in body and "\n##### ア、平成25年1月1日" in body
    assert "\n  - 生活福祉課内において" in body
    assert "(総務課長) 会議次第には入っておりませんが" in body
    for typo in ("（情報公関係長）", "お願ひします", "使つてのテスト", "使用后"):
        assert typo in body
    assert "<p>" not in body and "<b>" not in body


def test_committed_sample_matches_a_fresh_import(tmp_path: Path) -> None:
    written = run(tmp_path, SEED).files[0].written
    assert written is not None
    sample = ROOT / "content" / "privacy"
    # Staff review adds decisions (summary, allow_terms) below the imported keys; the rest is the import.
    reviewed = (sample / "2014-02-10.md").read_text(encoding="utf-8")
    decisions = re.compile(r"^# Review:.*\n|^summary: .*\n|^allow_terms: .*\n", re.M)
    # The sample was imported before imports remembered their source (x-source, x-source-sha256).
    fresh = re.sub(r"^x-source(?:-sha256)?: .*\n", "", written.read_text(encoding="utf-8"), flags=re.M)
    assert fresh == decisions.sub("", reviewed)
    assert decisions.search(reviewed), "the reviewed sample records the reviewer's decisions"
    assert (sample / "_council.yaml").read_text(encoding="utf-8") == "name: 個人情報保護運営審議会\n"


def test_imported_content_loads(tmp_path: Path) -> None:
    run(tmp_path, SEED, CITY_PAGE)
    (tmp_path / "content" / "site.yaml").write_text(SITE, encoding="utf-8")
    loaded = load_content(tmp_path / "content", load_policy())
    assert [m.key for m in loaded.archive.meetings] == ["privacy/2019-05-20", "privacy/2014-02-10"]
    seed = loaded.archive.meetings[1]
    assert (seed.start, seed.end, seed.council.name) == ("18:30", "20:40", "個人情報保護運営審議会")


# --- the HTML path ----------------------------------------------------------


def test_city_page_header_table_becomes_front_matter(tmp_path: Path) -> None:
    result = run(tmp_path, CITY_PAGE, council="toshikeikaku")
    assert result.ok, lines(result.errors)
    written = result.files[0].written
    assert written == tmp_path / "content" / "toshikeikaku" / "2019-05-20.md"
    front, _ = front_and_body(written)
    assert front == {
        "title": "令和元年度第1回都市計画審議会",
        "date": dt.date(2019, 5, 20),
        "start": "10:00", "end": "12:00",
        "place": "いきいきプラザ 第1会議室",
        "attendees": ["山本一郎会長", "佐々木花子委員", "John Smith委員"],
        "secretariat": ["都市計画課長", "都市計画係長"],
        "absentees": [],
        "public_attendance": True,
        "agenda": ["開会", "議題　東村山都市計画道路の変更について", "閉会"],
        "contact": "まちづくり部 都市計画課 電話番号 042-393-5111",
    }
    assert (tmp_path / "content" / "toshikeikaku" / "_council.yaml").read_text(encoding="utf-8") == "name: 都市計画審議会\n"


def test_city_page_unknown_label_and_image_are_warnings_with_their_line(tmp_path: Path) -> None:
    result = run(tmp_path, CITY_PAGE)
    shown = [str(w).split(f"{CITY_PAGE.name}:", 1)[1] for w in result.warnings]
    assert shown == [
        "40:4: image not imported; its alt text 「変更案の位置図」 is kept: add it by hand if it matters",
        "23:1: header label 「傍聴者数」 is not one of the front matter's; the row is kept at the top of the minutes: "
        "move it to a front matter key by hand if it belongs there",
    ]


def test_city_page_body_becomes_markdown(tmp_path: Path) -> None:
    written = run(tmp_path, CITY_PAGE).files[0].written
    assert written is not None
    _, body = front_and_body(written)
    assert body == (
        "\n傍聴者数：2名\n\n### 会議経過\n\n"
        "（都市計画課長）　定刻になりましたので、ただいまから審議会を開会します。  \n本日の資料は次のとおりです。\n\n"
        "- 資料1 都市計画道路の変更案\n- 資料2 意見書の要旨\n  - 別紙 \\{{ 意見書一覧 }}\n\n"
        "1\\. このように番号で始まる段落は、リストではなく段落として残ります。\n\n"
        "### 質疑\n\n"
        "（委員）　変更案の図面に**誤りがある**のではないか。歩道の幅員が記載されていない。\n\n"
        "変更案の位置図\n\n"
        "（都市計画課長）　ご指摘のとおりです。次回までに修正します。\n\n"
        "以上\n"
    )


def test_city_page_in_shift_jis_is_read_as_declared(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(CITY_PAGE.read_text(encoding="utf-8").replace('charset="UTF-8"', 'charset="Shift_JIS"')
                     .encode("cp932"))
    result = run(tmp_path, page)
    assert result.ok, lines(result.errors)
    assert result.files[0].written is not None
    front, _ = front_and_body(result.files[0].written)
    assert front["title"] == "令和元年度第1回都市計画審議会"


# --- overwriting --------------------------------------------------------------


def test_an_existing_meeting_is_not_overwritten_without_force(tmp_path: Path) -> None:
    target = run(tmp_path, SEED).files[0].written
    assert target is not None
    edited = target.read_text(encoding="utf-8").replace("**会 議 経 過**", "**会議経過（校正済み）**")
    target.write_text(edited, encoding="utf-8")
    assert run(tmp_path, SEED).files[0].status == "skipped"  # the same file: imported before
    revised = tmp_path / "revised.txt"  # another edition of the same meeting
    revised.write_text(SEED.read_text(encoding="utf-8") + "\n追記。\n", encoding="utf-8")
    again = run(tmp_path, revised)
    assert again.files[0].written is None
    assert lines(again.errors) == [f"{display_path(revised)}:1:1: {display_path(target)} already exists and holds this meeting; pass --force to overwrite it"]
    assert target.read_text(encoding="utf-8") == edited
    assert not list(target.parent.glob(".*"))
    forced = run(tmp_path, SEED, force=True)
    assert forced.ok and forced.files[0].written == target
    assert "校正済み" not in target.read_text(encoding="utf-8")


def test_a_second_meeting_the_same_day_gets_its_own_file(tmp_path: Path) -> None:
    second = tmp_path / "second.txt"
    second.write_text(SEED.read_text(encoding="utf-8").replace("第3回", "第4回"), encoding="utf-8")
    result = run(tmp_path, SEED, second)
    assert result.ok, lines(result.errors)
    assert [f.written.name for f in result.files if f.written] == ["2014-02-10.md", "2014-02-10-2.md"]


def test_the_same_meeting_twice_in_one_run_is_an_error_without_force(tmp_path: Path) -> None:
    edited = tmp_path / "edited.txt"  # another file (another digest) with the same meeting
    edited.write_text(SEED.read_text(encoding="utf-8") + "\n追記。\n", encoding="utf-8")
    result = run(tmp_path, SEED, edited)
    assert result.files[0].written is not None and result.files[1].written is None
    assert lines(result.errors) == [f"{display_path(edited)}:1:1: this meeting was imported from {display_path(SEED)} a "
                                    f"moment ago, as {display_path(result.files[0].written)}: keep one of the two "
                                    "files, or pass --force to import the later one over it"]


def test_the_same_file_twice_in_one_run_is_skipped(tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_bytes(SEED.read_bytes())
    result = run(tmp_path, SEED, copy)
    assert result.ok and [f.status for f in result.files] == ["imported", "skipped"]
    assert result.files[1].skipped == "imported before, as " + display_path(result.files[0].written) + " (the same file)"


def test_an_existing_council_file_is_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "content" / "privacy"
    folder.mkdir(parents=True)
    (folder / "_council.yaml").write_text("name: 個人情報保護審議会\norder: 2\n", encoding="utf-8")
    result = run(tmp_path, SEED)
    assert result.ok and result.council_file is None
    assert (folder / "_council.yaml").read_text(encoding="utf-8") == "name: 個人情報保護審議会\norder: 2\n"


# --- broken input -------------------------------------------------------------


def test_broken_files_are_errors_and_the_others_still_import(tmp_path: Path) -> None:
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    sjis = tmp_path / "sjis.txt"
    sjis.write_bytes(SEED.read_text(encoding="utf-8").encode("cp932", errors="replace"))
    missing = tmp_path / "missing.txt"
    no_header = FIXTURES / "no_header.txt"
    result = run(tmp_path, binary, sjis, missing, no_header, SEED)
    assert [f.written is not None for f in result.files] == [False, False, False, False, True]
    assert lines(result.errors) == [
        f"{display_path(binary)}:1:1: binary file, not a record: import the minutes as text (.txt), a web page (.html), "
        "a Word file (.docx) or a PDF",
        f"{display_path(sjis)}:3:1: not utf-8 text (byte 0x89); it looks like Shift_JIS: save it as UTF-8 (e.g. iconv -f CP932 -t UTF-8)",
        f"{display_path(missing)}:1:1: cannot read: No such file or directory",
        f"{display_path(no_header)}:1:1: no header found: a record starts with its header, as a table of 会議の名称, "
        "開催日時 … (the text export's tab-separated rows, an HTML or Word table), or as lines: numbered headings "
        "(1 日時), `label：value` lines (日時：…) or 【日時】 headings; see docs/import.md",
    ]


def test_an_impossible_date_is_an_error_at_its_column(tmp_path: Path) -> None:
    record = write_record(tmp_path, "本文。\n", when="平成31年5月1日(水)")
    result = run(tmp_path, record)
    assert lines(result.errors) == [
        f"{display_path(record)}:2:6: 開催日時 「平成31年5月1日(水)」: 平成31年5月1日 is not a date: "
        "平成 ended on 2019-04-30; from 2019-05-01 the era is 令和"]
    assert not (tmp_path / "content" / "privacy").exists()


def test_a_header_without_title_is_an_error(tmp_path: Path) -> None:
    record = tmp_path / "r.txt"
    record.write_text("開催日時\t令和元年5月8日(水)\n\n本文。\n", encoding="utf-8")
    assert lines(run(tmp_path, record).errors) == [
        f"{display_path(record)}:1:1: the header gives no 会議の名称: the meeting needs its `title`"]


def test_a_lone_section_title_after_the_header_starts_the_minutes(tmp_path: Path) -> None:
    record = tmp_path / "r.txt"
    record.write_text("会議の名称\t第1回審議会\t\t\n開催日時\t令和元年5月8日\t\t\n会議経過\t\t\t\n本文です。\t\t\t\n",
                      encoding="utf-8")
    written = run(tmp_path, record).files[0].written
    assert written is not None
    assert front_and_body(written)[1] == "\n会議経過\n\n本文です。\n"


def test_a_contradicting_weekday_is_a_warning(tmp_path: Path) -> None:
    record = write_record(tmp_path, "本文。\n", when="令和元年5月8日(木)")
    result = run(tmp_path, record)
    assert result.ok
    assert lines(result.warnings) == [
        f"{display_path(record)}:2:15: 2019-05-08 was a 水曜日, not a 木曜日 as written; check the date and the weekday in the source"]


def test_a_bad_council_slug_is_an_error_for_every_file(tmp_path: Path) -> None:
    result = run(tmp_path, SEED, council="個人情報")
    assert len(result.errors) == 1 and "cannot be a folder of content/" in str(result.errors[0])
    assert not (tmp_path / "content").exists()


def test_markup_lookalikes_are_escaped_and_load_as_text(tmp_path: Path) -> None:
    record = write_record(tmp_path, "{{redact:administration}}\n本文 {{redact:personal|山田}}。\n{{/redact}}\n",
                          title="第1回{{redact:personal|山田}}審議会")
    result = run(tmp_path, record)
    assert result.ok, lines(result.errors)
    text = result.files[0].written.read_text(encoding="utf-8")
    assert text.count("\\{{") == 4 and text.count("{{") == 4
    (tmp_path / "content" / "site.yaml").write_text(SITE, encoding="utf-8")
    meeting = load_content(tmp_path / "content", load_policy()).archive.meetings[0]
    assert meeting.title == "第1回{{redact:personal|山田}}審議会" and meeting.redactions == ()


@pytest.mark.parametrize("lookalike", [
    "{{{/redact}}", "{{{redact:personal|x}}}", "{{{{", "{{{", "{{{{{", "}}}", "{{{}}}", "{{{{/redact}}}}",
    "\\{{{/redact}}", "\\{{redact:personal|x}}", "{{{非公開:personal|山田}}}", "a{{{{{redact:personal|x}}b",
])
def test_overlapping_braces_are_escaped_and_load_as_text(tmp_path: Path, lookalike: str) -> None:
    # The parser reads any `{{` not preceded by a backslash, overlapping ones too:
    # escaping `{{` from the left left `\{{{/redact}}` with a bare `{{/redact}}`.
    record = write_record(tmp_path, f"本文{lookalike}。\n\n{lookalike}\n", title=f"第1回{lookalike}審議会")
    result = run(tmp_path, record)
    assert result.ok, lines(result.errors)
    (tmp_path / "content" / "site.yaml").write_text(SITE, encoding="utf-8")
    meeting = load_content(tmp_path / "content", load_policy()).archive.meetings[0]
    assert meeting.title == f"第1回{lookalike}審議会" and meeting.redactions == ()
    assert meeting.body.lstrip("\n") == f"本文{lookalike}。\n\n{lookalike}\n"
    shown = lookalike.replace("\\{", "{")  # a text record is Markdown: `\{` is an escaped `{`
    html = MinutesRenderer().render(meeting.body, meeting.redactions)
    assert html == f"<p>本文{shown}。</p>\n<p>{shown}</p>\n"


# Text made mostly of brace runs, markers and backslashes, the pieces that can overlap.
BRACEY = st.lists(st.one_of(
    st.text("{", min_size=1, max_size=7), st.text("}", min_size=1, max_size=4),
    st.sampled_from(["redact:", "非公開:", "/redact", "/非公開", "personal", "administration", "|", "x", "\\", " ", "\n"]),
), max_size=25).map("".join)


@settings(max_examples=300, deadline=None)
@given(BRACEY)
def test_escaped_text_reads_back_as_it_was(text: str) -> None:
    assume(not LOOKALIKE.search(escape_markup(text)))  # refused on purpose: see the test after this one
    raw = "---\ntitle: t\n---\n" + escape_markup(text)
    redacted = redact_file(raw, "m.md", "c/m", load_policy())
    assert redacted.body == text and redacted.redactions == ()


def test_a_marker_lookalike_in_a_record_is_refused_not_published(tmp_path: Path) -> None:
    # `{ {redact:…}}` is neither a marker nor plain text to the redaction stage: the file is refused
    record = write_record(tmp_path, "本文 { {redact:personal|山田}} です。\n")
    result = run(tmp_path, record)
    assert result.files[0].written is None
    assert "looks like a redaction marker" in lines(result.errors)[0]
    assert not list((tmp_path / "content" / "privacy").glob("*.md"))


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(BRACEY, BRACEY)
def test_brace_runs_import_into_a_loadable_file_that_shows_them(title: str, text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "record.txt"
        source.write_text(f"会議の名称\t第1回{title}審議会\n開催日時\t平成26年2月10日\n\n本文{text}。\n",
                          encoding="utf-8")
        (done,) = import_files([source], "privacy", Path(tmp) / "content", False).files
        assert not any("would not load" in e.message and "looks like a redaction marker" not in e.message
                       for e in done.errors), done.errors
        if done.written:
            (Path(tmp) / "content" / "site.yaml").write_text(SITE, encoding="utf-8")
            meeting = load_content(Path(tmp) / "content", load_policy()).archive.meetings[0]
            assert meeting.redactions == ()
            assert "{" not in text or normalise(text) in normalise(meeting.body)


def test_characters_the_archive_cannot_carry_are_reported(tmp_path: Path) -> None:
    record = write_record(tmp_path, "髙\U000f0001橋委員\ue000。不正請求が各地\f\x1bで問題になっている。\n")
    result = run(tmp_path, record)
    assert result.ok, lines(result.errors)
    assert "髙〓橋委員\ue000。不正請求が各地で問題になっている。" in result.files[0].written.read_text(encoding="utf-8")
    assert [str(w).split(":", 1)[1] for w in result.warnings] == [
        "4:6: private-use character U+E000 (外字?) shows differently on every computer: "
        "replace it by the intended character or 〓",
        "4:2: character U+F0001 cannot be published and was replaced by 〓: put in the intended character by hand",
        "4:15: control character U+001B removed: it is not text",
    ]


# --- council names and body rules ------------------------------------------------


@pytest.mark.parametrize(("title", "name"), [
    ("平成25年度第3回個人情報保護運営審議会", "個人情報保護運営審議会"),
    ("令和元年度第1回都市計画審議会", "都市計画審議会"),
    ("令和５年度 第２回 環境審議会", "環境審議会"),
    ("第3回東村山市子ども・子育て会議", "東村山市子ども・子育て会議"),
    ("2023年度第1回図書館協議会 会議録", "図書館協議会"),
    ("教育委員会定例会（第5回）", "教育委員会定例会"),
    ("平成二十五年度第三回情報公開運営審議会", "情報公開運営審議会"),
    ("市民会議", "市民会議"),
])
def test_council_name_from_the_title(title: str, name: str) -> None:
    assert council_name(title) == name


def body(*paragraphs: str) -> tuple[str, list[str]]:
    notes = Notes("r.txt")
    blocks = [Block(p.split("\n"), i * 2 + 1) for i, p in enumerate(paragraphs)]
    return clean_body(blocks, notes), [str(w) for w in notes.warnings]


@pytest.mark.parametrize(("paragraphs", "expected"), [
    (("- 市もチェックする。きちんとした方が雇われているか、", "市もチェックしてほしい。"),
     "- 市もチェックする。きちんとした方が雇われているか、市もチェックしてほしい。\n"),
    (("「個人情報は渡さない」が原則だ。「不必要な情報は渡さない」", "というのが鉄則である。"),
     "「個人情報は渡さない」が原則だ。「不必要な情報は渡さない」というのが鉄則である。\n"),
    (("(2) 諮問書授受", "総務部長から諮問書を手渡す。"), "(2) 諮問書授受\n\n総務部長から諮問書を手渡す。\n"),
    (("報告があった。次の件について", "(総務課長) 説明します。"), "報告があった。次の件について\n\n(総務課長) 説明します。\n"),
    (("本日は以上です。", "また、次回は3月です。"), "本日は以上です。\n\nまた、次回は3月です。\n"),
    (("#### 報告、その他", "本文です。"), "#### 報告、その他\n\n本文です。\n"),
    (("前半。", "", "後半。"), "前半。\n\n後半。\n"),
])
def test_page_break_joins_only_where_unambiguous(paragraphs: tuple[str, ...], expected: str) -> None:
    assert body(*paragraphs)[0] == expected


def test_a_paragraph_left_mid_sentence_is_reported() -> None:
    text, warnings = body("報告があった。次の件について", "- 項目")
    assert text == "報告があった。次の件について\n\n- 項目\n"
    assert warnings == ["r.txt:1:1: this paragraph stops mid-sentence and the next one starts a new block; "
                        "if a page break split a sentence here, join it by hand"]


# --- any input ---------------------------------------------------------------

PIECES = st.sampled_from([
    "会議の名称\t", "開催日時\t", "平成26年2月10日(月)", "午後6時30分～8時40分", "\t", "\n", "\n\n", "\f",
    "<p>", "</p>", "<b>", "</b>", "<br>", "<ul><li>", "</li></ul>", "<table><tr><th>会議の名称</th><td>",
    "</td></tr></table>", "<img alt='図'>", "<script>", "</script>", "<!--", "-->", "&amp;",
    "。", "、", "「", "」", "(総務課長)", "- ", "  - ", "# ", "1. ", "●出席者：", "(委員)", "・",
    "{", "{{", "{{{", "}}", "}}}", "{{redact:personal|山田}}", "{{/redact}}", "\\", "'", '"', ": ", " #", "---", "*", "`",
    "傍聴の可否\t傍聴不可\t", "会議次第\t1. 開会 2. 閉会", "\u3000", "平成31年5月1日", "\x1b", "\ue000",
])


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.one_of(PIECES, st.text(max_size=4)), max_size=30), st.booleans())
def test_any_input_either_imports_into_a_loadable_file_or_is_an_error(parts: list[str], html: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / ("page.html" if html else "record.txt")
        header = "" if html else "会議の名称\t第1回審議会\n開催日時\t平成26年2月10日\n"
        source.write_text(header + "".join(parts), encoding="utf-8")
        (done,) = import_files([source], "privacy", Path(tmp) / "content", False).files
        assert bool(done.errors) != bool(done.written)
        assert not any("would not load" in e.message for e in done.errors), done.errors


def test_a_file_that_cannot_be_written_is_an_error_of_its_own(tmp_path: Path) -> None:
    record = write_record(tmp_path, "本文です。\n")
    assert run(tmp_path, record).ok
    target = tmp_path / "content" / "privacy" / "2019-05-08.md"
    target.unlink()
    target.mkdir()  # something in the way, as a read-only disk would be
    result = run(tmp_path, record, force=True)
    assert not result.ok
    assert lines(result.files[0].errors) == [f"{display_path(record)}:1:1: cannot write {display_path(target)}: "
                                             "Is a directory; nothing was imported from this file"]
    assert sorted(p.name for p in target.parent.iterdir()) == ["2019-05-08.md", "_council.yaml"]  # no temporary left
