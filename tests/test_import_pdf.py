"""PDF minutes through pdfplumber (issue 21, item 2). The fixtures are written by
tests/fixtures/legacy/make_fixtures.py (reportlab, IPA Gothic embedded) from the seed record."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_importer import SEED, normalise, source_sentences, without_source

from kaigiroku.core.errors import display_path
from kaigiroku.legacy.importer import ImportResult, import_files
from kaigiroku.legacy.readers.pdf import PAGE_NUMBER, _join, _Line, _without_running_heads

OFFICE = Path(__file__).with_name("fixtures") / "legacy" / "office"


def run(tmp_path: Path, *files: Path) -> ImportResult:
    return import_files(list(files), "privacy", tmp_path / "content", False)


def split(path: Path) -> tuple[dict, str]:
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return without_source(yaml.safe_load(front)), body


@pytest.fixture(scope="module")
def seed_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[ImportResult, ImportResult]:
    tmp = tmp_path_factory.mktemp("pdf")
    return run(tmp / "text", SEED), run(tmp / "pdf", OFFICE / "seed.pdf")


def test_the_seed_as_pdf_has_the_front_matter_of_its_text_export(seed_pdf: tuple[ImportResult, ImportResult]) -> None:
    text, pdf = seed_pdf
    assert pdf.ok and pdf.warnings == [], [str(w) for w in pdf.errors + pdf.warnings]
    assert text.files[0].written is not None and pdf.files[0].written is not None
    assert split(pdf.files[0].written)[0] == split(text.files[0].written)[0]  # read from the table's cells


def test_every_sentence_of_the_seed_survives_the_pdf(seed_pdf: tuple[ImportResult, ImportResult]) -> None:
    written = seed_pdf[1].files[0].written
    assert written is not None
    output = normalise(written.read_text(encoding="utf-8"))
    # A PDF keeps no Markdown: its lists are ・ items and its headings plain lines.
    sentences = [re.sub(r"^(?:-|#+)", "", s) for s in source_sentences(SEED.read_text(encoding="utf-8"))]
    assert [s for s in sentences if s not in output] == []


def test_running_heads_and_page_numbers_are_gone_and_pages_join(seed_pdf: tuple[ImportResult, ImportResult]) -> None:
    written = seed_pdf[1].files[0].written
    assert written is not None
    _, body = split(written)
    assert "会議録" not in body and not re.search(r"^- \d+ -$", body, re.M)
    paragraphs = body.split("\n\n")
    for whole in ("その他の職員は介護福祉士かケアマネ資格に準じた経験のある者を雇用している。",  # pages 2 → 3
                  "(総務課長) 会議次第には入っておりませんが、ここで「東村山市みんなで進めるまちづくり基本条例」について、"
                  "経営政策部企画政策課からご説明をさせていただきます。"):
        assert any(whole in p for p in paragraphs), whole
    assert "\n(山田企画政策課長) 本条例は" in body  # a speaker after a finished sentence starts a paragraph


def test_ruby_is_reported_and_left_out(tmp_path: Path) -> None:
    result = run(tmp_path, OFFICE / "ruby.pdf")
    assert result.ok and result.files[0].written is not None
    front, body = split(result.files[0].written)
    assert (front["title"], front["place"], front["start"], front["end"]) == ("第1回みどり市環境審議会", "404会議室",
                                                                            "14:00", "16:00")
    assert "（委員）　東村山の緑地について質問します。" in body and "ひがしむらやま" not in body
    assert [str(w) for w in result.warnings] == [
        f"{display_path(OFFICE / 'ruby.pdf')}:1:1: ruby (a reading set small above the text) 「ひがしむらやま」 on "
        "page 1 was left out: add it in brackets after its word by hand if it matters"]


def test_vertical_text_is_reported_not_garbled(tmp_path: Path) -> None:
    result = run(tmp_path, OFFICE / "vertical.pdf")
    assert result.ok and result.files[0].written is not None
    text = result.files[0].written.read_text(encoding="utf-8")
    assert not any(char in text for char in "縦注記")
    assert [str(w).split(": ", 1)[1] for w in result.warnings] == [
        "vertical or rotated text 「縦書きの欄外注記」 on page 1 was left out: the importer reads horizontal lines "
        "only; add it by hand where it belongs"]


@pytest.mark.parametrize("name, message", [
    ("scanned.pdf", "page 1 has no text, only an image (a scan?): the importer does not read text from images "
     "(no OCR); import the original Word file, or a PDF saved from it"),
    ("encrypted.pdf", "the PDF is encrypted and needs a password to open: save an unprotected copy, e.g. from the "
     "original Word file, and import that"),
    ("damaged.pdf", "the PDF cannot be read (PSEOF): it is damaged or incomplete; open it in a PDF viewer and save it "
     "again, or import the original file"),
])
def test_pdfs_that_cannot_be_read_are_refused_and_nothing_is_written(tmp_path: Path, name: str, message: str) -> None:
    result = run(tmp_path, OFFICE / name)
    assert [str(e) for e in result.errors] == [f"{display_path(OFFICE / name)}:1:1: {message}"]
    assert result.files[0].written is None and not (tmp_path / "content").exists()


@pytest.mark.parametrize("line", ["- 2 -", "－２－", "2", "p. 3", "P.12", "3 / 10", "3ページ", "第4頁", "— 5 —"])
def test_page_numbers(line: str) -> None:
    assert PAGE_NUMBER.match(line)


@pytest.mark.parametrize("line", ["2 場所", "第3回", "令和5年", "(1) 開会"])
def test_not_page_numbers(line: str) -> None:
    assert not PAGE_NUMBER.match(line)


@pytest.mark.parametrize("before, after, joined", [
    ("市もチェック", "してほしい。", "市もチェックしてほしい。"),
    ("the personal", "information", "the personal information"),
    ("infor-", "mation", "information"),
    ("042-393-", "5111", "042-393-5111"),
])
def test_lines_broken_at_the_margin_join(before: str, after: str, joined: str) -> None:
    assert _join(before, after) == joined


def test_a_line_that_ends_two_pages_is_not_taken_for_a_running_footer() -> None:
    def line(text: str, page: int, top: float) -> _Line:
        return _Line(text, 57, 300, top, top + 10, 10.5, page, 595)
    items = []
    for page in range(1, 11):
        items += [line(f"東村山市 会議録 第{page}頁", page, 30), line(f"本文 {page}。", page, 60),
                  line("承知した。" if page in (3, 7) else "最後の行" + "あいうえおかきくけこ"[page - 1], page, 780)]
    items.append(line("- 10 -", 10, 810))  # the last line of the last page: a page number
    kept = [item.text for item in _without_running_heads(items, 10)]
    assert not any(text.startswith(("東村山市", "- ")) for text in kept)
    assert kept.count("承知した。") == 2 and len(kept) == 20


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.integers(min_value=0), st.binary(min_size=1, max_size=8))
def test_a_damaged_pdf_is_refused_or_imported_never_a_traceback(at: int, junk: bytes) -> None:
    data = bytearray((OFFICE / "ruby.pdf").read_bytes())
    at %= len(data)
    data[at:at + len(junk)] = junk
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "minutes.pdf"
        source.write_bytes(bytes(data))
        (done,) = import_files([source], "privacy", Path(tmp) / "content", False).files
        assert bool(done.errors) != bool(done.written)
