"""The HTTP side of `serve`: 127.0.0.1 only, pages from the preview folder, live reload, the desk.

Each open tab holds a server-sent events stream (``/__preview/events``) and
reloads itself when the preview's version moves on (a page asked for before
every meeting was loaded reloads when they are). The script that does so
(``/__preview/reload.js``) is added to HTML responses by the server, so it is
never part of any written page. While the content has errors, every page is an error page naming file,
line and column. Watching and rebuilding are in ``kaigiroku.preview.livereload``.

The review desk's actions are POST requests to ``/__desk/action`` (``desk.Desk``). Each must carry
this process's secret in a header (the server puts it in the pages it serves, never in a file or a
cookie: a page of another site can neither read nor send it), an ``Origin`` of this server and a
``Host`` of 127.0.0.1 or localhost with its port (a DNS-rebinding name is refused); pages may not be
framed by another page.
"""

from __future__ import annotations

import hmac
import html
import json
import secrets
import sys
import threading
import traceback
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Iterator, TextIO
from urllib.parse import parse_qs, unquote, urlsplit

from kaigiroku.core.errors import ContentError
from kaigiroku.core.messages import current, say, say_n

from .desk import Desk, Refused
from .edition import Preview

LOOPBACK = {"127.0.0.1": "127.0.0.1", "localhost": "127.0.0.1"}
EVENTS = "/__preview/events"
HEARTBEAT = 10.0
# An external script, so that pages keep their Content-Security-Policy (no inline script) in the preview.
RELOAD_JS = "/__preview/reload.js"
RELOAD_TAG = '<script src="{src}" data-version="{version}"></script>'
# While the desk's dialog is open, the reload waits until it is closed (desk.js), so nothing typed is lost.
RELOAD_CODE = ('(function(){var v=document.currentScript.getAttribute("data-version");'
               'var s=new EventSource("' + EVENTS + '?since="+v);'
               's.onmessage=function(e){if(e.data!==v){s.close();if(window.kaigirokuDeskBusy){window.kaigirokuDeskReload=true;}'
               'else{location.reload();}}};})();\n').encode()
BUILDING_VERSION = "building"  # the version of a page that waits for every meeting to be loaded
DESK = "/__desk/action"
TOKEN_HEADER = "X-Kaigiroku-Desk"
TOKEN_TAG = '<meta name="kaigiroku-desk" content="{token}">'
MAX_ACTION = 64 * 1024  # bytes of one action
TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
         ".xml": "application/xml; charset=utf-8", ".txt": "text/plain; charset=utf-8", ".json": "application/json"}


