#!/usr/bin/env python3
"""Benchmark: ``publish --to`` on an archive of N meetings, the way a city runs it.

    python bench/publish_bench.py --sizes 1000 [--work /tmp/kaigiroku-bench] [--to TARGET]

For each size: the corpus of build_bench (shared/bench/gen_corpus.py, --pii-rate 0), one build,
then, each timed as a command a clerk types (a child process, wall time):

1. the first publish into an empty target (every file sent);
2. a publish with nothing changed (the target's manifest is read, nothing is sent);
3. one meeting edited and the site rebuilt, then ``--dry-run`` and the real publish
   (the edited page, its lists and its search files sent).

TARGET defaults to a fresh local folder under --work; give ``user@host:/path`` (with
$RSYNC_RSH as docs/publish.md says) to measure a real server. Bytes sent are the sizes of the
files the receipt names as added or changed. See docs/publish.md.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from build_bench import EDIT, corpus  # noqa: E402 - the same corpus and the same edit as the build benchmark

BY = "benchmark"


def run(*args: str) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), *args], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"build.py {args[0]} failed ({done.returncode}):\n{done.stderr}")
    return time.perf_counter() - start


def last_receipt(content: Path) -> dict:
    lines = (content / "_published.jsonl").read_text(encoding="utf-8").splitlines()
    return json.loads(lines[-1])


def sent(site: Path, receipt: dict) -> tuple[int, int]:
    files = [*receipt["added"], *receipt["changed"]]
    return len(files), sum((site / f).stat().st_size for f in files if (site / f).is_file())


def bench(work: Path, size: int, to: str | None) -> list[tuple[str, float, str]]:
    content = corpus(work, size)
    site = work / f"n{size}" / "site"
    (content / "_published.jsonl").unlink(missing_ok=True)
    target = to or str(work / f"n{size}" / "www")
    if not to:
        shutil.rmtree(target, ignore_errors=True)
        Path(target).mkdir(parents=True)
    common = ["--content", str(content), "--out", str(site)]
    run("build", *common, "-q")
    publish = ["publish", *common, "--to", target, "--by", BY]
    rows = []
    seconds = run(*publish)
    files, size_sent = sent(site, last_receipt(content))
    rows.append(("first publish", seconds, f"{files} files, {size_sent / 1e6:.1f} MB"))
    rows.append(("nothing changed", run(*publish), "0 files"))
    meeting = sorted(p for p in content.glob("*/*.md"))[-1]
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text + EDIT, encoding="utf-8")
    try:
        run("build", *common, "-q")
        rows.append(("one edit: --dry-run", run(*publish, "--dry-run"), ""))
        seconds = run(*publish)
        files, size_sent = sent(site, last_receipt(content))
        rows.append(("one edit: publish", seconds, f"{files} files, {size_sent / 1e3:.0f} KB"))
    finally:
        meeting.write_text(text, encoding="utf-8")
    return rows


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[1000])
    p.add_argument("--work", type=Path, default=Path("/tmp/kaigiroku-bench"))
    p.add_argument("--to", help="a publish target of your own (default: a fresh folder under --work)")
    args = p.parse_args(argv)
    for size in args.sizes:
        print(f"\n{size:,} meetings → {args.to or 'a local folder'}")
        print(f"{'step':<22} {'seconds':>8}  sent")
        for step, seconds, what in bench(args.work, size, args.to):
            print(f"{step:<22} {seconds:>8.2f}  {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
