"""Golden files: how a case is turned into its expected output.

Used by the golden tests and by ``tests/update_goldens.py``, which rewrites
the expected parts on purpose after a deliberate change.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from kaigiroku.render.markdown import MinutesRenderer
from redaction.detectors import build_detectors
from redaction.engine import redact_file
from redaction.placeholders import substitute
from redaction.policy import Policy, load_policy

TESTS = Path(__file__).resolve().parent
REDACTION = TESTS / "fixtures" / "redaction"
RENDERING = TESTS / "fixtures" / "rendering"
SITE_CONTENT = TESTS / "golden" / "content"
SITE_GOLDEN = TESTS / "golden" / "site"
SECTION = re.compile(r"^=== (\w+)\n", re.M)


def read_sections(path: Path) -> dict[str, str]:
    """A fixture file: free text, then `=== name` lines each opening a section."""
    text = path.read_text(encoding="utf-8")
    parts = SECTION.split(text)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)} | {"about": parts[0]}


def write_sections(path: Path, sections: dict[str, str]) -> None:
    about = sections.pop("about", "")
    path.write_text(about + "".join(f"=== {k}\n{v}" for k, v in sections.items()), encoding="utf-8")


def redaction_case(source: str, policy: Policy) -> dict[str, str]:
    """The redacted text (placeholders shown as ⟦label⟧) and the ledger of one source file, with the
    policy's detectors."""
    red = redact_file(source, "case.md", "case/2023-07-14", policy, build_detectors(policy))

    def shown(text: str) -> str:
        return substitute(text, lambda i: f"⟦{red.redactions[i].label}⟧")

    front = yaml.safe_dump(red.front.data, allow_unicode=True, sort_keys=False, width=1000)
    redacted = shown(front) + "---\n" + shown(red.body)
    ledger = "".join(f"{w.line}:{w.col} {w.category} {w.how} {w.text!r}" + (f" [{w.note}]" if w.note else "") + "\n"
                     for w in red.withholdings)
    return {"redacted": redacted, "ledger": ledger}


def rendering_case(source: str) -> str:
    """The HTML of a Markdown body (markup redacted first, as in a build); a source that opens with
    its own front matter may set ``speaker_style``."""
    own = source.startswith("---\n")
    red = redact_file(source if own else "---\ntitle: t\n---\n" + source, "case.md", "case/x", load_policy())
    return MinutesRenderer().render(red.body, red.redactions, style=red.front.data.get("speaker_style", "auto"))


def site_pages(out: Path) -> dict[str, bytes]:
    """The HTML pages of a built site, by relative path (the search index left out)."""
    return {p.relative_to(out).as_posix(): p.read_bytes()
            for p in sorted(out.rglob("*.html")) if "pagefind" not in p.relative_to(out).parts}


def replace_site_golden(pages: dict[str, bytes]) -> None:
    shutil.rmtree(SITE_GOLDEN, ignore_errors=True)
    for rel, data in pages.items():
        target = SITE_GOLDEN / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
