"""Withheld text placed everywhere Markdown and the layouts can carry it never reaches site/.

The fixture `fixtures/adversarial/content` puts every withheld string in the
title, summary, every front matter list, headings, link text and URLs,
image alt and title, tables, code spans and blocks, raw HTML and its
attributes, list items and quotes, in full-/half-width and spaced variants,
and as part of a longer word. Every public file is scanned, the Pagefind
index decompressed, with a scanner independent of the build's own.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from proof import ADVERSARIAL, ADVERSARIAL_SECRETS, build_in_process, exposures, meeting, write_content

SECRETS = ADVERSARIAL_SECRETS
MEETING_PAGE = "privacy/2024-05-10/index.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("adversarial") / "site"
    run = build_in_process("build", "--content", str(ADVERSARIAL), "--out", str(out))
    assert run.code == 0, run.stderr
    for secret in SECRETS:
        assert secret not in run.stdout + run.stderr
    return out


def test_no_withheld_text_in_any_public_file(site: Path) -> None:
    assert exposures(site, SECRETS) == {}


def test_the_scan_reaches_every_kind_of_output(site: Path) -> None:
    """The places the secrets were put are really published, as labels."""
    page = (site / MEETING_PAGE).read_text(encoding="utf-8")
    head = page.split("</head>")[0]
    assert re.search(r"<title>[^<]*Ａ氏[^<]*■■■", head)
    for prop in ('name="description"', 'property="og:title"', 'property="og:description"'):
        assert re.search(prop + r' content="[^"]*(?:Ａ氏|■■■)', head), prop
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert "<title>令和6年度第1回 Ａ氏と■■■の件</title>" in feed and "Ｂ氏" in feed
    listing = (site / "privacy" / "index.html").read_text(encoding="utf-8")
    assert "Ａ氏の審査請求と■■■の契約" in listing
    assert "privacy/2024-05-10/" in (site / "sitemap.xml").read_text(encoding="utf-8")
    texts = [gzip.decompress(p.read_bytes()).decode("utf-8") for p in (site / "search" / "g").glob("*/t*")]
    assert any("Ａ氏と" in t for t in texts)  # the index holds what the page shows: the label


@pytest.mark.parametrize("where, html", [
    ("link URL", 'href="https://example.jp/%EF%BC%A1%E6%B0%8F?co=%E2%96%A0%E2%96%A0%E2%96%A0"'),
    ("link title", 'title="Ａ氏の紹介"'),
    ("image alt and title", 'alt="Ａ氏の写真" title="■■■ 提供"'),
    ("code span", "<code>Ａ氏</code>"),
    ("fenced info string", 'class="language-Ａ氏"'),
    ("indented code", "字下げコード Ａ氏 Ｂ氏"),
    ("raw HTML is escaped", "&lt;div title=&quot;"),
    ("block notice", "この部分は東村山市情報公開条例第6条第6号（行政運営情報）に該当するため非公開とします。"),
])
def test_each_place_shows_the_public_label(site: Path, where: str, html: str) -> None:
    assert html in (site / MEETING_PAGE).read_text(encoding="utf-8"), where


def test_a_name_alone_in_a_list_item_stays_an_inline_mark(site: Path) -> None:
    page = (site / MEETING_PAGE).read_text(encoding="utf-8")
    assert page.count('class="redacted-block"') == 1
    assert re.search(r'<li><span class="redacted redacted-pseudonym"', page)


@pytest.mark.parametrize("disguise", [
    "山**田**太郎",         # emphasis splits the name in the source
    "&#23665;田太郎",       # a character reference
    "山&#x7530;太郎",
    "山田\\\n太郎",         # a hard line break
    "山[田](https://example.jp/)太郎",
])
def test_withheld_text_disguised_by_markdown_fails_closed(tmp_path: Path, disguise: str) -> None:
    """The redaction stage cannot see these; the leak check after rendering must."""
    content = write_content(tmp_path / "content", {
        "2024-05-10": meeting(f"{{{{redact:personal|山田太郎}}}}の件。\n\n本文 {disguise} 以上。")})
    out = tmp_path / "site"
    run = build_in_process("build", "--content", str(content), "--out", str(out))
    assert run.code == 1
    assert "withheld personal text of privacy/2024-05-10" in run.stderr
    assert "山田" not in run.stderr + run.stdout
    assert not out.exists()


def test_fail_closed_keeps_the_previous_site(tmp_path: Path) -> None:
    content = write_content(tmp_path / "content", {"2024-05-10": meeting("{{redact:personal|山田太郎}}の件。")})
    out = tmp_path / "site"
    assert build_in_process("build", "--content", str(content), "--out", str(out)).code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (content / "privacy" / "2024-05-10.md").write_text(
        meeting("{{redact:personal|山田太郎}}の件。山**田**太郎"), encoding="utf-8")
    assert build_in_process("build", "--content", str(content), "--out", str(out)).code == 1
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_the_leak_check_reads_text_split_by_tags(tmp_path: Path) -> None:
    from redaction.leakcheck import Secret, verify

    (tmp_path / "page.html").write_text("<p>山<strong>田</strong>太<!-- -->郎</p>", encoding="utf-8")
    leaks = verify(tmp_path, {"山田太郎": Secret("privacy/2024-05-10", "personal", "inline")})
    assert [leak.path for leak in leaks] == ["site/page.html"]


@pytest.mark.parametrize("where", ["file name", "council name"])
def test_withheld_text_in_a_url_or_council_name_fails_closed(tmp_path: Path, where: str) -> None:
    """Slugs and council settings are not redacted; withholding what they spell must stop the build."""
    stem = "yamada-2024" if where == "file name" else "2024-05-10"
    content = write_content(tmp_path / "content", {stem: meeting("{{redact:personal|yamada}}の件。")})
    if where == "council name":
        (content / "privacy" / "_council.yaml").write_text("name: yamada審議会\n", encoding="utf-8")
    run = build_in_process("build", "--content", str(content), "--out", str(tmp_path / "site"))
    assert run.code == 1
    assert f"withheld personal text of privacy/{stem}" in run.stderr
    assert not (tmp_path / "site").exists()


INVISIBLE = ["\u00ad", "\u200b", "\u200e", "\u2063", "\u034f", "\ufe0f", "\u180e", "\u3164", "\U000e0041", "\U000e0100"]


def test_an_invisible_character_inside_a_withheld_name_does_not_hide_it(tmp_path: Path) -> None:
    """山<soft hyphen>田太郎 reads as 山田太郎: it is withheld like every other occurrence."""
    disguised = "、".join(f"山{c}田太郎" for c in INVISIBLE)
    content = write_content(tmp_path / "content", {
        "2024-05-10": meeting(f"{{{{redact:person|山田太郎}}}}の件。\n\n本文 {disguised} 以上。")})
    out = tmp_path / "site"
    run = build_in_process("build", "--content", str(content), "--out", str(out))
    assert run.code == 0, run.stderr
    assert exposures(out, ["山田太郎"]) == {}
    page = (out / "privacy" / "2024-05-10" / "index.html").read_text(encoding="utf-8")
    assert page.count('<span class="redacted redacted-pseudonym"') == 1 + len(INVISIBLE)


def test_a_withheld_block_may_quote_what_is_published_on_purpose(tmp_path: Path) -> None:
    """A block repeating an agenda item or the council's name is no leak: those are public anyway."""
    block = "{{redact:administration}}\n### 情報セキュリティ監査の結果について\n\n個人情報保護運営審議会\n\n脆弱性の詳細と対策の状況。\n{{/redact}}"
    content = write_content(tmp_path / "content", {"2024-05-10": meeting(
        block, front="agenda:\n  - 情報セキュリティ監査の結果について\n")})
    out = tmp_path / "site"
    run = build_in_process("build", "--content", str(content), "--out", str(out))
    assert run.code == 0, run.stderr
    assert exposures(out, ["脆弱性の詳細と対策の状況"]) == {}


def test_a_company_withheld_as_three_letters_can_be_published(tmp_path: Path) -> None:
    """Pagefind's own search interfaces, which the search page does not load, are left out of the
    bundles: their code holds 'ntt' (folded), and withholding NTT made every build stop."""
    from kaigiroku.search.bundle import UNUSED

    content = write_content(tmp_path / "content", {"2024-05-10": meeting("契約先は{{redact:corporate|NTT}}です。")})
    out = tmp_path / "site"
    run = build_in_process("build", "--content", str(content), "--out", str(out))
    assert run.code == 0, run.stderr
    assert not [p for p in out.rglob("*") if p.name in UNUSED]
    assert "NTT" not in (out / "privacy" / "2024-05-10" / "index.html").read_text(encoding="utf-8")
