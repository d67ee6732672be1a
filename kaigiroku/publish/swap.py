"""Write a build into a staging folder beside the target, then swap it in atomically.

The staging folder is on the same file system as ``site/``; the swap is one
``renameat2(RENAME_EXCHANGE)`` on Linux, so at every instant ``site/`` is
either the complete previous build or the complete new one. Where that
call is missing, two renames are used and an interrupted swap is repaired
at the start of the next build.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Mapping

from kaigiroku.core.errors import BuildFailure, UsageError
from kaigiroku.core.files import remove_in_background
from kaigiroku.core.messages import say
from kaigiroku.core.private import BUILD_MARK as MARK
from kaigiroku.core.private import is_build

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    except OSError:
        return None


_LIBC = _libc()


def _exchange(a: Path, b: Path) -> bool:
    if _LIBC is None or not hasattr(_LIBC, "renameat2"):
        return False
    rc = _LIBC.renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return rc == 0


def check_apart(out: Path, keep: Mapping[str, Path], option: str = "--out", why: str = "") -> None:
    """Refuse a folder ``out`` that is, holds or lies inside a path of ``keep`` (what it is → path: the
    content, the layouts, the policy, the program), as ``option`` would replace it; ``why`` says so."""
    why = why or say("a build replaces its output folder whole; choose a folder of its own, such as site/")
    target = out.resolve()
    for what, path in keep.items():
        path = path.resolve()
        values = {"option": option, "out": out, "what": what, "why": why}
        if target == path:
            raise UsageError(say("{option} {out} is {what}, and {why}", **values))
        if target in path.parents:
            raise UsageError(say("{option} {out} holds {what}, and {why}", **values))
        if path in target.parents:
            raise UsageError(say("{option} {out} lies inside {what}, and {why}", **values))


def check_target(out: Path, keep: Mapping[str, Path]) -> None:
    """Refuse an output folder whose replacement would destroy what it must not: one that is, holds
    or lies inside a path of ``keep`` (``check_apart``), or a folder of other files (no earlier build
    in it: a web server's root, say)."""
    check_apart(out, keep)
    target = out.resolve()
    if target.exists() and not target.is_dir():
        raise UsageError(say("--out {out} is a file, not a folder; choose a folder of its own, such as site/", out=out))
    if target.is_dir() and not is_build(target) and any(target.iterdir()):
        raise UsageError(say("--out {out} holds files that are not an earlier build (it has no {mark}), and a build "
                             "replaces its output folder whole; choose a new or empty folder, or move those files away",
                             out=out, mark=MARK))


def recover(out: Path) -> None:
    """Repair what an interrupted earlier build left beside ``out``."""
    parent = out.parent
    if not parent.is_dir():
        return
    olds = sorted(parent.glob(f".{out.name}.old-*"))
    if olds and not out.exists():
        os.rename(olds[-1], out)
        olds = olds[:-1]
    for leftover in [*olds, *parent.glob(f".{out.name}.staging-*")]:
        shutil.rmtree(leftover, ignore_errors=True)


@contextmanager
def staging(out: Path, trash: Path | None = None) -> Iterator[Path]:
    """A fresh staging folder beside ``out``; removed again unless published. ``trash``: the folder
    (in the build's cache) where ``publish`` leaves the previous build to be removed after this
    build has ended; what an earlier build left there is removed now, beside this one."""
    out = out.resolve()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        recover(out)
        stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
    except OSError as exc:
        raise BuildFailure(say("cannot create a staging folder beside {out}: {problem}; check that the folder exists "
                               "and is writable", out=out, problem=exc.strerror)) from None
    for leftover in sorted(trash.iterdir()) if trash is not None and trash.is_dir() else ():
        remove_in_background(leftover)
    try:
        yield stage
    finally:
        if removing := _REMOVING.pop(stage, None):
            removing.wait()
        if stage.exists():
            shutil.rmtree(stage, ignore_errors=True)


_REMOVING: dict[Path, subprocess.Popen[bytes]] = {}  # staging folder → the removal of the previous build it holds


def remove_apart(folder: Path, trash: Path | None = None) -> None:
    """Remove ``folder`` in a process of its own (``remove_in_background``), beside what this one goes
    on doing (a build's last steps and the removal of 140,000 files took longer side by side in
    threads than one after the other). Moved into ``trash`` first, its removal may outlast the build
    (nothing waits for it, and nothing is left beside the site); else, or where the move fails
    (``trash`` on another file system), it is awaited when ``staging`` ends."""
    if trash is not None:
        try:
            trash.mkdir(parents=True, exist_ok=True)
            os.rename(folder, trash / folder.name)  # the staging folder's name is unique beside the site
        except OSError:
            pass
        else:
            remove_in_background(trash / folder.name)
            return
    if (removing := remove_in_background(folder)) is not None:
        _REMOVING[folder] = removing


def publish(stage: Path, out: Path, trash: Path | None = None) -> None:
    """Make ``stage`` the new ``out`` in one step; the old build is removed afterwards, where the swap
    leaves it, at ``stage`` (``remove_apart``: from ``trash``, or while the build goes on)."""
    out = out.resolve()
    try:
        if out.exists() and not out.is_dir():
            raise BuildFailure(say("{out} exists and is not a folder; move it away", out=out))
        os.chmod(stage, 0o755)
        if out.is_dir() and _exchange(stage, out):  # ``stage`` now holds the previous build
            remove_apart(stage, trash)
            return
        if out.is_dir():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
            os.rmdir(old)
            os.rename(out, old)
            os.rename(stage, out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(stage, out)
    except OSError as exc:
        raise BuildFailure(say("cannot replace {out}: {problem}; the previous build is unchanged", out=out,
                               problem=exc.strerror)) from None
