"""A meeting as the search index holds it: one token stream, and where each speech starts in it."""

from __future__ import annotations

from dataclasses import dataclass

from kaigiroku.content.model import Meeting
from redaction.searchform import BREAK, runs, stream

from .bundle import PagefindRecord
from .pagetext import BLOCK, PageText

FILTER_COUNCIL, FILTER_YEAR, FILTER_ROLE, FILTER_SPEAKER = "会議", "年度", "役職", "発言者"
Segment = tuple[int, int, str]  # (first token, speech order or 0, role)


@dataclass(frozen=True)
class Record:
    title: str
    segments: tuple[Segment, ...]
    content: str  # the tokens of the page's visible text (``searchtext.stream``)


def record_of(page: PageText) -> Record:
    """The record of a page: the tokens of its passages, in order; a passage without tokens
    has no segment."""
    parts: list[str] = []
    segments: list[Segment] = []
    count = 0
    for passage in page.passages:
        text, n = stream(passage.text)
        if n:
            segments.append((count, passage.speech, page.roles.get(passage.speech, "")))
            parts.append(text)
            count += n
    return Record(page.title, tuple(segments), " ".join(parts))


def pagefind_record(meeting: Meeting, segments: tuple[Segment, ...], salt: int = 0,
                    speakers: tuple[str, ...] = ()) -> PagefindRecord:
    """What Pagefind is given of a meeting: its council, fiscal year, speakers' roles and the public
    names of its speakers, and no text but one break token (Pagefind leaves out a record without
    content; the search's own index holds the text: ``grams``); a ``salt`` changes its id, when
    another bundle's record has taken it."""
    roles = sorted({role for _, speech, role in segments if speech})
    filters = {FILTER_COUNCIL: [meeting.council.name], FILTER_YEAR: [str(meeting.fiscal_year)]}
    if roles:
        filters[FILTER_ROLE] = roles
    if speakers:
        filters[FILTER_SPEAKER] = sorted(set(speakers))
    return PagefindRecord(meeting.url, BREAK, filters, {"date": meeting.date.isoformat()},
                          {"salt": str(salt)} if salt else None)


def indexed_text(page: PageText) -> tuple[tuple[Segment, ...], str, list[str]]:
    """What ``record_of(page)`` holds, as one string of a character per token (a space for each break):
    its segments, and its content, without writing and reading back the codes; and the text of each
    segment as a reader sees it (blocks apart by a space), for the excerpts of the results shown."""
    parts: list[str] = []
    segments: list[Segment] = []
    texts: list[str] = []
    count = 0
    for passage in page.passages:
        found = runs(passage.text)
        if found:
            text = " ".join(found) + " "
            segments.append((count, passage.speech, page.roles.get(passage.speech, "")))
            parts.append(text)
            texts.append(" ".join(passage.text.replace(BLOCK, " ").split()))
            count += len(text)
    return tuple(segments), "".join(parts), texts
