"""Watch and rebuild for `serve`: watchdog, a debounced builder thread, and the server's lifetime.

Files under content/, layouts/ and the policy are watched; a burst of
changes is gathered for ``DEBOUNCE`` seconds and handed to
``Preview.update`` in a builder thread. A failed rebuild is reported and
the server keeps serving (MkDocs' livereload does the same).
"""

from __future__ import annotations

import queue
import shutil
import signal
import sys
import tempfile
import threading
import traceback
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, TextIO

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from kaigiroku.core.errors import BuildFailure, UsageError
from kaigiroku.core.private import public_place

from .edition import Preview
from .server import LOOPBACK, PreviewServer

DEBOUNCE = 0.05  # seconds of quiet before a rebuild
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
        raise UsageError(f"the preview holds withheld text and may not be written into {tempfile.gettempdir()}: "
                         f"{public}; set TMPDIR to a private folder")
    folder = Path(tempfile.mkdtemp(prefix="kaigiroku-preview-"))
    try:
        yield folder / "preview"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def serve(preview: Preview, bind: str, port: int, log: TextIO = sys.stdout) -> None:
    """Build the preview, serve it and rebuild on every change until interrupted."""
    watched = ((preview.content, True, "content folder", "--content DIR"), (preview.layouts, True, "layouts folder", "layouts/"),
               (preview.policy_path.parent, False, "policy's folder", "--policy FILE"))
    for root, _, what, fix in watched:
        if not root.is_dir():
            raise BuildFailure(f"{what} {root} not found; check {fix}")
    try:
        server = PreviewServer((LOOPBACK[bind], port), preview)
    except OSError as exc:
        raise BuildFailure(f"cannot listen on {bind}:{port}: {exc.strerror}; pass another --port") from None
    changes: queue.Queue[Path] = queue.Queue()
    observer = Observer()
    watcher = _Changes(changes, preview.policy_path, preview.layouts)
    for root, recursive, _, _ in watched:
        observer.schedule(watcher, str(root), recursive=recursive)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)
        signal.signal(signal.SIGINT, _interrupt)  # also when started in the background, where it is ignored
    try:
        observer.start()
        url = f"http://{bind}:{server.server_address[1]}/"
        print(f"building the preview; open {url} now, it shows the pages when they are ready", file=log, flush=True)
        threading.Thread(target=_build_loop, args=(server, changes, url, log), daemon=True).start()
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        print("preview stopped; its folder is removed", file=log, flush=True)
    finally:
        server.reloader.close()
        observer.stop()
        server.server_close()
        observer.join(timeout=2)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _build_loop(server: PreviewServer, changes: queue.Queue[Path], url: str, log: TextIO) -> None:
    """The first build, then one rebuild per burst of changes (those of the first build's time included)."""
    _rebuild(server, None, log)
    print(f"serving the internal preview at {url} from {server.preview.out} (127.0.0.1 only); Ctrl-C to stop",
          file=log, flush=True)
    while not server.reloader.closing:
        try:
            batch = {changes.get(timeout=0.5)}
        except queue.Empty:
            continue
        while True:
            try:
                batch.add(changes.get(timeout=DEBOUNCE))
            except queue.Empty:
                break
        _rebuild(server, batch, log)


def _rebuild(server: PreviewServer, batch: set[Path] | None, log: TextIO) -> None:
    """One update of the preview; a failure is reported and the server keeps serving."""
    preview = server.preview
    with server.lock:
        try:
            result = preview.update(batch)
        except Exception as exc:  # a bug must not stop the preview: report where (never the message, which
            preview.pending = None  # might quote content), rebuild everything next time
            preview.version += 1
            where = traceback.extract_tb(exc.__traceback__)[-1]
            print(f"preview: rebuild failed ({type(exc).__name__} at {where.filename}:{where.lineno}); still serving",
                  file=log, flush=True)
            server.reloader.publish(preview.version)
            return
    if result.errors:
        print(f"{len(result.errors)} error(s); the browser shows them until they are fixed:", file=log)
        for error in result.errors:
            print(f"  {error}", file=log)
    elif result.written:
        print(f"rebuilt {result.written} page(s) in {result.seconds * 1000:.0f} ms", file=log)
    else:
        print(f"no page changed ({result.seconds * 1000:.0f} ms)", file=log)
    log.flush()
    server.reloader.publish(result.version)
