"""The redaction stage for one file: markup, terms, repeats and detectors → spans → placeholders.

The redacted text keeps the length, lines and columns of the raw file:
each withheld span becomes one placeholder character followed by fillers
(line breaks kept), so every later position still points into the raw file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from kaigiroku.core.errors import ContentError, ContentErrors
from kaigiroku.core.yamlfile import Located, load_mapping

from .detection import Detector, PublicNames, detect
from .markup import parse_markup
from .model import Finding, Redaction, Withholding
from .normalize import NormalizedText, normalize
from .placeholders import FILLER, LIMIT, PRIVATE_USE, placeholder, strip_fillers
from .policy import Category, Policy
from .pseudonyms import Pseudonyms
from .text import LineIndex

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)

# Lower ranks win when spans overlap; the winner names the category.
_RANK = {"block": 0, "inline": 1, "term": 2, "repeat": 3}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    category: Category
    how: str
    text: str
    note: str = ""

    @property
    def rank(self) -> int:
        return _RANK.get(self.how, 4)


@dataclass
class RedactedFile:
    """A meeting file after redaction: nothing withheld is left in it."""

    path: str
    front: Located  # front matter values with placeholders
    body: str  # Markdown with placeholders, line structure of the raw body kept
    body_line: int  # line number of the body's first line in the raw file
    redactions: tuple[Redaction, ...]
    withholdings: list[Withholding] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def split_front_matter(raw: str, path: str) -> tuple[int, int, int]:
    """(front matter start, front matter end, body start) offsets."""
    m = FRONT_MATTER.match(raw)
    if not m:
        raise ContentErrors([ContentError(path, 1, 1, "a meeting file starts with front matter: a line `---`, "
                                          "the `key: value` lines, then another line `---`")])
    return m.start(1), m.end(1), m.end()


def redact_file(raw: str, path: str, meeting: str, policy: Policy,
                detectors: Sequence[Detector] = ()) -> RedactedFile:
    """Redact one meeting file; raise ``ContentErrors`` with every problem found."""
    index = LineIndex(raw)
    bad = PRIVATE_USE.search(raw)
    if bad:
        line, col = index.position(bad.start())
        raise ContentErrors([ContentError(path, line, col, "private-use character U+%X is not allowed in content; delete it" % ord(bad.group()))])
    fm_start, fm_end, body_start = split_front_matter(raw, path)
    markup = parse_markup(raw, body_start, policy, path, index)
    if markup.errors:
        raise ContentErrors(markup.errors)

    spans = [Span(m.start, m.end, m.category, "inline", raw[m.text_start:m.text_end], m.note) for m in markup.inline]
    spans += [Span(b.start, b.end, b.category, "block", _block_text(raw, b.start, b.end)) for b in markup.blocks]
    first = _fill(raw, [g[0] for g in _merge(spans)])
    front = load_mapping(first[fm_start:fm_end], path, line_offset=index.position(fm_start)[0] - 1)
    terms, allow_terms, errors = _terms(front, policy, path)
    if errors:
        raise ContentErrors(errors)

    norm = NormalizedText.of(raw)
    marked = {normalize(s.text): s.category for s in reversed(spans) if s.how == "inline"}
    for needle, category in marked.items():
        for a, b in norm.find_all(needle):
            spans.append(Span(a, b, category, "repeat", raw[a:b]))
    for category, term in terms:
        for a, b in norm.find_all(normalize(term)):
            spans.append(Span(a, b, category, "term", raw[a:b]))
    findings: list[Finding] = []
    allowed = {normalize(t) for t in (*policy.allow, *allow_terms)}
    withheld = [(s.start, s.end) for s in spans]
    public = PublicNames.of((*policy.officials, *_officials(front)), policy.roster)
    for hit in detect(detectors, norm, policy, allowed, public):
        if hit.action == "redact":
            spans.append(Span(hit.start, hit.end, policy.category(hit.category), f"auto:{hit.detector}", raw[hit.start:hit.end]))
        elif not any(a < hit.end and hit.start < b for a, b in withheld):
            line, col = index.position(hit.start)
            findings.append(Finding(path, line, col, hit.kind, raw[hit.start:hit.end], _context(raw, hit.start, hit.end)))

    groups = _merge(spans)
    if len(groups) > LIMIT:
        raise ContentErrors([ContentError(path, 1, 1, f"more than {LIMIT} redactions in one file: split the meeting")])
    redactions, withholdings = _describe(groups, raw, meeting, index)
    text = _fill(raw, [g[0] for g in groups], markup.escapes)
    front = load_mapping(text[fm_start:fm_end], path, line_offset=index.position(fm_start)[0] - 1)
    front.data = _strip(front.data)
    body = strip_fillers(text[body_start:])
    return RedactedFile(path, front, body, index.position(body_start)[0], tuple(redactions), withholdings, findings)


def _officials(front: Located) -> list[str]:
    """The people a meeting names in its front matter as members or staff: public in their role."""
    return [str(name) for key in ("attendees", "absentees", "secretariat")
            if isinstance(front.data.get(key), list) for name in front.data[key] if isinstance(name, (str, int))]


def _block_text(raw: str, start: int, end: int) -> str:
    lines = raw[start:end].splitlines()
    return "\n".join(lines[1:-1])


def _context(raw: str, start: int, end: int) -> str:
    line_start = raw.rfind("\n", 0, start) + 1
    line_end = raw.find("\n", end)
    line_end = len(raw) if line_end < 0 else line_end
    return raw[max(line_start, start - 12):min(line_end, end + 12)]


def _terms(front: Located, policy: Policy, path: str) -> tuple[list[tuple[Category, str]], list[str], list[ContentError]]:
    errors: list[ContentError] = []
    terms: list[tuple[Category, str]] = []
    raw_terms = front.data.get("redact_terms") or {}
    if not isinstance(raw_terms, dict):
        p = front.at("redact_terms")
        errors.append(ContentError(path, p.line, p.col, "`redact_terms` must map a category to a list of strings, e.g. `personal: [山田太郎]`"))
        raw_terms = {}
    for i, (spelling, values) in enumerate(raw_terms.items()):
        p = front.at("redact_terms", i)
        category = policy.lookup(str(spelling))
        if category is None:
            errors.append(ContentError(path, p.line, p.col, f"unknown redaction category `{spelling}` in redact_terms; use one of {policy.spellings_hint()}"))
            continue
        values = values if isinstance(values, list) else [values]
        for value in values:
            if not isinstance(value, str) or not normalize(value):
                errors.append(ContentError(path, p.line, p.col, f"redact_terms `{spelling}` must be a list of non-empty strings"))
                continue
            terms.append((category, value))
    allow_terms = front.data.get("allow_terms") or []
    if not isinstance(allow_terms, list) or not all(isinstance(t, str) for t in allow_terms):
        p = front.at("allow_terms")
        errors.append(ContentError(path, p.line, p.col, "`allow_terms` must be a list of strings"))
        allow_terms = []
    return terms, allow_terms, errors


def _merge(spans: Iterable[Span]) -> list[list[Span]]:
    """Overlapping spans become one group; the group's first span is the one that names it."""
    groups: list[list[Span]] = []
    end = -1
    for span in sorted(spans, key=lambda s: (s.start, -s.end, s.rank)):
        if groups and span.start < end:
            groups[-1].append(span)
            end = max(end, span.end)
        else:
            groups.append([span])
            end = span.end
    merged = []
    for group in groups:
        lead = min(group, key=lambda s: (s.rank, s.start))
        start, stop = min(s.start for s in group), max(s.end for s in group)
        merged.append([Span(start, stop, lead.category, lead.how, lead.text, lead.note), *group])
    return merged


