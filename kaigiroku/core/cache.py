"""The build cache: work of earlier public builds, found again by content digests.

It lives in ``cache_home()`` (``.cache/kaigiroku/`` in this project), one folder per output
folder (its name and a digest of its path), never beside or inside an output folder, which may
be served, nor inside the content (``--no-cache`` builds without it). Each holds:

- ``meetings/``  a redacted meeting (placeholders, never withheld text)
- ``withheld/``  its ledger lines (mode 0600): withheld text, used only to
  know what the leak check looks for; never copied into any output
- ``pages/``     which files make a meeting's rendered page and open data, and its speech count
- ``files/``     those files, named by the SHA-256 of their bytes and read-only; a build
  hard-links them into its staging folder (so publishing and removing an old
  build move no data), after checking that their bytes still match their name
  (read again when their size or modification time differs from ``stamps.json``)
- ``search/``    the search index's shards and records (``kaigiroku.search``)
- ``verified``   digests of files found free of leaks (``redaction.leakcheck``)
- ``quoted``     digests of the pieces of withheld blocks each meeting's minutes quote
  (``redaction.leakcheck.secrets_of``: such a piece is published on purpose)
- ``layouts/``   the layouts compiled by Jinja, keyed by their source
- ``normalize.pickle`` the leak check's normalisation tables (``redaction.fastnorm``)
- ``stamps.json`` size and modification time of each file of ``files/`` when its bytes
  were last checked against its name
- ``content.json`` the SHA-256 of each content file with its size, times and inode when it
  was read (``file_digests``): an unchanged file is not read again to know it is unchanged
- ``trash/``     the build a newer one replaced, being removed (``publish.swap``)
- ``last.json``  the digest of every input of the last published build and a
  list of the files it published (no content): if neither changed, a build
  has nothing to do

Every key is a SHA-256 digest of everything its entry depends on (file
bytes, the policy, council and site settings, the layouts and the code of
this project), so a stale entry is never found, and deleting the cache is
always safe. Entries are written under a temporary name and renamed; the
entries a successful build did not use are removed by ``prune``. One build
at a time may use a cache (``open`` takes a lock).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import pickle
import shutil
import time
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Mapping

from kaigiroku import __version__

from .errors import BuildFailure
from .files import write_atomic
from .private import public_place

ROOT = Path(__file__).resolve().parents[2]
KINDS = ("meetings", "withheld", "pages", "lists", "files")
PRIVATE = {"withheld"}  # entries holding withheld text: readable by their owner only


def digest(*parts: bytes | str) -> str:
    """SHA-256 of the parts, each length-prefixed so that no two lists of parts collide."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def file_digests(folder: Path, memo: Path | None = None) -> dict[Path, str]:
    """SHA-256 of the bytes of every file under ``folder``, by path; ``""`` for a file that cannot be
    read (a broken link, an editor's lock file: whoever reads it reports why, if it matters).
    ``__pycache__`` is left out, and a folder reached again through a link is walked once. With a
    ``memo`` (a file of the cache), a file whose size, times and inode are those it had when an
    earlier call read it is not read again (``_Stamps``)."""
    found: dict[Path, str] = {}
    walked: set[tuple[int, int]] = set()
    stamps = _Stamps(memo)
    for top, names, files in os.walk(folder, followlinks=True):
        try:
            st = os.stat(top)
        except OSError:  # gone since its parent was listed
            st = None
        if st is None or (st.st_dev, st.st_ino) in walked:
            names.clear()
            continue
        walked.add((st.st_dev, st.st_ino))
        names[:] = [n for n in names if n != "__pycache__"]
        for name in files:
            path = Path(top, name)
            found[path] = stamps.digest(str(path))
    stamps.save()
    return found


