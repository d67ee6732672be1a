"""The redaction stage for one file: markup, terms, repeats and detectors → spans → placeholders.

The body keeps the length, lines and columns of the raw file: each withheld
span becomes one placeholder character followed by fillers (line breaks
kept), so every later position still points into the raw file.

The front matter is redacted in its parsed values. Whatever YAML form a
value takes — a plain scalar folded over lines, a `>` or `|` block, a quoted
string with escapes (``"\\u5C71\\u672C"``), a flow list — its text is matched
as a reader sees it, and the YAML itself is never cut. A withholding there
is recorded where the raw file shows its text, or, where only the parsed
value does (an escape), at the start of the value.

Every withheld text — marked, listed in `redact_terms`, or found by a
detector — is withheld wherever else it occurs in the file, front matter
and body alike (spec 3.1 and 3.5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Iterator, Sequence

from kaigiroku.core.errors import ContentError, ContentErrors
from kaigiroku.core.messages import say
from kaigiroku.core.yamlfile import Located, load_mapping

from .detection import PERSONAL_NAME, Detector, PublicNames, detect
from .markup import parse_markup, unknown_category
from .model import Finding, Redaction, Withholding
from .normalize import NormalizedText, normalize
from .placeholders import FILLER, LIMIT, PATTERN, PRIVATE_USE, index_of, placeholder, strip_fillers
from .policy import Category, Policy
from .pseudonyms import Pseudonyms, names_follow
from .shortnames import SHORT, context, inside_public, public_holding
from .speakerlabels import label_names
from .text import LineIndex

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
# Front matter keys that are never published and hold the redaction's own lists: redacted like
# every value, but not read by the detectors.
UNPUBLISHED = ("redact_terms", "allow_terms")
# The front matter's lists of the people present in their role (members, officials, staff).
OFFICIAL_LISTS = ("attendees", "absentees", "explainers", "secretariat")

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


class RedactionErrors(ContentErrors):
    """A file that cannot be redacted (a marker or `redact_terms` is wrong), with its front matter as it
    was read, for the checks of its keys and values: its values may hold withheld text, so no message
    may quote them."""

    def __init__(self, errors: list[ContentError], front: Located):
        super().__init__(errors)
        self.front = front


@dataclass(frozen=True)
class Needle:
    """A withheld text looked for everywhere in the file (``shortnames``: one or two characters)."""

    category: Category
    how: str  # repeat (of a marked text), term, or auto:<detector> (a detector's hit, wherever it recurs)
    after: tuple[str, ...] = ()  # a one-character text: withheld only where one of these follows it
    public: tuple[str, ...] = ()  # a two-character text: not withheld inside these public words


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


@dataclass
class Region:
    """A text the redaction reads: the body (raw offsets), the front matter's markers, or one front
    matter value (offsets in the value as parsed, placed in the raw file by ``raw_offset``)."""

    norm: NormalizedText
    shift: int  # raw offset of the text's first character (the body) or of the value's start
    path: tuple[str | int, ...] = ()  # where a value stands in the front matter; () elsewhere
    source: str = ""  # a value's raw text (front matter markers already placeholders)
    spans: list[Span] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.norm.raw

    def raw_offset(self, offset: int) -> int:
        """Where the character at ``offset`` stands in the raw file: exact in the body, and in a value
        where its raw text shows the same characters; else the start of the value (an escape)."""
        if not self.path:
            return self.shift + offset
        value = normalize(self.text)
        at = len(normalize(self.text[:offset]))
        probe = value[at:at + 6]
        nth = _count(value, probe, at)
        source = self._source_norm()
        i = -1
        for _ in range(nth + 1):
            i = source.text.find(probe, i + 1) if probe else -1
            if i < 0:
                return self.shift
        return self.shift + source.raw_span(i, i + 1)[0]

    def _source_norm(self) -> NormalizedText:
        if not hasattr(self, "_source"):
            self._source = NormalizedText.of(self.source)
        return self._source


def _count(text: str, probe: str, before: int) -> int:
    """How many times ``probe`` starts in ``text`` before ``before``."""
    n, i = 0, text.find(probe) if probe else -1
    while 0 <= i < before:
        n, i = n + 1, text.find(probe, i + 1)
    return n


def split_front_matter(raw: str, path: str) -> tuple[int, int, int]:
    """(front matter start, front matter end, body start) offsets."""
    m = FRONT_MATTER.match(raw)
    if not m:
        raise ContentErrors([ContentError(path, 1, 1, say("a meeting file starts with front matter: a line `---`, "
                                                          "the `key: value` lines, then another line `---`"))])
    return m.start(1), m.end(1), m.end()


def redact_file(raw: str, path: str, meeting: str, policy: Policy,
                detectors: Sequence[Detector] = ()) -> RedactedFile:
    """Redact one meeting file; raise ``ContentErrors`` with every problem found."""
    index = LineIndex(raw)
    bad = PRIVATE_USE.search(raw)
    if bad:
        line, col = index.position(bad.start())
        raise ContentErrors([ContentError(path, line, col, say("private-use character U+{code} is not allowed in content; "
                                                               "delete it", code=f"{ord(bad.group()):X}"))])
    fm_start, fm_end, body_start = split_front_matter(raw, path)
    markup = parse_markup(raw, body_start, policy, path, index)
    marks = [Span(m.start, m.end, m.category, "inline", raw[m.text_start:m.text_end], m.note) for m in markup.inline]
    front_marks = [s for s in marks if s.start < body_start]  # in the values as placeholders 0, 1, …
    first = _fill(raw, [(s.start, s.end, i) for i, s in enumerate(front_marks)], markup.escapes)
    try:
        front = load_mapping(first[fm_start:fm_end], path, line_offset=index.position(fm_start)[0] - 1)
    except ContentErrors as exc:  # the markers' errors too: every problem of the file at once
        raise ContentErrors([*markup.errors, *exc.errors]) from None
    front.data = _strip(front.data)
    terms, allow_terms, errors = _terms(front, policy, path)
    if markup.errors or errors:
        raise RedactionErrors([*markup.errors, *errors], front)

    body = Region(NormalizedText.of(raw[body_start:]), body_start)
    body.spans = [_shifted(s, -body_start) for s in marks if s.start >= body_start]
    body.spans += [Span(b.start - body_start, b.end - body_start, b.category, "block", _block_text(raw, b.start, b.end))
                   for b in markup.blocks]
    values = list(_values(front, first, index, fm_end))
    regions = [*values, body]
    person = {normalize(m.text) for m, mark in zip(marks, markup.inline) if mark.person}
    person |= {normalize(t) for c, t, is_person in terms if is_person}

    public = (*policy.public, *policy.allow, *allow_terms)
    needles = [_needle(normalize(s.text), Needle(s.category, "repeat"), public, raw[s.end:]) for s in marks]
    needles += [_needle(normalize(t), Needle(c, "term"), public) for c, t, _ in terms]
    _find([n for n in needles if n is not None], regions)

    allowed = {normalize(t) for t in (*policy.allow, *allow_terms)}
    public = PublicNames.of((*policy.officials, *_officials(front), *label_names(raw[body_start:])), policy.roster)
    findings = _detect(regions, detectors, policy, allowed, public, person, path, index)

    marked_front = Region(NormalizedText.of(raw[:body_start]), 0, spans=front_marks)
    person |= {normalize(s.text) for region in (*regions, marked_front) for s in region.spans
               if s.how != "block" and s.category.pseudonyms and names_follow(region.text[s.end:])}
    groups = _groups(regions, marked_front)
    if len(groups) > LIMIT:
        raise ContentErrors([ContentError(path, 1, 1, say("more than {limit} redactions in one file: split the meeting",
                                                          limit=LIMIT))])
    redactions, withholdings = _describe(groups, person, meeting, index)
    final = {id(group[0]): i for i, (_, group) in enumerate(groups)}
    body_groups = [group for region, group in groups if region is body]
    text = _fill(raw[body_start:], [(g[0].start, g[0].end, final[id(g[0])]) for g in body_groups],
                 [e - body_start for e in markup.escapes if e >= body_start])
    renumber = {k: final[id(s)] for k, s in enumerate(front_marks)}
    for region in values:
        new = _replace(region, [g for r, g in groups if r is region], renumber, final)
        if new != region.text:
            _set(front.data, region.path, new)
    return RedactedFile(path, front, strip_fillers(text), index.position(body_start)[0], tuple(redactions),
                        withholdings, findings)


def _detect(regions: Sequence[Region], detectors: Sequence[Detector], policy: Policy, allowed: set[str],
            public: PublicNames, person: set[str], path: str, index: LineIndex) -> list[Finding]:
    """Run the detectors over every published region. What a detector withholds itself, and what it
    finds inside a block (the same account number in `summary`), becomes a span there and is then
    withheld wherever else it occurs; a hit inside a marked text is withheld with it; any other hit
    is a finding. Names found by a name detector join ``person``."""
    findings: list[Finding] = []
    found: dict[str, Needle] = {}
    for region in regions:
        if region.path and region.path[0] in UNPUBLISHED:
            continue
        withheld = [(s.start, s.end, s.how == "block") for s in region.spans]
        withheld += [(m.start(), m.end(), False) for m in PATTERN.finditer(region.text)] if region.path else []
        for hit in detect(detectors, region.norm, policy, allowed, public):
            text = region.text[hit.start:hit.end]
            within = [block for a, b, block in withheld if a <= hit.start and hit.end <= b]
            if any(within) or (hit.action == "redact" and not within):
                category = policy.category(hit.category)
                found.setdefault(normalize(text), Needle(category, f"auto:{hit.detector}"))
                region.spans.append(Span(hit.start, hit.end, category, f"auto:{hit.detector}", text))
                if hit.kind == PERSONAL_NAME:
                    person.add(normalize(text))
            elif not any(a < hit.end and hit.start < b for a, b, _ in withheld):
                line, col = index.position(region.raw_offset(hit.start))
                findings.append(Finding(path, line, col, hit.kind, text, _context(region.text, hit.start, hit.end)))
    _find(list(found.items()), regions)
    return findings


def _shifted(span: Span, by: int) -> Span:
    return Span(span.start + by, span.end + by, span.category, span.how, span.text, span.note)


def _values(front: Located, first: str, index: LineIndex, fm_end: int) -> Iterator[Region]:
    """Every text of the front matter that may be published, as a region, in the order of the file."""
    starts: list[tuple[int, tuple[str | int, ...], Any]] = []
    for key, value in front.data.items():
        entry = front.entries.get(key)
        at = index.offset(*((entry.value.line, entry.value.col) if entry else (front.start.line, front.start.col)))
        if isinstance(value, list) and entry:
            for i, item in enumerate(value):
                p = entry.items[i] if i < len(entry.items) else entry.value
                starts.append((index.offset(p.line, p.col), (key, i), item))
        else:
            starts.append((at, (key,), value))
    starts.sort(key=lambda s: s[0])
    for n, (at, path, value) in enumerate(starts):
        limit = starts[n + 1][0] if n + 1 < len(starts) else fm_end
        for sub, text in _strings(value, path):
            yield Region(NormalizedText.of(text), at, sub, first[at:max(at, limit)])


def _strings(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """The strings (and numbers, as written) inside a parsed value, with their paths."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, int) and not isinstance(value, bool):
        yield path, str(value)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*path, i))
    elif isinstance(value, dict):
        for k, item in value.items():
            yield from _strings(item, (*path, k))


