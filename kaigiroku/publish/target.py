"""Where a site is published: a local or mounted folder, or ``user@host:/path`` over SSH.

Every operation on a target is one run of the system's ``rsync`` (over
``ssh`` for a remote one; ``$RSYNC_RSH`` is honoured, as rsync itself does),
so the server needs nothing but rsync and an SSH login, and a folder target
behaves exactly like a remote one. Files are sent with ``--checksum`` (a
file already in place is not sent again) into a temporary name and renamed
over the old one by rsync: a reader never gets half a file. This program
keeps its state on the target in ``.kaigiroku-publish/`` (the record of a
publish under way and rsync's temporary files), removed when a publish ends.

rsync's and ssh's failures are turned into one line saying what happened
and what to do (``PublishFailure``); nothing here prints a traceback.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from kaigiroku.core.errors import BuildFailure, UsageError
from kaigiroku.core.messages import say, term

STATE = ".kaigiroku-publish"  # on the target, while a publish is under way
PENDING = f"{STATE}/pending.json"
TEMP = f"{STATE}/tmp"
_REMOTE = re.compile(r"^(?P<host>[^/:]+):(?P<path>.*)$")  # a colon before the first slash, as rsync reads it
_ERRNO = re.compile(r"\((\d+)\)\s*$", re.M)


class PublishFailure(BuildFailure):
    """A publish that could not be done; the target holds only whole files (exit 1)."""


@dataclass(frozen=True)
class Target:
    host: str  # "" for a folder of this machine
    path: str  # the folder, without a trailing slash

    @classmethod
    def parse(cls, spec: str) -> Target:
        if spec.startswith("rsync://") or "::" in spec:
            raise UsageError(say("--to {target}: an rsync daemon is not a target; use user@host:/path (over SSH) or a "
                                 "folder", target=spec))
        m = _REMOTE.match(spec)
        host, path = (m["host"], m["path"]) if m else ("", spec)
        if not path.strip() or (host and not host.strip("@")):
            raise UsageError(say("--to {target}: name a folder, or user@host:/path", target=spec))
        return cls(host, path.rstrip("/") or "/")

    def __str__(self) -> str:
        return f"{self.host}:{self.path}" if self.host else self.path

    @property
    def machine(self) -> str:
        """The host without the user: ``www.city.example.lg.jp``."""
        return self.host.rpartition("@")[2]

    @property
    def root(self) -> str:
        """The folder as rsync's source or destination (with its trailing slash: the contents)."""
        path = self.path if self.host else os.path.abspath(self.path)
        return f"{self.host}:{path.rstrip('/')}/" if self.host else f"{path.rstrip('/')}/"


class Rsync:
    """The operations of a publish on ``target``; ``work`` is a private local folder for file lists."""

    def __init__(self, target: Target, work: Path) -> None:
        self.target, self.work = target, work

    def fetch(self, paths: Iterable[str]) -> dict[str, bytes] | None:
        """The bytes of those of ``paths`` the target holds; None if the target's folder does not exist."""
        paths = sorted(set(paths))
        into = Path(tempfile.mkdtemp(dir=self.work))
        run = self._run(["--files-from", self._list(paths), "--ignore-missing-args", self.target.root, f"{into}/"],
                        term("read"), missing_ok=True)
        if run is None:
            return None
        return {p: (into / p).read_bytes() for p in paths if (into / p).is_file()}

    def names(self) -> list[str] | None:
        """The names in the target's folder (not below), None if it does not exist."""
        run = self._run(["--list-only", self.target.root], term("read"), missing_ok=True)
        if run is None:
            return None
        names = [line.split(None, 4)[4] for line in run.stdout.splitlines() if len(line.split(None, 4)) == 5]
        return [n for n in names if n != "."]

    def send(self, source: Path, paths: Sequence[str], temp: bool = True) -> int:
        """Put ``paths`` of ``source`` on the target, each under a temporary name first (in ``TEMP``
        if ``temp``) and renamed into place; files already there with the same bytes are skipped.
        How many were sent."""
        if not paths:
            return 0
        args = ["--files-from", self._list(paths), "--checksum", "--perms", "--chmod=D755,F644",
                "--out-format=%i %n"]
        if temp:
            args.append(f"--temp-dir={TEMP}")
        run = self._run([*args, f"{source}/", self.target.root], term("write to"))
        assert run is not None
        return sum(1 for line in run.stdout.splitlines() if line.startswith(">f"))

    def put(self, files: Mapping[str, bytes], temp: bool = True) -> None:
        """Write small files (the manifest, the record of a publish under way) on the target."""
        source = Path(tempfile.mkdtemp(dir=self.work))
        for path, data in files.items():
            (source / path).parent.mkdir(parents=True, exist_ok=True)
            (source / path).write_bytes(data)
        folders = sorted({str(Path(p).parent) for p in files} - {"."})
        self.send(source, [*folders, *files], temp)

    def remove(self, source: Path, paths: Iterable[str]) -> None:
        """Remove ``paths`` (files, or folders with everything in them: ``name/``) from the target, and
        the folders left empty that ``source`` (the new build) does not have. Other files (the
        web server's own, say) are never touched: rsync deletes only what the rules include."""
        rules: list[str] = []
        for path in sorted(set(paths)):
            parts = path.rstrip("/").split("/")
            rules += [f"+ /{_escape('/'.join(parts[:i]))}/" for i in range(1, len(parts))]
            rules += [f"+ /{_escape(path.rstrip('/'))}/", f"+ /{_escape(path.rstrip('/'))}/***"] if path.endswith("/") \
                else [f"+ /{_escape(path)}"]
        if not rules:
            return
        merge = self.work / "remove.rules"
        merge.write_text("\n".join(dict.fromkeys(rules)) + "\n- *\n", encoding="utf-8")
        self._run(["-r", "--delete", "--existing", "--ignore-existing", f"--filter=merge {merge}",
                   f"{source}/", self.target.root], term("remove files from"))

    def _list(self, paths: Iterable[str]) -> str:
        fd, name = tempfile.mkstemp(dir=self.work, suffix=".list")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.writelines(f"{p}\n" for p in paths)
        return name

    def _run(self, args: list[str], doing: str, missing_ok: bool = False) -> subprocess.CompletedProcess[str] | None:
        command = ["rsync", "-s", *(["-e", rsh()] if self.target.host else []), *args]
        try:
            run = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                                 env={**os.environ, "LC_ALL": "C"})
        except FileNotFoundError:
            raise PublishFailure(say("rsync is not installed on this machine; install it (Debian: `sudo apt-get "
                                     "install rsync openssh-client`), then publish again")) from None
        if run.returncode == 0:
            return run
        if missing_ok and _missing_folder(run.stderr):
            return None
        raise PublishFailure(explain(run.returncode, run.stderr, self.target, doing))