class Reloader:
    """The preview's version, and a way for event streams to wait for the next one."""

    def __init__(self) -> None:
        self.version = 0
        self.complete = False  # every meeting loaded
        self.closing = False
        self._changed = threading.Condition()

    def publish(self, version: int, complete: bool) -> None:
        with self._changed:
            if (version, complete) != (self.version, self.complete):
                self.version, self.complete = version, complete
                self._changed.notify_all()

    def close(self) -> None:
        with self._changed:
            self.closing = True
            self._changed.notify_all()

    def wait(self, since: str, timeout: float) -> str:
        """The version to tell a tab that shows version ``since`` (``building``: a page that waits for
        every meeting), once there is news or ``timeout`` passed (then ``since`` itself)."""
        def news() -> bool:
            return self.complete if since == BUILDING_VERSION else str(self.version) != since

        with self._changed:
            self._changed.wait_for(lambda: news() or self.closing, timeout)
            return str(self.version) if news() else since


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], preview: Preview, log: TextIO = sys.stdout):
        super().__init__(address, Handler)
        self.preview = preview
        self.desk = Desk(preview)
        self.log = log
        self.lock = threading.Lock()  # held while the preview changes
        self.reloader = Reloader()
        self.hosts = {f"{name}:{self.server_address[1]}" for name in LOOPBACK}
        self.origins = {f"http://{host}" for host in self.hosts}
        self.token = secrets.token_urlsafe(32)  # the desk's secret: in the pages this process serves only
        self.waiting = 0  # requests waiting for the lock: the background loading lets them go first
        self._count = threading.Lock()

    @contextmanager
    def turn(self) -> Iterator[Preview]:
        """The preview, for one request: before the background loading's next step."""
        with self._count:
            self.waiting += 1
        try:
            self.lock.acquire()
        finally:
            with self._count:
                self.waiting -= 1
        try:
            yield self.preview
        finally:
            self.lock.release()

    def publish(self) -> None:
        self.reloader.publish(self.preview.version, self.preview.complete)

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
        with self.server.turn() as preview:
            errors = preview.errors
            state = "ready" if errors else preview.prepare(rel)
            version, loaded, listed = preview.version, len(preview.paths) - len(preview.todo), len(preview.paths)
        self.server.publish()  # rendering a page may have found a broken layout
        if state == "folder":
            return self._redirect(url.path + "/")
        if state == "wait":
            return self._page(503, building(loaded, listed), BUILDING_VERSION)
        root = preview.out.resolve()
        target = (root / rel).resolve()
        if not target.is_relative_to(root):
            return self._send(400, "text/plain; charset=utf-8", b"bad path\n")
        if target.is_dir():
            return self._redirect(url.path + "/")
        if errors and target.suffix in ("", ".html"):
            return self._page(500, error_page(errors), version)
        if not target.is_file():
            with self.server.turn() as preview:
                preview.prepare("404.html")  # made when first needed, like every page
            missing = root / "404.html"
            return self._page(404, missing.read_bytes() if missing.is_file() else b"<h1>404</h1>", version)
        data = target.read_bytes()
        if target.suffix == ".html":
            return self._page(200, data, version)
        return self._send(200, TYPES.get(target.suffix, "application/octet-stream"), data)

    def do_POST(self) -> None:
        """An action of the review desk: refused, with nothing written, unless every check passes."""
        problem = self._refusal()
        if problem:
            status, message = problem
            return self._json(status, {"ok": False, "message": message})
        try:
            request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        except (ValueError, UnicodeDecodeError):
            return self._json(400, {"ok": False, "message": "操作の内容を読めません。"})
        with self.server.turn():
            try:
                status, result = 200, self.server.desk.act(request)
            except Refused as exc:
                status, result = exc.status, {"ok": False, "message": exc.message, "reload": exc.reload}
            except Exception as exc:  # a bug: reported by where it is, never by its message (it may quote content)
                where = traceback.extract_tb(exc.__traceback__)[-1]
                print(f"desk: action failed ({type(exc).__name__} at {where.filename}:{where.lineno})",
                      file=self.server.log, flush=True)
                status, result = 500, {"ok": False, "message": "内部エラーのため操作できませんでした。何も書き込んでいません。"}
        self.server.publish()
        action = request.get("action") if isinstance(request, dict) else None
        meeting = request.get("meeting", "") if isinstance(request, dict) else ""
        print(f"desk: {action} {meeting if isinstance(meeting, str) else ''} "
              f"{'done' if status == 200 else f'refused ({status})'}", file=self.server.log, flush=True)
        self._json(status, result)

    def _refusal(self) -> tuple[int, str] | None:
        """Why a POST is refused: a foreign Host or Origin, no or a wrong secret, not JSON, too long."""
        headers, server = self.headers, self.server
        if headers.get("Host", "") not in server.hosts:
            return 403, "Host が違います。serve が表示したアドレスで開いてください。"
        if urlsplit(self.path).path != DESK:
            return 404, "そのような操作はありません。"
        if headers.get("Origin") not in server.origins or headers.get("Sec-Fetch-Site", "same-origin") != "same-origin":
            return 403, "このプレビューのページ以外からの操作は受け付けません。"
        if not hmac.compare_digest(headers.get(TOKEN_HEADER, "").encode(), server.token.encode()):
            return 403, "このプレビューが表示したページからの操作ではありません。ページを読み込み直してください。"
        if headers.get("Content-Type", "").split(";")[0].strip() != "application/json":
            return 415, "操作は JSON で送ってください。"
        length = headers.get("Content-Length", "")
        if not length.isdigit() or int(length) > MAX_ACTION:
            return 413, "操作の内容が長すぎます。"
        return None

    def _json(self, status: int, data: dict[str, Any]) -> None:
        self._send(status, "application/json; charset=utf-8", json.dumps(data, ensure_ascii=False).encode("utf-8"))

    def _page(self, status: int, data: bytes, version: int | str) -> None:
        script = RELOAD_TAG.format(src=RELOAD_JS, version=version).encode()
        head, found, tail = data.rpartition(b"</body>")
        data = head + script + found + tail if found else data + script
        token = TOKEN_TAG.format(token=self.server.token).encode()
        self._send(status, TYPES[".html"], data.replace(b"</head>", token + b"</head>", 1))

    def _send(self, status: int, kind: str, data: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "DENY")  # no page of another site may frame the desk
        self.send_header("Content-Security-Policy", "frame-ancestors 'none'")
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
                version = reloader.wait(since, HEARTBEAT)
                if version != since and not reloader.closing:
                    self.wfile.write(f"data: {version}\n\n".encode())
                    since = version
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


def building(loaded: int, listed: int) -> bytes:
    """The page of a list asked for before every meeting is loaded; it reloads when they are."""
    return ('<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><meta name="robots" content="noindex">'
            '<title>プレビューを作成しています</title></head><body><p role="note"><strong>内部プレビュー</strong></p>'
            '<h1>プレビューを作成しています</h1>'
            f'<p>一覧のページは、すべての会議録を読み込んでから表示します（{loaded} / {listed} 件を読み込みました）。'
            '各会議録のページは今すぐ開けます。</p><p>できあがると、このページは自動で切り替わります。</p></body></html>').encode()


def error_page(errors: list[ContentError]) -> bytes:
    """The page every address shows while the content has errors (in the messages' language)."""
    items = "\n".join(f"<li><code>{html.escape(str(e))}</code></li>" for e in errors)
    title, note = html.escape(say("Error: the preview cannot be updated")), html.escape(say("internal preview"))
    heading = html.escape(say_n("{n} error", "{n} errors", len(errors)))
    fix = html.escape(say("Fix the files and save them: this page then updates by itself."))
    return (f'<!DOCTYPE html><html lang="{current()}"><head><meta charset="utf-8"><meta name="robots" content="noindex">'
            f'<title>{title}</title><style>body{{font-family:sans-serif;margin:2rem;}}'
            f'li{{margin:.5rem 0}}code{{white-space:pre-wrap}}</style></head><body class="preview-error">'
            f'<p role="note"><strong>{note}</strong></p><h1>{heading}</h1>'
            f'<p>{fix}</p><ol>{items}</ol></body></html>').encode()
