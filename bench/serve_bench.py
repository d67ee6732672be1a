#!/usr/bin/env python3
"""Benchmark of `serve` over a generated corpus (1,000 meetings by default).

Prints three figures, each measured twice: in process (``Preview.update``)
and end to end through a real ``python build.py serve`` (file written on
disk → watchdog → rebuild → the page served with the change):

* cold build of the preview;
* rebuild with no change (a meeting, or site.yaml, saved unchanged), and
  after a layout is saved (every page rendered again, nothing redacted);
* one meeting edited → its updated page served (target ≤ 300 ms).

The corpus is made by the shared generator (called, not copied)::

    python bench/serve_bench.py [--meetings 1000] [--corpus DIR] [--edits 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from minutes import running_server  # noqa: E402

from kaigiroku.preview.edition import Preview  # noqa: E402
from kaigiroku.render.pages import LAYOUTS  # noqa: E402
from redaction.policy import DEFAULT_POLICY  # noqa: E402

GENERATOR = ROOT.parent / "shared" / "bench" / "gen_corpus.py"


def corpus(path: Path, meetings: int) -> Path:
    if not (path / ".gen-corpus").exists() or len(list(path.glob("*/*.md"))) != meetings:
        subprocess.run([sys.executable, str(GENERATOR), "--meetings", str(meetings), "--out", str(path), "--force"],
                       check=True, stdout=subprocess.DEVNULL)
    return path


def edit(path: Path, n: int) -> str:
    """Add a uniquely worded sentence to the body; return it."""
    marker = f"ベンチマークによる追記{os.getpid()}の{n}号。"  # new on every run of the benchmark
    text = path.read_text(encoding="utf-8")
    head, sep, body = text.partition("\n---\n")
    path.write_text(head + sep + f"\n{marker}\n" + body, encoding="utf-8")
    return marker


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.0f} ms"


def in_process(content: Path, edits: int) -> None:
    with tempfile.TemporaryDirectory(prefix="serve-bench-") as tmp:
        preview = Preview(content, DEFAULT_POLICY, LAYOUTS, Path(tmp) / "preview")
        cpu = time.process_time()
        cold = preview.update()
        cold_cpu = time.process_time() - cpu
        assert not cold.errors, cold.errors[:3]
        target = sorted(content.glob("*/*.md"))[len(list(content.glob("*/*.md"))) // 2]
        target.write_bytes(target.read_bytes())
        same = preview.update([target])
        settings = content / "site.yaml"
        settings.write_bytes(settings.read_bytes())
        same_settings = preview.update([settings])
        layout = preview.update([LAYOUTS / "base.html"])
        times, cpu_times, written = [], [], []
        for n in range(edits):
            edit(target, n)
            cpu = time.process_time()
            u = preview.update([target])
            cpu_times.append(time.process_time() - cpu)
            times.append(u.seconds)
            written.append(u.written)
        print(f"in process ({len(preview.sources)} meetings)")
        print(f"  cold build of the preview            {ms(cold.seconds)}  ({cold.written} pages; CPU {ms(cold_cpu).strip()})")
        print(f"  no change: file saved unchanged      {ms(same.seconds)}  ({same.written} pages)")
        print(f"  no change: site.yaml saved unchanged {ms(same_settings.seconds)}  ({same_settings.written} pages)")
        print(f"  a layout saved: every page rendered  {ms(layout.seconds)}  ({layout.written} pages)")
        print(f"  edit one meeting → pages rewritten   {ms(statistics.median(times))}  median, max {ms(max(times)).strip()}"
              f" ({max(written)} pages; CPU median {ms(statistics.median(cpu_times)).strip()})")


def end_to_end(content: Path, edits: int) -> None:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="serve-bench-cwd-") as cwd, running_server(content, Path(cwd)) as server:
        server.get("")
        cold = time.perf_counter() - started
        target = sorted(content.glob("*/*.md"))[len(list(content.glob("*/*.md"))) // 3]
        page = f"{target.parent.name}/{target.stem}/"
        times = []
        for n in range(edits):
            time.sleep(0.3)
            t0 = time.perf_counter()
            marker = edit(target, 100 + n)
            status, body = server.wait_for(page, lambda s, b: marker in b, timeout=30)
            assert marker in body, status
            times.append(time.perf_counter() - t0)
        print("end to end through `python build.py serve` (debounce included)")
        print(f"  start to first page served           {ms(cold)}")
        print(f"  edit on disk → updated page served   {ms(statistics.median(times))}  median, "
              f"90th percentile {ms(statistics.quantiles(times, n=10, method='inclusive')[-1]).strip()}, max {ms(max(times)).strip()}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--meetings", type=int, default=1000)
    p.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "kaigiroku-serve-bench" / "content")
    p.add_argument("--edits", type=int, default=11)
    args = p.parse_args()
    content = corpus(args.corpus, args.meetings)
    in_process(content, args.edits)
    end_to_end(content, args.edits)


if __name__ == "__main__":
    main()
