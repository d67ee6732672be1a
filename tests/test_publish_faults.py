"""A publish killed, refused or starved half way: every file on the target stays whole, readers never get
a broken page, and the next publish finishes the work (tests/tools/killed_publish.py injects the kills
from outside; production code has no hooks)."""

from __future__ import annotations

import http.server
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from functools import partial
from pathlib import Path
from xml.etree import ElementTree

import pytest
from proof import generate_corpus, tree_digest
from publishing import KILLED_PUBLISH, Desk, holds_the_build


def whole(target: Path, versions: list[dict[str, bytes]]) -> None:
    """Every file of ``target`` (but this program's state) is one of its versions, byte for byte; the
    target's own feed is whole XML whose entries are those of a version."""
    for path in target.rglob("*"):
        rel = path.relative_to(target).as_posix()
        if not path.is_file() or rel.startswith(".kaigiroku-publish/") or rel == "_manifest.json":
            continue
        if rel == "feed.xml":
            assert feed_ids(path.read_bytes()) in [feed_ids(v[rel]) for v in versions if rel in v], "feed.xml is torn"
            continue
        data = dates(path.read_bytes()) if rel == "sitemap.xml" else path.read_bytes()
        shown = [dates(v.get(rel, b"")) if rel == "sitemap.xml" else v.get(rel) for v in versions]
        assert data in shown, f"{rel} is no whole version"


def feed_ids(feed: bytes) -> set[str]:
    """The entries of a feed (parsing fails on a torn file)."""
    return {e.findtext("{http://www.w3.org/2005/Atom}id") or "" for e in
            ElementTree.fromstring(feed).iter("{http://www.w3.org/2005/Atom}entry")}


def dates(sitemap: bytes) -> bytes:
    """A sitemap without its lastmod values (the target's moves those of withdrawn pages)."""
    return re.sub(rb"<lastmod>[^<]*</lastmod>", b"<lastmod/>", sitemap)


