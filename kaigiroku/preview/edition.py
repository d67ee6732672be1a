"""The internal preview of `serve`: meetings loaded as they are needed, pages rendered when asked for.

``start`` reads the settings and lists the meeting files; it redacts nothing. A meeting page asked
for is rendered at once from its own file and those of the two meetings beside it in its council
(found by the dates of their front matter), while ``load_some``, called in the background, loads
every other file: from the preview's own cache when its bytes were redacted before (the build
cache's format, withheld text in owner-only entries), else by redacting it. The pages that list
every meeting (front page, councils, fiscal years, feed, sitemap, search page, ``_review/``) wait
until every file is loaded. A page rendered before that is rendered again then, and tabs reload
only if it differs.

A change to a meeting file reloads that file only and marks the pages that show it (its own, its
neighbours', the lists) to be rendered again when next asked for. A changed council, layout or
``site.yaml`` marks every page, and a changed policy also loads every file again. A file saved
with the same bytes marks nothing and moves no version. Errors are kept per file; while
there are any, the server shows them instead of the pages. There is no search index.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Sequence

from jinja2 import TemplateError, TemplateSyntaxError

from kaigiroku.content.approvals import APPROVALS, Approval, Edition, edition_of, read_approvals, standing
from kaigiroku.content.loading import (
    MeetingStore,
    assemble,
    discover,
    load_council,
    load_meeting,
    load_site,
    public_names,
)
from kaigiroku.content.model import Archive, Council, Meeting, SiteConfig
from kaigiroku.core.cache import Cache, cache_home, code_digest, digest
from kaigiroku.core.errors import ContentError, ContentErrors, display_path
from kaigiroku.render.pages import Site
from kaigiroku.render.review import MeetingReview
from kaigiroku.render.views import MeetingView, listing, view
from redaction.detection import Detector
from redaction.detectors import build_detectors
from redaction.model import Withholding
from redaction.policy import Policy, load_policy, policy_bytes

REVIEW_PAGE = "_review/index.html"
STATIC = ("404.html", "robots.txt")  # pages that show no meeting
ASSETS = ("static/", "_preview/")  # copied from the layouts
FEW = 20  # new meeting files loaded at once; more are loaded in the background
TEMPLATES = (".html", ".xml", ".txt")
Detectors = Callable[[Policy], Sequence[Detector]]
_DATE = re.compile(r"""^date:[ \t]*(["']?)(\d{4}-\d{2}-\d{2})\1[ \t]*(?:#.*)?$""", re.M)
_YEAR = re.compile(r"^nendo/(\d{4})/index\.html$")
_FRONT_START = re.compile(r"---[ \t]*\n")  # the front matter's lines, as redaction.engine reads them
_FRONT_END = re.compile(r"\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)")
# What the detectors find, as the desk names it (a kind not listed here is shown as the detector names it).
KINDS = {"telephone number": "電話番号", "personal name": "人名", "e-mail address": "メールアドレス",
         "postal code": "郵便番号", "street address": "住所", "bank account number": "口座番号", "age": "年齢",
         "date of birth": "生年月日", "listed private person": "名簿の人名", "個人番号 (My Number)": "個人番号（マイナンバー）"}


@dataclass(frozen=True)
class Source:
    """One meeting file as last loaded; its minutes are kept only once its page was asked for."""

    stamp: tuple[int, int]  # mtime_ns, size
    sha: str  # SHA-256 of the bytes loaded
    meeting: Meeting
    withholdings: tuple[Withholding, ...]
    edition: Edition
    full: bool  # ``meeting.body`` holds the minutes

    def shows(self) -> tuple[object, ...]:
        """What a page shows of the meeting, but for its minutes (the edition covers them)."""
        return replace(self.meeting, body=""), self.meeting.findings, self.edition


@dataclass(frozen=True)
class Update:
    version: int
    stale: int  # pages to render again when next asked for
    seconds: float
    errors: list[ContentError]


def cache_folder(content: Path) -> Path:
    """The preview's cache of a content folder, where the build caches live (``cache_home``: ``.cache/kaigiroku/``
    in the project, never inside a build or the content), one folder per content folder."""
    content = content.resolve()
    return cache_home() / "serve" / f"{content.name}-{hashlib.sha256(str(content).encode()).hexdigest()[:16]}"


class Preview:
    def __init__(self, content: Path, policy: Path, layouts: Path, out: Path,
                 detectors: Detectors = build_detectors, cache: Path | None = None):
        self.content, self.policy_path, self.layouts, self.out = content.resolve(), policy.resolve(), layouts.resolve(), out
        self.detectors_for = detectors
        self.cache = cache
        self.store: MeetingStore | None = None
        self.policy: Policy | None = None
        self.detectors: Sequence[Detector] = ()
        self.config: SiteConfig | None = None
        self.councils: dict[str, Council] = {}
        self.public: tuple[str, ...] = ()  # the site's own names: public words, as the build takes them
        self.paths: dict[Path, str] = {}  # meeting file → council slug, as listed
        self.keys: dict[str, Path] = {}  # council/slug → meeting file
        self.sources: dict[Path, Source] = {}
        self.todo: dict[Path, None] = {}  # listed files not loaded yet, in order
        self.dates: dict[Path, tuple[tuple[int, int], dt.date | None]] = {}
        self.approvals: list[Approval] = []
        self.failed: dict[str, list[ContentError]] = {}
        self.site: Site | None = None
        self.fresh: set[str] = set()  # pages written and current
        self.provisional: set[str] = set()  # meeting pages written before every file was loaded
        self.archive: Archive | None = None  # every loaded meeting, once complete
        self.started = False
        self.changed = False  # something shown changed since the last version
        self.stale = 0  # pages marked to render again since the last update
        self.pruned = False
        self.version = 0

    @property
    def errors(self) -> list[ContentError]:
        return sorted(e for errors in self.failed.values() for e in errors)

    @property
    def file_policy(self) -> Policy | None:
        """The policy a meeting file is redacted with: the site's own names public, as in the build."""
        return replace(self.policy, public=self.public) if self.policy is not None else None

    @property
    def complete(self) -> bool:
        return self.started and not self.todo

    # -- loading ------------------------------------------------------------------------------

    def start(self) -> Update:
        """Settings, councils, the list of meeting files and the approvals: no file is redacted."""
        started, errors = time.perf_counter(), self.errors
        self._load_settings(layouts=True)
        self._discover(councils=True)
        self._reload_approvals()
        self.started = True
        return self._done(started, errors)

    def update(self, changed: Iterable[Path] | None = None) -> Update:
        """Reload what ``changed`` touches; with None, start again and load every file now."""
        started, errors = time.perf_counter(), self.errors
        if changed is None:
            self.start()
            while not self.load_some(60.0):
                pass
            return self._done(started, errors)
        touched = {Path(p).resolve() for p in changed}
        if any(self._settles_all(p) for p in touched):
            self._load_settings(layouts=any(p.is_relative_to(self.layouts) for p in touched))
            self._discover(councils=True)
        meetings = sorted(p for p in touched if p.suffix == ".md")
        for path in meetings:
            if path in self.paths and path.is_file():
                self._reload(path)
        if any(p not in self.paths or not p.is_file() for p in meetings):  # added, removed or renamed
            self._discover(councils=False)
        if self.content / APPROVALS in touched:
            self._reload_approvals()
        return self._done(started, errors)

    def load_some(self, seconds: float = 0.05) -> bool:
        """Load files not loaded yet for about ``seconds``; whether every file is loaded."""
        end = time.perf_counter() + seconds
        errors = self.errors
        while self.todo and time.perf_counter() < end:
            self._load(next(iter(self.todo)), full=False)
        if self.errors != errors:
            self.changed = True
        if not self.todo and self.started and self.provisional:
            self._settle()
        if not self.todo and self.store is not None and not self.pruned:
            self.store.cache.prune()  # entries of files since edited or removed
            self.pruned = True
        if self.changed:
            self.version += 1
            self.changed = False
        return not self.todo

    def _done(self, started: float, errors: list[ContentError]) -> Update:
        if self.changed or self.errors != errors:
            self.version += 1
        stale, self.changed, self.stale = self.stale, False, 0
        return Update(self.version, stale, time.perf_counter() - started, self.errors)

    def _settles_all(self, path: Path) -> bool:
        return path == self.policy_path or path.is_relative_to(self.layouts) or path.name in ("site.yaml", "_council.yaml")

    def _guard(self, name: str, load: Callable[[], object]) -> object | None:
        try:
            result = load()
        except ContentErrors as exc:
            self.failed[name] = exc.errors
            return None
        self.failed.pop(name, None)
        return result

    def _load_settings(self, layouts: bool) -> bool:
        """Reload the policy, the site settings and the layouts; whether every page must be rendered again."""
        policy = self._guard("policy", lambda: load_policy(self.policy_path))
        policy = policy if isinstance(policy, Policy) else None
        config = self._guard("site.yaml", lambda: load_site(self.content / "site.yaml"))
        config = config if isinstance(config, SiteConfig) else None
        changed = layouts or policy != self.policy or config != self.config
        if policy != self.policy:  # every file is redacted again (a file that failed may load now)
            self._forget(list(self.paths))
            self.detectors = self.detectors_for(policy) if policy else ()
            self.store = self._store(policy)
        self.policy, self.config = policy, config
        self._public_names()
        if changed and config is not None:
            compiled = self.store.cache.folder("layouts") if self.store is not None else None
            self.site = Site(assemble(config, (), ()), self.layouts, preview=True, compiled=compiled)
            self.site.env.globals["desk_categories"] = _choices(policy)
            self.site.env.globals["desk_labels"] = {c.key: c.label for c in policy.categories} if policy else {}
            self.site.env.globals["desk_kinds"] = KINDS
            self.changed = True
            self._invalidate(set(self.fresh))
            self.failed.pop("layouts", None)
            if layouts:
                self._copy_assets()
                if self.started:  # a layout saved: its mistakes show before a page is asked for
                    self._check_layouts()
        return changed

    def _store(self, policy: Policy | None) -> MeetingStore | None:
        if self.cache is None or policy is None:
            return None
        try:
            self.cache.mkdir(parents=True, exist_ok=True)
            os.chmod(self.cache, 0o700)  # it holds withheld text
        except OSError:
            return None  # a read-only disk: every file is redacted
        self.pruned = False
        return MeetingStore(Cache(self.cache), digest(code_digest(), policy_bytes(self.policy_path)))

    def _check_layouts(self) -> None:
        """Compile every layout, so that a syntax error shows before any page is asked for."""
        assert self.site is not None
        for name in self.site.env.list_templates(filter_func=lambda n: n.endswith(TEMPLATES)):
            try:
                self.site.env.get_template(name)
            except TemplateError as exc:
                self.failed["layouts"] = [_template_error(exc, self.layouts)]
                return

    def _discover(self, councils: bool) -> bool:
        """List the meeting files again (and reload the councils); whether anything shown changed."""
        found = self._guard("names", lambda: discover(self.content))
        if not isinstance(found, tuple) or self.policy is None:
            return False
        folders, name_errors = found
        self.failed["names"] = name_errors
        changed = councils and self._load_councils([folder for folder, _ in folders])
        paths = {path: folder.name for folder, files in folders for path in files if folder.name in self.councils}
        for path in [p for p in self.paths if p not in paths]:
            self._unlink(path)
        for name in [n for n in self.failed if n.endswith(".md") and Path(n) not in paths]:
            del self.failed[name]
        added = [p for p in paths if p not in self.paths]
        self.paths = paths
        self.keys = {f"{council}/{path.stem}": path for path, council in paths.items()}
        for path in added:
            self.todo[path] = None
        if self.started and len(added) <= FEW:  # a new file or two: shown at once
            for path in added:
                self._reload(path)
        elif added:  # many (a checkout, a fixed policy): loaded in the background like at start
            self.archive = None
            self._invalidate(self._lists())
            self.changed = True
        return bool(changed or added)

    def _load_councils(self, folders: list[Path]) -> bool:
        """Reload every council's settings; whether any council was added, removed or changed (its
        meetings are then loaded again: a meeting holds its council)."""
        for name in [n for n in self.failed if n.startswith("council:")]:
            del self.failed[name]
        before, self.councils = self.councils, {}
        for folder in folders:
            council = self._guard(f"council:{folder.name}", lambda: load_council(folder))
            if isinstance(council, Council):
                self.councils[council.slug] = council
        changed = {slug for slug in before.keys() | self.councils.keys() if before.get(slug) != self.councils.get(slug)}
        self._forget([p for p, slug in self.paths.items() if slug in changed])
        self._public_names()
        return bool(changed)

    def _public_names(self) -> None:
        """The site's own names, which a short withheld text may stand inside (``public_names``, as the
        build redacts): when they change, every file is redacted again."""
        public = public_names(self.config, self.councils.values())
        if public != self.public:
            self.public = public
            self._forget(list(self.paths))

    def _forget(self, paths: list[Path]) -> None:
        """Drop what was loaded of ``paths``: they are loaded again when needed or in the background."""
        for path in paths:
            self.sources.pop(path, None)
            self.todo[path] = None
        if paths:
            self.archive = None
            self.changed = True
            self._invalidate(set(self.fresh))

    def _unlink(self, path: Path) -> None:
        """A meeting file that is gone: its page goes too."""
        key = f"{self.paths[path]}/{path.stem}"
        self._invalidate(self._shown_with(path) | self._lists())
        self.sources.pop(path, None)
        self.todo.pop(path, None)
        self.dates.pop(path, None)
        (self.out / key / "index.html").unlink(missing_ok=True)
        self.archive = None
        self.changed = True

    def _reload(self, path: Path) -> None:
        """Load a changed file now; mark the pages that show it if what they show changed."""
        before = self.sources.get(path)
        neighbours = self._shown_with(path)
        source = self._load(path, full=before.full if before else False)
        if before is not None and source is not None and before.shows() == source.shows():
            if before.sha != source.sha:  # a comment, say: the desk's pages name the bytes they show
                self._invalidate({f"{self.paths[path]}/{path.stem}/index.html", REVIEW_PAGE})
                self.changed = True
            return
        self.archive = None
        self._invalidate(neighbours | self._shown_with(path) | self._lists())
        self.changed = True

    def _load(self, path: Path, full: bool) -> Source | None:
        """Load one file (from the cache where its bytes were redacted before); None if it has errors."""
        self.todo.pop(path, None)
        council = self.councils[self.paths[path]]
        try:
            with open(path, "rb") as fh:
                st = os.fstat(fh.fileno())
                data: bytes | None = fh.read()
        except FileNotFoundError:
            return None
        except OSError:
            st, data = os.stat_result((0,) * 10), None  # load_meeting says why it cannot be read
        store = replace(self.store, base=digest(self.store.base, *self.public)) if self.store is not None else None
        key = store.key(council, path, data) if store is not None and data is not None else ""
        hit = store.get(key) if key and store is not None else None
        try:
            meeting, red = hit or load_meeting(path, council, self.file_policy, self.detectors, data)  # type: ignore[arg-type]
        except ContentErrors as exc:
            self.failed[str(path)] = exc.errors
            self.sources.pop(path, None)
            return None
        self.failed.pop(str(path), None)
        if key and hit is None and store is not None:
            store.put(key, meeting, red)
        source = Source((st.st_mtime_ns, st.st_size), hashlib.sha256(data or b"").hexdigest(),
                        meeting if full else replace(meeting, body=""), tuple(red.withholdings),
                        edition_of(meeting.key, red), full)
        self.sources[path] = source
        return source

    def _full(self, path: Path) -> Source | None:
        """The file loaded with its minutes (for its page)."""
        source = self.sources.get(path)
        if source is not None and source.full:
            return source
        if source is None and str(path) in self.failed:
            return None
        return self._load(path, full=True)

    def _reload_approvals(self) -> None:
        """Re-read the approvals; mark the pages of meetings whose standing changed."""
        before = self.approvals
        approvals = self._guard(APPROVALS, lambda: read_approvals(self.content))
        self.approvals = approvals if isinstance(approvals, list) else []
        stale = {f"{s.meeting.key}/index.html" for s in self.sources.values()
                 if standing(s.edition, before) != standing(s.edition, self.approvals)}
        if stale:
            self._invalidate(stale | {REVIEW_PAGE})
            self.changed = True

    # -- order of the meetings ---------------------------------------------------------------

    def _date(self, path: Path) -> dt.date | None:
        """A meeting's date: loaded, or read from its front matter's `date:` line (cached by stamp)."""
        if path in self.sources:
            return self.sources[path].meeting.date
        try:
            st = path.stat()
        except OSError:
            return None
        stamp = (st.st_mtime_ns, st.st_size)
        known = self.dates.get(path)
        if known is None or known[0] != stamp:
            known = stamp, _front_date(path)
            self.dates[path] = known
        return known[1]

    def _order(self, council: str) -> list[Path]:
        """The council's meeting files newest first, as the archive orders them (a file whose date
        cannot be read so is loaded)."""
        paths = [p for p, c in self.paths.items() if c == council and str(p) not in self.failed]
        dates = {p: self._date(p) for p in paths}
        for p in [p for p, d in dates.items() if d is None]:
            source = self._load(p, full=False)
            dates[p] = source.meeting.date if source else None
        return sorted((p for p in paths if dates[p] is not None), key=lambda p: (dates[p], p.stem), reverse=True)

    def _beside(self, path: Path) -> tuple[Path | None, Path | None]:
        """The newer and the older meeting of the same council."""
        order = self._order(self.paths[path])
        if path not in order:
            return None, None
        i = order.index(path)
        return (order[i - 1] if i > 0 else None), (order[i + 1] if i + 1 < len(order) else None)

    def _shown_with(self, path: Path) -> set[str]:
        """The meeting pages that show ``path``: its own and its neighbours' (they link to it)."""
        if path not in self.paths:
            return set()
        council = self.paths[path]
        return {f"{council}/{p.stem}/index.html" for p in (path, *self._beside(path)) if p is not None}

    # -- pages --------------------------------------------------------------------------------

    def prepare(self, rel: str) -> str:
        """Make the page ``rel`` of the preview folder current: ``ready`` (serve the file, if there is
        one), ``folder`` (a page's folder named without its last `/`), or ``wait`` (a page that lists
        every meeting, before every file is loaded)."""
        if rel in self.fresh or self.site is None or self.config is None:
            return "ready"
        if rel in self.keys or self._list_page(f"{rel}/index.html") is not None:
            return "folder"
        path = self.keys.get(rel.removesuffix("/index.html"))
        if path is not None:
            return self._write_page(rel, lambda: self._meeting_page(path, rel), provisional=not self.complete)
        make = self._list_page(rel)
        if make is None:
            if not rel.startswith(ASSETS):  # a page of a meeting, council or year that is gone
                (self.out / rel).unlink(missing_ok=True)
            return "ready"
        if not self.complete and rel not in STATIC:
            return "wait"
        return self._write_page(rel, make)

    def _write_page(self, rel: str, make: Callable[[], bytes | None], provisional: bool = False) -> str:
        try:
            data = make()
        except TemplateError as exc:
            self.failed["layouts"] = [_template_error(exc, self.layouts)]
            self.version += 1
            return "ready"
        if data is None:
            (self.out / rel).unlink(missing_ok=True)
            return "ready"
        _write(self.out / rel, data)
        self.fresh.add(rel)
        if provisional:
            self.provisional.add(rel)
        return "ready"

    def _meeting_page(self, path: Path, rel: str) -> bytes | None:
        assert self.site is not None
        source = self._full(path)
        if source is None:
            return None
        newer, older = (self._listing(p) if p else None for p in self._beside(path))
        return self.site.page("meeting.html", rel, m=view(source.meeting, self.site.renderer, self._review(source)),
                              newer=newer, older=older)

    def _listing(self, path: Path) -> MeetingView | None:
        source = self.sources.get(path) or self._load(path, full=False)
        return listing(source.meeting, self._review(source)) if source else None

    def _review(self, source: Source) -> MeetingReview:
        details: dict[int, list[Withholding]] = {}
        for w in source.withholdings:
            details.setdefault(w.redaction if w.redaction is not None else -1, []).append(w)
        m = source.meeting
        return MeetingReview(details, m.findings, standing(source.edition, self.approvals), m.status == "draft", source.sha)

    def _list_page(self, rel: str) -> Callable[[], bytes | None] | None:
        """How to render a page that is not a meeting's, or None if the site has no such page."""
        site = self.site
        assert site is not None
        year = _YEAR.match(rel)
        council = self.councils.get(rel.removesuffix("/index.html"))
        pages: dict[str, Callable[[Archive, _Listings], dict[str, bytes]]] = {
            "index.html": lambda a, v: site.front_page(v),
            "nendo/index.html": lambda a, v: site.years_page(),
            "feed.xml": lambda a, v: site.feed(v),
            "search/index.html": lambda a, v: {rel: site.page("search.html", rel, councils=a.councils,
                                                              years=site.year_summaries())},
            "sitemap.xml": lambda a, v: {rel: site.page("sitemap.xml", rel, entries=site.sitemap(page_paths(a)))},
            REVIEW_PAGE: lambda a, v: {rel: site.page("review.html", rel, items=[
                (v[m.key], self.sources[v.paths[m.key]].withholdings) for m in a.meetings])},
            "404.html": lambda a, v: {rel: site.page("404.html", rel)},
            "robots.txt": lambda a, v: {rel: site.page("robots.txt", rel)},
        }
        if year:
            pages[rel] = lambda a, v: site.year_page(int(year.group(1)), v) if int(year.group(1)) in a.fiscal_years() else {}
        if council is not None:
            pages[rel] = lambda a, v: site.council_page(council, v)
        if rel not in pages:
            return None
        return lambda: pages[rel](*self._shown()).get(rel)

    def _shown(self) -> tuple[Archive, _Listings]:
        """The archive of every loaded meeting, and their listings as they are asked for."""
        assert self.site is not None and self.config is not None
        if self.archive is None:
            self.archive = assemble(self.config, self.councils.values(), (s.meeting for s in self.sources.values()))
        self.site.archive = self.archive
        return self.archive, _Listings(self)

    def pages(self) -> set[str]:
        """Every page of the preview, once every meeting is loaded."""
        return page_paths(self._shown()[0]) | {REVIEW_PAGE}

    def _lists(self) -> set[str]:
        """The pages written that list meetings."""
        meetings = {f"{key}/index.html" for key in self.keys}
        return {rel for rel in self.fresh if rel not in meetings and rel not in STATIC}

    def _invalidate(self, rels: set[str]) -> None:
        self.stale += len(self.fresh & rels)
        self.fresh -= rels

    def _settle(self) -> None:
        """Every file is loaded: the meeting pages written before are rendered again, as their
        neighbours are now known for certain; tabs reload only if one differs."""
        for rel in sorted(self.provisional & self.fresh):
            before = (self.out / rel).read_bytes() if (self.out / rel).is_file() else b""
            self.fresh.discard(rel)
            self.prepare(rel)
            if not (self.out / rel).is_file() or (self.out / rel).read_bytes() != before:
                self.changed = True
        self.provisional.clear()

    def _copy_assets(self) -> None:
        """The style sheets and scripts of the layouts, and the preview's own; pages are overwritten in place."""
        shutil.copytree(self.layouts / "static", self.out / "static", dirs_exist_ok=True)
        shutil.copytree(self.layouts / "preview", self.out / "_preview", dirs_exist_ok=True)


class _Listings(dict[str, MeetingView]):
    """What lists show of each meeting, made when a list asks for it."""

    def __init__(self, preview: Preview):
        super().__init__()
        self.preview = preview
        self.paths = preview.keys

    def __missing__(self, key: str) -> MeetingView:
        found = self.preview._listing(self.paths[key])
        assert found is not None
        self[key] = found
        return found


def _choices(policy: Policy | None) -> list[tuple[str, str, str]]:
    """The categories the desk offers: (spelling, label, legal basis); `person` where the policy has it."""
    if policy is None:
        return []
    choices = [(c.key, c.label, c.basis) for c in policy.categories]
    person = policy.lookup("person")
    if person is not None:
        choices.insert(0, ("person", f"人名（{person.label}・仮名で表示）", person.basis))
    return choices


def _front_date(path: Path) -> dt.date | None:
    """The `date:` line of a file's front matter, read from its first lines where it stands there (the
    whole front matter otherwise), without loading the file; None if there is no single such line. Only
    the order of a meeting page shown before every file is loaded depends on it, and that page is made
    again once they are."""
    def front(text: str, whole: bool) -> str:
        text = text.removeprefix("\ufeff").replace("\r\n", "\n")
        end = _FRONT_END.search(text, 3) if _FRONT_START.match(text) else None
        if end is not None:
            return text[:end.start() + 1]
        return "" if whole else text[:text.rfind("\n") + 1]  # its end is not in the first lines: all front matter

    try:
        with open(path, "rb") as fh:
            head = fh.read(2048)
            found = _DATE.findall(front(head.decode("utf-8", "ignore"), whole=False))
            if not found:
                found = _DATE.findall(front((head + fh.read()).decode("utf-8", "ignore"), whole=True))
        return dt.date.fromisoformat(found[0][1]) if len(found) == 1 else None
    except (OSError, ValueError):
        return None


def page_paths(archive: Archive) -> set[str]:
    """Every page path of the archive (for the sitemap), but the review list."""
    paths = {"index.html", "nendo/index.html", "search/index.html", "404.html", "feed.xml", "sitemap.xml", "robots.txt"}
    paths |= {f"{c.slug}/index.html" for c in archive.councils}
    paths |= {f"{m.url}index.html" for m in archive.meetings}
    paths |= {f"nendo/{y}/index.html" for y in archive.fiscal_years()}
    return paths


def _write(target: Path, data: bytes) -> None:
    """Replace one file in one step, so the server never sends half a page."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    partial.write_bytes(data)
    os.replace(partial, target)


def _template_error(exc: TemplateError, layouts: Path) -> ContentError:
    if isinstance(exc, TemplateSyntaxError):
        return ContentError(display_path(layouts / (exc.name or "")), exc.lineno, 1, f"layout error: {exc.message}")
    return ContentError(display_path(layouts), 1, 1, f"layout error: {exc.message or type(exc).__name__}")
