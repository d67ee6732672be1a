#!/usr/bin/env python3
"""会議録アーカイブ: content/ → redaction → Markdown → layouts → site/ → search index → leak check → publish.

Run ``python build.py --help`` for the commands. Content errors are printed
as ``path:line:col: message`` and exit with status 1; wrong usage exits 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import getpass
import os
import signal
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

from kaigiroku.content import (
    Archive,
    Gate,
    Loaded,
    Meeting,
    MeetingStore,
    approve_meeting,
    approved_only,
    created_message,
    load_content,
    meeting_slug,
    new_meeting,
)
from kaigiroku.core import BuildFailure, CommandError, ContentError, ContentErrors, Findings, UsageError
from kaigiroku.core.cache import Cache, cache_root, code_digest, digest, file_digests, open_cache
from kaigiroku.core.errors import display_path
from kaigiroku.core.files import write_atomic
from kaigiroku.core.memory import give_back
from kaigiroku.core.messages import choose, say, say_n, speaking
from kaigiroku.core.private import public_place
from kaigiroku.core.progress import Progress
from kaigiroku.core.yamlfile import load_mapping
from kaigiroku.publish import (
    Built,
    Request,
    Target,
    check_apart,
    check_built_from,
    check_target,
    inputs,
    inputs_digest,
    listing,
    newest_input,
    pages_digest,
    publish,
    publish_site,
    read_receipts,
    read_site_manifest,
    remember,
    staging,
    up_to_date,
    withdrawn,
    write_manifest,
)
from kaigiroku.render import LAYOUTS, MinutesRenderer, Site, render_site
from kaigiroku.search import INDEX, INDEX_WORK, ChunkWriter, index_site
from redaction.detectors import build_detectors
from redaction.leakcheck import Leak, LeakCheck, Secret, secrets_of
from redaction.ledger import Ledger
from redaction.operators import plain
from redaction.origin import leak_errors as located
from redaction.policy import DEFAULT_POLICY, load_policy, policy_bytes
from redaction.secrets import read_sources

ROOT = Path(__file__).resolve().parent


def _interrupt_reaches_the_build_only() -> None:
    """Ctrl-C goes to every process of the terminal: the workers forked to redact, render and check
    ignore it (each printed a traceback), and the build stops them and says so once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


os.register_at_fork(after_in_child=_interrupt_reaches_the_build_only)


@dataclass(frozen=True)
class Options:
    content: Path = Path("content")
    out: Path = Path("site")
    policy: Path = DEFAULT_POLICY
    layouts: Path = LAYOUTS
    quiet: bool = False  # no progress on stderr
    jobs: int = 1  # worker processes that redact and render the minutes (`build` on the command line: one per core)
    cache: bool = True  # keep and reuse work in the output folder's cache (kaigiroku.core.cache)
    allow_withdraw: bool = False  # publish even if meetings of the site it replaces are left out
    verify_only: bool = False  # `check`: stage and verify what a build would publish, then discard it


def load(opts: Options, preview: bool = False, cache: Cache | None = None,
         files: dict[Path, str] | None = None) -> Gate:
    """Everything before writing: policy, content, redaction, detection, and (``require_approval``)
    each meeting's approved edition. `check` stops here. ``files``: the SHA-256 of the content's
    files, when known."""
    policy = load_policy(opts.policy)
    detectors = build_detectors(policy)
    store = MeetingStore(cache, digest(code_digest(), policy_bytes(opts.policy))) if cache else None
    loaded = load_content(opts.content, policy, detectors, include_drafts=preview, jobs=opts.jobs,
                          store=store, files=files)
    findings = [f for m in loaded.archive.meetings for f in m.findings]
    if findings and not preview:
        raise Findings([ContentError(f.path, f.line, f.col, f.message()) for f in findings])
    if preview or not loaded.archive.site.require_approval:
        return Gate(loaded, [], [])
    return approved_only(loaded, opts.content, policy, detectors)