def contents(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def redacted_after(tmp_path: Path) -> tuple[Desk, Path, dict[str, bytes], dict[str, bytes]]:
    """A published archive, then a build that withholds a name the target shows and adds a meeting."""
    desk = Desk(tmp_path / "desk")
    desk.build()
    www = tmp_path / "www"
    assert desk.publish(www).code == 0
    old = contents(www)
    desk.edit("2024-04-10", "北山公園", "{{redact:administration|北山公園}}")
    shutil.copyfile(desk.content / "privacy" / "2024-05-10.md", desk.content / "privacy" / "2024-07-10.md")
    desk.edit("2024-07-10", "date: 2024-05-10", "date: 2024-07-10")
    (desk.content / "privacy" / "2024-06-10.md").unlink()
    desk.build("--allow-withdraw")  # taking a meeting down is said so
    return desk, www, old, contents(desk.site)


@pytest.mark.parametrize("point", ["after-1", "after-2", "after-3", "after-4", "after-5", "after-7", "before-receipt"])
def test_a_publish_killed_at_each_step_is_finished_by_the_next(redacted_after, point: str) -> None:
    desk, www, old, new = redacted_after
    killed = desk.publish_subprocess(www, tool=[str(KILLED_PUBLISH), point])
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    whole(www, [old, new])
    assert len(desk.receipts()) == 1
    run = desk.publish(www)
    assert run.code == 0, run.stderr
    assert holds_the_build(www, desk.site) and not (www / ".kaigiroku-publish").exists()
    assert len(desk.receipts()) == 2  # one record of the publish that the second run finished
    last = desk.receipts()[-1]
    assert "privacy/2024-04-10/index.html" in last["withdrawn"]  # found before the kill, kept on the target
    assert "privacy/2024-06-10/index.html" in last["withdrawn"]
    assert "privacy/2024-07-10/index.html" in last["added"]
    assert "privacy/2024-06-10/index.html" in last["removed"]


def test_publishes_killed_at_random_moments_leave_whole_files_and_are_finished(redacted_after) -> None:
    desk, www, old, new = redacted_after
    rng = random.Random(int(os.environ.get("KILL_SEED", "20")))
    started = time.monotonic()
    full = desk.publish_subprocess(desk.root / "probe")  # how long a whole publish takes here
    assert full.returncode == 0, full.stderr
    took = time.monotonic() - started
    for _ in range(4):
        proc = subprocess.Popen([sys.executable, str(Path(__file__).parents[1] / "build.py"), *desk.args(www)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(rng.uniform(0.05, took))
        os.killpg(proc.pid, signal.SIGKILL)  # rsync with it, as a stopped service would be
        proc.wait()
        whole(www, [old, new])
    run = desk.publish(www)
    assert run.code == 0, run.stderr
    assert holds_the_build(www, desk.site) and not (www / ".kaigiroku-publish").exists()
    assert "privacy/2024-04-10/index.html" in desk.receipts()[-1]["withdrawn"] or any(
        "privacy/2024-04-10/index.html" in r["withdrawn"] for r in desk.receipts()[1:])


class Reader(threading.Thread):
    """Fetches pages over HTTP from the target again and again while a publish runs."""

    def __init__(self, base: str, paths: list[str]) -> None:
        super().__init__(daemon=True)
        self.base, self.paths = base, paths
        self.seen: list[tuple[str, int, bytes]] = []
        self.stop = threading.Event()

    def run(self) -> None:
        deadline = time.monotonic() + 300
        while not self.stop.is_set() and time.monotonic() < deadline:
            for path in self.paths:
                try:
                    with urllib.request.urlopen(self.base + path, timeout=10) as response:
                        self.seen.append((path, response.status, response.read()))
                except urllib.error.HTTPError as exc:
                    self.seen.append((path, exc.code, b""))


def test_a_reader_never_gets_a_broken_page_during_a_publish(tmp_path: Path) -> None:
    desk = Desk(tmp_path / "desk")
    shutil.rmtree(desk.content)
    generate_corpus(desk.content, meetings=60, seed=3)
    desk.build()
    www = tmp_path / "www"
    assert desk.publish(www).code == 0
    old = contents(www)
    meetings = sorted(desk.content.glob("*/*.md"))
    for path in meetings[::3]:  # a third edited, two taken down, one added
        path.write_text(path.read_text(encoding="utf-8") + "\n追記：資料を差し替えた。\n", encoding="utf-8")
    meetings[1].unlink()
    meetings[4].unlink()
    shutil.copyfile(meetings[0], meetings[0].with_name("2099-01-01.md"))
    desk.build("--allow-withdraw")  # taking a meeting down is said so
    new = contents(desk.site)
    pages = sorted(p for p in old.keys() | new.keys() if p.endswith((".html", ".json", ".xml", ".css", ".js")))
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(www))
    handler.log_message = lambda *a: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    reader = Reader(f"http://127.0.0.1:{server.server_address[1]}/", pages)
    try:
        reader.start()
        time.sleep(0.3)
        run = desk.publish(www)
        time.sleep(0.3)
        reader.stop.set()
        reader.join()
    finally:
        server.shutdown()
    assert run.code == 0, run.stderr
    assert len(reader.seen) > len(pages)  # it read while the publish ran
    final = contents(www)  # the target's own feed and sitemap are not the site's
    for path, status, body in reader.seen:
        if status == 404:
            assert path not in old or path not in new, f"{path}: 404 though it is in both builds"
        else:
            assert status == 200 and body in (old.get(path), new.get(path), final.get(path)), f"{path}: a broken page"
    assert holds_the_build(www, desk.site)


def as_nobody(command: list[str]) -> list[str]:
    """Run as a user with no rights on root's files: in a user namespace of its own when this is root."""
    return ["unshare", "--user", *command] if os.geteuid() == 0 else command


def test_permission_denied_on_the_target_is_a_clear_error(tmp_path: Path) -> None:
    desk = Desk(tmp_path / "desk")
    desk.build()
    www = tmp_path / "www"
    www.mkdir()
    os.chmod(www, 0o555)
    for folder in (tmp_path, desk.root, desk.content, desk.site):
        os.chmod(folder, 0o755)
    env = {**os.environ, "HOME": str(tmp_path)}
    proc = subprocess.run(as_nobody([sys.executable, str(Path(__file__).parents[1] / "build.py"), *desk.args(www)]),
                          capture_output=True, text=True, env=env, timeout=300)
    try:
        assert proc.returncode == 1, proc.stdout + proc.stderr
        assert "error: cannot write to" in proc.stderr and "permission denied" in proc.stderr
        assert "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1
        assert list(www.iterdir()) == [] and not desk.receipts()
    finally:
        os.chmod(www, 0o755)


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 1.2 MB tmpfs (root only, as CI runs; the test says why it cannot run otherwise)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root (CI runs as root)")
    mount = tmp_path / "disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1200k", "tmpfs", str(mount)], check=True)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_on_the_target_keeps_every_file_whole_and_the_next_publish_finishes(small_disk: Path,
                                                                                       tmp_path: Path) -> None:
    desk = Desk(tmp_path / "desk")
    desk.build()
    www = small_disk / "www"
    assert desk.publish(www).code == 0
    old = contents(www)
    filler = small_disk / "filler"
    free = os.statvfs(small_disk)
    filler.write_bytes(b"\0" * max(0, free.f_bavail * free.f_frsize - 60_000))
    for slug in ("2024-04-10", "2024-05-10", "2024-06-10"):
        desk.edit(slug, "会議を開きます。", "会議を開きます。" + "本日の資料は事前に配布したとおりです。" * 300)
    desk.build()
    run = desk.publish(www)
    assert run.code == 1, run.stdout
    assert "the disk of the target is full: free space there" in run.stderr and "Traceback" not in run.stderr
    assert "the next publish finishes this one" in run.stderr
    whole(www, [old, contents(desk.site)])
    assert len(desk.receipts()) == 1
    filler.unlink()
    again = desk.publish(www)
    assert again.code == 0, again.stderr
    assert holds_the_build(www, desk.site) and len(desk.receipts()) == 2
    assert tree_digest(www).keys() - {"_manifest.json"} == tree_digest(desk.site).keys() - {"_manifest.json"}