class _Stamps:
    """The digests of files read before, by path, with the stamp each had then (size, modification
    and change times, inode): a file with the same stamp holds the same bytes (a write changes its
    times, a replacement its inode), as git's index takes it; one changed less than ``RACY``
    before it was read is read again next time (a second write within the file system's timestamp
    step would not change its stamp)."""

    RACY = 2_000_000_000  # nanoseconds: FAT's timestamps are two seconds apart

    def __init__(self, memo: Path | None) -> None:
        self.memo = memo
        self.now = time.time_ns()
        self.known: dict[str, list[Any]] = {}
        self.kept: dict[str, list[Any]] = {}
        if memo is not None:
            try:
                data = json.loads(memo.read_bytes())
                self.known = data if isinstance(data, dict) else {}
            except (OSError, ValueError):
                pass

    def digest(self, path: str) -> str:
        try:
            st = os.stat(path)
            stamp = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
            known = self.known.get(path)
            if isinstance(known, list) and len(known) == 5 and known[:4] == stamp and isinstance(known[4], str):
                self.kept[path] = known
                return known[4]
            with open(path, "rb") as f:
                sha = hashlib.sha256(f.read()).hexdigest()
        except OSError:
            return ""
        if max(st.st_mtime_ns, st.st_ctime_ns) < self.now - self.RACY:
            self.kept[path] = [*stamp, sha]
        return sha

    def save(self) -> None:
        if self.memo is not None and self.kept != self.known:
            try:
                write_atomic(self.memo, json.dumps(self.kept, ensure_ascii=False, sort_keys=True).encode("utf-8"))
            except OSError:
                pass  # a memo that cannot be written only means the files are read again


def listing_digest(folder: Path, files: Mapping[Path, str]) -> str:
    """Digest of the names (relative to ``folder``) and ``file_digests`` of the files."""
    return digest(*sorted(f"{path.relative_to(folder).as_posix()}\t{sha}" for path, sha in files.items()))


def tree_digest(*folders: Path) -> str:
    """Digest of the name and bytes of every file under the folders."""
    return digest(*(listing_digest(folder, file_digests(folder)) for folder in folders))


@lru_cache(maxsize=None)
def code_digest() -> str:
    """This project's version and code: a new release or an edited module invalidates every entry."""
    return digest(__version__, tree_digest(ROOT / "kaigiroku", ROOT / "redaction"))