def refuse_withdrawals(opts: Options, gate: Gate) -> None:
    """A build that would take published meetings down, or publish none, needs ``--allow-withdraw``
    (a late redaction's takedown does not: it removes what is now withheld)."""
    gone = [key for key in withdrawn(opts.out, (m.key for m in gate.loaded.archive.meetings))
            if key not in gate.taken_down]
    if opts.allow_withdraw or not (gone or not gate.loaded.archive.meetings):
        return
    what = (say_n("this build would leave out {n} meeting that {out}/ publishes now: {keys}",
                  "this build would leave out {n} meetings that {out}/ publishes now: {keys}",
                  len(gone), out=opts.out, keys=", ".join(gone)) if gone
            else say("this build would publish no meeting at all"))
    raise BuildFailure("\n".join([say("{what}; if that is intended, build again with --allow-withdraw", what=what),
                                   *gate.notes]))


def withheld_strings(opts: Options, loaded: Loaded, cache: Cache | None) -> dict[str, Secret]:
    """What the leak check looks for: the ledger's strings and, read again from each published
    meeting file (``redaction.secrets``), every text its markup and terms withhold; less what the
    minutes publish on purpose. A two-character one is no leak inside the site's own names, the
    policy's ``allow`` list and the files' ``allow_terms``."""
    policy = load_policy(opts.policy)
    files = [(key, path, loaded.digests.get(key, "")) for key, (_, path) in meeting_files(opts, loaded.archive).items()]
    sourced, allowed = read_sources(files, policy, cache)
    return secrets_of(Ledger([*loaded.ledger.entries, *sourced]), loaded.archive.published_texts(),
                      loaded.archive.listed_texts(), opts.jobs, cache.root / "quoted" if cache else None,
                      loaded.archive.published_keys(loaded.digests),
                      public=(*loaded.archive.names(), *policy.allow, *allowed))


def meeting_files(opts: Options, archive: Archive) -> dict[str, tuple[str, Path]]:
    """Meeting key → (path shown in messages, path) of each published meeting's file."""
    return {m.key: (m.source, opts.content / m.council.slug / f"{m.slug}.md") for m in archive.meetings}


def leak_errors(opts: Options, archive: Archive, leaks: list[Leak]) -> ContentErrors:
    """The leaks, each reported where its text is written in the content (``redaction.origin``)."""
    others = [(display_path(p), p) for p in (opts.content / "site.yaml",
                                             *(opts.content / c.slug / "_council.yaml" for c in archive.councils))]
    return ContentErrors(located(leaks, meeting_files(opts, archive), others, str(opts.out)))


def build(opts: Options, progress: Progress | None = None) -> Built:
    """The whole public pipeline; ``opts.out`` is replaced only if every stage succeeds.
    ``progress`` shows the stages on stderr and keeps their wall times."""
    check_target(opts.out, {say("the content folder"): opts.content, say("the layouts"): opts.layouts,
                            say("the policy file"): opts.policy, say("this program"): Path(__file__),
                            say("its build cache"): cache_root(opts.out)})
    run = progress or Progress(quiet=opts.quiet)
    with open_cache(opts.out, opts.cache) as cache, ChunkWriter(cache.folder("search") if cache else None,
                                                                opts.jobs) as chunks:
        with run.stage("load"):
            files = file_digests(opts.content, cache.root / "content.json" if cache else None)
            parts = inputs(opts.content, files, opts.policy, opts.layouts)
            if cache and (done := up_to_date(cache, inputs_digest(parts), opts.out)):
                return done
            chunks.fork()  # the search index's workers, before the archive is loaded: they hold none of it
            gate = load(opts, cache=cache, files=files)
            if not opts.verify_only:
                refuse_withdrawals(opts, gate)
            loaded, notes = gate.loaded, gate.notes
            del gate
        with run.stage("verify"):  # what the leak check needs of the ledger and the minutes, which are let go
            secrets = withheld_strings(opts, loaded, cache)
        counts = Built(len(loaded.archive.meetings), len(loaded.ledger.entries), tuple(m.key for m in loaded.drafts),
                       tuple(notes))
        archive, digests = loaded.archive, loaded.digests
        del loaded  # the ledger (withheld text) and the redacted files: rendering needs only the archive
        give_back(cycles=False)  # they hold no reference cycles: freed as they were let go
        trash = cache.folder("trash") if cache else None  # where the previous build is removed after this one
        with staging(opts.out, trash) as stage:
            with run.stage("render", len(archive.meetings)):
                site = Site(archive, opts.layouts, compiled=cache.folder("layouts") if cache else None)
                rendered = render_site(stage, site, opts.layouts, digests, pages_digest(opts.layouts, site),
                                       cache, opts.jobs, run.advance,  # the chunks are written from the pages on
                                       lambda pages: chunks.start(stage, archive, pages))
            del site
            archive = archive.without_minutes()  # not held while Pagefind and the leak check run
            give_back()
            with LeakCheck(stage, secrets, str(opts.out), opts.jobs, cache.root / "verified" if cache else None) as check:
                with run.stage("verify"):
                    check.start(INDEX, INDEX_WORK)  # the pages are checked on workers while the index is written
                with run.stage("index"):
                    indexed = index_site(stage, archive, jobs=opts.jobs, writer=chunks,
                                         chunks_written=lambda new: check.start(INDEX, INDEX_WORK, within=new))
                with run.stage("verify"):  # the manifest is a public file: checked with the last ones
                    write_manifest(stage, archive, parts, newest_input(archive, opts.content), check.digests())
                    leaks, listing = check.leaks(), check.listing()
            if leaks:
                raise leak_errors(opts, archive, leaks)
            if opts.verify_only:
                return counts
            with run.stage("publish"):
                publish(stage, opts.out, trash)
            built = replace(counts, work=(rendered.meetings, rendered.reused, indexed.built, indexed.reused))
            if cache:  # while the previous build is removed
                remember(cache, inputs_digest(parts), opts.out, built, listing)
    return built


