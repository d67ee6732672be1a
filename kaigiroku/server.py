"""The local server of `serve`: 127.0.0.1 only, pages from the preview folder, live reload.

Files under content/, layouts/ and the policy are watched with watchdog; a
burst of changes is gathered for ``DEBOUNCE`` seconds and handed to
``Preview.update`` in a builder thread. Each open tab holds a server-sent
events stream (``/__preview/events``) and reloads itself when the preview's
version moves on. The script that does so is added to HTML responses by the
server, so it is never part of any written page. While the content has
errors, every page is an error page naming file, line and column; the
server keeps running and the page comes back when the file is fixed.
"""

from __future__ import annotations

import html
import queue
import shutil
import signal
import sys
import tempfile
import threading
import traceback
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator, TextIO
from urllib.parse import parse_qs, unquote, urlsplit

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from .errors import BuildFailure, ContentError
from .preview import Preview

LOOPBACK = {"127.0.0.1": "127.0.0.1", "localhost": "127.0.0.1"}
EVENTS = "/__preview/events"
DEBOUNCE = 0.05  # seconds of quiet before a rebuild
HEARTBEAT = 10.0
RELOAD_SCRIPT = ('<script>(function(){{var v="{version}";var s=new EventSource("{events}?since="+v);'
                 's.onmessage=function(e){{if(e.data!==v){{s.close();location.reload();}}}};}})();</script>')
TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
         ".xml": "application/xml; charset=utf-8", ".txt": "text/plain; charset=utf-8", ".json": "application/json"}
WATCHED = (".md", ".yaml", ".yml", ".jsonl")


class Reloader:
    """The preview's version, and a way for event streams to wait for the next one."""

    def __init__(self) -> None:
        self.version = 0
        self.closing = False
        self._changed = threading.Condition()

    def publish(self, version: int) -> None:
        with self._changed:
            self.version = version
            self._changed.notify_all()

    def close(self) -> None:
        with self._changed:
            self.closing = True
            self._changed.notify_all()

    def wait(self, since: int, timeout: float) -> int:
        with self._changed:
            self._changed.wait_for(lambda: self.version != since or self.closing, timeout)
            return self.version


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], preview: Preview):
        super().__init__(address, Handler)
        self.preview = preview
        self.lock = threading.Lock()  # held while the preview rebuilds
        self.reloader = Reloader()
        self.hosts = {f"{name}:{self.server_address[1]}" for name in LOOPBACK}

    def handle_error(self, request: object, client_address: object) -> None:
        """A tab closed in the middle of an answer is not worth a traceback; anything else is."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer

    def do_GET(self) -> None:
        if self.headers.get("Host", "") not in self.server.hosts:
            return self._send(403, "text/plain; charset=utf-8", b"wrong Host: open the address serve printed\n")
        url = urlsplit(self.path)
        if url.path == EVENTS:
            return self._events(url.query)
        rel = safe_path(url.path)
        if rel is None:
            return self._send(400, "text/plain; charset=utf-8", b"bad path\n")
        preview = self.server.preview
        with self.server.lock:
            errors, version = preview.errors, preview.version
            if not errors:
                preview.deferred(rel)
        root = preview.out.resolve()
        target = (root / rel).resolve()
        if not target.is_relative_to(root):
            return self._send(400, "text/plain; charset=utf-8", b"bad path\n")
        if target.is_dir():
            return self._redirect(url.path + "/")
        if errors and target.suffix in ("", ".html"):
            return self._page(500, error_page(errors), version)
        if not target.is_file():
            missing = root / "404.html"
            return self._page(404, missing.read_bytes() if missing.is_file() else b"<h1>404</h1>", version)
        data = target.read_bytes()
        if target.suffix == ".html":
            return self._page(200, data, version)
        return self._send(200, TYPES.get(target.suffix, "application/octet-stream"), data)

    def _page(self, status: int, data: bytes, version: int) -> None:
        script = RELOAD_SCRIPT.format(version=version, events=EVENTS).encode()
        head, found, tail = data.rpartition(b"</body>")
        self._send(status, TYPES[".html"], head + script + found + tail if found else data + script)

    def _send(self, status: int, kind: str, data: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def _redirect(self, location: str) -> None:
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _events(self, query: str) -> None:
        """A server-sent events stream: one `data: VERSION` message per new preview version."""
        since = (parse_qs(query).get("since") or ["0"])[0]
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        reloader = self.server.reloader
        try:
            while not reloader.closing:
                version = reloader.wait(int(since) if since.isdigit() else -1, HEARTBEAT)
                if str(version) != since and not reloader.closing:
                    self.wfile.write(f"data: {version}\n\n".encode())
                    since = str(version)
                else:
                    self.wfile.write(b": keep-alive\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, format: str, *args: object) -> None:
        """Requests are not logged; rebuilds and errors are."""


def safe_path(url_path: str) -> str | None:
    """The file path a URL names inside the preview folder, or None for `..`, `%2e%2e` and the like."""
    decoded = unquote(url_path)
    if "\\" in decoded or "\x00" in decoded or not decoded.startswith("/"):
        return None
    parts = decoded.split("/")
    if any(p in (".", "..") for p in parts):
        return None
    rel = decoded.lstrip("/")
    return rel + "index.html" if rel == "" or rel.endswith("/") else rel


def error_page(errors: list[ContentError]) -> bytes:
    items = "\n".join(f"<li><code>{html.escape(str(e))}</code></li>" for e in errors)
    return (f'<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><meta name="robots" content="noindex">'
            f'<title>エラー：プレビューを更新できません</title><style>body{{font-family:sans-serif;margin:2rem;}}'
            f'li{{margin:.5rem 0}}code{{white-space:pre-wrap}}</style></head><body class="preview-error">'
            f'<p role="note"><strong>内部プレビュー</strong></p><h1>{len(errors)} 件のエラーがあります</h1>'
            f'<p>ファイルを直して保存すると、このページは自動で更新されます。</p><ol>{items}</ol></body></html>').encode()


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
def preview_folder() -> Iterator[Path]:
    """A private temporary folder for the preview (never site/), removed on exit."""
    folder = Path(tempfile.mkdtemp(prefix="kaigiroku-preview-"))
    try:
        yield folder / "preview"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def serve(preview: Preview, bind: str, port: int, log: TextIO = sys.stdout) -> None:
    """Build the preview, serve it and rebuild on every change until interrupted."""
    try:
        server = PreviewServer((LOOPBACK[bind], port), preview)
    except OSError as exc:
        raise BuildFailure(f"cannot listen on {bind}:{port}: {exc.strerror}; pass another --port") from None
    changes: queue.Queue[Path] = queue.Queue()
    observer = Observer()
    watcher = _Changes(changes, preview.policy_path, preview.layouts)
    for root, recursive in ((preview.content, True), (preview.layouts, True), (preview.policy_path.parent, False)):
        observer.schedule(watcher, str(root), recursive=recursive)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)
        signal.signal(signal.SIGINT, _interrupt)  # also when started in the background, where it is ignored
    try:
        observer.start()
        _rebuild(server, None, log)
        url = f"http://{bind}:{server.server_address[1]}/"
        print(f"serving the internal preview at {url} from {preview.out} (127.0.0.1 only); Ctrl-C to stop", file=log, flush=True)
        threading.Thread(target=_build_loop, args=(server, changes, log), daemon=True).start()
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


def _build_loop(server: PreviewServer, changes: queue.Queue[Path], log: TextIO) -> None:
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
