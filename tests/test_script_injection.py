"""Nothing in content can become script: raw HTML, javascript: links, on*= attributes,
iframes, SVG tricks and Jinja-looking text are all shown as text or dropped.

`fixtures/adversarial/content/hostile` carries the attacks in every front
matter field, the council settings and the body. The browser half of the
proof (no dialog, no CSP violation) is in ``browser/test_csp.py``.
"""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from proof import ADVERSARIAL, build_in_process

ALLOWED_SCRIPTS = {"static/searchtext.js", "static/search.js", "static/minutes.js"}  # the site's own, by path
FORBIDDEN_TAGS = {"iframe", "frame", "svg", "math", "object", "embed", "style", "base", "applet", "template"}
SAFE_SCHEMES = {"http", "https", "mailto"}
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; frame-src 'none'; "
       "base-uri 'none'; form-action 'self'")


class Elements(HTMLParser):
    """Every start tag of a page with its attributes, and the text of each script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.script_text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.script_text.append(data)


def scheme(url: str) -> str | None:
    """The scheme a browser would see (WHATWG: outer C0 and spaces trimmed, tabs and newlines removed)."""
    cleaned = re.sub(r"[\t\n\r]", "", url.strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                              "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f \t\n\r"))
    m = _SCHEME.match(cleaned)
    return m.group(1).lower() if m else None


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hostile") / "site"
    run = build_in_process("build", "--content", str(ADVERSARIAL), "--out", str(out))
    assert run.code == 0, run.stderr
    return out


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)


def test_pages_carry_the_content_security_policy(site: Path) -> None:
    for path in html_pages(site):
        parser = Elements()
        parser.feed(path.read_text(encoding="utf-8"))
        metas = [a for t, a in parser.tags if t == "meta" and a.get("http-equiv", "").lower() == "content-security-policy"]
        assert [m["content"] for m in metas] == [CSP], path


def test_no_script_no_handler_no_dangerous_element_or_url(site: Path) -> None:
    for path in html_pages(site):
        parser = Elements()
        parser.feed(path.read_text(encoding="utf-8"))
        shown = path.relative_to(site).as_posix()
        assert parser.script_text == [], shown
        for tag, attrs in parser.tags:
            assert tag not in FORBIDDEN_TAGS, (shown, tag)
            assert not [a for a in attrs if a.startswith("on")], (shown, tag, attrs)
            assert "style" not in attrs, (shown, tag, attrs)  # the CSP would block it (style-src 'self')
            if tag == "script":
                src = posixpath.normpath(posixpath.join(posixpath.dirname(shown), attrs.get("src") or ""))
                assert src in ALLOWED_SCRIPTS, (shown, attrs)
            if tag == "meta":
                assert attrs.get("http-equiv", "").lower() in ("", "content-security-policy"), (shown, attrs)
            if tag == "form":
                action = posixpath.join(posixpath.dirname(shown), attrs.get("action") or "")
                assert posixpath.normpath(action) == "search", (shown, attrs)  # forms only search
            for name in ("href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"):
                if name in attrs:
                    assert scheme(attrs[name]) in SAFE_SCHEMES | {None}, (shown, tag, name, attrs[name])


def test_jinja_looking_text_is_shown_not_evaluated(site: Path) -> None:
    page = (site / "hostile" / "2024-06-01" / "index.html").read_text(encoding="utf-8")
    assert "{{ 7*7 }}{% raw %}審議会" in page  # the title, verbatim
    assert "{{ site.__class__.__mro__ }}" in page  # an agenda item
    assert "{% for x in range(3) %}{{ x }}{% endfor %}" in page  # the body
    assert "49" not in re.sub(r"<[^>]*>", "", page.split("<article", 1)[1])
    listing = (site / "hostile" / "index.html").read_text(encoding="utf-8")
    assert "{{ config }} {% include &#39;base.html&#39; %}" in listing  # the summary


def test_feed_and_sitemap_stay_well_formed_xml(site: Path) -> None:
    feed = ElementTree.parse(site / "feed.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    titles = [e.findtext(f"{atom}title") for e in feed.iter(f"{atom}entry")]
    assert "<script>alert('title')</script>{{ 7*7 }}{% raw %}審議会</title>" in titles
    assert not [e for e in feed.iter() if not e.tag.startswith(atom)]
    ElementTree.parse(site / "sitemap.xml")


def test_url_schemes_as_a_browser_reads_them() -> None:
    assert scheme(" \x01JaVa\tScRiPt:alert(1)") == "javascript"
    assert scheme("java%09script:alert(1)") is None  # relative: % cannot stand in a scheme
    assert scheme("../privacy/") is None
