"""`python build.py serve` as a real server on 127.0.0.1: live reload, errors, safety."""

from __future__ import annotations

import http.client
import os
import re
import socket
import tempfile
import threading
import time
from pathlib import Path

import pytest
from minutes import edit, fetch, running_server, write_content

from build import main
from kaigiroku.preview.edition import Preview
from kaigiroku.preview.server import PreviewServer
from kaigiroku.render.pages import LAYOUTS
from redaction.policy import DEFAULT_POLICY

PAGE = "privacy/2024-04-10/"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return write_content(tmp_path)


def raw_get(url: str, path: str, host: str | None = None) -> int:
    port = int(url.rsplit(":", 1)[1].strip("/"))
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.putrequest("GET", path, skip_host=True)
    conn.putheader("Host", host or f"127.0.0.1:{port}")
    conn.endheaders()
    status = conn.getresponse().status
    conn.close()
    return status


def test_an_edit_on_disk_changes_the_served_page(content: Path, tmp_path: Path) -> None:
    with running_server(content, tmp_path) as server:
        status, body = server.get(PAGE)
        assert status == 200 and "市の考えを伺いたい" in body
        assert '<script src="/__preview/reload.js" data-version="' in body  # external: the CSP allows no inline script
        assert 'new EventSource("/__preview/events?since="' in server.get("/__preview/reload.js")[1]
        edit(content / "privacy" / "2024-04-10.md", "市の考えを伺いたい", "市の見解を伺いたい")
        status, body = server.wait_for(PAGE, lambda s, b: "市の見解を伺いたい" in b)
        assert status == 200 and "市の見解を伺いたい" in body


def test_an_open_tab_is_told_to_reload(content: Path, tmp_path: Path) -> None:
    with running_server(content, tmp_path) as server:
        port = int(server.url.rsplit(":", 1)[1].strip("/"))
        shown = re.search(r'data-version="(\d+)"', server.get(PAGE)[1])  # a tab shows the page
        assert shown
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(f"GET /__preview/events?since={shown.group(1)} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
            head = sock.recv(4096).decode()
            assert "text/event-stream" in head
            edit(content / "privacy" / "2024-04-10.md", "市の考え", "市のお考え")
            received = b""
            while b"data: " not in received:
                received += sock.recv(4096)
            assert f"data: {int(shown.group(1)) + 1}".encode() in received


def test_a_broken_file_shows_an_error_page_and_the_fix_brings_the_page_back(content: Path, tmp_path: Path) -> None:
    path = content / "privacy" / "2024-04-10.md"
    with running_server(content, tmp_path) as server:
        edit(path, "{{redact:personal|菅原隆|要再確認 照会番号T-7519}}", "{{redact:personal 菅原隆")
        # An editor's write is not atomic: a rebuild may first see the file cut short (another error).
        status, body = server.wait_for(PAGE, lambda s, b: s == 500 and "unclosed {{redact" in b)
        assert status == 500
        assert "content/privacy/2024-04-10.md:11:9: unclosed {{redact" in body
        assert "/__preview/reload.js" in body
        assert server.get("")[0] == 500  # every page shows it
        edit(path, "{{redact:personal 菅原隆", "{{redact:personal|菅原隆}}")
        status, body = server.wait_for(PAGE, lambda s, b: s == 200)
        assert status == 200 and "菅原隆" in body
        assert server.proc.poll() is None
        assert any("11:9: unclosed" in line for line in server.log)


def test_withheld_text_never_reaches_the_log(content: Path, tmp_path: Path) -> None:
    with running_server(content, tmp_path) as server:
        edit(content / "privacy" / "2024-04-10.md", "|菅原隆|", "|菅原隆|\n")
        server.wait_for(PAGE, lambda s, b: s == 500)
    assert server.log and not [line for line in server.log if "菅原" in line or "T-7519" in line]


@pytest.mark.parametrize("path", ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/privacy/%2E%2E/%2e%2e/etc/passwd",
                                  "/static/..%2f..%2fetc/passwd", "/..\\..\\etc\\passwd"])
def test_the_server_refuses_path_traversal(content: Path, tmp_path: Path, path: str) -> None:
    with running_server(content, tmp_path) as server:
        assert raw_get(server.url, path) == 400


def test_the_server_refuses_a_foreign_host_name(content: Path, tmp_path: Path) -> None:
    with running_server(content, tmp_path) as server:
        assert raw_get(server.url, "/", host="preview.example.com") == 403
        server.wait_for("", lambda s, b: s == 200)  # the lists are made once every meeting is loaded
        assert raw_get(server.url, "/") == 200


@pytest.mark.parametrize("address", ["0.0.0.0", "192.168.1.10", "::", "::1"])
def test_serve_refuses_an_address_other_than_loopback(address: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["serve", "--bind", address])
    assert exc.value.code == 2
    assert "127.0.0.1 only" in capsys.readouterr().err


