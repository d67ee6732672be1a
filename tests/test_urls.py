"""Relative links between pages, absolute URLs for the feed and sitemap."""

from __future__ import annotations

import posixpath

import pytest

from kaigiroku.render.urls import absolute, relative


@pytest.mark.parametrize(("target", "page", "expected"), [
    ("", "index.html", "./"),
    ("", "privacy/2014-02-10/index.html", "../../"),
    ("search/", "privacy/2014-02-10/index.html", "../../search/"),
    ("privacy/", "privacy/2014-02-10/index.html", "../"),
    ("privacy/2014-02-10/", "privacy/index.html", "2014-02-10/"),
    ("static/style.css", "nendo/2013/index.html", "../../static/style.css"),
    ("feed.xml", "404.html", "feed.xml"),
    ("nendo/", "nendo/index.html", "./"),
])
def test_relative(target: str, page: str, expected: str) -> None:
    assert relative(target, page) == expected
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), expected))
    assert resolved == (posixpath.normpath(target) if target else ".")


@pytest.mark.parametrize(("base", "target", "expected"), [
    ("https://www.city.example.lg.jp/kaigiroku/", "feed.xml", "https://www.city.example.lg.jp/kaigiroku/feed.xml"),
    ("https://www.city.example.lg.jp/kaigiroku", "privacy/2014-02-10/",
     "https://www.city.example.lg.jp/kaigiroku/privacy/2014-02-10/"),
    ("https://example.jp/", "", "https://example.jp/"),
])
def test_absolute(base: str, target: str, expected: str) -> None:
    assert absolute(base, target) == expected
