"""Import published legacy minutes into ``content/`` (issue 4).

Entry point for ``python build.py import FILE... --council SLUG [--content DIR] [--force]``::

    import_files(files: list[Path], council: str, content: Path, force: bool,
                 policy: Policy | None = None) -> ImportResult

Each file (a text export as in the seed, or a page saved from the city's
website) becomes one meeting file ``content/SLUG/<date>.md``, or
``<date>-2.md`` … for another meeting the same day. ``_council.yaml`` is
created from the title when missing. A file that holds the same meeting
(title, date and start) is only overwritten with ``force``. Every written
file has passed ``load_meeting`` with ``policy`` (default: the built-in
policy). ``ImportResult.files`` holds, per input, the written path, the
warnings and the errors, all ``ContentError`` (``path:line:col: message``);
a file that fails does not stop the others. The CLI prints warnings and
errors and exits 1 if ``not result.ok``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kaigiroku.content.loading import RESERVED, SLUG, load_council, load_meeting
from kaigiroku.content.model import Council
from kaigiroku.core.errors import ContentError, ContentErrors, display_path
from kaigiroku.core.yamlfile import load_mapping
from redaction.engine import split_front_matter
from redaction.policy import Policy, load_policy

from .body import clean_body
from .frontmatter import dump_front_matter, scalar
from .header import front_matter
from .labels import RECORD_WORD
from .readers import read_blocks
from .record import Notes
from .shapes import read_record

ROUND = re.compile(r"^(?:(?:明治|大正|昭和|平成|令和)\s*(?:\d+|元|[一二三四五六七八九十]+)|\d{4})\s*年度\s*")
SESSION = re.compile(r"^第\s*(?:\d+|[一二三四五六七八九十]+)\s*回\s*|\s*[(（]第?\s*\d+\s*回?[)）]$")


@dataclass(frozen=True)
class FileImport:
    source: Path
    written: Path | None
    warnings: tuple[ContentError, ...]
    errors: tuple[ContentError, ...]


@dataclass(frozen=True)
class ImportResult:
    files: tuple[FileImport, ...]
    council_file: Path | None = None  # the _council.yaml this run created

    @property
    def errors(self) -> list[ContentError]:
        return [e for f in self.files for e in f.errors]

    @property
    def warnings(self) -> list[ContentError]:
        return [w for f in self.files for w in f.warnings]

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class Converted:
    front: dict[str, Any]
    body: str

    @property
    def identity(self) -> tuple[Any, ...]:
        return self.front["title"], self.front["date"], self.front.get("start", "")


def import_files(files: list[Path], council: str, content: Path, force: bool,
                 policy: Policy | None = None) -> ImportResult:
    folder = content / council
    if not SLUG.match(council) or council in RESERVED:
        error = ContentError(display_path(folder), 1, 1, f"council `{council}` cannot be a folder of content/: "
                             "use lower-case ASCII letters, digits and hyphens, and not a name the site uses itself")
        return ImportResult(tuple(FileImport(f, None, (), (error,)) for f in files))
    policy = policy or load_policy()
    claimed: dict[Path, tuple[Any, ...]] = {}
    done: list[FileImport] = []
    created: Path | None = None
    council_settings: Council | None = None
    target: Path | None = None
    for source in files:
        notes = Notes(display_path(source))
        try:
            meeting = convert(source, notes)
            created = _ensure_council(folder, meeting.front["title"]) or created
            council_settings = council_settings or _council(folder, notes)
            target = _target(folder, meeting, force, claimed, notes)
            _write_checked(target, meeting, council_settings, policy, notes)
            claimed[target] = meeting.identity
        except ContentErrors:
            target = None
        except OSError as exc:  # a read-only disk, a folder where the file should go
            named = exc.filename2 or exc.filename  # a rename names its target second
            where = display_path(Path(named)) if named else display_path(folder)
            notes.error(1, 1, f"cannot write {where}: {exc.strerror}; nothing was imported from this file")
            target = None
        done.append(FileImport(source, target, tuple(notes.warnings), tuple(notes.errors)))
    return ImportResult(tuple(done), created)


def convert(source: Path, notes: Notes) -> Converted:
    """One source file as front matter and Markdown; raises ``ContentErrors`` (also kept in ``notes``)."""
    record = read_record(read_blocks(source, notes), notes)
    front, kept = front_matter(record.header, notes)
    if notes.errors:
        raise ContentErrors(notes.errors)
    return Converted(front, clean_body([*record.lead, *(b for row in kept for b in row.in_minutes()), *record.body], notes))


def council_name(title: str) -> str:
    """個人情報保護運営審議会 from 平成25年度第3回個人情報保護運営審議会."""
    name = RECORD_WORD.sub("", SESSION.sub("", ROUND.sub("", title.strip())))
    return SESSION.sub("", name).strip() or title.strip()


def _ensure_council(folder: Path, title: str) -> Path | None:
    path = folder / "_council.yaml"
    if path.exists():
        return None
    folder.mkdir(parents=True, exist_ok=True)
    _write(path, f"name: {scalar(council_name(title))}\n")
    return path


def _council(folder: Path, notes: Notes) -> Council:
    try:
        return load_council(folder)
    except ContentErrors as exc:
        notes.errors.extend(exc.errors)
        raise ContentErrors(notes.errors) from None


def _target(folder: Path, meeting: Converted, force: bool, claimed: dict[Path, tuple[Any, ...]], notes: Notes) -> Path:
    """The file for the meeting: ``<date>.md``, or ``<date>-2.md`` … if that day's files hold other meetings."""
    n = 1
    while True:
        path = folder / (f"{meeting.front['date']}.md" if n == 1 else f"{meeting.front['date']}-{n}.md")
        holds = _holds(path, meeting.identity, claimed)
        if holds is None or (holds and force):
            return path
        if holds:
            raise notes.fail(1, 1, f"{display_path(path)} already exists and holds this meeting; "
                             "pass --force to overwrite it")
        n += 1


def _holds(path: Path, identity: tuple[Any, ...], claimed: dict[Path, tuple[Any, ...]]) -> bool | None:
    """Whether the file holds this meeting (same title, date, start); None if there is no such file.

    A file that cannot be read counts as this meeting: only --force replaces it.
    """
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
    return (str(data.get("title", "")).strip(), str(data.get("date", "")), str(data.get("start", ""))) == identity


def _write_checked(target: Path, meeting: Converted, council: Council, policy: Policy, notes: Notes) -> None:
    """Write through a hidden temporary file that must pass ``load_meeting`` before it takes the name."""
    temporary = target.with_name(f".{target.name}.import")
    _write(temporary, dump_front_matter(meeting.front) + "\n" + meeting.body)
    try:
        load_meeting(temporary, council, policy)
    except ContentErrors as exc:
        temporary.unlink()
        notes.errors.extend(ContentError(display_path(target), e.line, e.col, f"the imported meeting would not load: {e.message}")
                            for e in exc.errors)
        raise ContentErrors(notes.errors) from None
    try:
        os.replace(temporary, target)
    except OSError:
        temporary.unlink()
        raise


def _write(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write(text)
