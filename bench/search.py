"""Benchmark of search: index size, time to first result, time per query, and how many of
the queries of tests/search-queries.json find their page in the first three results, in
headless Chromium over http and from the folder. Not a test: figures vary with the machine.

    python bench/search.py [--site DIR] [--runs N]

With no --site, the site is built into a temporary folder first. Point --site at a site
built by an earlier version to compare.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
QUERIES = json.loads((ROOT / "tests" / "search-queries.json").read_text(encoding="utf-8"))
ROOTS = {"ja": "", "en": "en/"}
FIRST = {"ja": "是正計画書", "en": "corrective action plan"}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]

# Type at once, as a user would who opens a page and searches: milliseconds from the start
# of navigation to the first result shown (the index loaded, the worker ready, the query
# answered and rendered).
FIRST_RESULT = """async (query) => {
    const box = document.querySelector('input.md-search__input');
    box.focus();
    box.value = query;
    box.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: 'End'}));
    const list = document.querySelector('.md-search-result__list');
    while (!list.querySelector('li')) {
        await new Promise(r => setTimeout(r, 2));
        if (!list.querySelector('li')) {  // a query sent before the worker was ready is dropped: type again
            box.value = query + ' ';
            box.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: 'End'}));
            box.value = query;
            box.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: 'End'}));
        }
    }
    return performance.now();
}"""

# One query once the worker is ready: milliseconds from the keyup to the results shown.
ONE_QUERY = """async (query) => {
    const box = document.querySelector('input.md-search__input');
    const meta = document.querySelector('.md-search-result__meta');
    meta.textContent = '';
    box.value = query;
    const t0 = performance.now();
    box.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: 'End'}));
    while (meta.textContent === '') await new Promise(r => setTimeout(r, 0));
    const t1 = performance.now();
    await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));  // the list is drawn after the count
    const pages = [...document.querySelectorAll('.md-search-result__list > li')].slice(0, 3)
        .map(li => li.querySelector('a').href);
    return [t1 - t0, pages];
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def bare_path(url: str) -> str:
    return urlsplit(url).path


def measure(site: Path, runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    report: dict = {"index": {}, "first_result_ms": {}, "query_ms": {}, "top3": {}}
    for lang, root in ROOTS.items():
        data = (site / root / "search" / "search_index.json").read_bytes()
        report["index"][lang] = {"bytes": len(data), "gzip": len(gzip.compress(data, 9))}
    http_url, server = serve(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for scheme, base in (("http", http_url), ("file", site.resolve().as_uri() + "/")):
                for lang, root in ROOTS.items():
                    times = []
                    for _ in range(runs):
                        context = browser.new_context(viewport={"width": 1280, "height": 900})
                        page = context.new_page()
                        page.goto(base + root + "index.html", wait_until="domcontentloaded")
                        times.append(page.evaluate(FIRST_RESULT, FIRST[lang]))
                        context.close()
                    report["first_result_ms"][f"{lang} {scheme}"] = round(statistics.median(times))
                    context = browser.new_context(viewport={"width": 1280, "height": 900})
                    page = context.new_page()
                    page.goto(base + root + "index.html")
                    page.evaluate(FIRST_RESULT, FIRST[lang])
                    latencies, hits = [], 0
                    for case in QUERIES[lang]:
                        ms, pages = page.evaluate(ONE_QUERY, case["query"])
                        latencies.append(ms)
                        expected = bare_path(base + root + case["page"])
                        hits += any(bare_path(u) == expected for u in pages)
                    context.close()
                    report["query_ms"][f"{lang} {scheme}"] = {"median": round(statistics.median(latencies), 1),
                                                              "max": round(max(latencies), 1)}
                    report["top3"][f"{lang} {scheme}"] = f"{hits}/{len(QUERIES[lang])}"
            browser.close()
    finally:
        server.shutdown()
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            subprocess.run([sys.executable, "-m", "generator", "build", "--site", str(site)], cwd=ROOT, check=True)
        started = time.perf_counter()
        report = measure(site, args.runs)
        report["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
