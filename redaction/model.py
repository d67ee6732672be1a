"""The data the redaction stage hands to the rest of the pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kaigiroku.core.messages import say

from .policy import Category


@dataclass(frozen=True)
class Redaction:
    """A withheld span as the public sees it: no trace of the withheld text."""

    index: int
    category: Category
    kind: Literal["inline", "block"]
    label: str  # the public text: ■■■, Ａ氏, or the block notice
    pseudonym: bool = False  # the label stands for a person (Ａ氏), not the fixed-width mark


@dataclass(frozen=True)
class Withholding:
    """One ledger line. ``text`` and ``note`` are internal: only `report` shows them."""

    meeting: str
    category: str
    how: str  # inline, block, repeat, term, or auto:<detector>
    line: int
    col: int
    note: str
    text: str
    redaction: int | None = None  # index of the Redaction that shows it, for the preview


@dataclass(frozen=True)
class Finding:
    """Something a detector found that a person must decide (action `review`)."""

    path: str
    line: int
    col: int
    kind: str
    text: str  # internal: shown only on an interactive `check`
    context: str  # internal: a little text around it

    def masked(self) -> str:
        """The text with all but its first character masked, for build logs."""
        return self.text[:1] + "○" * max(2, len(self.text) - 1)

    def message(self, reveal: bool = False) -> str:
        shown = self.text if reveal else self.masked()
        return say("possible {kind} {text} — mark it with {{redact:…}} or add it to allow_terms", kind=say(self.kind),
                   text=shown)
