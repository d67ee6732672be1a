"""site/ is always a complete build: the previous one or the new one, never a mix.

Builds are SIGKILLed at named points of the pipeline (tests/tools/killed_build.py
patches the stages in the child process; production code has no hooks) and
after random delays. A full disk and a read-only parent give a clear error,
exit 1, no traceback and the previous site untouched.
"""

from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest
from proof import ROOT, build_in_process, build_subprocess, generate_corpus, tree_digest

from kaigiroku.core.cache import cache_root

KILLED_BUILD = ROOT / "tests" / "tools" / "killed_build.py"


class Versions:
    """Two contents, the digests of their complete sites, and the published site."""

    def __init__(self, root: Path):
        self.old = generate_corpus(root / "old", meetings=6, seed=5)
        self.new = root / "new"
        shutil.copytree(self.old, self.new)
        first = sorted(self.new.glob("*/*.md"))[0]
        first.write_text(first.read_text(encoding="utf-8") + "\n追記：次回の日程は後日調整する。\n", encoding="utf-8")
        shutil.copyfile(first, first.with_name("2099-01-01.md"))
        self.digests: dict[str, dict[str, str]] = {}
        for name, content in (("old", self.old), ("new", self.new)):
            out = root / f"expected-{name}"
            run = build_subprocess("build", "--content", str(content), "--out", str(out))
            assert run.code == 0, run.stderr
            self.digests[name] = tree_digest(out)
        assert self.digests["old"] != self.digests["new"]
        self.site = root / "public" / "site"
        shutil.copytree(root / "expected-old", self.site)

    def state(self) -> str:
        """Which complete build site/ is; fails on anything else."""
        digest = tree_digest(self.site)
        matches = [name for name, d in self.digests.items() if d == digest]
        assert matches, f"site/ is neither build: {sorted(set(digest.items()) ^ set(self.digests['old'].items()))[:5]}"
        return matches[0]

    def leftovers(self) -> list[str]:
        return sorted(p.name for p in self.site.parent.iterdir() if p.name not in ("site", ".cache"))


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> Versions:
    return Versions(tmp_path_factory.mktemp("atomic"))


@pytest.mark.parametrize("point, expected", [
    ("writing", "old"), ("indexed", "old"), ("before-swap", "old"), ("after-swap", "new"), ("removing-old", "new"),
])
def test_killed_at_each_stage_leaves_a_complete_site(versions: Versions, point: str, expected: str) -> None:
    start = versions.state()
    target = versions.new if start == "old" else versions.old
    proc = subprocess.run([sys.executable, str(KILLED_BUILD), point, "build", "--content", str(target),
                           "--out", str(versions.site), "--allow-withdraw"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    after = versions.state()
    assert after == (start if expected == "old" else ("new" if start == "old" else "old"))


def test_killed_after_random_delays_leaves_a_complete_site(versions: Versions) -> None:
    rng = random.Random(int(os.environ.get("KILL_SEED", "8")))
    started = time.monotonic()
    assert build_subprocess("build", "--content", str(versions.old), "--out", str(versions.site),
                            "--allow-withdraw").code == 0
    duration = time.monotonic() - started
    seen = set()
    for _ in range(6):
        target = versions.new if versions.state() == "old" else versions.old
        proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "build", "--content", str(target),
                                 "--out", str(versions.site), "--allow-withdraw"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        time.sleep(rng.uniform(0.05, duration * 1.1))
        os.killpg(proc.pid, signal.SIGKILL)  # the build and its Pagefind child
        proc.wait()
        seen.add(versions.state())
    assert seen  # every state checked was a complete build


def test_the_next_build_clears_what_killed_builds_left(versions: Versions) -> None:
    run = build_subprocess("build", "--content", str(versions.old), "--out", str(versions.site), "--allow-withdraw")
    assert run.code == 0, run.stderr
    assert versions.state() == "old"
    assert versions.leftovers() == []


def test_an_interrupted_two_rename_swap_is_repaired(tmp_path: Path) -> None:
    """Without renameat2 the swap is two renames; a kill between them leaves only `.site.old-*`."""
    from kaigiroku.publish.swap import recover

    old = tmp_path / ".site.old-abc"
    old.mkdir()
    (old / "index.html").write_text("previous", encoding="utf-8")
    (tmp_path / ".site.staging-xyz").mkdir()
    recover(tmp_path / "site")
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def small_site(root: Path, meetings: int) -> Path:
    return generate_corpus(root, meetings=meetings, seed=7)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """(content, site on a tmpfs with room for that one site and half another)."""
    content = small_site(tmp_path / "content", 3)
    built = tmp_path / "built"
    assert build_subprocess("build", "--content", str(content), "--out", str(built)).code == 0
    size_kib = sum(f.stat().st_size for f in built.rglob("*") if f.is_file()) // 1024
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kib * 3 // 2 + 256}k", "tmpfs",
                                            str(mount)], capture_output=True).returncode != 0:
        pytest.skip("mounting a tmpfs needs root; test_full_disk_in_process covers this case")
    try:
        shutil.copytree(built, mount / "site")
        yield content, mount / "site"
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_full_disk_fails_cleanly_and_keeps_the_previous_site(small_disk: tuple[Path, Path]) -> None:
    content, site = small_disk
    before = tree_digest(site)
    free = shutil.disk_usage(site.parent).free
    (site.parent / "filler").write_bytes(b"\0" * max(0, free - 64 * 1024))  # less than one build needs
    run = build_subprocess("build", "--content", str(content), "--out", str(site), "--no-cache")
    assert run.code == 1
    assert "Traceback" not in run.stderr
    assert "space" in run.stderr.lower(), run.stderr  # "No space left on device" or "check free disk space"
    assert tree_digest(site) == before
    assert sorted(p.name for p in site.parent.iterdir()) == ["filler", "site"]
    cache = cache_root(site)
    assert not cache.exists() and cache.with_name(cache.name + ".lock").is_file()  # --no-cache: the lock only


