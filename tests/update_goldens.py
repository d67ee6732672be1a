"""Rewrite every golden file from the current code, on purpose.

    python tests/update_goldens.py

Run it after a deliberate change of the redaction output, the Markdown
rendering or the layouts, then read ``git diff tests/`` line by line before
committing: the golden tests compare against exactly these files.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from goldens import (  # noqa: E402
    REDACTION,
    RENDERING,
    SITE_CONTENT,
    read_sections,
    redaction_case,
    rendering_case,
    replace_site_golden,
    site_pages,
    write_sections,
)

import build  # noqa: E402
from redaction.policy import load_policy  # noqa: E402


def main() -> int:
    policy = load_policy()
    for path in sorted(REDACTION.glob("*.md")):
        sections = read_sections(path)
        write_sections(path, {"about": sections["about"], "source": sections["source"],
                              **redaction_case(sections["source"], policy)})
    for path in sorted(RENDERING.glob("*.md")):
        sections = read_sections(path)
        write_sections(path, {"about": sections["about"], "source": sections["source"],
                              "html": rendering_case(sections["source"])})
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        code = build.main(["build", "--content", str(SITE_CONTENT), "--out", str(out)])
        if code != 0:
            return code
        replace_site_golden(site_pages(out))
    print("goldens rewritten; review them with `git diff tests/`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
