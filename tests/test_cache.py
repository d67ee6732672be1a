"""kaigiroku.core.cache: digests of the inputs."""

from __future__ import annotations

import hashlib
from pathlib import Path

from kaigiroku.core.cache import digest, file_digests, listing_digest, tree_digest


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


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
