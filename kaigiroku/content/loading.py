"""Load and validate ``content/``: site settings, councils and meetings.

Every file is read and redacted before anything is written; all problems of
a run are collected and raised together as ``ContentErrors``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import multiprocessing
import re
import zoneinfo
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from kaigiroku.core.cache import Cache, digest
from kaigiroku.core.errors import ContentError, ContentErrors, display_path
from kaigiroku.core.memory import kept
from kaigiroku.core.messages import say, term
from kaigiroku.core.yamlfile import Located, load_mapping
from redaction.detection import Detector
from redaction.engine import RedactedFile, RedactionErrors, redact_file
from redaction.ledger import Ledger
from redaction.markup import ANY_CLOSE, ANY_OPEN, LOOKALIKE
from redaction.operators import plain
from redaction.policy import Policy
from redaction.text import LineIndex

from .model import Archive, Council, Meeting, SiteConfig
from .speeches import AUTO, PEOPLE, STYLES
from .wareki import ERAS

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TIME = re.compile(r"^([01]?\d|2[0-3]):[0-5]\d$")
# Top-level paths the site itself uses: a council folder may not take them.
RESERVED = {"search": term("the search page"), "nendo": term("the fiscal-year pages"), "pagefind": term("the search index"),
            "static": term("the style sheets"), "data": term("the open data"), "feed": term("the Atom feed"),
            "404": term("the 404 page"), PEOPLE: term("the speakers' pages")}


@dataclass(frozen=True)
class Loaded:
    archive: Archive
    ledger: Ledger
    redacted: dict[str, RedactedFile]  # by meeting key, drafts included; kept for ``require_approval`` only (what
    # the approvals compare), else empty: 12 MB at 1,000 meetings held until the pages are rendered
    drafts: tuple[Meeting, ...]
    digests: dict[str, str] = field(default_factory=dict)  # meeting key → digest of all it was made from


@dataclass(frozen=True)
class MeetingStore:
    """Redacted meetings in the build cache, keyed by the file's bytes, its council, the policy and the code.
    The withheld text goes to a private entry of its own; a meeting with findings is never kept, so its
    findings are reported again until a person has decided them."""

    cache: Cache
    base: str  # digest of the code and the policy

    def get(self, key: str) -> tuple[Meeting, RedactedFile] | None:
        public, withheld = self.cache.load("meetings", key), self.cache.load("withheld", key)
        if public is None or withheld is None:
            return None
        meeting, red = public
        return meeting, replace(red, withholdings=withheld)

    def key(self, council: Council, path: Path, data: bytes) -> str:
        """The key of a meeting file's bytes ``data``, for a caller that reads the files itself (`serve`)."""
        return _key(self.base, council, path, _sha(data))

    def put(self, key: str, meeting: Meeting, red: RedactedFile) -> None:
        if meeting.findings:
            return
        self.cache.store("withheld", key, red.withholdings)
        self.cache.store("meetings", key, (meeting, replace(red, withholdings=[])))


def _cached(store: MeetingStore, plan: list[tuple[Council | None, list[ContentError], list[Path]]],
            files: Mapping[Path, str]) -> dict[Path, tuple[str, tuple[Meeting, RedactedFile]]]:
    """The files of ``plan`` redacted before: their keys and meetings. ``files``: the SHA-256 of
    files already read (the others are read here)."""
    cached = {}
    with kept():
        for council, _, paths in plan:
            for path in paths if council is not None else ():
                key = _key(store.base, council, path, files.get(path) or _sha(_bytes(path)))
                hit = store.get(key) if key else None
                if hit is not None:
                    cached[path] = key, hit
    return cached