def test_the_preview_folder_and_site_never_mix(content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == 0
    before = {p: p.read_bytes() for p in Path("site").rglob("*") if p.is_file()}
    with running_server(content, tmp_path) as server:
        folder = server.folder.resolve()
        assert not folder.is_relative_to(tmp_path.resolve())
        assert server.get(PAGE)[0] == 200  # pages are written as they are asked for
        assert (folder / "_preview" / "preview.css").is_file() and (folder / PAGE / "index.html").is_file()
        assert not (folder / "pagefind").exists()
        edit(content / "privacy" / "2024-04-10.md", "市の考え", "市のお考え")
        server.wait_for(PAGE, lambda s, b: "市のお考え" in b)
    assert not folder.exists()  # removed on exit
    assert {p: p.read_bytes() for p in Path("site").rglob("*") if p.is_file()} == before


def test_the_review_list_is_served_fresh(content: Path, tmp_path: Path) -> None:
    with running_server(content, tmp_path) as server:
        status, body = server.wait_for("_review/", lambda s, b: s == 200)  # once every meeting is loaded
        assert status == 200 and "菅原隆" in body and 'href="../privacy/2024-04-10/#redaction-0"' in body
        edit(content / "privacy" / "2024-04-10.md", "|菅原隆|", "|菅原孝|")
        status, body = server.wait_for("_review/", lambda s, b: "菅原孝" in b)
        assert "菅原孝" in body


def test_a_burst_of_saves_is_one_rebuild(content: Path, tmp_path: Path) -> None:
    path = content / "privacy" / "2024-04-10.md"
    with running_server(content, tmp_path) as server:
        assert server.get(PAGE)[0] == 200
        for n in range(5):
            edit(path, "市の考え" if n == 0 else f"市の考え{n - 1}", f"市の考え{n}")
        server.wait_for(PAGE, lambda s, b: "市の考え4" in b)
        time.sleep(0.5)
    rebuilds = [line for line in server.log if line.startswith("updated")]
    assert 1 <= len(rebuilds) <= 2  # one (rarely two) for the burst


def test_serve_names_a_missing_content_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--port", "0", "--content", str(tmp_path / "nowhere")]) == 2  # wrong usage (issue 23)
    assert f"error: --content {tmp_path / 'nowhere'}: no such folder" in capsys.readouterr().err


def test_a_meeting_page_is_served_at_once_and_the_lists_wait_for_every_meeting(tmp_path: Path) -> None:
    content = write_content(tmp_path, meetings=4)
    preview = Preview(content, DEFAULT_POLICY, LAYOUTS, tmp_path / "pv")
    server = PreviewServer(("127.0.0.1", 0), preview)
    preview.start()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        status, body = fetch(url + PAGE)
        assert status == 200 and "市の考えを伺いたい" in body and "次の会議：令和6年度第5回" in body
        assert len(preview.sources) == 2 and not preview.complete  # the page and its neighbour, nothing else
        status, body = fetch(url)
        assert status == 503 and "プレビューを作成しています" in body and "2 / 4 件を読み込みました" in body
        assert 'data-version="building"' in body
        with socket.create_connection(("127.0.0.1", server.server_address[1]), timeout=10) as sock:
            sock.sendall(f"GET /__preview/events?since=building HTTP/1.1\r\nHost: 127.0.0.1:{server.server_address[1]}\r\n\r\n".encode())
            assert "text/event-stream" in sock.recv(4096).decode()
            with server.lock:
                assert preview.load_some(60.0)
            server.publish()
            received = b""
            while b"data: " not in received:
                received += sock.recv(4096)
            assert f"data: {preview.version}".encode() in received
        status, body = fetch(url)
        assert status == 200 and "令和6年度第7回" in body
    finally:
        server.shutdown()
        server.server_close()


def test_an_editor_that_saves_by_renaming_a_new_file_is_seen(content: Path, tmp_path: Path) -> None:
    path = content / "privacy" / "2024-04-10.md"
    with running_server(content, tmp_path) as server:
        partial = path.with_name("2024-04-10.md.tmp~")
        partial.write_text(path.read_text(encoding="utf-8").replace("市の考え", "市の方針"), encoding="utf-8")
        os.replace(partial, path)
        status, body = server.wait_for(PAGE, lambda s, b: "市の方針" in b)
        assert "市の方針" in body


@pytest.mark.parametrize("inside", ["site/tmp", "content/tmp"])
def test_a_temporary_folder_inside_a_built_site_or_the_content_is_refused(
        content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        inside: str) -> None:
    """The preview shows withheld text: TMPDIR pointing into a build or the content stops `serve` (exit 2)
    before anything is written there (issue 23, item 1)."""
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == 0
    (tmp_path / inside).mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / inside))
    assert main(["serve", "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: the preview holds withheld text and may not be written into ") and "TMPDIR" in err
    assert list((tmp_path / inside).iterdir()) == []


def test_a_page_that_is_not_there_is_the_site_s_404_page(content: Path, tmp_path: Path) -> None:
    with running_server(content, tmp_path) as server:
        status, body = server.get("privacy/2099-01-01/")
        assert status == 404 and "<h1>ページが見つかりません</h1>" in body and "preview-banner" in body
