"""Writing files: whole or not at all (``write_atomic``), a build's files into its staging folder.

A failure is a ``BuildFailure`` that says what to do, never a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Mapping

from .errors import BuildFailure


def write_atomic(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Write under a temporary name, then rename: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_files(stage: Path, files: Mapping[str, bytes]) -> None:
    try:
        for rel, data in files.items():
            target = stage / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)  # a file linked from the build cache is replaced, never written through
            target.write_bytes(data)
    except OSError as exc:
        raise BuildFailure(f"cannot write the build: {exc.strerror}" + (f" ({exc.filename})" if exc.filename else "")
                           + "; free disk space or fix permissions, then build again") from None


def copy_tree(source: Path, target: Path) -> None:
    try:
        shutil.copytree(source, target, dirs_exist_ok=True)
    except shutil.Error as exc:  # one (source, target, reason) per file that failed
        reason = exc.args[0][0][2] if exc.args and exc.args[0] else str(exc)
        raise BuildFailure(f"cannot copy {source} into the build: {reason}; "
                           "free disk space or fix permissions, then build again") from None
    except OSError as exc:
        raise BuildFailure(f"cannot copy {source} into the build: {exc.strerror}; "
                           "free disk space or fix permissions, then build again") from None


def remove_in_background(folder: Path) -> subprocess.Popen[bytes] | None:
    """``rm -rf folder`` started in a process of its own, in a session of its own (an interrupt of
    the build does not stop it) and at the lowest priority (the next build, which may start while
    it runs, goes first): a thread of this process would hold Python's lock between its calls.
    Without ``rm``, the folder is removed at once (and None returned)."""
    try:
        removing = subprocess.Popen(["rm", "-rf", "--", str(folder)], stdin=subprocess.DEVNULL,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return None
    try:
        os.setpriority(os.PRIO_PROCESS, removing.pid, 19)
    except (OSError, AttributeError):  # gone already, or a system without priorities
        pass
    return removing