def load_content(content: Path, policy: Policy, detectors: Sequence[Detector] = (),
                 include_drafts: bool = False, jobs: int = 1, store: MeetingStore | None = None,
                 files: Mapping[Path, str] | None = None) -> Loaded:
    """Every file read, redacted and checked; with ``jobs`` > 1 the meeting files are redacted by that
    many forked worker processes (the result and the order of errors are the same); with ``store``
    a file redacted before with the same policy and code is taken from the cache (``files``: the
    ``file_digests`` of ``content``, when they were worked out already)."""
    errors: list[ContentError] = []
    site = _guard(errors, lambda: load_site(content / "site.yaml"))
    councils: list[Council] = []
    meetings: list[Meeting] = []
    drafts: list[Meeting] = []
    ledger = Ledger()
    redacted: dict[str, RedactedFile] = {}
    digests: dict[str, str] = {}
    folders, found = discover(content)
    errors.extend(found)
    plan: list[tuple[Council | None, list[ContentError], list[Path]]] = []
    for folder, paths in folders:
        council_errors: list[ContentError] = []
        plan.append((_guard(council_errors, lambda: load_council(folder)), council_errors, paths))
    policy = replace(policy, public=public_names(site, [c for c, _, _ in plan if c is not None]))
    if store is not None:  # a meeting redacted with other public names is redacted again
        store = replace(store, base=digest(store.base, *policy.public))
    cached = _cached(store, plan, files or {}) if store is not None else {}
    work = [(council, path) for council, _, paths in plan if council is not None for path in paths
            if path not in cached]
    with _redacting(policy, detectors, store.base if store else "", jobs, len(work)) as map_:
        results = map_(_load_one, work)
        for council, council_errors, paths in plan:
            errors.extend(council_errors)
            if council is None:
                continue
            councils.append(council)
            for path in paths:
                key, result, file_errors = (*cached[path], []) if path in cached else next(results)
                errors.extend(file_errors)
                if result is None:
                    continue
                meeting, red = result
                if store is not None and key:
                    digests[meeting.key] = key
                    if path not in cached:
                        store.put(key, meeting, red)
                if site is not None and site.require_approval:
                    redacted[meeting.key] = red
                if meeting.status == "draft":
                    drafts.append(meeting)
                    if not include_drafts:
                        continue
                meetings.append(meeting)
                ledger.extend(red.withholdings)
    if errors:
        raise ContentErrors(errors)
    assert site is not None
    return Loaded(assemble(site, councils, meetings), ledger, redacted, tuple(drafts), digests)


def site_policy(content: Path, policy: Policy) -> Policy:
    """``policy`` with the site's own names of ``content`` (``public_names``), for a command that
    redacts one meeting as the build does (``approve``); none where they do not load."""
    errors: list[ContentError] = []
    site = _guard(errors, lambda: load_site(content / "site.yaml"))
    folders = sorted(p for p in content.iterdir() if p.is_dir() and SLUG.match(p.name)) if content.is_dir() else []
    councils = [c for c in (_guard(errors, lambda f=f: load_council(f)) for f in folders) if c is not None]
    return replace(policy, public=public_names(site, councils))


def public_names(site: SiteConfig | None, councils: Iterable[Council]) -> tuple[str, ...]:
    """The site's own names, public on every page: a short withheld text inside one is left there
    (``redaction.shortnames``)."""
    return tuple(dict.fromkeys(n for n in Archive(site, tuple(councils), ()).names() if n)) if site else ()


def _bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None  # not cached: redacting it reports why it cannot be read


def _sha(data: bytes | None) -> str | None:
    return hashlib.sha256(data).hexdigest() if data is not None else None


def _key(base: str, council: Council, path: Path, sha: str | None) -> str:
    """The cache key of a meeting file by the SHA-256 of its bytes: "" without a cache or without bytes."""
    return digest(base, repr(council), display_path(path), sha) if base and sha is not None else ""


CHUNK = 4  # meeting files per task sent to a worker
_worker: dict[str, Any] = {}  # the policy, detectors and cache base, set before the pool forks


def _load_one(job: tuple[Council, Path]) -> tuple[str, tuple[Meeting, RedactedFile] | None, list[ContentError]]:
    """A meeting file redacted, and the cache key of the very bytes that were redacted ("" without a cache)."""
    council, path = job
    errors: list[ContentError] = []
    data = _bytes(path)
    key = _key(_worker["base"], council, path, _sha(data))
    return key, _guard(errors, lambda: load_meeting(path, council, _worker["policy"], _worker["detectors"], data)), errors


@contextmanager
def _redacting(policy: Policy, detectors: Sequence[Detector], base: str, jobs: int,
               files: int) -> Iterator[Callable[[Callable[[Any], Any], Iterable[Any]], Iterator[Any]]]:
    """``map`` in this process, or ``imap`` over a fork pool that sees ``policy``, ``detectors`` and
    ``base``, the digest of the code and policy that cache keys start with ("" without a cache)."""
    _worker.update(policy=policy, detectors=detectors, base=base)
    try:
        if jobs <= 1 or files <= CHUNK:
            yield lambda fn, items: iter(map(fn, items))
            return
        with multiprocessing.get_context("fork").Pool(min(jobs, files)) as pool:
            yield lambda fn, items: pool.imap(fn, items, chunksize=CHUNK)
    finally:
        _worker.clear()


