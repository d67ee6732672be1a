"""What the layouts may show of a meeting (``MeetingView``): its minutes rendered, its header as
plain text or safe HTML, and, in the preview, the marks of what is withheld and found."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from markupsafe import Markup

from kaigiroku.content.model import Meeting
from kaigiroku.content.speeches import SpeakerCount, Speech, speakers_of
from kaigiroku.content.wareki import fiscal_year_label, japanese_date
from redaction.operators import marked, plain
from redaction.policy import Category

from .markdown import Minutes, MinutesRenderer
from .people import Sitting, Spoken, spoken
from .review import MeetingReview, finding_html, finding_markers


@dataclass(frozen=True)
class MeetingView:
    """What the layouts may show of a meeting: plain text and safe HTML only."""

    meeting: Meeting
    title: str  # plain text, marks as their labels
    title_html: Markup
    summary: str
    date_label: str
    time_label: str
    fiscal_year_label: str
    body_html: Markup
    withheld: list[tuple[Category, int]]
    speeches: list[Speech]  # text and names may hold placeholders: show them through text()/html()
    speakers: list[SpeakerCount]
    speech_count: int  # also known where the speeches themselves are not (``listing``)
    review: MeetingReview | None = None  # the preview of `serve` only
    spoken: tuple[Spoken, ...] = ()  # the speeches of named speakers, for their pages (also in ``listing``)

    def html(self, text: str) -> Markup:
        return Markup(marked(text, self.meeting.redactions, self.review.details if self.review else None))

    def text(self, text: str) -> str:
        return plain(text, self.meeting.redactions)

    def sitting(self) -> Sitting:
        """The meeting as its speakers' pages show it."""
        m = self.meeting
        return Sitting(m.url, self.title, m.council.name, m.date, self.date_label, self.spoken)


def time_label(start: str, end: str) -> str:
    def jp(t: str) -> str:
        h, m = (int(x) for x in t.split(":"))
        period = "午前" if h < 12 else "午後"
        h12 = h if h <= 12 else h - 12
        return f"{period}{h12}時" + (f"{m}分" if m else "")
    if start and end:
        return f"{jp(start)}～{jp(end)}"
    return jp(start) if start else ""


def view(meeting: Meeting, renderer: MinutesRenderer, review: MeetingReview | None = None) -> MeetingView:
    """What a page shows of a meeting; ``review`` adds the preview's marks of what is withheld and found."""
    minutes = _minutes(meeting, renderer, review)
    return replace(listing(meeting, review, len(minutes.speeches)), body_html=Markup(minutes.html),
                   speeches=minutes.speeches, speakers=speakers_of(minutes.speeches, meeting.redactions),
                   spoken=spoken(minutes.speeches, meeting.redactions))


def listing(meeting: Meeting, review: MeetingReview | None = None, speech_count: int = 0) -> MeetingView:
    """What lists, feeds and a neighbour's pager show of a meeting: everything but its minutes."""
    counts = Counter(r.category for r in meeting.redactions)
    details = review.details if review else None
    return MeetingView(
        meeting=meeting,
        title=plain(meeting.title, meeting.redactions),
        title_html=Markup(marked(meeting.title, meeting.redactions, details)),
        summary=plain(meeting.summary, meeting.redactions),
        date_label=japanese_date(meeting.date),
        time_label=time_label(meeting.start, meeting.end),
        fiscal_year_label=fiscal_year_label(meeting.fiscal_year),
        body_html=Markup(""),
        withheld=sorted(counts.items(), key=lambda kv: (kv[0].item or 99, kv[0].key)),
        speeches=[],
        speakers=[],
        speech_count=speech_count,
        review=review,
    )


def _minutes(meeting: Meeting, renderer: MinutesRenderer, review: MeetingReview | None) -> Minutes:
    if review is None:
        return renderer.minutes(meeting.body, meeting.redactions, style=meeting.speaker_style)
    body = finding_markers(meeting.body, meeting.body_line, review.findings)
    minutes = renderer.minutes(body, meeting.redactions, review.details, meeting.body_line, meeting.speaker_style)
    return replace(minutes, html=finding_html(minutes.html, review.findings))
