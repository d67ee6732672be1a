"""The HTTP side of `serve`: 127.0.0.1 only, pages from the preview folder, live reload.

Each open tab holds a server-sent events stream (``/__preview/events``) and
reloads itself when the preview's version moves on. The script that does so
(``/__preview/reload.js``) is added to HTML responses by the server, so it is
never part of any written page. While the content has errors, every page is an error page naming file,
line and column. Watching and rebuilding are in ``kaigiroku.livereload``.
"""

from __future__ import annotations

import html
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

from kaigiroku.core.errors import ContentError

from .edition import Preview

LOOPBACK = {"127.0.0.1": "127.0.0.1", "localhost": "127.0.0.1"}
EVENTS = "/__preview/events"
HEARTBEAT = 10.0
# An external script, so that pages keep their Content-Security-Policy (no inline script) in the preview.
RELOAD_JS = "/__preview/reload.js"
RELOAD_TAG = '<script src="{src}" data-version="{version}"></script>'
RELOAD_CODE = ('(function(){var v=document.currentScript.getAttribute("data-version");'
               'var s=new EventSource("' + EVENTS + '?since="+v);'
               's.onmessage=function(e){if(e.data!==v){s.close();location.reload();}};})();\n').encode()
TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
         ".xml": "application/xml; charset=utf-8", ".txt": "text/plain; charset=utf-8", ".json": "application/json"}


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
        if url.path == RELOAD_JS:
            return self._send(200, TYPES[".js"], RELOAD_CODE)
        rel = safe_path(url.path)
        if rel is None:
            return self._send(400, "text/plain; charset=utf-8", b"bad path\n")
        preview = self.server.preview
        if not self.server.lock.acquire(blocking=preview.version > 0):  # the first build is still running
            return self._page(503, BUILDING, 0)
        try:
            errors, version = preview.errors, preview.version
            if not errors:
                preview.deferred(rel)
        finally:
            self.server.lock.release()
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
        script = RELOAD_TAG.format(src=RELOAD_JS, version=version).encode()
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


BUILDING = ('<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><meta name="robots" content="noindex">'
            '<title>プレビューを作成しています</title></head><body><p role="note"><strong>内部プレビュー</strong></p>'
            '<h1>プレビューを作成しています</h1><p>できあがると、このページは自動で切り替わります。</p></body></html>').encode()


def error_page(errors: list[ContentError]) -> bytes:
    items = "\n".join(f"<li><code>{html.escape(str(e))}</code></li>" for e in errors)
    return (f'<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><meta name="robots" content="noindex">'
            f'<title>エラー：プレビューを更新できません</title><style>body{{font-family:sans-serif;margin:2rem;}}'
            f'li{{margin:.5rem 0}}code{{white-space:pre-wrap}}</style></head><body class="preview-error">'
            f'<p role="note"><strong>内部プレビュー</strong></p><h1>{len(errors)} 件のエラーがあります</h1>'
            f'<p>ファイルを直して保存すると、このページは自動で更新されます。</p><ol>{items}</ol></body></html>').encode()
