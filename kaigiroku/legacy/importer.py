"""Import published legacy minutes into ``content/`` (issues 4 and 21).

Entry point for ``python build.py import FILE|DIR... (--council SLUG | --council-from-title)``::

    import_files(files: list[Path], council: str | None, content: Path, force: bool,
                 policy: Policy | None = None, *, dry_run: bool = False,
                 council_map: dict[str, str] | None = None) -> ImportResult

Each file (a text export as in the seed, a page saved from the city's
website, a Word file, a PDF; a folder stands for the files in it) becomes
one meeting file ``content/SLUG/<date>.md``, or ``<date>-2.md`` … for
another meeting the same day. The council is ``council``, or, when it is
None, the one the title names (``placement.Councils``). ``_council.yaml``
is created from the title when missing. A file whose digest a meeting
already remembers is skipped; a file that holds the same meeting (title,
date and start) is only overwritten with ``force``. Every meeting is
loaded with ``policy`` and the detectors before it is written, so that
nothing the build would reject is written and the findings a person must
decide come with the result; ``dry_run`` writes nothing at all. The
importer never redacts. ``ImportResult.files`` holds, per input, what was
done, the warnings and the errors (``ContentError``, ``path:line:col:
message``); a file that fails does not stop the others.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from kaigiroku.content.loading import load_meeting
from kaigiroku.content.model import Council
from kaigiroku.content.scaffold import ensure_site
from kaigiroku.core.errors import ContentError, ContentErrors, display_path
from kaigiroku.core.files import write_atomic
from kaigiroku.core.messages import say
from redaction.detectors import build_detectors
from redaction.model import Finding
from redaction.policy import Policy, load_policy

from .body import clean_body
from .council import Sitting, is_council_text, is_json, json_sittings, text_sitting
from .frontmatter import dump_front_matter, scalar
from .header import front_matter
from .html import parse, plain_text
from .placement import DIGEST_KEY, Councils, council_name, identity_of, imported_digests, slug_problem, target
from .readers import SUFFIXES, kind_of, read_blocks
from .record import Notes
from .shapes import read_record
from .source import decode

__all__ = ["FileImport", "ImportResult", "collect", "convert", "council_name", "import_files"]


@dataclass(frozen=True)
class FileImport:
    source: Path
    written: Path | None  # the meeting file written (in a dry run: that would be written)
    warnings: tuple[ContentError, ...]
    errors: tuple[ContentError, ...]
    skipped: str = ""  # why the file was left alone: imported before, not a record
    front: dict[str, Any] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()  # what the detectors found, for a person to decide

    @property
    def status(self) -> str:
        return "refused" if self.errors else "skipped" if self.skipped else "imported"


@dataclass(frozen=True)
class ImportResult:
    files: tuple[FileImport, ...]
    council_files: tuple[Path, ...] = ()  # the _council.yaml files this run created (or would create)
    dry_run: bool = False
    site_file: Path | None = None  # the site.yaml this run created (or would create)

    @property
    def council_file(self) -> Path | None:
        return self.council_files[0] if self.council_files else None

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


def collect(paths: list[Path]) -> list[tuple[Path, str]]:
    """The files to import: each path given, and the files of each folder given (sub-folders too, hidden
    ones left out), with why a file found in a folder is not read (another kind of file), or ''."""
    found: list[tuple[Path, str]] = []
    for path in paths:
        if not path.is_dir():
            found.append((path, ""))
            continue
        for inner in sorted(p for p in path.rglob("*") if p.is_file()):
            if any(part.startswith(".") for part in inner.relative_to(path).parts):
                continue
            kind = SUFFIXES.get(inner.suffix.lower())
            found.append((inner, "" if kind else say("not a kind of file the importer reads ({ending})",
                                                     ending=inner.suffix or say("no ending"))))
    return found


def import_files(files: list[Path], council: str | None, content: Path, force: bool, policy: Policy | None = None, *,
                 dry_run: bool = False, council_map: dict[str, str] | None = None) -> ImportResult:
    if council is not None and (problem := slug_problem(council)):
        error = ContentError(display_path(content / council), 1, 1, problem)
        return ImportResult(tuple(FileImport(f, None, (), (error,)) for f in files), dry_run=dry_run)
    run = _Run(content, force, policy or load_policy(), dry_run, Councils.of(content, council_map or {}), council)
    done = [item for source, why in collect(files) for item in run.one(source, why)]
    site = None  # a first import also needs the site's settings
    if any(item.status == "imported" for item in done) and not (content / "site.yaml").exists():
        site = content / "site.yaml"
        if not dry_run:
            ensure_site(content)
    return ImportResult(tuple(done), tuple(run.created), dry_run, site)


@dataclass
class _Run:
    content: Path
    force: bool
    policy: Policy
    dry_run: bool
    councils: Councils
    council: str | None
    claimed: dict[Path, tuple[Any, ...]] = field(default_factory=dict)
    sources: dict[Path, Path] = field(default_factory=dict)  # meeting file → the file this run imported into it
    created: list[Path] = field(default_factory=list)  # the _council.yaml files written (or that would be)
    digests: dict[str, Path] = field(default_factory=dict)
    detectors: Any = None

    def __post_init__(self) -> None:
        self.digests = imported_digests(self.content)
        self.detectors = build_detectors(self.policy)

    def one(self, source: Path, skip: str) -> list[FileImport]:
        """What was done with one file: one item per meeting (a file of council minutes in JSON may
        hold several sittings), or one that says why nothing was."""
        notes = Notes(display_path(source))
        if skip:
            return [FileImport(source, None, (), (), skip)]
        try:
            data = source.read_bytes()
        except OSError as exc:
            notes.error(1, 1, say("cannot read: {problem}", problem=exc.strerror))
            return [FileImport(source, None, (), tuple(notes.errors))]
        digest = hashlib.sha256(data).hexdigest()
        if digest in self.digests and not self.force:
            return [FileImport(source, None, tuple(notes.warnings), (),
                               say("imported before, as {file} (the same file)",
                                   file=display_path(self.digests[digest])))]
        try:
            sittings = council_sittings(source, data, notes)
        except ContentErrors:
            return [FileImport(source, None, tuple(notes.warnings), tuple(notes.errors))]
        if sittings is None:
            return [self.meeting(source, notes, digest, lambda: convert(source, notes, data))]
        return [self.meeting(source, notes if i == 0 else Notes(notes.path), digest, lambda s=s: Converted(s.front, s.body))
                for i, s in enumerate(sittings)]

    def meeting(self, source: Path, notes: Notes, digest: str, made: Callable[[], Converted]) -> FileImport:
        written: Path | None = None
        front: dict[str, Any] = {}
        findings: tuple[Finding, ...] = ()
        try:
            meeting = made()
            front = {**meeting.front, "x-source": source.name, DIGEST_KEY: digest}
            written, findings = self.place(source, Converted(front, meeting.body), notes)
            self.digests[digest] = written
        except ContentErrors:
            written = None
        except OSError as exc:  # a read-only disk, a folder where the file should go
            named = exc.filename2 or exc.filename  # a rename names its target second
            where = display_path(Path(named)) if named else display_path(self.content)
            notes.error(1, 1, say("cannot write {file}: {problem}; nothing was imported from this file", file=where,
                                  problem=exc.strerror))
            written = None
        return FileImport(source, written, tuple(notes.warnings), tuple(notes.errors), "", front, findings)

    def place(self, source: Path, meeting: Converted, notes: Notes) -> tuple[Path, tuple[Finding, ...]]:
        """Check the meeting as the build will load it, then write it (unless a dry run)."""
        title = meeting.front["title"]
        slug = self.council or self.councils.for_title(title)
        if slug is None:
            raise notes.fail(1, 1, say("no council for 「{name}」: add `{name}: SLUG` to the mapping file "
                                       "(--council-map), or import this file with --council SLUG",
                                       name=council_name(title)))
        try:
            settings = self.councils.settings_of(slug, title)
        except ContentErrors as exc:
            notes.errors.extend(exc.errors)
            raise ContentErrors(notes.errors) from None
        path, holds = target(self.content / slug, meeting.front, self.force, self.claimed)
        if holds and not self.force:
            if path in self.sources:
                raise notes.fail(1, 1, say("this meeting was imported from {source} a moment ago, as {file}: keep "
                                           "one of the two files, or pass --force to import the later one over it",
                                           source=display_path(self.sources[path]), file=display_path(path)))
            raise notes.fail(1, 1, say("{file} already exists and holds this meeting; pass --force to overwrite it",
                                       file=display_path(path)))
        data = (dump_front_matter(meeting.front) + "\n" + meeting.body).encode("utf-8")
        findings = self.check(path, settings, data, notes)
        council_file = self.councils.to_create.get(slug)
        if council_file is not None and council_file not in self.created:
            if not self.dry_run:
                write_atomic(council_file, f"name: {scalar(settings.name)}\n".encode("utf-8"))
            self.created.append(council_file)
        if not self.dry_run:
            write_atomic(path, data)
        self.claimed[path] = identity_of(meeting.front)
        self.sources[path] = source
        return path, findings

    def check(self, path: Path, council: Council, data: bytes, notes: Notes) -> tuple[Finding, ...]:
        try:
            loaded, _ = load_meeting(path, council, self.policy, self.detectors, data)
        except ContentErrors as exc:
            notes.errors.extend(ContentError(e.path, e.line, e.col,
                                             say("the imported meeting would not load: {message}", message=e.message))
                                for e in exc.errors)
            raise ContentErrors(notes.errors) from None
        return loaded.findings


def council_sittings(source: Path, data: bytes, notes: Notes) -> list[Sitting] | None:
    """The sittings of a file of council minutes (JSON, or text or a page in the ○ convention with a
    sitting's header), or None for any other record."""
    if source.suffix.lower() == ".json" or is_json(data) and SUFFIXES.get(source.suffix.lower()) is None:
        return json_sittings(data, notes)
    if kind_of(source, data) not in ("text", "html"):
        return None
    try:
        text, html = decode(source, data, Notes(notes.path))  # a look: what it warns of is said once, below
    except ContentErrors:
        return None  # not readable: the record's reader says why
    if not is_council_text(plain_text(parse(text)) if html else text):
        return None
    text, html = decode(source, data, notes)
    return [text_sitting(plain_text(parse(text)) if html else text, notes)]


def convert(source: Path, notes: Notes, data: bytes | None = None) -> Converted:
    """One source file as front matter and Markdown; raises ``ContentErrors`` (also kept in ``notes``)."""
    record = read_record(read_blocks(source, notes, data), notes)
    front, kept = front_matter(record.header, notes)
    if notes.errors:
        raise ContentErrors(notes.errors)
    return Converted(front, clean_body([*record.lead, *(b for row in kept for b in row.in_minutes()), *record.body], notes))