def rsh() -> str:
    """The remote shell of rsync: ``$RSYNC_RSH`` or ssh, never asking for a password (cron has no
    terminal) and giving up on a host that does not answer."""
    command = os.environ.get("RSYNC_RSH") or "ssh"
    if Path(shlex.split(command)[0]).name == "ssh":
        command += " -o BatchMode=yes -o ConnectTimeout=20"
    return command


def _missing_folder(stderr: str) -> bool:
    return "change_dir" in stderr and "No such file or directory (2)" in stderr


_REACH = ("Could not resolve hostname", "Connection refused", "Connection timed out", "No route to host",
          "Network is unreachable", "Connection closed by", "Connection reset by", "timed out")


def explain(code: int, stderr: str, target: Target, doing: str) -> str:
    """One line for a failed rsync: what went wrong where, and what to do."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    where = target.machine or say("this machine")
    if any("Permission denied (publickey" in line or "Permission denied (" in line and "password" in line
           for line in lines):
        return say("{machine} refused the SSH login (permission denied): put this machine's public key in the "
                   "authorized_keys of that account (docs/publish.md), or name the key in $RSYNC_RSH",
                   machine=target.machine)
    if any("Host key verification failed" in line for line in lines):
        return say("the SSH host key of {machine} is unknown or has changed; check it, then accept it once with "
                   "`ssh {host}`", machine=target.machine, host=target.host)
    if target.host and (reason := next((r for r in _REACH if any(r in line for line in lines)), "")):
        return say("cannot reach {machine}: {reason}; check the host name, the network and that its SSH server runs",
                   machine=target.machine, reason=reason.lower())
    if code == 127 or any("rsync: command not found" in line or "rsync: not found" in line for line in lines):
        return say("rsync is not installed on {machine}; install it there (Debian: `sudo apt-get install rsync`)",
                   machine=target.machine)
    errnos = {int(n) for n in _ERRNO.findall(stderr)}
    detail = next((line for line in lines if _ERRNO.search(line)), lines[0] if lines else f"rsync exit status {code}")
    advice = {28: term("the disk of the target is full: free space there"),
              122: term("the disk quota of the target is used up: free space there"),
              13: term("permission denied: the account publishing (on {where}) may not write there; fix the folder's "
                       "owner or permissions"),
              1: term("the operation is not permitted there; fix the folder's owner or attributes"),
              30: term("the target is on a read-only file system"),
              20: term("a part of the target's path is a file, not a folder"),
              2: term("the folder above the target does not exist: create it first")}
    reason = next((say(advice[n], where=where) for n in (28, 122, 13, 1, 30, 20, 2) if n in errnos), "")
    summary = say("cannot {doing} {target}: {reason}", doing=say(doing), target=target, reason=reason or _clean(detail))
    return say("{summary} ({detail}); every file on the target is whole (the previous or the new one), and the next "
               "publish finishes this one", summary=summary, detail=_clean(detail)) if reason else summary


def _clean(line: str) -> str:
    return re.sub(r"^rsync(?: error)?: (?:\[\w+\] )?", "", line)


def _escape(path: str) -> str:
    """A path as a literal rsync filter pattern."""
    return re.sub(r"([*?\[\\])", r"\\\1", path)
