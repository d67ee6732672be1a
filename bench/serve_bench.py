#!/usr/bin/env python3
"""Benchmark of `serve` over generated corpora (1,000 and 10,000 meetings by default).

For each size it prints, through a real ``python build.py serve`` (a fresh interpreter each time):

* start → first requested meeting page served, cold (no preview cache) and warm (a second start);
  with the time until every meeting is loaded in the background (the lists are ready then);
* edit on disk → updated page served (watchdog, debounce, reload of the file, page rendered);
* review desk action → updated page served (the POST that edits the file, then the page);

and in process (``Preview``): every meeting loaded without a cache, a file and ``site.yaml`` saved
unchanged, a layout saved, and one meeting edited with its page rendered again.

The corpora are made by the shared generator (called, not copied)::

    python bench/serve_bench.py [--meetings 1000 10000] [--work DIR] [--edits 11]

(psutil, for the memory figure, is in the `test` and `bench` extras.)
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kaigiroku.preview.edition import Preview, cache_folder  # noqa: E402
from kaigiroku.render.pages import LAYOUTS  # noqa: E402
from redaction.policy import DEFAULT_POLICY  # noqa: E402

GENERATOR = ROOT.parent / "shared" / "bench" / "gen_corpus.py"
WORD = re.compile(r"[\u4e00-\u9fff]{4}")


def corpus(path: Path, meetings: int) -> Path:
    if not (path / ".gen-corpus").exists() or len(list(path.glob("*/*.md"))) != meetings:
        subprocess.run([sys.executable, str(GENERATOR), "--meetings", str(meetings), "--out", str(path), "--force"],
                       check=True, stdout=subprocess.DEVNULL)
    return path


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.0f} ms"


def spread(times: list[float]) -> str:
    return (f"{ms(statistics.median(times))} median, 90th percentile "
            f"{ms(statistics.quantiles(times, n=10, method='inclusive')[-1]).strip()}, max {ms(max(times)).strip()} ({len(times)})")


def edit(path: Path, n: int) -> str:
    """Add a uniquely worded sentence to the body; return it."""
    marker = f"ベンチマークによる追記{os.getpid()}の{n}号。"
    head, sep, body = path.read_text(encoding="utf-8").partition("\n---\n")
    path.write_text(head + sep + f"\n{marker}\n" + body, encoding="utf-8")
    return marker


@contextmanager
def serving(content: Path, cwd: Path) -> Iterator[tuple[subprocess.Popen[str], str, float, list[str]]]:
    """A real `serve` in a child process: (process, URL, seconds until the address was printed, log lines)."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--port", "0", "--content", str(content)],
                            cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
                            env={**os.environ, "KAIGIROKU_LANG": "en"})  # the log lines read below are English
    assert proc.stdout is not None
    log: list[str] = []
    for line in proc.stdout:
        log.append(line)
        if (m := re.search(r"preview at (http://127\.0\.0\.1:\d+/)", line)):
            break
    else:
        raise SystemExit("serve did not start:\n" + "".join(log))
    try:
        yield proc, m.group(1), time.perf_counter() - started, log
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)


def get(url: str, path: str) -> tuple[int, str]:
    host = url.split("//")[1].rstrip("/")
    conn = http.client.HTTPConnection(host, timeout=120)
    conn.request("GET", "/" + path.lstrip("/"))
    response = conn.getresponse()
    return response.status, response.read().decode("utf-8")


def post(url: str, token: str, body: dict[str, object]) -> tuple[int, dict[str, object]]:
    host = url.split("//")[1].rstrip("/")
    conn = http.client.HTTPConnection(host, timeout=120)
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    conn.request("POST", "/__desk/action", data, {"Content-Type": "application/json", "Origin": url.rstrip("/"),
                                                  "X-Kaigiroku-Desk": token})
    response = conn.getresponse()
    return response.status, json.loads(response.read())


def wait_loaded(proc: subprocess.Popen[str], log: list[str], started: float) -> float:
    """Seconds from ``started`` until serve says every meeting is loaded."""
    assert proc.stdout is not None
    for line in proc.stdout:
        log.append(line)
        if line.startswith("loaded "):
            return time.perf_counter() - started
    raise SystemExit("serve stopped before loading every meeting:\n" + "".join(log[-5:]))


def start(content: Path, target: Path, cold: bool) -> tuple[float, float, float, float]:
    """(address printed, first page served, every meeting loaded), seconds after the process started,
    and the resident memory of `serve` then, in MB."""
    if cold:
        shutil.rmtree(cache_folder(content), ignore_errors=True)
    os.sync()  # what the run before wrote or removed (500 MB of cache at 10,000 meetings) is on disk first
    with tempfile.TemporaryDirectory(prefix="serve-bench-") as cwd:
        started = time.perf_counter()
        with serving(content, Path(cwd)) as (proc, url, _, log):
            address = time.perf_counter() - started
            status, body = get(url, f"{target.parent.name}/{target.stem}/")
            first = time.perf_counter() - started
            assert status == 200 and "review-panel" in body, status
            loaded = wait_loaded(proc, log, started)
            return address, first, loaded, psutil.Process(proc.pid).memory_info().rss / 2**20