def _describe(groups: list[list[Span]], raw: str, meeting: str, index: LineIndex) -> tuple[list[Redaction], list[Withholding]]:
    pseudonyms = Pseudonyms()
    redactions: list[Redaction] = []
    withholdings: list[Withholding] = []
    for i, group in enumerate(groups):
        span = group[0]
        kind = "block" if span.how == "block" else "inline"
        if kind == "block":
            label = span.category.block_notice
        elif span.category.pseudonyms:
            label = pseudonyms.label(span.text, raw[span.end:span.end + 3])
        else:
            label = "■■■"
        redactions.append(Redaction(i, span.category, kind, label))
        for member in _recorded(group[1:]):
            m_line, m_col = index.position(member.start)
            withholdings.append(Withholding(meeting, member.category.key, member.how, m_line, m_col, member.note, member.text, i))
    return redactions, withholdings


def _recorded(members: list[Span]) -> list[Span]:
    """Members of a group worth a ledger line: not those inside a stronger one (a marker's own TEXT)."""
    return [m for m in members
            if not any(o is not m and o.rank < m.rank and o.start <= m.start and m.end <= o.end for o in members)]


def _fill(raw: str, spans: Sequence[Span], escapes: Sequence[int] = ()) -> str:
    """The raw text with each span replaced by its placeholder and fillers."""
    out: list[str] = []
    pos = 0
    edits = sorted([(s.start, s.end, placeholder(i)) for i, s in enumerate(spans)]
                   + [(e, e + 1, FILLER) for e in escapes if not any(s.start <= e < s.end for s in spans)])
    for start, end, mark in edits:
        out.append(raw[pos:start])
        out.append(mark)
        out.append(re.sub(r"[^\n]", FILLER, raw[start + 1:end]))
        pos = end
    out.append(raw[pos:])
    return "".join(out)


def _strip(value: Any) -> Any:
    if isinstance(value, str):
        return strip_fillers(value)
    if isinstance(value, list):
        return [_strip(v) for v in value]
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items()}
    return value
