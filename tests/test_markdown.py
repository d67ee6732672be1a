"""Markdown rendering: goldens (tests/fixtures/rendering/*.md) and the rules behind them."""

from __future__ import annotations

from pathlib import Path

import pytest
from goldens import RENDERING, read_sections, rendering_case

from kaigiroku.render.markdown import MinutesRenderer
from redaction.placeholders import PRIVATE_USE

CASES = sorted(RENDERING.glob("*.md"))


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_rendering_golden(path: Path) -> None:
    sections = read_sections(path)
    assert rendering_case(sections["source"]) == sections["html"]


def test_no_raw_html_passes_through() -> None:
    html = rendering_case("<div hidden>x</div>\n\n段落 <b>強調</b> <!-- c -->\n")
    assert "<div" not in html and "<b>" not in html and "<!--" not in html
    assert "&lt;div hidden&gt;" in html


def test_no_placeholder_survives_anywhere() -> None:
    source = ("[{{redact:personal|鷲尾環}}](https://example.jp/鷲尾環) `鷲尾環`\n\n"
              "| 氏名 |\n|---|\n| 鷲尾環 |\n\n![鷲尾環](a.png)\n")
    html = rendering_case(source)
    assert not PRIVATE_USE.search(html)
    assert "鷲尾環" not in html and "%E9%B7%B2" not in html


def test_a_block_placeholder_never_joins_a_paragraph() -> None:
    html = rendering_case("前の行\n{{redact:closed}}\n秘密\n{{/redact}}\n後の行\n")
    assert html.count('<div class="redacted-block"') == 1
    assert "<p>前の行</p>" in html and "<p>後の行</p>" in html


def test_tables_are_enabled_and_html_is_off() -> None:
    md = MinutesRenderer().md
    assert md.options["html"] is False
    assert "table" in md.get_active_rules()["block"]


@pytest.mark.parametrize("body, last", [
    ("".join("  " * i + f"- 項目{i + 1}\n" for i in range(12)), "項目12"),
    (">" * 21 + " 深い引用の本文\n", "深い引用の本文"),
], ids=["list-12-deep", "quote-21-deep"])
def test_deep_nesting_keeps_all_the_minutes(body: str, last: str) -> None:
    """CommonMark's preset stopped at 20 levels and dropped the rest of the minutes without a word."""
    assert last in MinutesRenderer().render(body, ())