def test_read_only_parent_fails_cleanly(small_disk: tuple[Path, Path]) -> None:
    content, site = small_disk
    before = tree_digest(site)
    subprocess.run(["mount", "-o", "remount,ro", str(site.parent)], check=True)
    run = build_subprocess("build", "--content", str(content), "--out", str(site))  # no cache can be made either
    assert run.code == 1
    assert "Traceback" not in run.stderr
    assert "cannot create a staging folder beside" in run.stderr and "Read-only file system" in run.stderr
    assert tree_digest(site) == before


def test_full_disk_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same promise where no tmpfs can be mounted: every write after the tenth fails with ENOSPC."""
    content = small_site(tmp_path / "content", 2)
    site = tmp_path / "site"
    assert build_in_process("build", "--content", str(content), "--out", str(site)).code == 0
    before = tree_digest(site)
    real = Path.write_bytes
    writes = []

    def write_bytes(self: Path, data: bytes) -> int:
        writes.append(self)
        if len(writes) > 10:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)
    run = build_in_process("build", "--content", str(content), "--out", str(site), "--no-cache")
    assert run.code == 1
    assert "No space left on device" in run.stderr and "Traceback" not in run.stderr
    monkeypatch.undo()
    assert tree_digest(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "corpus-manifest.json", "site"]


def test_unwritable_parent_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = small_site(tmp_path / "content", 2)

    def refuse(*args: object, **kwargs: object) -> str:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr("tempfile.mkdtemp", refuse)
    run = build_in_process("build", "--content", str(content), "--out", str(tmp_path / "locked" / "site"))
    assert run.code == 1
    assert "cannot create a staging folder beside" in run.stderr and "Permission denied" in run.stderr


def _in_the_foreground() -> None:
    """Ctrl-C reaches a command run at the terminal: a test run started in the background (where the
    shell ignores SIGINT, and every child inherits that) must not make the build deaf to it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_while_pages_are_rendered_says_so_once(tmp_path: Path) -> None:
    """The terminal sends SIGINT to the whole process group: the workers too, which must not each
    print a traceback; the build says it was interrupted, publishes nothing and leaves nothing."""
    content = generate_corpus(tmp_path / "content", meetings=150, seed=3)
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "build", "--content", str(content),
                             "--out", str(tmp_path / "site"), "--jobs", "2", "--no-cache"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=_in_the_foreground)
    def rendering() -> bool:  # a meeting page is in the staging folder: the render workers are at work
        return any(page for stage in tmp_path.glob(".site.staging-*") for page in stage.glob("*/*/index.html"))

    deadline = time.monotonic() + 60
    while not rendering():
        assert proc.poll() is None and time.monotonic() < deadline, "the build ended before it was interrupted"
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGINT)  # as Ctrl-C does: the build and every worker
    out, err = proc.communicate(timeout=60)
    assert (proc.returncode, out, err) == (130, "", "interrupted; nothing was published\n")
    assert not (tmp_path / "site").exists() and not list(tmp_path.glob(".site.*"))  # no site, no staging left
