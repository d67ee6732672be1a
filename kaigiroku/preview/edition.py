"""The internal preview of `serve`: the archive kept in memory and rebuilt piece by piece.

A change to a meeting file reloads and redacts that file only, and rewrites
the pages that show it: its own page, its neighbours (they link to it), its
council page, its fiscal-year page and the lists on the front page. A
changed council, layout or ``site.yaml`` renders every page again, and a
changed policy also redacts every file again. A file saved without a change that shows rewrites
nothing. There is no search index in the preview. Errors are kept per
file; while there are any, the server shows them instead of the pages.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Sequence

from jinja2 import TemplateError, TemplateSyntaxError

from kaigiroku.content.approvals import APPROVALS, Approval, Edition, edition_of, read_approvals, standing
from kaigiroku.content.loading import assemble, discover, load_council, load_meeting, load_site
from kaigiroku.content.model import Archive, Council, Meeting, SiteConfig
from kaigiroku.core.errors import ContentError, ContentErrors, display_path
from kaigiroku.render.pages import Site
from kaigiroku.render.review import MeetingReview
from kaigiroku.render.views import MeetingView, view
from redaction.detection import Detector
from redaction.detectors import build_detectors
from redaction.engine import RedactedFile
from redaction.model import Withholding
from redaction.policy import Policy, load_policy

REVIEW_PAGE = "_review/index.html"
DEFERRED = (REVIEW_PAGE, "sitemap.xml")  # pages that list every meeting: written when asked for
Detectors = Callable[[Policy], Sequence[Detector]]


@dataclass(frozen=True)
class Source:
    """One meeting file as last loaded."""

    stamp: tuple[int, int]  # mtime_ns, size
    meeting: Meeting
    redacted: RedactedFile
    edition: Edition


@dataclass(frozen=True)
class Update:
    version: int
    written: int  # pages rewritten
    seconds: float
    errors: list[ContentError]


def _stamp(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_mtime_ns, st.st_size


class Preview:
    def __init__(self, content: Path, policy: Path, layouts: Path, out: Path,
                 detectors: Detectors = build_detectors):
        self.content, self.policy_path, self.layouts, self.out = content.resolve(), policy.resolve(), layouts.resolve(), out
        self.detectors_for = detectors
        self.policy: Policy | None = None
        self.detectors: Sequence[Detector] = ()
        self.config: SiteConfig | None = None
        self.councils: dict[str, Council] = {}
        self.sources: dict[Path, Source] = {}
        self.views: dict[str, MeetingView] = {}
        self.approvals: list[Approval] = []
        self.failed: dict[str, list[ContentError]] = {}
        self.site: Site | None = None
        self.shown: Archive | None = None  # the archive the written pages show
        self.written: set[str] = set()
        self.pending: set[str] | None = None  # meeting keys to re-render; None: every page
        self.stale: set[str] = set(DEFERRED)  # deferred pages not yet rewritten since the last change
        self.version = 0

    @property
    def errors(self) -> list[ContentError]:
        return sorted(e for errors in self.failed.values() for e in errors)

    def update(self, changed: Iterable[Path] | None = None) -> Update:
        """Reload what ``changed`` touches (everything when None) and rewrite the pages that show it."""
        started = time.perf_counter()
        errors = self.errors
        touched = None if changed is None else {Path(p).resolve() for p in changed}
        if touched is None or any(self._settles_all(p) for p in touched):
            if self._load_settings(layouts=touched is None or any(p.is_relative_to(self.layouts) for p in touched)):
                self.pending = None
            touched = None
        keys = self._reload_meetings(touched)
        if touched is None or self.content / APPROVALS in touched:
            keys |= self._reload_approvals()
        self.pending = None if self.pending is None else self.pending | keys
        written = 0
        if not self.errors and self.site is not None and self.pending != set():
            written = self._render()
        if written or self.errors != errors:
            self.version += 1
        return Update(self.version, written, time.perf_counter() - started, self.errors)

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
        """Reload the policy and site settings; whether every page must be rendered again.

        Councils are reloaded with the meeting files (``_reload_meetings``)."""
        policy = self._guard("policy", lambda: load_policy(self.policy_path))
        policy = policy if isinstance(policy, Policy) else None
        config = self._guard("site.yaml", lambda: load_site(self.content / "site.yaml"))
        config = config if isinstance(config, SiteConfig) else None
        changed = layouts or policy != self.policy or config != self.config
        if policy != self.policy:  # every file is redacted again
            self.sources.clear()
            self.views.clear()
            self.detectors = self.detectors_for(policy) if policy else ()
        self.policy, self.config = policy, config
        if layouts:
            self.failed.pop("layouts", None)
        if changed and config is not None:
            self.site = Site(assemble(config, (), ()), self.layouts, preview=True)
        return changed

    def _reload_meetings(self, touched: set[Path] | None) -> set[str]:
        """Reload new, changed and removed meeting files; return the keys of meetings that changed."""
        if touched is not None and all(p in self.sources and p.is_file() for p in touched):
            return set().union(*(self._load_meeting(p, self.sources[p].meeting.council, self.sources[p]) for p in touched))
        found = self._guard("names", lambda: discover(self.content))
        if not isinstance(found, tuple) or self.policy is None:
            return set()
        folders, name_errors = found
        self.failed["names"] = name_errors
        if touched is None and self._load_councils([folder for folder, _ in folders]):
            self.pending = None  # the front page and the lists show every council
        current = {path: self.councils.get(folder.name) for folder, paths in folders for path in paths}
        keys: set[str] = set()
        for path in [p for p in self.sources if p not in current]:
            keys.add(self._drop(path))
        for name in [n for n in self.failed if n.endswith(".md") and Path(n) not in current]:
            del self.failed[name]
        for path, council in current.items():
            known = self.sources.get(path)
            if council is None or (known and (touched is None and known.stamp == _stamp(path) and known.meeting.council == council
                                              or touched is not None and path not in touched)):
                continue
            keys |= self._load_meeting(path, council, known)
        return keys

    def _load_councils(self, folders: list[Path]) -> bool:
        """Reload every council's settings; whether any council was added, removed or changed."""
        for name in [n for n in self.failed if n.startswith("council:")]:
            del self.failed[name]
        before, self.councils = self.councils, {}
        for folder in folders:
            council = self._guard(f"council:{folder.name}", lambda: load_council(folder))
            if isinstance(council, Council):
                self.councils[council.slug] = council
        return self.councils != before

    def _drop(self, path: Path) -> str:
        key = self.sources.pop(path).meeting.key
        self.views.pop(key, None)
        return key

    def _load_meeting(self, path: Path, council: Council, known: Source | None) -> set[str]:
        """Load one file; the keys to re-render, none when it was saved without a change that shows."""
        kept = self.views.get(known.meeting.key) if known else None
        gone = {self._drop(path)} if known else set()
        try:
            stamp = _stamp(path)
            meeting, red = load_meeting(path, council, self.policy, self.detectors)  # type: ignore[arg-type]
        except FileNotFoundError:
            self.failed.pop(str(path), None)
            return gone
        except ContentErrors as exc:
            self.failed[str(path)] = exc.errors
            return gone
        self.failed.pop(str(path), None)
        source = Source(stamp, meeting, red, edition_of(meeting.key, red))
        self.sources[path] = source
        if known and (known.meeting, known.meeting.findings, known.edition) == (meeting, meeting.findings, source.edition):
            if kept is not None:
                self.views[meeting.key] = kept
            return set()
        return gone | {meeting.key}

    def _reload_approvals(self) -> set[str]:
        """Re-read the approvals; the keys whose standing changed."""
        approvals = self._guard(APPROVALS, lambda: read_approvals(self.content))
        self.approvals = approvals if isinstance(approvals, list) else []
        changed = set()
        editions = {s.meeting.key: s.edition for s in self.sources.values()}
        for key, v in list(self.views.items()):
            now = standing(editions[key], self.approvals)
            if v.review is not None and now != v.review.standing:
                self.views[key] = replace(v, review=replace(v.review, standing=now))
                changed.add(key)
        return changed

    def _view(self, source: Source) -> MeetingView:
        m = source.meeting
        if m.key not in self.views:
            details: dict[int, list[Withholding]] = {}
            for w in source.redacted.withholdings:
                details.setdefault(w.redaction if w.redaction is not None else -1, []).append(w)
            review = MeetingReview(details, m.findings, standing(source.edition, self.approvals), m.status == "draft")
            assert self.site is not None
            self.views[m.key] = view(m, self.site.renderer, review)
        return self.views[m.key]

    def _render(self) -> int:
        assert self.site is not None and self.config is not None
        archive = assemble(self.config, self.councils.values(), (s.meeting for s in self.sources.values()))
        views = {s.meeting.key: self._view(s) for s in self.sources.values()}
        before, self.site.archive = self.shown, archive
        try:
            if self.pending is None or before is None:
                pages = self.site.render_all(views)
            else:
                pages = self._changed_pages(before, archive, views, self.pending)
        except TemplateError as exc:
            self.failed["layouts"] = [_template_error(exc, self.layouts)]
            return 0
        self.failed.pop("layouts", None)
        if self.pending is None or before is None:
            self._copy_assets()
        for rel, data in pages.items():
            _write(self.out / rel, data)
        expected = _expected(archive)
        for rel in self.written - expected - set(pages):
            (self.out / rel).unlink(missing_ok=True)
            if not any((self.out / rel).parent.iterdir()):
                (self.out / rel).parent.rmdir()
        self.written = (self.written & expected) | set(pages)
        self.shown, self.pending, self.stale = archive, set(), set(DEFERRED)
        return len(pages)

    def _changed_pages(self, before: Archive, after: Archive, views: dict[str, MeetingView],
                       keys: set[str]) -> dict[str, bytes]:
        site = self.site
        assert site is not None
        councils = {c.slug: c for a in (before, after) for m in a.meetings if m.key in keys for c in [m.council]}
        years = {m.fiscal_year for a in (before, after) for m in a.meetings if m.key in keys}
        shown = keys | _neighbours(before, keys) | _neighbours(after, keys)
        pages = site.front_page(views) | site.years_page() | site.feed(views)
        for council in councils.values():
            if council in after.councils:
                pages |= site.council_page(council, views) | site.meeting_pages(council, views, only=shown)
        for year in years & set(after.fiscal_years()):
            pages |= site.year_page(year, views)
        pages["search/index.html"] = site.page("search.html", "search/index.html",
                                               councils=after.councils, years=site.year_summaries())
        return pages

    def _copy_assets(self) -> None:
        """The style sheets and scripts of the layouts, and the preview's own; pages are overwritten in place."""
        shutil.copytree(self.layouts / "static", self.out / "static", dirs_exist_ok=True)
        shutil.copytree(self.layouts / "preview", self.out / "_preview", dirs_exist_ok=True)

    def deferred(self, rel: str) -> None:
        """Write a page of every meeting (the review list, the sitemap) if it is stale; it is asked for."""
        if rel not in self.stale or self.site is None or self.shown is None:
            return
        if rel == REVIEW_PAGE:
            ledger = {s.meeting.key: s.redacted.withholdings for s in self.sources.values()}
            items = [(self.views[m.key], ledger[m.key]) for m in self.shown.meetings if m.key in self.views]
            _write(self.out / rel, self.site.page("review.html", rel, items=items))
        else:
            entries = self.site.sitemap(dict.fromkeys(_expected(self.shown), b""))
            _write(self.out / rel, self.site.page("sitemap.xml", rel, entries=entries))
        self.stale.discard(rel)


def _neighbours(archive: Archive, keys: set[str]) -> set[str]:
    """The meetings just before and after each of ``keys`` in its council: their pages link to it."""
    out: set[str] = set()
    for council in {m.council for m in archive.meetings if m.key in keys}:
        items = [m.key for m in archive.of_council(council)]
        for i, key in enumerate(items):
            if key in keys:
                out.update(items[max(0, i - 1):i + 2])
    return out


def _expected(archive: Archive) -> set[str]:
    """Every page path of the archive, for the sitemap and to remove pages of removed meetings."""
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
