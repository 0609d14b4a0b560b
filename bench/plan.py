"""Annual audit plan in Chromium: plan and show registers of 1,000, 10,000 and 50,000 contracts.

Run by `make bench` (bench/run.py) against a built site; prints one line per size and
language. Not a test: it measures, it does not judge. For each register it reports the
time from pressing the button to the plan shown (its rows in the page, laid out, and the
next frame painted), and the longest time the page did not answer in between (a timer
asked to fire every 10 ms is late by that much): the page stays responsive when that
stays short. The browser lays out a table of the plan only when it comes into view, so it
then scrolls through the plan, each table into view in turn, and reports the longest the
page did not answer while it did (each table laid out as it came into view). The register
is put in the text box before the button is pressed, and the time the box takes to show
it is reported apart (the browser lays out every line of a text box: 50,000 lines take
more than a second, whatever the page then does with them).
"""

from __future__ import annotations

import datetime
import os
import statistics
import sys
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
SIZES = ((1000, 5), (10000, 5), (50000, 2))  # contracts, samples


def register(count: int) -> str:
    """A register of `count` contracts of every type, as pasted from Excel, with the record
    of the last check and a department on every row (terms that fit their type)."""
    rows = ["name\ttype\tstart\tend\trenewedYearly\tlastOnsiteVisit\tdepartment\tlastCheck\tlastResult"]
    kinds = [("one_year", 12, "はい"), ("long_term_continuing", 60, ""), ("designated_manager", 60, ""),
             ("under_one_year", 6, "")]
    for i in range(count):
        kind, months, renewed = kinds[i % len(kinds)]
        year, month = 2023 + (i % 3), 1 + (i % 12)
        end_year, end_month = divmod(year * 12 + month - 1 + months, 12)
        # the day before the same day `months` later: the term fits the type
        end = datetime.date(end_year, end_month + 1, 1) - datetime.timedelta(days=1)
        last = f"{2024 + i % 2}-{1 + i % 12:02d}-15" if i % 3 else ""
        rows.append(f"契約{i}\t{kind}\t{year}-{month:02d}-01\t{end.isoformat()}\t{renewed}\t\t課{i % 20}\t{last}\t")
    return "\n".join(rows)


# The register pasted: the text box shows it (laid out and painted), before the button is pressed.
PASTE = """async (text) => {
    const t0 = performance.now();
    document.getElementById('register').value = text;
    document.body.getBoundingClientRect();
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return performance.now() - t0;
}"""

MEASURE = """async (text) => {
    const form = document.getElementById('hb-plan-form');
    document.getElementById('register').value = text;  // already there (PASTE): nothing changes
    let worst = 0;
    let last = performance.now();
    const probe = setInterval(() => { const now = performance.now(); worst = Math.max(worst, now - last - 10); last = now; }, 10);
    const t0 = performance.now();
    form.requestSubmit();
    await new Promise((resolve) => {
        const check = () => (['ok', 'problems'].includes(form.dataset.state) ? resolve() : setTimeout(check, 5));
        check();
    });
    document.body.getBoundingClientRect();  // layout included
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));  // and painted
    const t1 = performance.now();
    clearInterval(probe);
    return [t1 - t0, Math.max(worst, 0), document.querySelectorAll('#hb-plan-table tr.hb-plan-row').length,
            +document.querySelector('#hb-plan-counts [data-count=planned] dd').textContent];
}"""

SCROLL = """async () => {
    const tables = [...document.querySelectorAll('#hb-plan-table table')].concat(document.querySelector('table#hb-plan-table') || []);
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    let worst = 0;
    let last = performance.now();
    const probe = setInterval(() => { const now = performance.now(); worst = Math.max(worst, now - last - 10); last = now; }, 10);
    for (const table of tables) {
        table.scrollIntoView();
        for (let i = 0; i < 4; i++) await frame();
    }
    clearInterval(probe);
    window.scrollTo(0, 0);
    await frame();
    return [tables.length, Math.max(worst, 0)];
}"""


def plan_timing(site: Path, sizes=SIZES) -> str:
    return "\n".join(timing_lines(site, sizes))


def timing_lines(site: Path, sizes=SIZES):
    """The report, one line at a time as each measurement is made."""
    from playwright.sync_api import sync_playwright

    load = os.getloadavg()[0]
    yield ("Register planned and shown: median time from pressing the button to the plan shown and painted,"
           " the longest the page did not answer meanwhile, then while scrolled through the plan's tables,"
           " and the time the text box took to show the pasted register (Chromium, file://, fiscal year 2025;"
           f" load average {load:.1f} on {os.cpu_count()} cores)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        for count, samples in sizes:
            text = register(count)
            for lang, path in (("ja", "tools/plan.html"), ("en", "en/tools/plan.html")):
                page.goto((site / path).resolve().as_uri() + "?fy=2025&today=2025-09-15")
                page.wait_for_selector("#hb-plan-form[data-ready='true']", state="attached")
                pasted = page.evaluate(PASTE, text)
                times, stalls, rows, planned = [], [], 0, 0
                for _ in range(samples):
                    took, stall, rows, planned = page.evaluate(MEASURE, text)
                    times.append(took)
                    stalls.append(stall)
                tables, scrolling = page.evaluate(SCROLL)
                outcome = f"{rows:,} checks in the year" if planned else "refused, nothing planned"
                yield (f"  {count:>6,} contracts, {lang}: {statistics.median(times):.0f} ms"
                       f" (longest without answer {statistics.median(stalls):.0f} ms; {outcome});"
                       f" scrolled through its {tables:,} tables: longest without answer {scrolling:.0f} ms;"
                       f" pasted into the text box: {pasted:.0f} ms")
        browser.close()


if __name__ == "__main__":
    # bench/plan.py SITE [COUNT …]: the sizes to measure (default: 1,000, 10,000 and 50,000)
    chosen = tuple((int(n), 3) for n in sys.argv[2:]) or SIZES
    for line in timing_lines(Path(sys.argv[1] if len(sys.argv) > 1 else "site"), chosen):
        print(line, flush=True)