def _needle(key: str, needle: Needle, public: Sequence[str], following: str | None = None) -> tuple[str, Needle] | None:
    """A withheld text as a needle, with the rule of ``shortnames`` for one or two characters: a marked
    character is looked for with what followed its mark (None: nothing did), a term of one character
    everywhere; two characters everywhere but inside the public words that hold them."""
    if len(key) == 1 and following is not None:
        after = context(following)
        return (key, replace(needle, after=after)) if after else None
    if len(key) == SHORT:
        return key, replace(needle, public=public_holding(key, public))
    return key, needle


def _find(needles: Iterable[tuple[str, Needle]], regions: Sequence[Region]) -> None:
    """Every occurrence of every needle in every region becomes a span of that region (inside a longer
    word or number too: the leak check looks for the text wherever it stands), but where
    ``shortnames``' rule leaves a one- or two-character text alone."""
    for needle, how in needles:
        if not needle:
            continue
        for region in regions:
            taken = {(s.start, s.end) for s in region.spans}
            text = region.norm.text
            i = text.find(needle)
            while i >= 0:
                end = i + len(needle)
                if ((not how.after or text.startswith(how.after, end))
                        and not (how.public and inside_public(text, i, len(needle), how.public))):
                    a, b = region.norm.raw_span(i, end)
                    if (a, b) not in taken:
                        region.spans.append(Span(a, b, how.category, how.how, region.text[a:b]))
                i = text.find(needle, i + 1)