class Cache:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.used: set[str] = set()  # the paths of the entries this build used (strings: tens of thousands)
        self._top = str(root)
        self._stamps: dict[str, list[int]] | None = None

    def folder(self, name: str) -> Path:
        """A folder of the cache that another stage manages itself (the search index's store)."""
        path = self.root / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    def _path(self, kind: str, key: str) -> str:
        path = os.path.join(self._top, kind, key[:2], f"{key}.pickle")
        self.used.add(path)
        return path

    def load(self, kind: str, key: str) -> Any:
        """The entry, or None if there is none (or it cannot be read)."""
        try:
            with open(self._path(kind, key), "rb") as f:
                return pickle.loads(f.read())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            return None

    def store(self, kind: str, key: str, value: Any) -> None:
        """Keep an entry; a cache that cannot be written (a full disk) only means work done again."""
        try:
            write_atomic(Path(self._path(kind, key)), pickle.dumps(value, pickle.HIGHEST_PROTOCOL),
                         0o600 if kind in PRIVATE else 0o644)
        except OSError:
            pass

    def _file(self, sha: str) -> str:
        path = os.path.join(self._top, "files", sha[:2], sha)
        self.used.add(path)
        return path

    def put_file(self, data: bytes, target: Path | str) -> str:
        """Write ``data`` at ``target`` as a link to the cache's read-only copy; its digest.
        Raises OSError when neither can be written."""
        sha = hashlib.sha256(data).hexdigest()
        if not self.link_file(sha, target):
            path = self._file(sha)
            write_atomic(Path(path), data, 0o444)
            self.stamps[sha] = _stamp(os.stat(path))
            link(path, target)
        return sha

    def link_file(self, sha: str, target: Path | str) -> bool:
        """Link the cache's file ``sha`` at ``target`` if it is there with the bytes its name says:
        read again unless its size and modification time are those it had when last read (a write
        through a link into the published site changes them)."""
        path = self._file(sha)
        try:
            stamp = _stamp(os.stat(path))
            if self.stamps.get(sha) != stamp:
                if hashlib.sha256(Path(path).read_bytes()).hexdigest() != sha:
                    os.unlink(path)  # changed in place through a link: never use it again
                    return False
                self.stamps[sha] = stamp
            link(path, target)
        except OSError:
            return False
        return True

    @property
    def stamps(self) -> dict[str, list[int]]:
        """The cache's file digest → its size and modification time when its bytes were last read."""
        if self._stamps is None:
            try:
                data = json.loads((self.root / "stamps.json").read_bytes())
                self._stamps = {sha: stamp for sha, stamp in data.items()
                                if isinstance(stamp, list) and len(stamp) == 2 and all(isinstance(n, int) for n in stamp)}
            except (OSError, ValueError, AttributeError):
                self._stamps = {}
        return self._stamps

    def prune(self) -> None:
        """Remove every entry of ``KINDS`` this build did not use."""
        for kind in KINDS:
            for folder in _entries(os.path.join(self._top, kind)):  # paths made as ``_path`` and ``_file`` make them
                for path in _entries(folder):
                    if path not in self.used:
                        Path(path).unlink(missing_ok=True)

    def last(self) -> dict[str, Any]:
        try:
            data = json.loads((self.root / "last.json").read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def remember(self, data: dict[str, Any]) -> None:
        """Keep ``data`` for the next build, and the stamps of the files this build used."""
        files = os.path.join(self._top, "files", "")
        used = {os.path.basename(path) for path in self.used if path.startswith(files)}
        stamps = {sha: stamp for sha, stamp in sorted(self.stamps.items()) if sha in used}
        write_atomic(self.root / "stamps.json", json.dumps(stamps, separators=(",", ":")).encode())
        write_atomic(self.root / "last.json", json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8"))


def _entries(folder: str) -> list[str]:
    """The paths of what ``folder`` holds, as ``glob("*")`` finds them (not hidden), none if it is missing."""
    try:
        with os.scandir(folder) as found:
            return [entry.path for entry in found if not entry.name.startswith(".")]
    except (FileNotFoundError, NotADirectoryError):
        return []


def _stamp(st: os.stat_result) -> list[int]:
    return [st.st_size, st.st_mtime_ns]


def cache_home() -> Path:
    """Where the caches of every output folder live: ``$KAIGIROKU_CACHE_DIR`` if set, else ``.cache/kaigiroku/``
    in this project if it can be written, else the user's cache folder (``$XDG_CACHE_HOME`` or ``~/.cache``);
    never beside an output folder, which may be a web server's, and never inside a build or the content
    (a candidate there is passed over)."""
    chosen = os.environ.get("KAIGIROKU_CACHE_DIR")
    project = ROOT / ".cache" / "kaigiroku"
    user = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kaigiroku"
    candidates = [Path(chosen)] if chosen else []
    candidates += [project] if os.access(ROOT, os.W_OK) else []
    return next((c.resolve() for c in candidates if not public_place(c)), user.resolve())


def cache_root(out: Path) -> Path:
    """The cache of the output folder ``out``: its name and a digest of its whole path, so that two
    output folders of the same name have caches of their own."""
    out = out.resolve()
    return cache_home() / f"{out.name}-{hashlib.sha256(str(out).encode()).hexdigest()[:16]}"


@contextmanager
def open_cache(out: Path, enabled: bool = True) -> Iterator[Cache | None]:
    """The cache of the output folder ``out``, for a build that holds ``out`` (``_held``); None when
    disabled or when it cannot be created (the build then does all its work, and says why it fails
    if it cannot write either)."""
    with _held(out):
        root = cache_root(out)
        try:
            if not enabled:
                raise FileNotFoundError
            root.mkdir(parents=True, exist_ok=True)
            os.chmod(root, 0o700)
        except OSError:
            yield None
            return
        yield Cache(root)


@contextmanager
def _held(out: Path) -> Iterator[None]:
    """Hold ``out`` for one build, with or without a cache: a second build of the same folder would
    remove the first one's staging folder, so it stops with a message. The lock is beside the cache
    (``cache_root(out)`` + ``.lock``), which ``--no-cache`` does not create."""
    root = cache_root(out)
    path = root.parent / f"{root.name}.lock"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = open(path, "w")
    except OSError:  # a read-only disk: making the staging folder says why the build cannot write
        yield
        return
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise BuildFailure(f"another build of {out} is running; wait for it to finish") from None
        yield


def link(source: Path | str, target: Path | str) -> None:
    """A hard link at ``target`` to ``source`` (a copy across file systems)."""
    try:
        os.link(source, target)  # the folder is there and the name free: one system call
        return
    except FileNotFoundError:
        os.makedirs(os.path.dirname(target), exist_ok=True)
    except OSError:
        pass
    Path(target).unlink(missing_ok=True)  # never write through an older link into the cache
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed: a copy
        shutil.copyfile(source, target)

