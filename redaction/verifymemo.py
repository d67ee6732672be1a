"""What an earlier leak check found, so that an incremental build reads only what changed.

``Memo``: the SHA-256 of every file of the last clean run and the SHA-256 of
every normalised secret that run looked for, never a secret itself, and a
digest of the checker (its code, Unicode's version). A file whose digest is
listed was checked against those secrets.

``Stamped``: each file of the last clean run by its path, with its size,
modification time and inode when the check read it and the SHA-256 of
what it read: a file found again with the same stamp is not read again,
as the build cache takes its own files (a write changes the time; a
replacement, the inode).

``Quoted``: the published texts read for pieces of withheld blocks (a
meeting's minutes, named by the digest of what they were made from), and
for each piece looked for (its SHA-256) up to two of them that hold it.

A memo that is unreadable, malformed or made by another checker is empty:
everything is read again.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

_HEX = re.compile(r"[0-9a-f]*")
HOLDERS = 2  # texts remembered as holding a piece


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def secret_digest(key: str) -> str:
    return digest(key.encode("utf-8"))


@dataclass(frozen=True)
class Memo:
    checker: str = ""  # digest of what made the memo
    files: frozenset[str] = field(default_factory=frozenset)  # digests of files found clean
    secrets: frozenset[str] = field(default_factory=frozenset)  # digests of the secrets they were checked against


def load(path: Path | None, checker: str) -> Memo:
    data = _read(path, checker)
    files, secrets = data.get("files"), data.get("secrets")
    if isinstance(files, list) and isinstance(secrets, list) and _digests([*files, *secrets]):
        return Memo(checker, frozenset(files), frozenset(secrets))
    return Memo()


def save(path: Path, checker: str, files: Iterable[str], secrets: Iterable[str]) -> None:
    _write(path, {"checker": checker, "files": sorted(set(files)), "secrets": sorted(set(secrets))})


Stamped = dict[str, tuple[int, int, int, str]]  # a file's path below the site → its size, time, inode and SHA-256


def load_stamps(path: Path | None, checker: str) -> Stamped:
    """The files of the last clean run with the stamp and digest each had when it was read (a file
    of the cache, pickled: 140,000 entries at 10,000 meetings); empty if it is missing, unreadable,
    or made by another checker. Its entries are not checked here: ``stamped`` reads one."""
    try:
        data = pickle.loads(path.read_bytes()) if path is not None else None
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError, IndexError):
        return {}
    ok = isinstance(data, tuple) and len(data) == 2 and data[0] == checker and isinstance(data[1], dict)
    return data[1] if ok else {}  # type: ignore[index]


def stamped(entry: object, stamp: tuple[int, int, int], clean: frozenset[str]) -> str:
    """The digest an entry of ``load_stamps`` gives a file with ``stamp`` now, if it is one of the
    ``clean`` files; "" if it gives none (another stamp, another file, or a malformed entry)."""
    if entry.__class__ is tuple and len(entry) == 4 and entry[:3] == stamp:  # type: ignore[arg-type]
        digest = entry[3]  # type: ignore[index]
        if digest.__class__ is str and digest in clean:
            return digest
    return ""


def save_stamps(path: Path, checker: str, stamped: Stamped) -> None:
    _write_bytes(path, pickle.dumps((checker, stamped), pickle.HIGHEST_PROTOCOL))


@dataclass(frozen=True)
class Quoted:
    checker: str = ""
    texts: frozenset[str] = field(default_factory=frozenset)  # keys of the texts read for every piece below
    pieces: dict[str, tuple[str, ...]] = field(default_factory=dict)  # a piece's digest → up to two texts holding it


def load_quoted(path: Path | None, checker: str) -> Quoted:
    data = _read(path, checker)
    texts, pieces = data.get("texts"), data.get("pieces")
    if (isinstance(texts, list) and isinstance(pieces, dict) and _digests([*texts, *pieces])
            and all(isinstance(held, list) and all(isinstance(i, int) and 0 <= i < len(texts) for i in held)
                    for held in pieces.values())):
        return Quoted(checker, frozenset(texts), {d: tuple(texts[i] for i in held) for d, held in pieces.items()})
    return Quoted()


def _read(path: Path | None, checker: str) -> dict[str, object]:
    """A memo's fields, or none if it is missing, unreadable or made by another checker."""
    try:
        data = json.loads(path.read_bytes()) if path is not None else {}
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and data.get("checker") == checker else {}


def _digests(items: list[object]) -> bool:
    """Whether every item is a SHA-256 in hexadecimal: 64 characters each, all of them hex digits
    (one match over them all: a memo lists every file of the site)."""
    return (all(isinstance(d, str) and len(d) == 64 for d in items)
            and _HEX.fullmatch("".join(items)) is not None)  # type: ignore[arg-type]


def save_quoted(path: Path, checker: str, texts: list[str], pieces: dict[str, list[int]]) -> None:
    """``pieces``: a piece's digest → the indices in ``texts`` of the texts that hold it."""
    _write(path, {"checker": checker, "texts": texts, "pieces": {d: held[:HOLDERS] for d, held in sorted(pieces.items())}})


def _write(path: Path, data: dict[str, object]) -> None:
    _write_bytes(path, json.dumps(data, indent=0).encode())


def _write_bytes(path: Path, body: bytes) -> None:
    """Write a memo under a temporary name, readable by its owner only, and rename it into place.
    A memo that cannot be written (a full disk) is left as it was: it only saves work, and what it
    holds stays true (digests of files found clean)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(body)
        os.chmod(temporary, 0o600)  # O_CREAT keeps the mode of a file left by a killed run
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
