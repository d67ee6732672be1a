"""What an earlier leak check found clean, so that an incremental build scans only what changed.

The memo holds the SHA-256 of every file of the last clean run and the
SHA-256 of every normalised secret that run looked for, never a secret
itself, and a digest of the checker (its code, Unicode's version). A file
whose digest is listed was checked against those secrets. A memo that is
unreadable, malformed or made by another checker is empty: everything is
scanned.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

_DIGEST = re.compile(r"[0-9a-f]{64}")


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
    if path is None:
        return Memo()
    try:
        data = json.loads(path.read_bytes())
        files, secrets = data["files"], data["secrets"]
        if not (data["checker"] == checker and isinstance(files, list) and isinstance(secrets, list)
                and all(isinstance(d, str) and _DIGEST.fullmatch(d) for d in [*files, *secrets])):
            return Memo()
        return Memo(checker, frozenset(files), frozenset(secrets))
    except (OSError, ValueError, TypeError, KeyError):
        return Memo()


def save(path: Path, checker: str, files: Iterable[str], secrets: Iterable[str]) -> None:
    """Write the memo under a temporary name, readable by its owner only, and rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    body = json.dumps({"checker": checker, "files": sorted(set(files)), "secrets": sorted(set(secrets))},
                      indent=0).encode()
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(body)
        os.chmod(temporary, 0o600)  # O_CREAT keeps the mode of a file left by a killed run
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
