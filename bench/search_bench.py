#!/usr/bin/env python3
"""Benchmark: what a citizen's query costs in the browser, ours against Pagefind's default, side by side.

    python bench/search_bench.py --sizes 1000 10000 [--work /tmp/kaigiroku-bench] [--jobs 2] [--keep]

For each size it generates the corpus (``gen_corpus.py --meetings N --pii-rate 0 --seed 1``, kept in
``--work``), builds our site and Hugo + Pagefind's default index on the same Markdown (as
``build_bench.py`` does: cold, timed), serves both from a local HTTP server (Python's, no compression),
and runs every query of ``QUERIES`` in a fresh Chromium context on each: the files and bytes on the
wire (encoded body + headers, every request of the context: page, scripts, index) and the time from
navigation to ``#search-status[data-done]`` (our search page; for Pagefind a page that calls
Pagefind's JavaScript API as its default UI does: the search, then the data of the first five
results). It prints each query, the median and the 95th percentile, and a second query in the same
page: what it fetched, and whether it fetched anything the first had fetched. ``--keep`` reuses
built sites. See docs/search.md.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Iterator
from urllib.parse import quote, urlencode

from build_bench import corpus, hugo_binary, hugo_site, measure, ours, pagefind_binary
from playwright.sync_api import Browser, sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]
QUERIES = [
    # the issue's
    "海外療養費", "会長", "審議会", "個人情報 委託", "情報公開条例第6条", "量子暗号通信衛星", "防犯カメラ", "生活保護",
    "出口調査", "嶋田委員", "委", "平成25年度", "委員長", "プライバシーマーク",
    # rare names of companies and places, compounds, names, two words, one character, on no page, numbers
    "ひまわりシステム", "北多摩警備保障", "KSKデータセンター", "多摩湖町", "廻田町", "ふるさと歴史館",
    "北庁舎第1会議室", "防災行政無線保守点検業務", "公共施設予約システム", "都市計画マスタープラン", "長谷川委員",
    "介護認定 調査", "図書館 システム", "市", "緑", "宇宙開発事業団", "火星探査", "042-393-5111", "令和3年度",
    "コミュニティバス", "第5次総合計画", "子ども・子育て",
]
# filtered (a council of the generator's, a fiscal year): ours only, Pagefind's default page takes no filter
FILTERED = [("審議会", {"council": "情報公開運営審議会"}), ("委員", {"council": "社会教育委員の会議"}),
            ("生活保護", {"from": "2020", "to": "2020"}), ("個人情報 委託", {"council": "都市計画審議会", "from": "2015"})]
SECOND = ("審議会", "個人情報 委託")  # one page, one query after the other
PAGEFIND_PAGE = """<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>search</title></head>
<body><p id="search-status"></p><script type="module">
const q = new URLSearchParams(location.search).get("q");
const pf = await import("./pagefind/pagefind.js");
await pf.init();
const found = await pf.search(q);
await Promise.all(found.results.slice(0, 5).map(r => r.data()));  // the default UI shows five
const s = document.getElementById("search-status");
s.textContent = found.results.length + " results";
s.dataset.query = q;
s.dataset.total = found.results.length;
s.dataset.done = "";
</script></body></html>
"""
DONE = """q => { const s = document.getElementById('search-status');
  return s && s.hasAttribute('data-done') && s.getAttribute('data-query') === q; }"""


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def served(root: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def one_query(browser: Browser, url: str, q: str) -> dict[str, object]:
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(600_000)
    requests = []
    context.on("requestfinished", lambda r: requests.append(r))
    page.goto(url + quote(q))
    page.wait_for_function(DONE, arg=q)
    seconds = page.evaluate("performance.now()") / 1000
    total = page.locator("#search-status").get_attribute("data-total")
    shown = page.locator("#search-results > li").count()
    page.wait_for_load_state("networkidle")  # the excerpts of the results in view
    sizes = [r.sizes() for r in list(requests)]
    context.close()
    return {"q": q, "files": len(sizes), "bytes": sum(s["responseBodySize"] + s["responseHeadersSize"] for s in sizes),
            "seconds": seconds, "total": total, "shown": shown}


def second_query(browser: Browser, base: str) -> dict[str, object]:
    """Two queries in one page: what the second fetched, and how much of it the first had fetched."""
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(600_000)
    requests: list = []
    context.on("requestfinished", lambda r: requests.append(r))
    page.goto(base + "search/?q=" + quote(SECOND[0]))
    page.wait_for_function(DONE, arg=SECOND[0])
    page.wait_for_load_state("networkidle")
    first = {r.url for r in requests if not r.url.endswith("favicon.svg")}  # asked for again when the address changes
    mark = len(requests)
    page.locator("#q").fill(SECOND[1])
    page.locator("#q").press("Enter")
    page.wait_for_function(DONE, arg=SECOND[1])
    page.wait_for_load_state("networkidle")
    later = requests[mark:]
    sizes = [r.sizes() for r in later]
    context.close()
    return {"files": len(later), "bytes": sum(s["responseBodySize"] + s["responseHeadersSize"] for s in sizes),
            "again": sum(r.url in first for r in later)}


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))]


def sites(work: Path, size: int, jobs: int, keep: bool) -> tuple[Path, Path, dict[str, float]]:
    content = corpus(work, size)
    base = work / f"n{size}"
    ours_site, hugo = base / "ours" / "site", base / "hugo"
    times: dict[str, float] = {}
    if not (keep and (ours_site / "search" / "pages.json").exists()):
        shutil.rmtree(base / "ours", ignore_errors=True)
        run, _ = ours(content, ours_site, jobs)
        times["ours"] = run.seconds
    if not (keep and (hugo / "public" / "pagefind").exists()):
        hugo = hugo_site(base, content)
        h = measure([hugo_binary(), "--quiet", "-s", str(hugo), "-d", str(hugo / "public")])
        pf = measure([pagefind_binary(), "--site", str(hugo / "public"), "--silent"])
        times["hugo+pagefind"] = h.seconds + pf.seconds
    (hugo / "public" / "bench-search.html").write_text(PAGEFIND_PAGE, encoding="utf-8")
    return ours_site, hugo / "public", times


def report(name: str, rows: list[dict[str, object]]) -> None:
    kb = [float(r["bytes"]) / 1024 for r in rows]  # type: ignore[arg-type]
    secs = [float(r["seconds"]) for r in rows]  # type: ignore[arg-type]
    print(f"{name}: median {statistics.median(kb):,.0f} KB, p95 {pct(kb, 0.95):,.0f} KB, "
          f"max {max(kb):,.0f} KB; time median {statistics.median(secs):.2f} s, p95 {pct(secs, 0.95):.2f} s")


def bench(work: Path, size: int, jobs: int, keep: bool, browser: Browser) -> None:
    ours_site, pagefind_site, times = sites(work, size, jobs, keep)
    print(f"\n## {size:,} meetings" + "".join(f"; {k} built in {v:.1f} s" for k, v in times.items()), flush=True)
    print("| query | ours: files, KB, s, found (shown) | Pagefind default: files, KB, s, found |")
    print("|---|---|---|")
    mine, theirs = [], []
    for q in QUERIES:
        for root, path, rows in ((ours_site, "search/?q=", mine), (pagefind_site, "bench-search.html?q=", theirs)):
            for base in served(root):
                rows.append(one_query(browser, base + path, q))
        a, b = mine[-1], theirs[-1]
        print(f"| {q} | {a['files']}, {float(a['bytes']) / 1024:,.0f} KB, {a['seconds']:.2f} s, "  # type: ignore[arg-type]
              f"{a['total'] or 'more than ' + str(a['shown'])} ({a['shown']}) | {b['files']}, "
              f"{float(b['bytes']) / 1024:,.0f} KB, {b['seconds']:.2f} s, {b['total']} |", flush=True)  # type: ignore[arg-type]
    report("ours", mine)
    report("Pagefind default", theirs)
    print("\n| query, filters | ours: files, KB, s, found (shown) |\n|---|---|")
    filtered = []
    for q, filters in FILTERED:
        for base in served(ours_site):
            filtered.append(r := one_query(browser, base + "search/?" + urlencode(filters) + "&q=", q))
        print(f"| {q}, {' '.join(f'{k}={v}' for k, v in filters.items())} | {r['files']}, {float(r['bytes']) / 1024:,.0f} KB, "  # type: ignore[arg-type]
              f"{r['seconds']:.2f} s, {r['total'] or 'more than ' + str(r['shown'])} ({r['shown']}) |", flush=True)
    report("ours, filtered", filtered)
    for base in served(ours_site):
        s = second_query(browser, base)
    print(f"second query in the same page ({SECOND[0]} then {SECOND[1]}): {s['files']} files, "
          f"{float(s['bytes']) / 1024:,.0f} KB, of which fetched by the first: {s['again']}")  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/kaigiroku-bench"))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="reuse the sites built by an earlier run")
    args = parser.parse_args(argv)
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {len(QUERIES)} queries", flush=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for size in args.sizes:
            bench(args.work, size, args.jobs, args.keep, browser)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
