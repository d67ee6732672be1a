"""``python build.py publish --to TARGET``: a verified build → the city's web server, and its receipt.

The build in ``site/`` has been checked against its manifest and found to
be the build of the current inputs (``check_built_from``) before this runs.
``publish_site`` then reads what the target holds (its manifest, and the
record of a publish under way there if one was interrupted), refuses a
target that is not an earlier publish of this archive unless forced, makes
the plan (``plan.diff``) and the list of withdrawn pages, and prints both.
A dry run stops there. The real run writes the record of the publish
under way on the target, sends and removes files in the plan's order
(each file whole, renamed into place), writes the target's manifest last
(the commit), appends the receipt to ``content/_published.jsonl`` and
removes its record from the target. A run that is interrupted anywhere is
finished by the next one: the record on the target says which files it
may have added and which pages it withdrew, whose previous versions may
already be gone.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping

from kaigiroku.content.loading import load_site
from kaigiroku.core.errors import BuildFailure, UsageError
from kaigiroku.core.messages import say, say_n, term
from kaigiroku.render.feed import FEED
from kaigiroku.render.pages import LAYOUTS
from kaigiroku.render.urls import absolute
from redaction.leakcheck import Secret

from .feed import published_feed
from .manifest import MANIFEST, Manifest, parse
from .plan import LAST, SITEMAP, Plan, diff, moved_lastmod, url, withdrawn
from .receipt import Receipt, now, read_receipts, record
from .target import PENDING, STATE, TEMP, Rsync, Target

_INPUTS = {"content": term("the content folder"), "policy": term("the policy"), "layouts": term("the layouts"),
           "program": term("this program")}


@dataclass(frozen=True)
class Request:
    site: Path
    target: Target
    content: Path
    by: str
    dry_run: bool = False
    force: bool = False
    layouts: Path = LAYOUTS  # the feed.xml layout, for the target's feed


@dataclass(frozen=True)
class Outcome:
    plan: Plan
    withdrawn: tuple[str, ...]
    sent: int  # files that crossed to the target
    receipt: Receipt | None  # None: a dry run, or nothing to do


def check_built_from(manifest: Manifest, current: Mapping[str, str], site: Path, content: Path) -> None:
    """Refuse a build of other inputs than the current ones: it would publish what the content no
    longer says (a redaction added since), or what ``require_approval`` would leave out."""
    if not manifest.require_approval and load_site(content / "site.yaml").require_approval:
        raise BuildFailure(say("{site}/ was built without require_approval, which {content}/site.yaml now sets: it "
                               "may hold meetings nobody approved; build again, then publish", site=site, content=content))
    changed = [say(what) for key, what in _INPUTS.items() if manifest.inputs.get(key) != current[key]]
    if changed:
        raise BuildFailure(say("{site}/ is not the build of the current inputs ({changed} changed since it was built); "
                               "build again, then publish", site=site, changed=", ".join(changed)))


def publish_site(req: Request, manifest: Manifest, secrets: Callable[[], Mapping[str, Secret]],
                 tell: Callable[[str], None]) -> Outcome:
    """Publish the site of ``manifest`` to ``req.target``; ``secrets`` gives the new build's withheld
    strings (asked for only when files on the target change or go)."""
    receipts = read_receipts(req.content)  # a broken chain stops here, before anything is done
    with tempfile.TemporaryDirectory(prefix="kaigiroku-publish-") as folder:  # private: old pages are read here
        rsync = Rsync(req.target, Path(folder))
        old, pending = _look(rsync, manifest, req.force)
        finished = pending if pending and old and pending.manifest == old.digest else None  # committed, not recorded
        unfinished = pending if pending and not finished else None
        withdrawals = _withdrawals(req, rsync, manifest, old, unfinished, secrets)
        at = now(load_site(req.content / "site.yaml").timezone)
        done = [*receipts, *([finished] if finished else [])]  # a publish that only missed its receipt counts
        times = {path: r.at for r in done if r.target == str(req.target) for path in r.withdrawn} | dict.fromkeys(
            withdrawals, at)
        own = {SITEMAP: moved_lastmod((req.site / SITEMAP).read_bytes(), manifest.archive, times),
               FEED: published_feed(req.site, req.content, req.layouts, str(req.target), done,
                                    diff(old.files if old else {}, manifest.files), at)}
        published = manifest
        for path, data in own.items():  # the target's own sitemap and feed, where they differ from the site's
            if data != (req.site / path).read_bytes():
                published = published.with_file(path, data)
        plan = diff(old.files if old else {}, published.files, unfinished.added if unfinished else ())
        receipt = Receipt(at, req.by, str(req.target), published.digest, plan.added, plan.changed, plan.removed,
                          withdrawals)
        _describe(req, manifest, plan, withdrawals, pending, tell)
        if req.dry_run:
            tell(say("dry run: nothing was changed on {target} and nothing was recorded", target=req.target))
            return Outcome(plan, withdrawals, 0, None)
        if finished and not any((r.target, r.manifest, r.at) == (finished.target, finished.manifest, finished.at)
                                for r in receipts):
            record(req.content, finished)
        if not plan and old and old.digest == published.digest:
            if pending:
                rsync.remove(req.site, [f"{STATE}/"])
            tell(say("{target} already holds this build: nothing was sent", target=req.target))
            return Outcome(plan, withdrawals, 0, None)
        sent = _carry_out(req, rsync, plan, published, receipt, own, Path(folder) / "last")
        done = record(req.content, receipt)
        rsync.remove(req.site, [f"{STATE}/"])
        tell(say("published to {target}: {sent}, {removed} removed; recorded in {content}/_published.jsonl "
                 "(record {record})", target=req.target, sent=say_n("{n} file sent", "{n} files sent", sent),
                 removed=len(plan.removed), content=req.content, record=done.digest[:12]))
        return Outcome(plan, withdrawals, sent, done)


def _withdrawals(req: Request, rsync: Rsync, manifest: Manifest, old: Manifest | None, unfinished: Receipt | None,
                 secrets: Callable[[], Mapping[str, Secret]]) -> tuple[str, ...]:
    """The target's files that showed text the build withholds, or that belong to a meeting taken down,
    and those an interrupted publish found (their previous versions may be gone)."""
    carried = unfinished.withdrawn if unfinished else ()
    if old is None:
        return tuple(sorted(carried))
    change = diff(old.files, manifest.files)
    leaving = [*change.changed, *change.removed]
    previous = (rsync.fetch(leaving) or {}) if leaving else {}
    pages = {p: (req.site / p).read_bytes() for p in change.changed
             if p.endswith("index.html") and url(p) in manifest.meetings}
    taken_down = [m for m in old.meetings if m not in manifest.meetings]
    found = withdrawn(previous, pages, secrets() if previous else {}, old.meetings, taken_down, old.files)
    return tuple(sorted({*found, *carried}))


def _carry_out(req: Request, rsync: Rsync, plan: Plan, published: Manifest, receipt: Receipt,
               own: Mapping[str, bytes], last: Path) -> int:
    """Send and remove in the plan's order, the target's manifest last; how many files were sent.
    ``own``: the target's own versions of files of ``LAST`` (its sitemap and feed)."""
    rsync.put({PENDING: json.dumps(receipt.fields(), ensure_ascii=False).encode("utf-8"), f"{TEMP}/.keep": b""},
              temp=False)
    for path in (*plan.added, *plan.changed):
        if path in LAST:  # from a folder of their own: the target's sitemap and feed are not the site's
            (last / path).parent.mkdir(parents=True, exist_ok=True)
            (last / path).write_bytes(own[path] if path in own else (req.site / path).read_bytes())
    sent = 0
    for what, paths in plan.steps():
        if what == "remove":
            rsync.remove(req.site, paths)
        else:
            sent += rsync.send(last if paths[0] in LAST else req.site, paths)
    rsync.put({MANIFEST: published.raw or published.to_bytes()})
    return sent