def assemble(site: SiteConfig, councils: Iterable[Council], meetings: Iterable[Meeting]) -> Archive:
    """The archive in its reading order: meetings newest first, councils by `order`."""
    return Archive(site, tuple(sorted(councils, key=lambda c: (c.order, c.slug))),
                   tuple(sorted(meetings, key=lambda m: (m.date, m.council.order, m.council.slug, m.slug), reverse=True)))


def discover(content: Path) -> tuple[list[tuple[Path, list[Path]]], list[ContentError]]:
    """The council folders and their meeting files, in order; badly named ones become errors."""
    if not content.is_dir():
        raise ContentErrors([ContentError(display_path(content), 1, 1, say("content folder not found; pass --content DIR"))])
    errors: list[ContentError] = []
    folders: list[tuple[Path, list[Path]]] = []
    for folder in sorted(p for p in content.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        shown = display_path(folder)
        if not SLUG.match(folder.name):
            errors.append(ContentError(shown, 1, 1, say("council folder name `{name}` is not a slug: use lower-case "
                                                        "ASCII letters, digits and hyphens (e.g. privacy-council)",
                                                        name=folder.name)))
            continue
        if folder.name in RESERVED:
            errors.append(ContentError(shown, 1, 1, say("council folder `{name}/` would take the output path `{name}/` "
                                                        "of {what}: rename the folder", name=folder.name,
                                                        what=say(RESERVED[folder.name]))))
            continue
        paths = []
        for path in sorted(folder.iterdir()):  # each a meeting, or minutes that would be left out without a word
            if path.name[0] in "_.":
                continue
            if path.suffix == ".md":
                if SLUG.match(path.stem):
                    paths.append(path)
                else:
                    errors.append(ContentError(display_path(path), 1, 1, say(
                        "file name `{name}` is not a meeting slug: use lower-case ASCII letters, digits and hyphens, "
                        "e.g. 2014-02-10.md", name=path.name)))
            elif path.suffix.lower() in (".md", ".markdown"):
                errors.append(ContentError(display_path(path), 1, 1, say(
                    "`{name}` is not read as a meeting: a meeting file's name ends in .md (rename it {stem}.md)",
                    name=path.name, stem=path.stem)))
            elif path.is_dir() and not path.is_symlink() and any(path.rglob("*.md")):
                errors.append(ContentError(display_path(path), 1, 1, say(
                    "the meeting files in `{name}/` are not read: put them directly in {folder}/",
                    name=path.name, folder=display_path(folder))))
        folders.append((folder, paths))
    for stray in sorted(content.glob("*.md")):
        errors.append(ContentError(display_path(stray), 1, 1, say(
            "a meeting file must be inside a council folder, e.g. content/privacy/2014-02-10.md")))
    return folders, errors


def _guard(errors: list[ContentError], load: Callable[[], Any]) -> Any:
    try:
        return load()
    except ContentErrors as exc:
        errors.extend(exc.errors)
        return None


def _read(path: Path, data: bytes | None = None) -> str:
    try:
        text = (path.read_bytes() if data is None else data).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ContentErrors([ContentError(display_path(path), 1, 1, say(
            "not UTF-8 text (byte {byte}); save the file as UTF-8", byte=exc.start))]) from None
    except OSError as exc:
        raise ContentErrors([ContentError(display_path(path), 1, 1, say("cannot read: {problem}",
                                                                        problem=exc.strerror))]) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def _check_keys(doc: Located, allowed: set[str], path: str, what: str, errors: list[ContentError]) -> None:
    """Every key is known or starts with `x-`; an unknown one is named with the known key nearest to it."""
    for key, entry in doc.entries.items():
        if key not in allowed and not key.startswith("x-"):
            expected = ", ".join(sorted(allowed))
            near = difflib.get_close_matches(key, sorted(allowed), n=1, cutoff=0.7)
            errors.append(ContentError(path, entry.key.line, entry.key.col, say(
                "unknown {what} key `{key}`: did you mean `{near}`? (expected one of {expected}, or a key starting "
                "with `x-` for your own use)", what=what, key=key, near=near[0], expected=expected) if near else say(
                "unknown {what} key `{key}`; expected one of {expected} (or a key starting with `x-` for your own use)",
                what=what, key=key, expected=expected)))


def load_site(path: Path) -> SiteConfig:
    shown = display_path(path)
    if not path.is_file():
        raise ContentErrors([ContentError(shown, 1, 1, say("site settings not found: create {file} with title, "
                                                           "organization and base_url", file=shown))])
    text = _read(path)
    errors: list[ContentError] = _markers(text, shown, "site.yaml")
    doc = load_mapping(text, shown)
    _check_keys(doc, {"title", "organization", "base_url", "language", "require_approval", "description", "timezone"},
                shown, "site.yaml", errors)
    for key in ("title", "organization", "base_url"):
        if not isinstance(doc.data.get(key), str) or not doc.data[key].strip():
            p = doc.at(key)
            errors.append(ContentError(shown, p.line, p.col, say("site.yaml needs `{key}` as text", key=key)))
    base_url = str(doc.data.get("base_url") or "")
    if base_url and not re.match(r"^https?://[^/\s]+/", base_url + ("/" if base_url.count("/") == 2 else "")):
        p = doc.at("base_url")
        errors.append(ContentError(shown, p.line, p.col, say(
            "base_url must be an absolute http(s) URL, e.g. https://www.city.example.lg.jp/kaigiroku/")))
    if not isinstance(doc.data.get("require_approval", False), bool):
        p = doc.at("require_approval")
        errors.append(ContentError(shown, p.line, p.col, say("require_approval must be true or false")))
    _check_text(doc, ("description", "language", "timezone"), shown, "site.yaml", errors)
    timezone = doc.data.get("timezone", "Asia/Tokyo")
    if isinstance(timezone, str) and not _known_zone(timezone):
        p = doc.at("timezone")
        errors.append(ContentError(shown, p.line, p.col, say("unknown time zone `{zone}`; write an IANA name such as "
                                                             "Asia/Tokyo", zone=timezone)))
    if errors:
        raise ContentErrors(errors)
    return SiteConfig(
        title=doc.data["title"], organization=doc.data["organization"],
        base_url=base_url if base_url.endswith("/") else base_url + "/",
        language=str(doc.data.get("language") or "ja"), require_approval=bool(doc.data.get("require_approval", False)),
        description=str(doc.data.get("description") or ""), timezone=str(timezone),
    )


def _markers(text: str, shown: str, what: str) -> list[ContentError]:
    """A redaction marker (or what looks like one) outside a meeting file: refused where it stands,
    as what site.yaml and _council.yaml say is published on every page, unredacted."""
    index = LineIndex(text)
    found = sorted({m.start() for pattern in (ANY_OPEN, ANY_CLOSE, LOOKALIKE) for m in pattern.finditer(text)})
    return [ContentError(shown, *index.position(at), say("a redaction marker cannot stand in {file}: what it says is "
                         "published on every page as it is written. Markers belong in meeting files only; write "
                         "this value without the withheld text", file=what)) for at in found]


def _known_zone(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _check_text(doc: Located, keys: tuple[str, ...], shown: str, where: str, errors: list[ContentError]) -> None:
    for key in keys:
        if key in doc.data and not isinstance(doc.data[key], str):
            p = doc.at(key)
            errors.append(ContentError(shown, p.line, p.col, say("`{key}` in {file} must be text; put it in quotes",
                                                                 key=key, file=where)))


def load_council(folder: Path) -> Council:
    path = folder / "_council.yaml"
    shown = display_path(path)
    if not path.is_file():
        raise ContentErrors([ContentError(shown, 1, 1, say("council settings not found: create _council.yaml with "
                                                           "`name:` (e.g. name: 個人情報保護運営審議会)"))])
    text = _read(path)
    errors: list[ContentError] = _markers(text, shown, "_council.yaml")
    doc = load_mapping(text, shown)
    _check_keys(doc, {"name", "description", "order"}, shown, "_council.yaml", errors)
    if not isinstance(doc.data.get("name"), str) or not doc.data["name"].strip():
        p = doc.at("name")
        errors.append(ContentError(shown, p.line, p.col, say("_council.yaml needs `name` as text")))
    order = doc.data.get("order", 0)
    if not isinstance(order, int) or isinstance(order, bool):
        p = doc.at("order")
        errors.append(ContentError(shown, p.line, p.col, say("`order` must be a whole number")))
        order = 0
    _check_text(doc, ("description",), shown, "_council.yaml", errors)
    if errors:
        raise ContentErrors(errors)
    return Council(folder.name, doc.data["name"].strip(), str(doc.data.get("description") or ""), order)


MEETING_KEYS = {"title", "date", "start", "end", "place", "attendees", "absentees", "explainers", "secretariat",
                "public_attendance", "public_attendance_reason", "agenda", "contact", "summary",
                "status", "speaker_style", "redact_terms", "allow_terms"}
_TEXT = ("title", "place", "public_attendance_reason", "contact", "summary")
FIRST_DAY = ERAS[-1][1]  # of 明治, the first era the site names
_LISTS = ("attendees", "absentees", "explainers", "secretariat", "agenda")


def load_meeting(path: Path, council: Council, policy: Policy, detectors: Sequence[Detector] = (),
                 data: bytes | None = None) -> tuple[Meeting, RedactedFile]:
    """One meeting file (its bytes ``data`` if already read), redacted and checked, with every problem of
    the file at once. Where the redaction fails (a marker or `redact_terms` is wrong) the front matter is
    checked as it was read, and no message quotes its values: they may hold the withheld text."""
    shown = display_path(path)
    raw = _read(path, data)
    try:
        red = redact_file(raw, shown, f"{council.slug}/{path.stem}", policy, detectors)
    except RedactionErrors as exc:
        raise ContentErrors([*exc.errors, *_check_front(exc.front, shown, None)[1]]) from None
    date, errors = _check_front(red.front, shown, lambda value: plain(str(value), red.redactions))
    if errors:
        raise ContentErrors(errors)
    assert date is not None
    data = red.front.data
    meeting = Meeting(
        council=council, slug=path.stem, source=shown, title=data["title"].strip(), date=date,
        body=red.body, body_line=red.body_line, redactions=red.redactions,
        start=data.get("start", ""), end=data.get("end", ""), place=data.get("place", ""),
        attendees=_strings(data.get("attendees")), absentees=_strings(data.get("absentees")),
        secretariat=_strings(data.get("secretariat")), public_attendance=data.get("public_attendance"),
        public_attendance_reason=data.get("public_attendance_reason", ""), agenda=_strings(data.get("agenda")),
        contact=data.get("contact", ""), summary=data.get("summary", ""), status=data.get("status", "published"),
        speaker_style=data.get("speaker_style", AUTO), explainers=_strings(data.get("explainers")),
        extra=tuple((key, str(value)) for key, value in data.items() if key.startswith("x-")),
        findings=tuple(red.findings),
    )
    return meeting, red


def _check_front(doc: Located, shown: str, quoted: Callable[[Any], str] | None) -> tuple[dt.date | None, list[ContentError]]:
    """The meeting's date and every problem of its front matter. ``quoted``: a value as a message may
    show it (its withheld parts as placeholders); None where no value may be shown."""
    data = doc.data
    errors: list[ContentError] = []

    def err(key: str, message: str, item: int | None = None) -> None:
        p = doc.at(key, item)
        errors.append(ContentError(shown, p.line, p.col, message))

    _check_keys(doc, MEETING_KEYS, shown, say("front matter"), errors)
    for key in ("title", "date"):
        if key not in data:
            errors.append(ContentError(shown, doc.start.line, 1, say("front matter needs `{key}`", key=key)))
    for key in _TEXT:
        if key in data and not isinstance(data[key], str):
            err(key, say("`{key}` must be text; put it in quotes", key=key))
    if isinstance(data.get("title"), str) and not data["title"].strip():
        err("title", say("`title` is empty: give the meeting's title, e.g. 令和5年度第1回情報公開運営審議会"))
    for key in _LISTS:
        value = data.get(key, [])
        if not isinstance(value, list):
            err(key, say("`{key}` must be a list, one `- item` per line", key=key))
            continue
        for i, item in enumerate(value):
            if not isinstance(item, (str, int)):
                err(key, say("item {i} of `{key}` must be text", i=i + 1, key=key), i)
    date = None
    if "date" in data:
        try:
            date = dt.date.fromisoformat(str(data["date"]))
        except ValueError:
            err("date", say("`date` must be an ISO date such as 2014-02-10, not `{value}`", value=quoted(data["date"]))
                if quoted else say("`date` must be an ISO date such as 2014-02-10"))
        if date is not None and date < FIRST_DAY:
            err("date", say("`date` must be in the Meiji era or later (from {first}): the site shows dates in 和暦",
                            first=FIRST_DAY))
            date = None
    for key in ("start", "end"):
        if key in data and not (isinstance(data[key], str) and TIME.match(data[key])):
            err(key, say('`{key}` must be a time in quotes, such as {key}: "18:30"', key=key))
    if "public_attendance" in data and not isinstance(data["public_attendance"], bool):
        err("public_attendance", say("`public_attendance` must be true or false"))
    status = data.get("status", "published")
    if status not in ("published", "draft"):
        err("status", say("`status` must be `published` or `draft`, not `{value}`", value=quoted(status))
            if quoted else say("`status` must be `published` or `draft`"))
    if data.get("speaker_style", AUTO) not in STYLES:
        err("speaker_style", say("`speaker_style` must be one of {styles} (council: ○議長（山田太郎君）…; "
                                 "brackets: （総務課長）…)", styles=", ".join(STYLES)))
    return date, errors


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value or ())