def cmd_build(opts: Options, args: argparse.Namespace) -> int:
    built = build(opts)
    for line in built.left_out:
        print(line, file=sys.stderr)
    if built.up_to_date:
        print(say_n("{out}/ is up to date: nothing changed since the last build ({n} meeting)",
                    "{out}/ is up to date: nothing changed since the last build ({n} meetings)",
                    built.meetings, out=opts.out))
        return 0
    done = say_n("built {n} meeting into {out}/", "built {n} meetings into {out}/", built.meetings, out=opts.out)
    withheld = say_n("{n} withholding", "{n} withholdings", built.withholdings)
    if built.drafts:
        drafts = say_n("left out {n} draft: {keys}", "left out {n} drafts: {keys}", len(built.drafts),
                       keys=", ".join(built.drafts))
        print(say("{done} ({withheld}; {drafts})", done=done, withheld=withheld, drafts=drafts))
    else:
        print(say("{done} ({withheld})", done=done, withheld=withheld))
    return 0


def cmd_check(opts: Options, args: argparse.Namespace) -> int:
    loaded = load(opts, preview=True).loaded  # drafts included, findings listed rather than raised
    reveal = sys.stdout.isatty() and not args.masked
    findings = [f for m in loaded.archive.meetings for f in m.findings]
    for f in sorted(findings, key=lambda f: (f.path, f.line, f.col)):
        print(f"{f.path}:{f.line}:{f.col}: {f.message(reveal)}" + (f"\n    …{f.context}…" if reveal else ""))
    warnings = speech_warnings(loaded.archive.meetings)
    for warning in warnings:
        print(warning)
    if not findings:  # what a build of site/ would publish, staged beside it, checked for leaks and discarded
        build(replace(opts, verify_only=True, quiet=True))
    print(say("checked {meetings}: {findings}, {warnings}",
              meetings=say_n("{n} meeting", "{n} meetings", len(loaded.archive.meetings)),
              findings=say_n("{n} finding to review", "{n} findings to review", len(findings)),
              warnings=say_n("{n} warning", "{n} warnings", len(warnings))))
    return 1 if findings else 0


def speech_warnings(meetings: Sequence[Meeting]) -> list[str]:
    """Paragraphs that look like speeches but have no speaker marker we can read (never blocking)."""
    renderer = MinutesRenderer()
    return [f"{m.source}:{m.body_line + line}:1: " + say("warning: {message}", message=plain(message, m.redactions))
            for m in meetings for line, message in renderer.minutes(m.body, m.redactions, style=m.speaker_style).warnings]