def _look(rsync: Rsync, manifest: Manifest, force: bool) -> tuple[Manifest | None, Receipt | None]:
    """The target's manifest and the record of an interrupted publish there; a target that is not an
    earlier publish of this archive is refused (exit 2) unless ``force``."""
    found = rsync.fetch([MANIFEST, PENDING])
    if found is None:  # no folder yet: rsync makes it
        return None, None
    refuse = ""
    old = None
    if MANIFEST in found:
        try:
            old = parse(found[MANIFEST])
        except ValueError as exc:
            refuse = say("its {manifest} is {problem}", manifest=MANIFEST, problem=exc)
        else:
            if old.archive != manifest.archive:
                refuse = say("it holds another archive ({old}, not {new})", old=old.archive, new=manifest.archive)
    elif set(rsync.names() or ()) - {STATE}:
        refuse = say("it holds files but no {manifest}", manifest=MANIFEST)
    if refuse and not force:
        raise UsageError(say("--to {target} is not an earlier publish of this archive: {why}; publishing replaces and "
                             "removes files there. Choose another folder, or add --force to publish into it anyway "
                             "(files that no publish put there are left as they are)", target=rsync.target, why=refuse))
    pending = None
    if PENDING in found:
        try:
            pending = Receipt.of(json.loads(found[PENDING]))
        except (ValueError, TypeError):
            pending = None
    return (None if refuse else old), pending


def _describe(req: Request, manifest: Manifest, plan: Plan, withdrawals: tuple[str, ...],
              pending: Receipt | None, tell: Callable[[str], None]) -> None:
    tell(say("{site}/ → {target} (manifest {manifest}, newest input {newest}); addresses below {archive}",
             site=req.site, target=req.target, manifest=manifest.digest[:12], newest=manifest.newest or "-",
             archive=manifest.archive))
    if pending:
        tell(say("an earlier publish to {target} (started {at} by {by}) did not finish: this one finishes it",
                 target=req.target, at=pending.at, by=pending.by))
    for what, paths in ((term("added {n}"), plan.added), (term("changed {n}"), plan.changed),
                        (term("removed {n}"), plan.removed)):
        tell(say(what, n=len(paths)) + "".join(f"\n  {url(p) or './'}" for p in paths))
    if withdrawals:
        tell(say("withdrawn {n}: these addresses showed text that is now withheld (or belong to a meeting taken down); "
                 "ask search engines and caches to drop them:", n=len(withdrawals)))
        for path in withdrawals:
            tell(f"  {absolute(manifest.archive, url(path))}")

