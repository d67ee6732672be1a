#!/usr/bin/env python3
"""Benchmark: a corpus of council minutes (the ○ convention) against the same corpus as it is.

    python bench/council_bench.py [--meetings 1000] [--work /tmp/kaigiroku-council-bench] [--jobs 2]

Generates a corpus with shared/bench/gen_corpus.py (``--pii-rate 0``), then
writes a second one from it in the convention of council minutes: each
speaker marker that opens a paragraph, （委員）本文 or (杉山委員) 本文, becomes
a ○ label with a fictional name, ○委員（青柳さくら君）　本文 (a surname before
the title stays a name: ○杉山委員　本文), and each meeting gains stage notes
(〔午前10時開議〕 before the minutes, 〔拍手〕 after every tenth speech,
〔午前11時散会〕 at the end). Both corpora are built cold (no cache) in a child
process, and the script prints, per corpus, the size of its Markdown, the
wall and CPU time, seconds per MB and the peak memory (RSS of the process
tree), and the council corpus's figures per MB against the other's. The
council corpus also has a speaker's page per name (hatsugensha/).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT.parent / "shared" / "bench" / "gen_corpus.py"
MARKER = re.compile(r"^(?P<indent>[ \t]*(?:[-*] )?)[（(](?P<label>[^（）()\n]{1,30})[）)][ \t　]*", re.M)
# Fictional members and officials: names are given to roles in turn, the same role the same name.
NAMES = ("青柳紗良 村雨健太 柊木美沙 東條正樹 山科拓 早瀬由紀 桐生冬馬 相馬澪 中村三郎 木下綾 "
         "大森修 朝比奈亮 白鳥真央 水城陽介 神楽坂紬 鷹野俊 葛城遥 久遠寺歩").split()


def councilify(text: str) -> str:
    """A meeting file of the corpus with its speaker markers as ○ labels and stage notes added."""
    front, body = text.split("\n---\n", 1) if text.startswith("---\n") else ("", text)
    given: dict[str, str] = {}
    count = 0

    def label(m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        role = m["label"].strip()
        if re.fullmatch(r"[\u4e00-\u9fff]{1,3}委員", role):  # 杉山委員: a surname and the title
            return f"{m['indent']}○{role}　"
        name = given.setdefault(role, NAMES[len(given) % len(NAMES)])
        note = "〔拍手〕\n" if count % 10 == 0 else ""
        return f"{m['indent']}{note}○{role}（{name}君）　"

    body = MARKER.sub(label, body)
    return f"{front}\n---\n〔午前10時開議〕\n\n{body.rstrip()}\n\n〔午前11時散会〕\n"


def corpus(work: Path, meetings: int) -> tuple[Path, Path]:
    plain, council = work / "plain" / "content", work / "council" / "content"
    if not (plain / "site.yaml").is_file():
        subprocess.run([sys.executable, str(GENERATOR), "--meetings", str(meetings), "--pii-rate", "0",
                        "--out", str(plain), "--force"], check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(council, ignore_errors=True)
    for path in sorted(plain.rglob("*")):
        target = council / path.relative_to(plain)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        elif path.suffix == ".md" and path.parent != plain:
            target.write_text(councilify(path.read_text(encoding="utf-8")), encoding="utf-8")
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    return plain, council


def markdown_mb(content: Path) -> float:
    return sum(p.stat().st_size for p in content.rglob("*.md")) / 1e6


def cold_build(content: Path, out: Path, jobs: int) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of the process tree of a cold build."""
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "build", "--content", str(content),
                             "--out", str(out), "--jobs", str(jobs), "--no-cache", "--quiet"], cwd=ROOT)
    peak, cpu = 0.0, {}
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        parent = psutil.Process(proc.pid)
        while not done.is_set():
            try:
                tree = [parent, *parent.children(recursive=True)]
                rss = 0
                for p in tree:
                    try:
                        rss += p.memory_info().rss
                        t = p.cpu_times()
                        cpu[p.pid] = t.user + t.system + t.children_user + t.children_system
                    except psutil.NoSuchProcess:
                        pass
                peak = max(peak, rss / 1e6)
            except psutil.NoSuchProcess:
                break
            time.sleep(0.1)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    code = proc.wait()
    done.set()
    watcher.join()
    wall = time.perf_counter() - started
    if code != 0:
        raise SystemExit(f"the build of {content} failed with exit status {code}")
    return wall, sum(cpu.values()), peak


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--meetings", type=int, default=1000)
    ap.add_argument("--work", type=Path, default=Path("/tmp/kaigiroku-council-bench"))
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    plain, council = corpus(args.work, args.meetings)
    rows = {}
    for name, content in (("current corpus", plain), ("council convention", council)):
        mb = markdown_mb(content)
        wall, cpu, peak = cold_build(content, content.parent / "site", args.jobs)
        rows[name] = (mb, wall, cpu, peak)
        print(f"{name:20} {args.meetings} meetings, {mb:6.1f} MB Markdown: cold build {wall:6.1f} s "
              f"({wall / mb:.2f} s/MB), CPU {cpu:6.1f} s ({cpu / mb:.2f} s/MB), peak RSS {peak:6.0f} MB", flush=True)
    people = len(list((council.parent / "site" / "hatsugensha").glob("*/index.html")))
    (pm, pw, pc, _), (cm, cw, cc, _) = rows["current corpus"], rows["council convention"]
    print(f"council / current, per MB: wall {cw / cm / (pw / pm):.2f}×, CPU {cc / cm / (pc / pm):.2f}×; "
          f"{people} speakers' pages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