def cmd_report(opts: Options, args: argparse.Namespace) -> int:
    if args.published:  # the receipts of publishing: no minutes, no withheld text
        print(listing(read_receipts(opts.content)))
        return 0
    target = Path(args.csv).resolve() if args.csv else None
    if target:
        public = (say("it lies inside {out}/", out=opts.out) if opts.out.resolve() in target.parents
                  else public_place(target, opts.content))
        if public:
            raise UsageError(say("the report holds withheld text and may not be written to {file}: {why}; write it "
                                 "to a private folder outside every built site and the content", file=args.csv, why=public))
    loaded = load(opts, preview=True).loaded
    if target is None:
        print(loaded.ledger.table())
        return 0
    problem = "" if target.parent.is_dir() else os.strerror(errno.ENOENT)  # no folder is made for it
    if not problem:
        try:  # with a BOM, as Excel reads UTF-8 only so; owner-only, as it holds the withheld text
            write_atomic(target, loaded.ledger.csv().encode("utf-8-sig"), mode=0o600)
        except OSError as exc:
            problem = exc.strerror
    if problem:
        raise CommandError(say("cannot write {file}: {problem}; check that its folder exists and is writable",
                               file=args.csv, problem=problem))
    print(say_n("wrote {n} ledger line to {file}", "wrote {n} ledger lines to {file}", len(loaded.ledger.entries),
                file=args.csv))
    return 0


def cmd_publish(opts: Options, args: argparse.Namespace) -> int:
    target = Target.parse(args.to)
    site = opts.out.resolve()
    if not target.host:
        check_apart(Path(target.path), {say("the built site"): opts.out, say("the content folder"): opts.content,
                                        say("the build cache"): cache_root(opts.out)}, "--to",
                    say("publishing replaces and removes files there; choose the web server's folder for the archive"))
    with open_cache(opts.out) as cache:  # no build replaces the site while it is published
        manifest = read_site_manifest(opts.out)
        files = file_digests(opts.content)
        check_built_from(manifest, inputs(opts.content, files, opts.policy, opts.layouts), opts.out, opts.content)

        def secrets() -> dict[str, Secret]:
            return withheld_strings(opts, load(opts, cache=cache, files=files).loaded, cache)

        request = Request(site, target, opts.content, args.by or getpass.getuser(), args.dry_run, args.force, opts.layouts)
        publish_site(request, manifest, secrets, print)
    return 0


def cmd_import(opts: Options, args: argparse.Namespace) -> int:
    # BeautifulSoup, python-docx, pdfplumber and the legacy readers: time every build would pay
    from kaigiroku.legacy.importer import import_files
    from kaigiroku.legacy.placement import load_council_map
    from kaigiroku.legacy.report import report_lines

    council_map = load_council_map(args.council_map) if args.council_map else None
    result = import_files([Path(f) for f in args.files], args.council, opts.content, args.force,
                          load_policy(opts.policy), dry_run=args.dry_run, council_map=council_map)
    for item in result.files:
        for problem in (*item.warnings, *item.errors):
            print(problem, file=sys.stderr)
    for line in report_lines(result, reveal=sys.stdout.isatty() and not args.masked):
        print(line)
    return 0 if result.ok else 1


def cmd_serve(opts: Options, args: argparse.Namespace) -> int:
    from kaigiroku.preview.edition import Preview, cache_folder
    from kaigiroku.preview.livereload import preview_folder, serve  # watchdog: only the preview needs it

    with preview_folder(opts.content) as folder:
        serve(Preview(opts.content, opts.policy, opts.layouts, folder, cache=cache_folder(opts.content)), args.bind, args.port)
    return 0


def cmd_new(opts: Options, args: argparse.Namespace) -> int:
    path, created = new_meeting(opts.content, args.council, args.date, args.name or "")
    for line in created:
        print(line)
    print(created_message(path))
    return 0


def cmd_approve(opts: Options, args: argparse.Namespace) -> int:
    policy = load_policy(opts.policy)
    record, new = approve_meeting(opts.content, args.meeting, args.by, policy, build_detectors(policy),
                                  dt.datetime.now(dt.timezone.utc))  # recorded in the site's time zone
    values = dict(meeting=args.meeting, by=record.by, at=record.at, edition=record.edition[:12], record=record.digest[:12])
    print(say("{meeting}: approved by {by} at {at} (edition {edition}, record {record})", **values) if new else
          say("{meeting}: already approved by {by} at {at} (edition {edition}, record {record})", **values))
    return 0


