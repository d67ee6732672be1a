"""A built site served on 127.0.0.1 and Debian's chromium driven by Playwright.

These tests never skip: a missing chromium or Playwright is a failure.
Every page records Content-Security-Policy violations and console errors.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path
from typing import Iterator

import pytest
from proof import ADVERSARIAL, build_subprocess

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
# Runs before any script of the page, outside its CSP: collects violations.
WATCH_CSP = """
window.__csp = [];
document.addEventListener("securitypolicyviolation",
  e => window.__csp.push(e.violatedDirective + " " + e.blockedURI));
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The adversarial fixture: withheld text everywhere, hostile markup, and a plain meeting."""
    root = tmp_path_factory.mktemp("browser")
    content = root / "content"
    shutil.copytree(ADVERSARIAL, content)
    out = root / "site"
    run = build_subprocess("build", "--content", str(content), "--out", str(out))  # Playwright owns this loop
    assert run.code == 0, run.stderr
    return out


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")  # Playwright's loop must not outlive these modules: builds use asyncio.run
def browser() -> Iterator["object"]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: "object") -> Iterator["object"]:
    context = browser.new_context(locale="ja-JP")  # type: ignore[attr-defined]
    page = context.new_page()
    page.add_init_script(WATCH_CSP)
    page.console_errors = []
    page.on("console", lambda msg: page.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    yield page
    context.close()