Group = tuple[Region, list[Span]]  # a region, and a group of its spans: the merged span, then its members


def _groups(regions: Sequence[Region], marked_front: Region) -> list[Group]:
    """The groups of overlapping spans of every region and the markers of the front matter, in the
    order of the raw file (a value's group at its raw position)."""
    keyed: list[tuple[tuple[int, int, int], Group]] = []
    for n, region in enumerate(regions):
        for group in _merge(region.spans):
            keyed.append(((region.raw_offset(group[0].start), n, group[0].start), (region, group)))
    for s in marked_front.spans:
        keyed.append(((s.start, -1, 0), (marked_front, [s, s])))
    keyed.sort(key=lambda k: k[0])
    return [g for _, g in keyed]


def _officials(front: Located) -> list[str]:
    """The people a meeting names in its front matter as members or staff: public in their role."""
    return [str(name) for key in OFFICIAL_LISTS
            if isinstance(front.data.get(key), list) for name in front.data[key] if isinstance(name, (str, int))]


def _block_text(raw: str, start: int, end: int) -> str:
    lines = raw[start:end].splitlines()
    return "\n".join(lines[1:-1])


def _context(text: str, start: int, end: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return text[max(line_start, start - 12):min(line_end, end + 12)]


def _terms(front: Located, policy: Policy, path: str) -> tuple[list[tuple[Category, str, bool]], list[str], list[ContentError]]:
    """`redact_terms` as (category, term, whether listed as a person's name) and `allow_terms`."""
    errors: list[ContentError] = []
    terms: list[tuple[Category, str, bool]] = []
    raw_terms = front.data.get("redact_terms") or {}
    if not isinstance(raw_terms, dict):
        p = front.at("redact_terms")
        errors.append(ContentError(path, p.line, p.col, say("`redact_terms` must map a category to a list of strings, "
                                                            "e.g. `personal: [山田太郎]`")))
        raw_terms = {}
    for i, (spelling, values) in enumerate(raw_terms.items()):
        p = front.at("redact_terms", i)
        category = policy.lookup(str(spelling))
        if category is None:
            errors.append(ContentError(path, p.line, p.col, unknown_category(policy, str(spelling), say(" in redact_terms"))))
            continue
        values = values if isinstance(values, list) else [values]
        for value in values:
            if not isinstance(value, str) or not normalize(value):
                errors.append(ContentError(path, p.line, p.col, say("redact_terms `{category}` must be a list of "
                                                                    "non-empty strings", category=spelling)))
                continue
            terms.append((category, value, policy.names_a_person(str(spelling))))
    allow_terms = front.data.get("allow_terms") or []
    if not isinstance(allow_terms, list) or not all(isinstance(t, str) for t in allow_terms):
        p = front.at("allow_terms")
        errors.append(ContentError(path, p.line, p.col, say("`allow_terms` must be a list of strings")))
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


def _describe(groups: Sequence[Group], person: set[str], meeting: str,
              index: LineIndex) -> tuple[list[Redaction], list[Withholding]]:
    """The public label of each group (a pseudonym for a person's name only) and its ledger lines."""
    pseudonyms = Pseudonyms()
    redactions: list[Redaction] = []
    withholdings: list[Withholding] = []
    for i, (region, group) in enumerate(groups):
        span = group[0]
        kind = "block" if span.how == "block" else "inline"
        following = region.text[span.end:]
        is_person = kind == "inline" and span.category.pseudonyms and normalize(span.text) in person
        if kind == "block":
            label = span.category.block_notice
        elif is_person:
            label = pseudonyms.label(span.text, following)
        else:
            label = "■■■"
        redactions.append(Redaction(i, span.category, kind, label, is_person))
        for member in _recorded(group[1:]):
            m_line, m_col = index.position(region.raw_offset(member.start))
            withholdings.append(Withholding(meeting, member.category.key, member.how, m_line, m_col, member.note, member.text, i))
    return redactions, withholdings


def _recorded(members: list[Span]) -> list[Span]:
    """Members of a group worth a ledger line: not those inside a stronger one (a marker's own TEXT)
    but a block. What is marked or found inside a block has a line of its own, so that the leak
    check looks for it wherever else it may stand (the block's text as a whole it looks for in pieces)."""
    return [m for m in members
            if not any(o is not m and o.rank < m.rank and o.how != "block" and o.start <= m.start and m.end <= o.end
                       for o in members)]


def _fill(raw: str, spans: Sequence[tuple[int, int, int]], escapes: Sequence[int] = ()) -> str:
    """The text with each span (start, end, index) replaced by its placeholder and fillers."""
    out: list[str] = []
    pos = 0
    edits = sorted([(a, b, placeholder(i)) for a, b, i in spans]
                   + [(e, e + 1, FILLER) for e in escapes if not any(a <= e < b for a, b, _ in spans)])
    for start, end, mark in edits:
        out.append(raw[pos:start])
        out.append(mark)
        out.append(re.sub(r"[^\n]", FILLER, raw[start + 1:end]))
        pos = end
    out.append(raw[pos:])
    return "".join(out)


def _replace(region: Region, groups: Sequence[list[Span]], renumber: dict[int, int], final: dict[int, int]) -> str:
    """A value's text with its groups and the front matter's markers as their placeholders."""
    def kept(text: str) -> str:
        return PATTERN.sub(lambda m: placeholder(renumber[index_of(m.group())]), text)

    out: list[str] = []
    pos = 0
    for group in sorted(groups, key=lambda g: g[0].start):
        out += (kept(region.text[pos:group[0].start]), placeholder(final[id(group[0])]))
        pos = group[0].end
    out.append(kept(region.text[pos:]))
    return "".join(out)


def _set(data: dict[str, Any], path: tuple[str | int, ...], value: str) -> None:
    target: Any = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value


def _strip(value: Any) -> Any:
    if isinstance(value, str):
        return strip_fillers(value)
    if isinstance(value, list):
        return [_strip(v) for v in value]
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items()}
    return value