def live(content: Path, target: Path, edits: int) -> tuple[list[float], list[float]]:
    """(edit on disk → updated page, desk action → updated page) times, on a warm serve with every meeting loaded."""
    page = f"{target.parent.name}/{target.stem}/"
    original = target.read_bytes()
    try:
        with tempfile.TemporaryDirectory(prefix="serve-bench-") as cwd, serving(content, Path(cwd)) as (proc, url, _, log):
            wait_loaded(proc, log, time.perf_counter())
            reloads = []
            for n in range(edits):
                time.sleep(0.3)
                t0 = time.perf_counter()
                marker = edit(target, n)
                while marker not in get(url, page)[1]:
                    time.sleep(0.01)
                reloads.append(time.perf_counter() - t0)
            actions = []
            for n in range(edits):
                time.sleep(0.3)
                body = get(url, page)[1]
                token = re.search(r'name="kaigiroku-desk" content="([^"]+)"', body).group(1)  # type: ignore[union-attr]
                sha = re.search(r'data-desk-sha="([0-9a-f]{64})"', body).group(1)  # type: ignore[union-attr]
                line, word = _free_word(target)
                t0 = time.perf_counter()
                status, result = post(url, token, {
                    "action": "withhold", "by": "bench", "meeting": page.rstrip("/"), "sha": sha, "category": "personal",
                    "note": "", "scope": "here", "selection": {"region": f"{line}-{line}", "text": word, "nth": 0, "count": 1}})
                assert status == 200, result
                assert f'<del class="review-withheld">{word}</del>' in get(url, page)[1]
                actions.append(time.perf_counter() - t0)
            return reloads, actions
    finally:
        target.write_bytes(original)
        (content / "_review.log").unlink(missing_ok=True)


def _free_word(path: Path) -> tuple[int, str]:
    """A line of the minutes and four kanji that stand once in it, outside any marker (the line is plain text)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    body = lines.index("---", 1) + 1
    for number in range(len(lines) - 1, body, -1):
        line = lines[number]
        if "{{" in line or "}" in line or "\\" in line or not line or line[0] in "#|-*>`":
            continue
        for word in WORD.findall(line):
            if line.count(word) == 1 and sum(x.count(word) for x in lines) == 1:
                return number + 1, word
    raise SystemExit(f"no plain word left in {path}")


def in_process(content: Path, target: Path, edits: int) -> None:
    with tempfile.TemporaryDirectory(prefix="serve-bench-") as tmp:
        preview = Preview(content, DEFAULT_POLICY, LAYOUTS, Path(tmp) / "preview")
        cpu = time.process_time()
        cold = preview.update()
        cold_cpu = time.process_time() - cpu
        assert not cold.errors, cold.errors[:3]
        page = f"{target.parent.name}/{target.stem}/index.html"
        preview.prepare(page)
        original = target.read_bytes()
        try:
            target.write_bytes(original)
            same = preview.update([target])
            settings = content / "site.yaml"
            settings.write_bytes(settings.read_bytes())
            same_settings = preview.update([settings])
            t0 = time.perf_counter()
            preview.update([LAYOUTS / "base.html"])
            preview.prepare(page)
            layout = time.perf_counter() - t0
            times = []
            for n in range(edits):
                edit(target, n)
                t0 = time.perf_counter()
                preview.update([target])
                preview.prepare(page)
                times.append(time.perf_counter() - t0)
        finally:
            target.write_bytes(original)
        print(f"  in process: every meeting loaded, no cache   {ms(cold.seconds)}  (CPU {ms(cold_cpu).strip()})")
        print(f"  in process: a file saved unchanged          {ms(same.seconds)}  ({same.stale} pages to render again)")
        print(f"  in process: site.yaml saved unchanged       {ms(same_settings.seconds)}  ({same_settings.stale} pages)")
        print(f"  in process: a layout saved, page rendered   {ms(layout)}")
        print(f"  in process: edit one meeting, page rendered {spread(times)}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--meetings", type=int, nargs="+", default=[1000, 10000])
    p.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "kaigiroku-serve-bench")
    p.add_argument("--edits", type=int, default=11)
    p.add_argument("--no-in-process", dest="in_process", action="store_false")
    args = p.parse_args()
    os.environ["KAIGIROKU_CACHE_DIR"] = str(args.work / "cache")  # the caches of the runs, kept with the corpora
    print(f"{os.cpu_count()} CPUs; load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} at the start "
          "(the machine may be shared: wall times then exceed CPU times)")
    for size in args.meetings:
        content = corpus(args.work / str(size) / "content", size)
        meetings = sorted(content.glob("*/*.md"))
        target = meetings[len(meetings) // 3]
        print(f"{size} meetings ({target.parent.name}/{target.name} is the page asked for)")
        for label, cold in (("cold", True), ("warm", False)):
            address, first, loaded, rss = start(content, target, cold)
            print(f"  start → first meeting page, {label}:  {ms(first)}  (address printed at {ms(address).strip()}; "
                  f"every meeting loaded at {loaded:.1f} s, {rss:.0f} MB resident then)")
        reloads, actions = live(content, target, args.edits)
        print(f"  edit on disk → updated page served    {spread(reloads)}")
        print(f"  desk action → updated page served     {spread(actions)}")
        if args.in_process:
            in_process(content, target, args.edits)
        print(f"  load average now {' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)


if __name__ == "__main__":
    main()
