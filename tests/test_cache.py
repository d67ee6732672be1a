"""kaigiroku.core.cache: digests of the inputs."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from kaigiroku.core import cache
from kaigiroku.core.cache import cache_root, digest, file_digests, listing_digest, open_cache, tree_digest
from kaigiroku.core.private import BUILD_MARK


def test_file_digests_are_the_files_bytes_and_the_tree_digest_follows_names_and_bytes(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.md").write_bytes(b"one")
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "m.pyc").write_bytes(b"left out")
    files = file_digests(tmp_path)
    assert list(files) == [tmp_path / "a" / "x.md"]
    assert files[tmp_path / "a" / "x.md"] == "7692c3ad3540bb803c020b3aee66cd8887123234ea0c6e7143c0add73ff431ed"
    before = listing_digest(tmp_path, files)
    assert tree_digest(tmp_path) == digest(before)
    (tmp_path / "a" / "x.md").rename(tmp_path / "a" / "y.md")
    renamed = listing_digest(tmp_path, file_digests(tmp_path))
    (tmp_path / "a" / "y.md").write_bytes(b"two")
    assert len({before, renamed, listing_digest(tmp_path, file_digests(tmp_path))}) == 3


def test_a_link_back_up_is_walked_once_and_an_unreadable_file_is_listed_unread(tmp_path: Path) -> None:
    (tmp_path / "privacy").mkdir()
    (tmp_path / "privacy" / "x.md").write_bytes(b"one")
    (tmp_path / "privacy" / "loop").symlink_to("..")  # walked with followlinks: would never end
    (tmp_path / "privacy" / ".#x.md").symlink_to("someone@host.1234")  # an editor's lock file: a broken link
    files = file_digests(tmp_path)
    assert files == {tmp_path / "privacy" / "x.md": digest_of(b"one"), tmp_path / "privacy" / ".#x.md": ""}
    before = listing_digest(tmp_path, files)
    (tmp_path / "privacy" / ".#x.md").unlink()
    assert listing_digest(tmp_path, file_digests(tmp_path)) != before  # an unreadable file still counts


def test_a_memo_spares_reading_unchanged_files_and_sees_every_change(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """With a memo a file whose size, times and inode are unchanged is not read again; a write, a
    replacement by another file, or a write that keeps the size and the modification time is
    seen; a file changed just before it was read is read again the next time."""
    content, memo = tmp_path / "content", tmp_path / "cache" / "content.json"
    (content / "a").mkdir(parents=True)
    for name in ("x.md", "y.md", "z.md"):
        (content / "a" / name).write_bytes(name.encode())
    monkeypatch.setattr(cache._Stamps, "RACY", 0)  # the files were written just now
    read: list[str] = []
    real = open

    def counting(path: str, *args: object, **kwargs: object) -> object:
        read.append(Path(path).name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(cache, "open", counting, raising=False)
    def expected() -> dict[Path, str]:
        return {path: digest_of(path.read_bytes()) for path in sorted((content / "a").iterdir())}

    first = file_digests(content, memo)
    assert first == expected() and sorted(read) == ["x.md", "y.md", "z.md"]
    read.clear()
    assert file_digests(content, memo) == first and read == []
    (content / "a" / "x.md").write_bytes(b"changed")  # a write
    (content / "a" / "new.md").write_bytes(b"y.md")
    (content / "a" / "new.md").replace(content / "a" / "y.md")  # a replacement with the same bytes and size
    st = (content / "a" / "z.md").stat()
    (content / "a" / "z.md").write_bytes(b"Z.md")  # same size, modification time put back: the change time moves
    os.utime(content / "a" / "z.md", ns=(st.st_atime_ns, st.st_mtime_ns))
    assert file_digests(content, memo) == expected() and expected()[content / "a" / "z.md"] == digest_of(b"Z.md")
    assert sorted(read) == ["x.md", "y.md", "z.md"]
    monkeypatch.setattr(cache._Stamps, "RACY", 2 * 10**9)  # as built: a file changed this recently may change again
    (content / "a" / "w.md").write_bytes(b"new")
    read.clear()
    file_digests(content, memo)
    assert file_digests(content, memo) == expected() and read == ["w.md", "w.md"]


def test_a_damaged_memo_means_the_files_are_read(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "x.md").write_bytes(b"one")
    memo = tmp_path / "content.json"
    st = (tmp_path / "c" / "x.md").stat()
    stamp = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
    for damaged in ("not json", "[1, 2]", {str(tmp_path / "c" / "x.md"): [1]}, {str(tmp_path / "c" / "x.md"): 7},
                    {str(tmp_path / "c" / "x.md"): stamp}, {str(tmp_path / "c" / "x.md"): [*stamp, 5]}):
        memo.write_text(damaged if isinstance(damaged, str) else json.dumps(damaged), encoding="utf-8")
        assert file_digests(tmp_path / "c", memo) == {tmp_path / "c" / "x.md": digest_of(b"one")}


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_the_cache_lives_in_the_project_keyed_by_the_whole_output_path(monkeypatch: pytest.MonkeyPatch,
                                                                        tmp_path: Path) -> None:
    """Never beside the output folder, which may be served (issue 23, item 4); two output folders of
    the same name have caches of their own."""
    monkeypatch.delenv("KAIGIROKU_CACHE_DIR", raising=False)
    a, b = cache_root(tmp_path / "a" / "public"), cache_root(tmp_path / "b" / "public")
    assert a.parent == b.parent == cache.ROOT / ".cache" / "kaigiroku"
    assert a != b and a.name.startswith("public-") and b.name.startswith("public-")
    assert cache_root(tmp_path / "a" / "public") == a  # the same folder, the same cache
    monkeypatch.setenv("KAIGIROKU_CACHE_DIR", str(tmp_path / "caches"))
    assert cache_root(tmp_path / "a" / "public").parent == tmp_path / "caches"


def test_a_project_that_cannot_hold_the_cache_uses_the_users_cache_folder(monkeypatch: pytest.MonkeyPatch,
                                                                         tmp_path: Path) -> None:
    monkeypatch.delenv("KAIGIROKU_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(cache, "ROOT", tmp_path / "project")
    (tmp_path / "project").mkdir()
    assert cache_root(tmp_path / "site").parent == (tmp_path / "project" / ".cache" / "kaigiroku")
    (tmp_path / "project" / BUILD_MARK).parent.mkdir(parents=True)  # the project folder is itself a built site
    (tmp_path / "project" / BUILD_MARK).write_text("{}")
    assert cache_root(tmp_path / "site").parent == tmp_path / "xdg" / "kaigiroku"


def test_a_cache_home_inside_a_built_site_is_passed_over(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The cache holds withheld text: a cache folder that would lie inside a build is not made there."""
    (tmp_path / "www" / BUILD_MARK).parent.mkdir(parents=True)
    (tmp_path / "www" / BUILD_MARK).write_text("{}")
    monkeypatch.setenv("KAIGIROKU_CACHE_DIR", str(tmp_path / "www" / "cache"))
    monkeypatch.setattr(cache, "ROOT", tmp_path / "project")
    (tmp_path / "project").mkdir()
    with open_cache(tmp_path / "site") as opened:
        assert opened is not None and opened.root.parent == tmp_path / "project" / ".cache" / "kaigiroku"
    assert not (tmp_path / "www" / "cache").exists()
