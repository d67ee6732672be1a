"""Watch and rebuild for `serve`: watchdog, a debounced builder thread, and the server's lifetime.

The preview starts before the address is printed (the settings and the list of meeting files: well
under a second at 10,000 meetings); the builder thread then loads the meetings in the background, a
few at a time, letting every request go first. Files under content/, layouts/ and the policy are
watched; a burst of changes is gathered for ``DEBOUNCE`` seconds and handed to ``Preview.update``.
A failed rebuild is reported and the server keeps serving (MkDocs' livereload does the same).
"""

from __future__ import annotations

import queue
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, TextIO, TypeVar

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from kaigiroku.core.errors import BuildFailure, ContentError, UsageError
from kaigiroku.core.messages import say, say_n, term
from kaigiroku.core.private import public_place

from .edition import Preview
from .server import LOOPBACK, PreviewServer

DEBOUNCE = 0.05  # seconds of quiet before a rebuild
T = TypeVar("T")
WATCHED = (".md", ".yaml", ".yml", ".jsonl")


class _Changes(FileSystemEventHandler):
    def __init__(self, changes: queue.Queue[Path], policy: Path, layouts: Path):
        self.changes, self.policy, self.layouts = changes, policy, layouts

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type in ("opened", "closed_no_write"):
            return
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            path = Path(str(raw)) if raw else None
            if path is not None and self.relevant(path):
                self.changes.put(path)

    def relevant(self, path: Path) -> bool:
        if path.name.startswith(".") or path.name.endswith(("~", ".swp", ".partial")):
            return False
        return path == self.policy or path.is_relative_to(self.layouts) or path.suffix in WATCHED


@contextmanager
def preview_folder(content: Path | None = None) -> Iterator[Path]:
    """A private temporary folder for the preview (never site/), removed on exit. The preview shows
    withheld text: a temporary folder (``TMPDIR``) inside a built site or the content is refused."""
    public = public_place(Path(tempfile.gettempdir()), content)
    if public:
        raise UsageError(say("the preview holds withheld text and may not be written into {folder}: {why}; set TMPDIR "
                             "to a private folder", folder=tempfile.gettempdir(), why=public))
    folder = Path(tempfile.mkdtemp(prefix="kaigiroku-preview-"))
    try:
        yield folder / "preview"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def serve(preview: Preview, bind: str, port: int, log: TextIO = sys.stdout) -> None:
    """Build the preview, serve it and rebuild on every change until interrupted."""
    watched = ((preview.content, True, term("content folder {folder} not found; check --content DIR")),
               (preview.layouts, True, term("layouts folder {folder} not found; check layouts/")),
               (preview.policy_path.parent, False, term("policy's folder {folder} not found; check --policy FILE")))
    for root, _, missing in watched:
        if not root.is_dir():
            raise BuildFailure(say(missing, folder=root))
    try:
        server = PreviewServer((LOOPBACK[bind], port), preview, log)
    except OSError as exc:
        raise BuildFailure(say("cannot listen on {address}: {problem}; pass another --port", address=f"{bind}:{port}",
                               problem=exc.strerror)) from None
    changes: queue.Queue[Path] = queue.Queue()
    observer = Observer()
    watcher = _Changes(changes, preview.policy_path, preview.layouts)
    for root, recursive, _ in watched:
        observer.schedule(watcher, str(root), recursive=recursive)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)
        signal.signal(signal.SIGINT, _interrupt)  # also when started in the background, where it is ignored
    try:
        observer.start()
        url = f"http://{bind}:{server.server_address[1]}/"
        _rebuild(server, None, log)
        print(say("serving the internal preview at {url} from {folder} (127.0.0.1 only); Ctrl-C to stop", url=url,
                  folder=preview.out),
              file=log, flush=True)
        threading.Thread(target=_build_loop, args=(server, changes, log), daemon=True).start()
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        print(say("preview stopped; its folder is removed"), file=log, flush=True)
    finally:
        server.reloader.close()
        observer.stop()
        server.server_close()
        observer.join(timeout=2)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _build_loop(server: PreviewServer, changes: queue.Queue[Path], log: TextIO) -> None:
    """One rebuild per burst of changes; between them, the meetings not loaded yet, a few at a time."""
    started = time.perf_counter()
    while not server.reloader.closing:
        try:
            batch = {changes.get(timeout=0.5 if server.preview.complete else 0)}
        except queue.Empty:
            if not server.preview.complete:
                _load_some(server, started, log)
            continue
        while True:
            try:
                batch.add(changes.get(timeout=DEBOUNCE))
            except queue.Empty:
                break
        _rebuild(server, batch, log)


def _load_some(server: PreviewServer, started: float, log: TextIO) -> None:
    """One step of the background loading, after the requests that wait for the preview."""
    while server.waiting:
        time.sleep(0.005)
    with server.lock:
        errors = len(server.preview.errors)
        done = _guarded(server, lambda: server.preview.load_some(), log)
        now = len(server.preview.errors)
    if done:
        print(say_n("loaded {n} meeting in {seconds} s; the lists are ready",
                    "loaded all {n} meetings in {seconds} s; the lists are ready", len(server.preview.paths),
                    seconds=f"{time.perf_counter() - started:.1f}"), file=log, flush=True)
    if now != errors:
        _report(server.preview.errors, log)
    server.publish()


def _rebuild(server: PreviewServer, batch: set[Path] | None, log: TextIO) -> None:
    """One update of the preview (its start when ``batch`` is None); a failure is reported and the
    server keeps serving."""
    preview = server.preview
    with server.lock:
        version = preview.version
        result = _guarded(server, lambda: preview.update(batch) if batch is not None else preview.start(), log)
    if result is None:
        pass
    elif result.errors:
        _report(result.errors, log)
    elif batch is None:
        print(say_n("{n} meeting listed in {ms} ms; each page is made when it is opened, the lists once every meeting "
                    "is loaded", "{n} meetings listed in {ms} ms; each page is made when it is opened, the lists once "
                    "every meeting is loaded", len(preview.paths), ms=f"{result.seconds * 1000:.0f}"),
              file=log, flush=True)
    elif result.version != version:
        print(say_n("updated: {n} page to render again ({ms} ms)", "updated: {n} pages to render again ({ms} ms)",
                    result.stale, ms=f"{result.seconds * 1000:.0f}"), file=log, flush=True)
    else:
        print(say("no page changed ({ms} ms)", ms=f"{result.seconds * 1000:.0f}"), file=log, flush=True)
    server.publish()


def _guarded(server: PreviewServer, step: Callable[[], T], log: TextIO) -> T | None:
    """``step()``; a bug must not stop the preview: report where (never the message, which might quote
    content), and start again from the files next time."""
    try:
        return step()
    except Exception as exc:
        server.preview.fresh.clear()
        server.preview.version += 1
        where = traceback.extract_tb(exc.__traceback__)[-1]
        print(say("preview: update failed ({error} at {place}); still serving", error=type(exc).__name__,
                  place=f"{where.filename}:{where.lineno}"),
              file=log, flush=True)
        return None


def _report(errors: list[ContentError], log: TextIO) -> None:
    print(say_n("{n} error; the browser shows it until it is fixed:",
                "{n} errors; the browser shows them until they are fixed:", len(errors)), file=log)
    for error in errors:
        print(f"  {error}", file=log)
    log.flush()
