"""Parse the redaction markup of spec 3.1-3.2 on the raw text of a file.

Returns positions only; nothing here copies withheld text into a message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kaigiroku.core.errors import ContentError
from kaigiroku.core.messages import say

from .policy import Category, Policy
from .text import LineIndex

_OPEN = r"\{\{(?:redact|非公開):"
INLINE = re.compile(
    _OPEN + r"(?P<cat>[^|{}\n]*)\|(?P<text>(?:(?!\}\})[^|\n])*)(?:\|(?P<note>(?:(?!\}\})[^\n])*))?\}\}"
)
BLOCK_OPEN = re.compile(r"^[ \t]*" + _OPEN + r"(?P<cat>[^|{}\n]*)\}\}[ \t]*$", re.M)
BLOCK_CLOSE = re.compile(r"^[ \t]*\{\{/(?:redact|非公開)\}\}[ \t]*$", re.M)
ANY_OPEN = re.compile(r"(?<!\\)" + _OPEN)
ANY_CLOSE = re.compile(r"(?<!\\)\{\{/(?:redact|非公開)\}\}")
ESCAPE = re.compile(r"\\\{\{")
# What an IME or a slip makes of a marker: full-width ｛ ： ｜ ｝, spaces, capitals. Not a marker, so
# its TEXT would be published: each one is an error. (Two braces: the importer keeps legacy text
# literal by escaping every `{{`, which loading undoes; a single brace it cannot escape.)
LOOKALIKE = re.compile(r"(?<![\\{｛])[{｛]\s*[{｛]\s*/?\s*(?:redact|非公開)\s*[:：|｜}｝]", re.I)


@dataclass(frozen=True)
class InlineMark:
    start: int
    end: int
    text_start: int
    text_end: int
    category: Category
    note: str
    person: bool = False  # marked with a person spelling ({{redact:person|…}}): a person's name


@dataclass(frozen=True)
class BlockMark:
    start: int  # start of the opening line
    end: int  # end of the closing line, its line break included
    category: Category


@dataclass
class Markup:
    inline: list[InlineMark]
    blocks: list[BlockMark]
    escapes: list[int]  # offsets of the backslash of each `\{{`
    errors: list[ContentError]


def unknown_category(policy: Policy, spelling: str, where: str = "") -> str:
    """The message for a category no spelling of the policy names, with the nearest one if any is near."""
    values = {"category": spelling.strip(), "where": where, "categories": policy.spellings_hint()}
    near = policy.nearest(spelling)
    if near:
        return say("unknown redaction category `{category}`{where}: did you mean `{near}`? (one of {categories}, "
                   "an item number such as 2号, or a label from the policy)", near=near, **values)
    return say("unknown redaction category `{category}`{where}; use one of {categories} (or an item number such "
               "as 2号, or a label from the policy)", **values)


_STRAY = re.compile(r"(?<!\\)\{\{|\}|\|")


def _stray(m: re.Match[str]) -> tuple[int, str] | None:
    """A brace or bar inside TEXT or NOTE that the grammar cannot mean: the offset and what to do.
    ``{{redact:personal|佐藤} と {{redact:個人情報|鈴木一郎}}`` would otherwise withhold
    「佐藤} と {{redact:個人情報」 with the NOTE 「鈴木一郎」, and publish 鈴木一郎's marker as a pseudonym."""
    for group in ("text", "note"):
        found = _STRAY.search(m.group(group) or "")
        if found is None:
            continue
        at = m.start(group) + found.start()
        if found.group() == "{{":
            return at, say("another marker starts inside this one: the marker before it is missing its closing `}}`; "
                           "write it as {{redact:CATEGORY|TEXT}} on one line")
        if found.group() == "}":
            return at, say("a single `}` inside a marker: end the marker with `}}` (one brace seems to be missing)")
        return at, say("a third `|` in a marker: write {{redact:CATEGORY|TEXT|NOTE}}, with no `|` in the NOTE")
    return None


def parse_markup(raw: str, body_start: int, policy: Policy, path: str, index: LineIndex) -> Markup:
    """Find every marker; markers before ``body_start`` (front matter) may only be inline."""
    errors: list[ContentError] = []

    def err(offset: int, message: str) -> None:
        line, col = index.position(offset)
        errors.append(ContentError(path, line, col, message))

    def category(spelling: str, offset: int) -> Category | None:
        found = policy.lookup(spelling)
        if found is None:
            err(offset, unknown_category(policy, spelling))
        return found

    escapes = [m.start() for m in ESCAPE.finditer(raw)]
    taken: list[tuple[int, int]] = []
    blocks: list[BlockMark] = []
    open_block: tuple[int, Category | None, int] | None = None
    nested = 0  # openers refused inside a block; each one's closer is not an orphan
    events = sorted(
        [(m.start(), "open", m) for m in BLOCK_OPEN.finditer(raw)]
        + [(m.start(), "close", m) for m in BLOCK_CLOSE.finditer(raw)]
    )
    for start, kind, m in events:
        marker_at = raw.index("{{", start)
        taken.append((m.start(), m.end()))
        if start < body_start:
            err(marker_at, say("a block marker cannot stand in the front matter; use an inline {{redact:CATEGORY|TEXT}}"))
            continue
        if kind == "open":
            if open_block is not None:
                err(marker_at, say("blocks cannot be nested: close the block opened at line {line} with {{/redact}} "
                                   "before opening another", line=index.position(open_block[2])[0]))
                nested += 1
                continue
            open_block = (start, category(m.group("cat"), m.start("cat")), marker_at)
        elif nested:
            nested -= 1
        elif open_block is None:
            err(marker_at, say("{{/redact}} closes no block: remove it, or open the block with {{redact:CATEGORY}} "
                               "on its own line"))
        else:
            block_start, cat, _ = open_block
            end = m.end() + (1 if raw[m.end():m.end() + 1] == "\n" else 0)
            if cat is not None:
                blocks.append(BlockMark(block_start, end, cat))
            open_block = None
    if open_block is not None:
        err(open_block[2], say("this block is never closed: add {{/redact}} on a line of its own where the withheld "
                               "part ends"))

    inline: list[InlineMark] = []
    for m in INLINE.finditer(raw):
        if any(a <= m.start() < b for a, b in taken) or (m.start() > 0 and raw[m.start() - 1] == "\\"):
            continue
        taken.append((m.start(), m.end()))
        stray = _stray(m)
        if stray is not None:
            err(*stray)
            continue
        if not m.group("text").strip():
            err(m.start(), say("empty TEXT in {{redact:CATEGORY|TEXT}}: put the withheld words after `|`, or remove "
                               "the marker"))
            continue
        cat = category(m.group("cat"), m.start("cat"))
        if cat is not None:
            inline.append(InlineMark(m.start(), m.end(), m.start("text"), m.end("text"), cat, m.group("note") or "",
                                     policy.names_a_person(m.group("cat"))))
    exact: set[int] = set()  # where a marker spelt right starts: a look-alike is reported only elsewhere
    for m in ANY_OPEN.finditer(raw):
        exact.add(m.start())
        if not any(a <= m.start() < b for a, b in taken):
            err(m.start(), say("unclosed {{redact: the marker needs `|TEXT}}` on the same line; write it as "
                               "{{redact:CATEGORY|TEXT}} on one line, or put a block opener {{redact:CATEGORY}} alone "
                               "on its line"))
    for m in ANY_CLOSE.finditer(raw):
        exact.add(m.start())
        if not any(a <= m.start() < b for a, b in taken):
            err(m.start(), say("{{/redact}} must stand alone on its line"))
    for m in LOOKALIKE.finditer(raw):
        if m.start() not in exact and not any(a <= m.start() < b for a, b in taken):
            err(m.start(), say("this looks like a redaction marker but is not one, so its text would be published: "
                               "write it with half-width {{ : | }} and no spaces, as {{redact:CATEGORY|TEXT}} "
                               "(to show such text as it is, write \\{{)"))
    return Markup(sorted(inline, key=lambda i: i.start), blocks, escapes, errors)
