"""publish --to user@host:/path over a real SSH server: Debian's OpenSSH sshd, started by the test on a
random loopback port with throwaway keys, as the current user (root in CI, or not)."""

from __future__ import annotations

import getpass
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path
from typing import Iterator

import pytest
from publishing import KILLED_PUBLISH, Desk, free_port, holds_the_build

SSHD = "/usr/sbin/sshd"


class Server:
    def __init__(self, root: Path, port: int, key: Path) -> None:
        self.root, self.port, self.key = root, port, key
        self.user = getpass.getuser()

    def env(self, key: Path | None = None, port: int | None = None) -> dict[str, str]:
        """$RSYNC_RSH as a city sets it for a key and port of its own (docs/publish.md)."""
        rsh = (f"ssh -i {key or self.key} -p {port or self.port} -o StrictHostKeyChecking=no "
               f"-o UserKnownHostsFile={self.root / 'known_hosts'} -o IdentitiesOnly=yes")
        return {**os.environ, "RSYNC_RSH": rsh}


@pytest.fixture(scope="module")
def sshd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    assert Path(SSHD).is_file() and shutil.which("rsync"), "needs openssh-server and rsync (.ci/run installs them)"
    root = tmp_path_factory.mktemp("sshd")
    for name in ("host", "client", "stranger"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(root / name)], check=True)
    shutil.copyfile(root / "client.pub", root / "authorized_keys")
    port = free_port()
    (root / "sshd_config").write_text(
        f"ListenAddress 127.0.0.1\nPort {port}\nHostKey {root / 'host'}\nAuthorizedKeysFile {root / 'authorized_keys'}\n"
        f"PidFile {root / 'sshd.pid'}\nStrictModes no\nUsePAM no\nPasswordAuthentication no\n"
        "KbdInteractiveAuthentication no\nPubkeyAuthentication yes\nPermitRootLogin prohibit-password\n"
        "LogLevel ERROR\n", encoding="utf-8")
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # its privilege separation folder, as the package makes it
    proc = subprocess.Popen([SSHD, "-D", "-e", "-f", str(root / "sshd_config")], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            assert time.monotonic() < deadline, "sshd did not start"
            time.sleep(0.1)
    try:
        yield Server(root, port, root / "client")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=10)


@pytest.fixture
def desk(tmp_path: Path) -> Desk:
    d = Desk(tmp_path / "desk")
    d.build()
    return d


def remote(sshd: Server, folder: Path) -> str:
    return f"{sshd.user}@127.0.0.1:{folder}"


def test_publish_over_ssh_first_then_nothing_then_one_edit(sshd: Server, desk: Desk, tmp_path: Path) -> None:
    www = tmp_path / "srv" / "kaigiroku"
    www.parent.mkdir()
    first = desk.publish_subprocess(remote(sshd, www), env=sshd.env())
    assert first.returncode == 0, first.stderr
    assert holds_the_build(www, desk.site)
    same = desk.publish_subprocess(remote(sshd, www), env=sshd.env())
    assert same.returncode == 0 and "nothing was sent" in same.stdout
    desk.edit("2024-04-10", "北山公園", "{{redact:administration|北山公園}}")
    desk.build()
    dry = desk.publish_subprocess(remote(sshd, www), "--dry-run", env=sshd.env())
    assert dry.returncode == 0 and "dry run" in dry.stdout and holds_the_build(www, desk.site) is False
    edit = desk.publish_subprocess(remote(sshd, www), env=sshd.env())
    assert edit.returncode == 0, edit.stderr
    assert holds_the_build(www, desk.site)
    first_receipt, second = desk.receipts()
    assert second["target"] == remote(sshd, www)
    assert "privacy/2024-04-10/index.html" in second["withdrawn"] and "privacy/2024-04-10/index.html" in second["changed"]
    assert not any(p.startswith(("privacy/2024-05-10/", "privacy/2024-06-10/")) for p in second["changed"])
    assert "北山公園" not in edit.stdout + edit.stderr


def test_a_publish_over_ssh_killed_half_way_is_finished(sshd: Server, desk: Desk, tmp_path: Path) -> None:
    www = tmp_path / "www"
    assert desk.publish_subprocess(remote(sshd, www), env=sshd.env()).returncode == 0
    (desk.content / "privacy" / "2024-06-10.md").unlink()
    desk.build("--allow-withdraw")  # taking a meeting down is said so
    killed = desk.publish_subprocess(remote(sshd, www), env=sshd.env(), tool=[str(KILLED_PUBLISH), "after-2"])
    assert killed.returncode == -signal.SIGKILL
    assert (www / ".kaigiroku-publish" / "pending.json").is_file()
    run = desk.publish_subprocess(remote(sshd, www), env=sshd.env())
    assert run.returncode == 0, run.stderr
    assert "did not finish: this one finishes it" in run.stdout
    assert holds_the_build(www, desk.site) and not (www / ".kaigiroku-publish").exists()
    assert desk.receipts()[-1]["withdrawn"] == ["privacy/2024-06-10/index.html", "privacy/2024-06-10/meeting.json"]


def test_an_unreachable_host_is_one_clear_line(sshd: Server, desk: Desk, tmp_path: Path) -> None:
    run = desk.publish_subprocess(f"{sshd.user}@127.0.0.1:{tmp_path / 'www'}", env=sshd.env(port=free_port()))
    assert run.returncode == 1
    assert run.stderr == ("error: cannot reach 127.0.0.1: connection refused; check the host name, the network and "
                          "that its SSH server runs\n")
    assert not desk.receipts() and not (tmp_path / "www").exists()


def test_a_key_the_server_does_not_know_is_a_clear_permission_denied(sshd: Server, desk: Desk, tmp_path: Path) -> None:
    run = desk.publish_subprocess(remote(sshd, tmp_path / "www"), env=sshd.env(key=sshd.root / "stranger"))
    assert run.returncode == 1
    assert run.stderr.startswith("error: 127.0.0.1 refused the SSH login (permission denied)")
    assert run.stderr.count("\n") == 1 and not (tmp_path / "www").exists()


def test_a_remote_folder_of_other_files_is_refused_unless_forced(sshd: Server, desk: Desk, tmp_path: Path) -> None:
    www = tmp_path / "www"
    www.mkdir()
    (www / "index.html").write_text("別のサイト", encoding="utf-8")
    run = desk.publish_subprocess(remote(sshd, www), env=sshd.env())
    assert run.returncode == 2 and "is not an earlier publish of this archive" in run.stderr
    assert [p.name for p in www.iterdir()] == ["index.html"]
    assert desk.publish_subprocess(remote(sshd, www), "--force", env=sshd.env()).returncode == 0
    assert holds_the_build(www, desk.site)