def _loopback(text: str) -> str:
    from kaigiroku.preview.server import LOOPBACK  # the preview server: only `serve` needs it

    if text not in LOOPBACK:
        raise argparse.ArgumentTypeError(say("the preview holds withheld text and listens on 127.0.0.1 only, not {address}",
                                             address=text))
    return text


def _number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(say("`{text}` is not a whole number", text=text)) from None


def _jobs(text: str) -> int:
    n, most = _number(text), 4 * (os.cpu_count() or 1)
    if n < 1:
        raise argparse.ArgumentTypeError(say("{n} workers cannot build anything; use 1 or more (default: one per core)", n=n))
    if n > most:  # each job is a process, several with a Pagefind of their own: 99999 would fork without end
        raise argparse.ArgumentTypeError(say("{n} is more than this machine can use; at most {most} (four per core)",
                                             n=n, most=most))
    return n


def _port(text: str) -> int:
    n = _number(text)
    if not 0 <= n <= 65535:
        raise argparse.ArgumentTypeError(say("{n} is not a port: use 1 to 65535, or 0 for a free one", n=n))
    return n


def _slug(text: str) -> str:
    try:
        return meeting_slug(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="build.py", description=__doc__.splitlines()[0])
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    common.add_argument("--policy", type=Path, default=DEFAULT_POLICY, help="redaction policy (default: redaction/policy.yaml)")
    sub = p.add_subparsers(dest="command")
    b = sub.add_parser("build", parents=[common], help="build the public site (the default command)")
    b.add_argument("--out", type=Path, default=Path("site"), help="output folder (default: site)")
    b.add_argument("--jobs", "-j", type=_jobs, default=os.cpu_count() or 1,
                   help="worker processes that redact and render the minutes (default: one per core)")
    b.add_argument("--quiet", "-q", action="store_true", help="no progress on stderr")
    b.add_argument("--no-cache", dest="cache", action="store_false",
                   help="build everything again and keep nothing in .cache/ (the result is the same)")
    b.add_argument("--allow-withdraw", action="store_true",
                   help="publish even though meetings of the site it replaces are left out (or none is left)")
    b.set_defaults(run=cmd_build)
    c = sub.add_parser("check", parents=[common], help="validate content and list findings; writes nothing")
    c.add_argument("--masked", action="store_true", help="mask detected text even on a terminal")
    c.set_defaults(run=cmd_check, jobs=os.cpu_count() or 1)
    r = sub.add_parser("report", parents=[common], help="print the redaction ledger for approval")
    r.add_argument("--csv", metavar="FILE", help="write the ledger as CSV to FILE instead")
    r.add_argument("--published", action="store_true", help="list the receipts of publishing instead")
    r.add_argument("--out", type=Path, default=Path("site"), help=argparse.SUPPRESS)
    r.set_defaults(run=cmd_report)
    pub = sub.add_parser("publish", parents=[common], help="send the verified build to the web server, with a receipt")
    pub.add_argument("--to", required=True, metavar="TARGET", help="a folder, or user@host:/path over SSH")
    pub.add_argument("--out", type=Path, default=Path("site"), help="the built site to publish (default: site)")
    pub.add_argument("--dry-run", "-n", action="store_true", help="show what would change; change nothing")
    pub.add_argument("--by", help="who publishes, for the receipt (default: the login name)")
    pub.add_argument("--force", action="store_true", help="publish into a folder that is not an earlier publish")
    pub.set_defaults(run=cmd_publish, jobs=os.cpu_count() or 1)
    i = sub.add_parser("import", parents=[common],
                       help="legacy minutes (text, saved web pages, Word, PDF; files or folders) → content/")
    i.add_argument("files", nargs="+", metavar="FILE|DIR", help="records to import; a folder: every record in it")
    where = i.add_mutually_exclusive_group(required=True)
    where.add_argument("--council", metavar="SLUG", help="council folder to import into, e.g. privacy")
    where.add_argument("--council-from-title", action="store_true",
                       help="send each meeting to the council its title names (councils of content/)")
    where.add_argument("--council-map", metavar="FILE", type=Path,
                       help="like --council-from-title, with a YAML file of council names → slugs")
    i.add_argument("--dry-run", action="store_true", help="report what would be imported; write nothing")
    i.add_argument("--force", action="store_true",
                   help="import again files imported before, and overwrite a meeting file that holds the meeting")
    i.add_argument("--masked", action="store_true", help="mask detected text even on a terminal")
    i.set_defaults(run=cmd_import)
    s = sub.add_parser("serve", parents=[common], help="internal preview with live reload on 127.0.0.1")
    s.add_argument("--port", type=_port, default=8000, help="port (default: 8000; 0 picks a free one)")
    s.add_argument("--bind", type=_loopback, default="127.0.0.1", help="address (127.0.0.1 only)")
    s.set_defaults(run=cmd_serve)
    n = sub.add_parser("new", parents=[common], help="a new meeting file from a template")
    n.add_argument("council", help="council folder, e.g. privacy")
    n.add_argument("date", type=_slug, help="meeting date 2014-02-10, or 2014-02-10-2 for a second one that day")
    n.add_argument("--name", metavar="NAME", help="the council's name, for a council folder made by this command")
    n.set_defaults(run=cmd_new)
    a = sub.add_parser("approve", parents=[common], help="record who approved the current redacted edition of a meeting")
    a.add_argument("meeting", help="COUNCIL/SLUG, e.g. privacy/2014-02-10")
    a.add_argument("--by", required=True, help="name of the person who approves")
    a.set_defaults(run=cmd_approve)
    return p


