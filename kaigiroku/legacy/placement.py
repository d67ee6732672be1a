"""Where an imported meeting goes: its council's folder, its file name, and whether it is there already.

A council is given (``--council SLUG``) or chosen by the meeting's title:
the council name in the title (平成25年度第3回個人情報保護運営審議会 →
個人情報保護運営審議会) is looked up among the names of the councils that
``content/`` holds and those of a mapping file (name → slug); failing an
exact name, the longest name the title contains wins.

Each imported meeting file remembers the SHA-256 of the file it came from
in its front matter (``x-source-sha256``, beside ``x-source``, the file's
name); a file whose digest a meeting already holds is not imported again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kaigiroku.content.loading import RESERVED, SLUG, load_council
from kaigiroku.content.model import Council
from kaigiroku.core.errors import ContentError, ContentErrors, display_path
from kaigiroku.core.messages import say
from kaigiroku.core.yamlfile import load_mapping
from redaction.engine import split_front_matter

from .labels import RECORD_WORD, key

ROUND = re.compile(r"^(?:(?:明治|大正|昭和|平成|令和)\s*(?:\d+|元|[一二三四五六七八九十]+)|\d{4})\s*年度\s*")
SESSION = re.compile(r"^第\s*(?:\d+|[一二三四五六七八九十]+)\s*回\s*|\s*[(（]第?\s*\d+\s*回?[)）]$")
DIGEST_KEY = "x-source-sha256"
DIGEST = re.compile(rf"^{DIGEST_KEY}:\s*['\"]?([0-9a-f]{{64}})", re.M)


def council_name(title: str) -> str:
    """個人情報保護運営審議会 from 平成25年度第3回個人情報保護運営審議会."""
    name = RECORD_WORD.sub("", SESSION.sub("", ROUND.sub("", title.strip())))
    return SESSION.sub("", name).strip() or title.strip()


def slug_problem(slug: str) -> str | None:
    if SLUG.match(slug) and slug not in RESERVED:
        return None
    return say("council `{slug}` cannot be a folder of content/: use lower-case ASCII letters, digits and hyphens, "
               "and not a name the site uses itself", slug=slug)


def load_council_map(path: Path) -> dict[str, str]:
    """A mapping file: ``個人情報保護運営審議会: privacy``, one council name (or a part of titles) per line."""
    shown = display_path(path)
    try:
        doc = load_mapping(path.read_text(encoding="utf-8"), shown)
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentErrors([ContentError(shown, 1, 1, say("cannot read the council mapping: {problem}", problem=exc))]) \
            from None
    errors = []
    for name, slug in doc.data.items():
        problem = slug_problem(slug) if isinstance(slug, str) else say("the council must be a slug such as privacy")
        if problem or not isinstance(name, str):
            at = doc.at(name)
            errors.append(ContentError(shown, at.line, at.col, problem or say("a council name must be text")))
    if errors:
        raise ContentErrors(errors)
    return {key(name): slug for name, slug in doc.data.items()}


@dataclass
class Councils:
    """The councils a run may import into, by slug, and the ``_council.yaml`` files it must create."""

    content: Path
    names: dict[str, str]  # key(name) → slug: those of content/ and of a mapping file
    settings: dict[str, Council] = field(default_factory=dict)
    to_create: dict[str, Path] = field(default_factory=dict)

    @classmethod
    def of(cls, content: Path, mapping: dict[str, str]) -> Councils:
        names: dict[str, str] = {}
        for folder in sorted(content.iterdir()) if content.is_dir() else ():
            if (folder / "_council.yaml").is_file():
                try:
                    names[key(load_council(folder).name)] = folder.name
                except ContentErrors:
                    continue  # reported when the council is used
        return cls(content, {**names, **mapping})

    def for_title(self, title: str) -> str | None:
        name = key(council_name(title))
        if name in self.names:
            return self.names[name]
        contained = [known for known in self.names if known and known in key(title)]
        return self.names[max(contained, key=len)] if contained else None

    def settings_of(self, slug: str, title: str) -> Council:
        """The council's settings; a council without ``_council.yaml`` gets one named from the title."""
        if slug not in self.settings:
            folder = self.content / slug
            if (folder / "_council.yaml").exists():
                self.settings[slug] = load_council(folder)
            else:
                self.settings[slug] = Council(slug, council_name(title))
                self.to_create[slug] = folder / "_council.yaml"
        return self.settings[slug]


def imported_digests(content: Path) -> dict[str, Path]:
    """The source digests that the meeting files of ``content/`` remember, and which file holds each."""
    found: dict[str, Path] = {}
    for path in sorted(content.glob("*/*.md")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        head = text.split("\n---", 1)[0] if text.startswith("---") else ""
        for digest in DIGEST.findall(head):
            found.setdefault(digest, path)
    return found


def target(folder: Path, front: dict[str, Any], force: bool, claimed: dict[Path, tuple[Any, ...]]) -> tuple[Path, bool]:
    """The file for the meeting, ``<date>.md`` or ``<date>-2.md`` … if that day's files hold other meetings,
    and whether it already holds this one (same title, date and start)."""
    identity = identity_of(front)
    n = 1
    while True:
        path = folder / (f"{front['date']}.md" if n == 1 else f"{front['date']}-{n}.md")
        holds = _holds(path, identity, claimed)
        if holds is None or holds:
            return path, bool(holds)
        n += 1


def identity_of(front: dict[str, Any]) -> tuple[Any, ...]:
    return str(front["title"]).strip(), str(front["date"]), str(front.get("start", ""))


def _holds(path: Path, identity: tuple[Any, ...], claimed: dict[Path, tuple[Any, ...]]) -> bool | None:
    """Whether the file holds this meeting; None if there is no such file. A file that cannot be read
    counts as this meeting: only --force replaces it."""
    if path in claimed:
        return claimed[path] == identity
    if not path.exists():
        return None
    try:
        raw = path.read_text(encoding="utf-8")
        start, end, _ = split_front_matter(raw, str(path))
        data = load_mapping(raw[start:end], str(path)).data
    except (OSError, UnicodeDecodeError, ContentErrors):
        return True
    return identity_of({"title": data.get("title", ""), "date": data.get("date", ""), "start": data.get("start", "")}) \
        == identity
