"""The markup parser (spec 3.1, 3.2, 3.6): spellings, positions, errors."""

from __future__ import annotations

import pytest

from redaction.markup import Markup, parse_markup
from redaction.policy import Policy
from redaction.text import LineIndex

FRONT = "---\ntitle: t\n---\n"


def parse(body: str, policy: Policy, front: str = FRONT) -> Markup:
    raw = front + body
    return parse_markup(raw, len(front), policy, "m.md", LineIndex(raw))


def messages(markup: Markup) -> list[str]:
    return [str(e) for e in markup.errors]


@pytest.mark.parametrize("spelling", ["personal", "2", "2号", "第2号", "個人情報", "個人", "２号", " personal "])
def test_every_spelling_names_the_category(spelling: str, policy: Policy) -> None:
    m = parse(f"氏名は{{{{redact:{spelling}|山田太郎}}}}です。\n", policy)
    assert not m.errors
    assert [i.category.key for i in m.inline] == ["personal"]


def test_japanese_opener_and_note(policy: Policy) -> None:
    body = "{{非公開:法人情報|株式会社サンプル|審査中}}\n"
    m = parse(body, policy)
    (mark,) = m.inline
    raw = FRONT + body
    assert mark.category.key == "corporate"
    assert raw[mark.text_start:mark.text_end] == "株式会社サンプル"
    assert mark.note == "審査中"
    assert (mark.start, mark.end) == (len(FRONT), len(FRONT) + len(body) - 1)


def test_council_rules_category(policy: Policy) -> None:
    m = parse("{{redact:取消し|今の発言}}\n", policy)
    assert m.inline[0].category.basis == "東村山市附属機関の会議の公開に関する規則第5条"


def test_escaped_opener_is_text_and_recorded(policy: Policy) -> None:
    body = "書き方は \\{{redact:personal|例}} です。\n"
    m = parse(body, policy)
    assert m.inline == [] and not m.errors
    assert m.escapes == [len(FRONT) + body.index("\\")]


def test_block(policy: Policy) -> None:
    body = "前\n{{redact:administration}}\n秘密\n{{/redact}}\n後\n"
    m = parse(body, policy)
    (block,) = m.blocks
    raw = FRONT + body
    assert block.category.key == "administration"
    assert raw[block.start:block.end] == "{{redact:administration}}\n秘密\n{{/redact}}\n"


def test_inline_in_front_matter_is_allowed(policy: Policy) -> None:
    front = "---\ntitle: {{redact:personal|山田}}の件\n---\n"
    m = parse("本文\n", policy, front)
    assert len(m.inline) == 1 and not m.errors


@pytest.mark.parametrize(("body", "expected"), [
    ("{{redact:secret|山田}}\n",
     "m.md:4:10: unknown redaction category `secret`; use one of law, personal, corporate, safety, deliberation, "
     "administration, provided, withdrawn, closed (or an item number such as 2号, or a label from the policy)"),
    ("a {{redact:personal|山田\n",
     "m.md:4:3: unclosed {{redact: the marker needs `|TEXT}}` on the same line; write it as "
     "{{redact:CATEGORY|TEXT}} on one line, or put a block opener {{redact:CATEGORY}} alone on its line"),
    ("{{redact:personal| }}\n",
     "m.md:4:1: empty TEXT in {{redact:CATEGORY|TEXT}}: put the withheld words after `|`, or remove the marker"),
    ("本文\n{{/redact}}\n",
     "m.md:5:1: {{/redact}} closes no block: remove it, or open the block with {{redact:CATEGORY}} on its own line"),
    ("{{redact:personal}}\n本文\n",
     "m.md:4:1: this block is never closed: add {{/redact}} on a line of its own where the withheld part ends"),
    ("{{redact:personal}}\n{{redact:safety}}\nx\n{{/redact}}\n",
     "m.md:5:1: blocks cannot be nested: close the block opened at line 4 with {{/redact}} before opening another"),
    ("本文 {{/redact}} 続き\n", "m.md:4:4: {{/redact}} must stand alone on its line"),
])
def test_errors_name_line_column_and_fix(body: str, expected: str, policy: Policy) -> None:
    assert expected in messages(parse(body, policy))


def test_block_marker_in_front_matter(policy: Policy) -> None:
    front = "---\ntitle: t\n{{redact:personal}}\n---\n"
    assert messages(parse("x\n", policy, front))[0] == (
        "m.md:3:1: a block marker cannot stand in the front matter; use an inline {{redact:CATEGORY|TEXT}}")


def test_errors_never_quote_the_withheld_text(policy: Policy) -> None:
    m = parse("{{redact:secret|臼井雅子}}\n{{redact:personal|}}\n", policy)
    assert len(m.errors) == 2
    assert not any("臼井雅子" in msg for msg in messages(m))


def test_a_nested_block_is_one_error_not_a_cascade(policy: Policy) -> None:
    body = "{{redact:administration}}\na\n{{redact:closed}}\nb\n{{/redact}}\nc\n{{/redact}}\n"
    assert messages(parse(body, policy)) == [
        "m.md:6:1: blocks cannot be nested: close the block opened at line 4 with {{/redact}} before opening another"]
