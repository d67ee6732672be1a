"""The ledger: every withholding of a build, the only place withheld text lives.

Only ``python build.py report`` prints it; it is never written into a
public build.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field

from .model import Withholding


@dataclass
class Ledger:
    entries: list[Withholding] = field(default_factory=list)

    def extend(self, items: list[Withholding]) -> None:
        self.entries.extend(items)

    def by_meeting(self) -> dict[str, list[Withholding]]:
        out: dict[str, list[Withholding]] = {}
        for entry in sorted(self.entries, key=lambda e: (e.meeting, e.line, e.col)):
            out.setdefault(entry.meeting, []).append(entry)
        return out

    def table(self) -> str:
        """A plain-text report per meeting: counts per category, then each line."""
        lines: list[str] = []
        for meeting, entries in self.by_meeting().items():
            counts = Counter(e.category for e in entries)
            lines.append(f"## {meeting}  ({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))})")
            for e in entries:
                origin = "automatic" if e.how.startswith("auto:") else "manual"
                text = e.text.replace("\n", "⏎")
                if len(text) > 60:
                    text = text[:60] + "…"
                note = f"  [{e.note}]" if e.note else ""
                lines.append(f"  {e.line}:{e.col}\t{e.category}\t{e.how}\t{origin}\t{text}{note}")
            lines.append("")
        return "\n".join(lines) if lines else "no withholdings\n"

    def csv(self) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["meeting", "line", "col", "category", "how", "origin", "text", "note"])
        for meeting, entries in self.by_meeting().items():
            for e in entries:
                origin = "automatic" if e.how.startswith("auto:") else "manual"
                writer.writerow([meeting, e.line, e.col, e.category, e.how, origin, e.text, e.note])
        return buffer.getvalue()
