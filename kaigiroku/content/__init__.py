"""The content stage: ``content/`` (site.yaml, councils, meeting files) → an ``Archive`` of redacted
meetings and a ``Ledger`` of what was withheld. Each raw file goes through ``redaction`` before its
front matter and minutes are parsed; ``approvals`` then keeps the editions a person approved."""

from .approvals import Gate, approve_meeting, approved_only
from .loading import Loaded, MeetingStore, load_content
from .model import Archive, Council, Meeting, SiteConfig
from .new_meeting import created_message, meeting_slug, new_meeting

__all__ = ["Archive", "Council", "Gate", "Loaded", "Meeting", "MeetingStore", "SiteConfig", "approve_meeting",
           "approved_only", "created_message", "load_content", "meeting_slug", "new_meeting"]
