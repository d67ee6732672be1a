"""The same content gives the same site, byte for byte, Pagefind bundle included,
whatever the day, the time zone, the folder, the working directory or the
order in which the file system lists files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from proof import ROOT, build_subprocess, generate_corpus, tree_digest

SKEWED = ROOT / "tests" / "tools" / "skewed"


def copy_in_reverse_order(source: Path, target: Path) -> None:
    """Create the same files, newest name first, so that creation order differs."""
    for path in sorted(source.rglob("*"), reverse=True):
        dest = target / path.relative_to(source)
        if path.is_dir():
            dest.mkdir(parents=True, exist_ok=True)
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dest)


def test_two_builds_on_different_machines_days_and_orders_are_identical(tmp_path: Path) -> None:
    first = generate_corpus(tmp_path / "a" / "content", meetings=8, seed=3)
    second = tmp_path / "elsewhere" / "deeper" / "minutes"
    copy_in_reverse_order(first, second)
    base = {k: v for k, v in os.environ.items() if k not in ("TZ", "SOURCE_DATE_EPOCH", "PYTHONPATH")}
    (tmp_path / "cwd1").mkdir()
    (tmp_path / "cwd2").mkdir()
    one = build_subprocess("build", "--content", str(first), "--out", str(tmp_path / "one"), cwd=tmp_path / "cwd1",
                           env={**base, "TZ": "UTC", "SOURCE_DATE_EPOCH": "0", "PYTHONHASHSEED": "1"})
    two = build_subprocess("build", "--content", str(second), "--out", str(tmp_path / "two"), cwd=tmp_path / "cwd2",
                           env={**base, "TZ": "Pacific/Kiritimati", "SOURCE_DATE_EPOCH": "2000000000",
                                "PYTHONHASHSEED": "2", "PYTHONPATH": str(SKEWED), "SKEW_DAYS": "400",
                                "SKEW_REVERSE": "1"})
    assert one.code == 0, one.stderr
    assert two.code == 0, two.stderr
    a, b = tree_digest(tmp_path / "one"), tree_digest(tmp_path / "two")
    assert any(p.startswith("pagefind/filter/") for p in a)
    assert sorted(a) == sorted(b)
    assert [p for p in a if a[p] != b[p]] == []
    assert list((tmp_path / "cwd1").iterdir()) == [] and list((tmp_path / "cwd2").iterdir()) == []


def test_the_skewed_machine_is_really_skewed(tmp_path: Path) -> None:
    """The reproducibility test above would prove nothing if the skew did not apply."""
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(SKEWED), "SKEW_DAYS": "400", "SKEW_REVERSE": "1"}
    for name in ("a", "b", "c"):
        (tmp_path / name).mkdir()
    probe = ("import datetime, time, pathlib, sys; "
             "print(round((time.time() - float(sys.argv[1])) / 86400), datetime.date.today() > datetime.date.fromtimestamp(float(sys.argv[1])), "
             "[p.name for p in pathlib.Path(sys.argv[2]).iterdir()], [p.name for p in pathlib.Path(sys.argv[2]).glob('*')])")
    import time

    out = subprocess.run([sys.executable, "-c", probe, str(time.time()), str(tmp_path)], env=env,
                         capture_output=True, text=True, check=True).stdout.split(" ", 2)
    assert out[0] == "400" and out[1] == "True"
    assert out[2].strip() == "['c', 'b', 'a'] ['c', 'b', 'a']"