def site_language(argv: Sequence[str]) -> str | None:
    """The ``language`` of the site.yaml in ``--content`` (read before the options are parsed, so that
    argparse's errors of this program are in that language too); None if it cannot be read."""
    content = "content"
    for i, arg in enumerate(argv):
        if arg == "--content" and i + 1 < len(argv):
            content = argv[i + 1]
        elif arg.startswith("--content="):
            content = arg.partition("=")[2]
    path = Path(content) / "site.yaml"
    try:
        value = load_mapping(path.read_text(encoding="utf-8"), str(path)).data.get("language")
    except (OSError, UnicodeDecodeError, ContentErrors):
        return None
    return value if isinstance(value, str) else None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        argv = ["build", *argv]  # no command, or only options: build
    with speaking(choose(site_language(argv))):  # the workers forked by the command inherit it
        return run_command(argv)


def run_command(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    opts = Options(content=args.content, out=getattr(args, "out", Path("site")), policy=args.policy,
                   quiet=getattr(args, "quiet", False), jobs=getattr(args, "jobs", 1),
                   cache=getattr(args, "cache", True), allow_withdraw=getattr(args, "allow_withdraw", False))
    try:
        if args.command not in ("import", "new") and not opts.content.is_dir():  # these two make it
            raise UsageError(say("--content {folder}: no such folder; give the folder that holds site.yaml and the "
                                 "council folders (default: content)", folder=opts.content))
        return int(args.run(opts, args))
    except Findings as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        print(say_n("{n} finding to review: mark it with {{redact:…}} or add it to allow_terms, then build again; "
                    "nothing was written",
                    "{n} findings to review: mark each with {{redact:…}} or add it to allow_terms, then build again; "
                    "nothing was written", len(exc.errors)), file=sys.stderr)
        return 1
    except ContentErrors as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        print(say_n("{n} error", "{n} errors", len(exc.errors)) if args.command == "check" else
              say_n("{n} error; nothing was written", "{n} errors; nothing was written", len(exc.errors)), file=sys.stderr)
        return 1
    except (BuildFailure, CommandError) as exc:
        print(say("error: {message}", message=exc), file=sys.stderr)
        return 1
    except UsageError as exc:
        print(say("error: {message}", message=exc), file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 1
    except KeyboardInterrupt:
        print(say("interrupted; every file on the target is whole, and the next publish finishes this one")
              if args.command == "publish" else say("interrupted; nothing was published"), file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
