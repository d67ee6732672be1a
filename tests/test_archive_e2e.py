"""End to end: the sample archive in content/ built once into a temporary folder.

Checks the page set, every internal link, the Atom feed and the sitemap,
that no withheld text reaches any output file (an independent check with
its own parsing and normalisation), that drafts stay out, and that two
builds are byte-identical.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import unicodedata
import urllib.parse
import xml.etree.ElementTree as ET
from datetime import date, datetime
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT

import build
from kaigiroku.content.speeches import person_path
from kaigiroku.search.bundle import LANGUAGE
from redaction.leakcheck import Secret, verify

CONTENT = ROOT / "content"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
INLINE = re.compile(r"(?<!\\)\{\{(?:redact|非公開):[^|{}\n]*\|([^|\n]*?)(?:\|([^\n]*?))?\}\}")
FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def build_into(out: Path) -> None:
    assert build.main(["build", "--content", str(CONTENT), "--out", str(out)]) == 0


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("e2e") / "site"
    build_into(out)
    return out


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def front_matter(path: Path) -> dict:
    raw = path.read_text(encoding="utf-8")
    match = FRONT.match(INLINE.sub(lambda m: m.group(1), raw))
    assert match, path
    return yaml.safe_load(match.group(1))


def meetings(drafts: bool) -> list[Path]:
    return [p for p in sorted(CONTENT.glob("*/*.md"))
            if not p.name.startswith(("_", ".")) and (front_matter(p).get("status") == "draft") == drafts]


def fiscal_year(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def html_pages(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("*.html")) if "pagefind" not in p.relative_to(site).parts]


def test_sample_content_is_substantial() -> None:
    published = meetings(drafts=False)
    assert len(published) >= 5 and len(meetings(drafts=True)) >= 1
    assert len({p.parent.name for p in published} - {"privacy"}) >= 2
    assert len({fiscal_year(date.fromisoformat(str(front_matter(p)["date"]))) for p in published}) >= 2


FEATURES = {
    "key": r"\{\{redact:personal\|", "item number": r"\{\{redact:2\|", "号": r"\{\{redact:2号\|",
    "第号": r"\{\{redact:第2号\|", "label": r"\{\{redact:個人情報\|", "alias": r"\{\{redact:個人\|",
    "Japanese opener": r"\{\{非公開:", "NOTE": r"\{\{redact:[^|}]+\|[^|}]+\|[^}]+\}\}",
    "escape": r"\\\{\{", "block": r"(?m)^\{\{redact:administration\}\}$",
    "council rules": r"(?m)^\{\{redact:(withdrawn|closed)\}\}$", "redact_terms": r"(?m)^redact_terms:",
    "allow_terms": r"(?m)^allow_terms:", "draft": r"(?m)^status: draft$", "x- key": r"(?m)^x-[a-z-]+:",
    "table": r"(?m)^\|---", "speaker": r"(?m)^[(（](委員|総務課長)[)）]", "width variant": "ＭＫ.*\n(?s:.*)MK",
    "line-break variant": r"鷲尾\n環",
}


@pytest.mark.parametrize("feature", FEATURES)
def test_sample_content_exercises_every_feature(feature: str) -> None:
    sources = [p.read_text(encoding="utf-8") for p in sorted(CONTENT.glob("*/*.md"))]
    assert any(re.search(FEATURES[feature], text) for text in sources), feature


def test_page_set(site: Path) -> None:
    expected = {"index.html", "404.html", "search/index.html", "nendo/index.html", "hatsugensha/index.html"}
    named = set()
    for path in meetings(drafts=False):
        day = date.fromisoformat(str(front_matter(path)["date"]))
        expected |= {f"{path.parent.name}/{path.stem}/index.html", f"{path.parent.name}/index.html",
                     f"nendo/{fiscal_year(day)}/index.html"}
        data = json.loads((site / path.parent.name / path.stem / "meeting.json").read_text(encoding="utf-8"))
        named |= {s["speaker"] for s in data["speechRecord"] if s["speaker"] and not s["speakerWithheld"]}
    expected |= {f"{person_path(name)}index.html" for name in named}  # a page per speaker with a public name
    assert {p.relative_to(site).as_posix() for p in html_pages(site)} == expected
    for other in ("feed.xml", "sitemap.xml", "robots.txt", "static/style.css", "static/search.js",
                  "static/searchtext.js", "static/variants.json", "search/pages.json", "data/meetings.json",
                  "data/meetings.csv", "pagefind/pagefind.js", "pagefind/pagefind-entry.json"):
        assert (site / other).is_file(), other
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"][LANGUAGE]["page_count"] == len(meetings(drafts=False))


def link_targets(page: Path) -> list[tuple[str, str]]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [(attr, tag[attr]) for tag in soup.find_all(True) for attr in ("href", "src", "data-bundle") if tag.get(attr)]


def test_no_broken_internal_link(site: Path) -> None:
    base = yaml.safe_load((CONTENT / "site.yaml").read_text(encoding="utf-8"))["base_url"]
    checked = 0
    for page in [*html_pages(site), *site.glob("pagefind/*.html")]:
        ids = {t["id"] for t in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find_all(id=True)}
        for attr, link in link_targets(page):
            parsed = urllib.parse.urlparse(link)
            if parsed.scheme:
                assert link.startswith(base), f"{page}: external link {link}"
                continue
            if not parsed.path:
                assert parsed.fragment in ids, f"{page}: no #{parsed.fragment}"
                continue
            target = (page.parent / urllib.parse.unquote(parsed.path)).resolve()
            if parsed.path.endswith("/"):  # a page, or the search bundle Pagefind UI loads pagefind.js from
                target = target / ("pagefind.js" if attr == "data-bundle" else "index.html")
            assert target.is_file() and site.resolve() in target.parents, f"{page}: broken link {link}"
            checked += 1
    assert checked > 100


def path_of(url: str, base: str, site: Path) -> Path:
    assert url.startswith(base), url
    rel = url[len(base):]
    return site / (rel + "index.html" if rel == "" or rel.endswith("/") else rel)


def test_atom_feed(site: Path) -> None:
    base = yaml.safe_load((CONTENT / "site.yaml").read_text(encoding="utf-8"))["base_url"]
    feed = ET.parse(site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for required in ("title", "id", "updated", "author/" + ATOM + "name"):
        assert (feed.findtext(ATOM + required) or "").strip(), required
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == base + "feed.xml"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(meetings(drafts=False))
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == len(entries)
    updated = [datetime.fromisoformat(e.findtext(f"{ATOM}updated")) for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert max(updated) == datetime.fromisoformat(feed.findtext(f"{ATOM}updated"))
    for e in entries:
        assert e.findtext(f"{ATOM}title").strip()
        assert path_of(e.find(f"{ATOM}link").get("href"), base, site).is_file()


def test_sitemap(site: Path) -> None:
    base = yaml.safe_load((CONTENT / "site.yaml").read_text(encoding="utf-8"))["base_url"]
    urls = ET.parse(site / "sitemap.xml").getroot().findall(f"{SITEMAP}url")
    locs = [u.findtext(f"{SITEMAP}loc") for u in urls]
    assert sorted(path_of(loc, base, site).relative_to(site).as_posix() for loc in locs) == sorted(
        p.relative_to(site).as_posix() for p in html_pages(site) if p.name != "404.html")
    for u in urls:
        date.fromisoformat(u.findtext(f"{SITEMAP}lastmod"))
    assert f"Sitemap: {base}sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")


def normal(text: str) -> str:
    return re.sub(r"[\s\u200b\u200c\u200d\u2060\ufeff]+", "", unicodedata.normalize("NFKC", text))


def withheld_strings() -> set[str]:
    """Every TEXT and NOTE of an inline marker and every redact_terms string in content/."""
    found: set[str] = set()
    for path in sorted(CONTENT.glob("*/*.md")):
        raw = path.read_text(encoding="utf-8")
        for m in INLINE.finditer(raw):
            found |= {s for s in m.groups() if s}
        for terms in (front_matter(path).get("redact_terms") or {}).values():
            found |= set(terms)
    return {normal(s) for s in found if len(normal(s)) >= 2}


def readable(data: bytes) -> list[str]:
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    text = data.decode("utf-8", errors="replace")
    return [normal(t) for t in (text, html.unescape(text), urllib.parse.unquote(text))]


def test_no_withheld_text_in_any_output_file(site: Path) -> None:
    secrets = withheld_strings()
    assert {"鷲尾環", "グリーンテック多摩", "榊原晴臣", "MKビルサービス"} <= secrets
    fragments = [data for rel, data in files(site).items() if rel.startswith("pagefind/fragment/")]
    assert fragments and all(data[:2] == b"\x1f\x8b" for data in fragments)
    for rel, data in files(site).items():
        for text in readable(data):
            assert not [s for s in secrets if s in text], f"withheld text in {rel}"


def test_block_contents_and_notes_are_absent(site: Path) -> None:
    everything = "".join(t for data in files(site).values() for t in readable(data))
    for withheld in ("初期設定のパスワード", "鑑定評価額", "別の審議会の案件と混同", "事故の報告書では実名"):
        assert normal(withheld) not in everything
    assert normal("この部分は東村山市情報公開条例第6条第6号（行政運営情報）に該当するため非公開とします。") in everything


def test_allow_terms_keep_a_public_address(site: Path) -> None:
    """The address detector withholds addresses; the meeting allows the city hall's own."""
    page = (site / "disclosure/2024-01-22/index.html").read_text(encoding="utf-8")
    assert "市役所（東村山市本町1丁目2番3号）の総務課" in page


def test_drafts_are_absent(site: Path) -> None:
    everything = "".join(t for data in files(site).values() for t in readable(data))
    for path in meetings(drafts=True):
        assert not (site / path.parent.name / path.stem).exists()
        assert normal(front_matter(path)["title"]) not in everything
    assert normal("雨水貯留施設") not in everything


def test_the_leak_check_reads_the_real_search_index(site: Path) -> None:
    leaks = verify(site, {normal("防犯カメラ映像"): Secret("test", "personal", "inline")})
    assert any(leak.path.startswith("site/search/g/") for leak in leaks)  # the excerpts' text, gzip-compressed


def test_two_builds_are_byte_identical(site: Path, tmp_path: Path) -> None:
    build_into(tmp_path / "again")
    first, second = files(site), files(tmp_path / "again")
    assert sorted(first) == sorted(second)
    assert [rel for rel in first if first[rel] != second[rel]] == []
