"""The review desk writes files, so only this preview's own pages may make it write: every other request is
refused with nothing written (no secret, a wrong Origin, a foreign or rebinding Host, a path outside the
content folder), and a public build holds neither the desk's script nor its endpoint."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from desk import Client, desk_server, snapshot
from minutes import write_content

from build import main
from kaigiroku.preview.server import MAX_ACTION

PAGE = "/privacy/2024-04-10/"


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_content(tmp_path)


@pytest.fixture
def client(content: Path, tmp_path: Path) -> Client:
    with desk_server(content, tmp_path / "pv") as client:
        yield client  # type: ignore[misc]


def withhold(client: Client, meeting: str = "privacy/2024-04-10") -> dict[str, object]:
    return {"action": "withhold", "by": "山田", "meeting": meeting, "sha": client.sha(PAGE),
            "finding": {"line": 13, "col": 7, "text": "090-1234-5678"}, "category": "personal", "note": "", "scope": "here"}


def test_an_action_of_the_page_itself_is_done(client: Client, content: Path) -> None:
    status, result = client.post(withhold(client))
    assert status == 200 and result["ok"], result
    assert "{{redact:personal|090-1234-5678}}" in (content / "privacy" / "2024-04-10.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("headers", [
    {"token": ""},                                                     # no secret
    {"token": "x" * 43},                                               # a guessed secret
    {"origin": None},                                                  # no Origin
    {"origin": "http://evil.example"},                                 # a page of another site
    {"origin": "http://127.0.0.1:1"},                                  # another local server
    {"origin": "null"},                                                # a sandboxed frame or a file
    {"host": "evil.example"},                                          # DNS rebinding: the name of another site
    {"host": "127.0.0.1.nip.io:{port}"},
    {"extra": {"Sec-Fetch-Site": "cross-site"}},
    {"kind": "text/plain"},                                            # a form or a no-cors fetch
    {"kind": "application/x-www-form-urlencoded"},
    {"path": "/__desk/other"},
], ids=["no-secret", "wrong-secret", "no-origin", "foreign-origin", "other-port", "null-origin", "foreign-host",
        "rebinding-host", "cross-site", "text-plain", "form", "other-path"])
def test_a_post_that_is_not_from_this_preview_is_refused_with_nothing_written(
        client: Client, content: Path, headers: dict[str, object]) -> None:
    request = withhold(client)
    before = snapshot(content)
    if isinstance(headers.get("host"), str):
        headers = {**headers, "host": str(headers["host"]).format(port=client.port)}
    status, result = client.post(request, **headers)  # type: ignore[arg-type]
    assert status in (403, 404, 415) and result.get("ok") is False
    assert snapshot(content) == before
    assert client.post(request)[0] == 200  # the same action from the page itself is done


@pytest.mark.parametrize("meeting", ["../privacy/2024-04-10", "privacy/../privacy/2024-04-10", "privacy/2024-04-10/../x",
                                     "privacy/2024-04-10.md", "/etc/passwd", "privacy/%2e%2e/x", "privacy/nothere", "_approvals"])
def test_a_path_outside_the_meeting_files_is_refused(client: Client, content: Path, meeting: str) -> None:
    request = withhold(client, meeting)
    before = snapshot(content.parent)
    status, result = client.post(request)
    assert status == 404 and result["ok"] is False
    assert snapshot(content.parent) == before


def test_a_meeting_file_that_links_outside_the_content_folder_is_not_written(content: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_bytes((content / "privacy" / "2024-05-10.md").read_bytes().replace(b"2024-05-10", b"2024-06-10"))
    os.symlink(outside, content / "privacy" / "2024-06-10.md")
    with desk_server(content, tmp_path / "pv") as client:
        request = {**withhold(client), "meeting": "privacy/2024-06-10", "sha": client.sha("/privacy/2024-06-10/")}
        before = snapshot(content), outside.read_bytes()
        status, result = client.post(request)
    assert status == 403 and "content フォルダの中" in str(result["message"])
    assert (snapshot(content), outside.read_bytes()) == before


@pytest.mark.parametrize("body", [b"{not json", b'"withhold"', b"[]", b'{"action": "format c:"}', b"\xff\xfe"])
def test_a_body_that_is_not_an_action_is_refused(client: Client, content: Path, body: bytes) -> None:
    before = snapshot(content)
    status, _ = client.post(body)
    assert status == 400
    assert snapshot(content) == before


def test_an_action_too_long_is_refused_before_it_is_read(client: Client, content: Path) -> None:
    request = {**withhold(client), "note": "x" * MAX_ACTION}
    before = snapshot(content)
    status, _ = client.post(request)
    assert status == 413
    assert snapshot(content) == before


def test_the_secret_is_in_the_served_pages_only_and_differs_per_process(content: Path, tmp_path: Path) -> None:
    with desk_server(content, tmp_path / "one") as one, desk_server(content, tmp_path / "two") as two:
        status, page = one.get(PAGE)
        assert status == 200 and f'<meta name="kaigiroku-desk" content="{one.server.token}">' in page
        assert one.server.token != two.server.token and len(one.server.token) >= 40
        assert two.post(withhold(two), token=one.server.token)[0] == 403
        written = [p for p in (tmp_path / "one").rglob("*") if p.is_file()]
        assert written and not [p for p in written if one.server.token.encode() in p.read_bytes()]


def test_pages_of_the_preview_may_not_be_framed(client: Client) -> None:
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", client.port, timeout=10)
    conn.request("GET", PAGE, headers={"Host": f"127.0.0.1:{client.port}"})
    response = conn.getresponse()
    assert response.getheader("X-Frame-Options") == "DENY"
    assert response.getheader("Content-Security-Policy") == "frame-ancestors 'none'"


def test_a_public_build_has_no_desk(content: Path) -> None:
    assert main(["build"]) == 0
    for path in Path("site").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".txt", ".css", ".js", ".json"):
            text = path.read_text(encoding="utf-8")
            assert not [s for s in ("desk", "__desk", "kaigiroku-desk", "data-src", "<dialog") if s in text], path
    assert not list(Path("site").rglob("desk*")) and not Path("site/_preview").exists()
