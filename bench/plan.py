"""Annual audit plan in Chromium: plan and show a register of 1,000 contracts.

Run by `make bench` (bench/run.py) against a built site; prints one line per page. Not a
test: it measures, it does not judge.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
CONTRACTS = 1000


def register(count: int) -> str:
    """A register of `count` contracts of every type, as pasted from Excel."""
    rows = ["name\ttype\tstart\tend\trenewedYearly\tlastOnsiteVisit"]
    kinds = [("one_year", 12, "はい"), ("long_term_continuing", 60, ""), ("designated_manager", 60, ""),
             ("under_one_year", 6, "")]
    for i in range(count):
        kind, months, renewed = kinds[i % len(kinds)]
        year, month = 2023 + (i % 3), 1 + (i % 12)
        end_total = year * 12 + month - 1 + months
        end_year, end_month = divmod(end_total, 12)
        rows.append(f"契約{i}\t{kind}\t{year}-{month:02d}-01\t{end_year}-{end_month + 1:02d}-01\t{renewed}\t")
    return "\n".join(rows)


def plan_timing(site: Path, samples: int = 5) -> str:
    from playwright.sync_api import sync_playwright

    text = register(CONTRACTS)
    lines = [f"{CONTRACTS} contracts planned and shown (median of {samples}), Chromium, file://"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        for lang, path in (("ja", "tools/plan.html"), ("en", "en/tools/plan.html")):
            page.goto((site / path).resolve().as_uri() + "?fy=2025&today=2025-09-15")
            page.wait_for_selector("#hb-plan-form[data-ready='true']", state="attached")
            times = []
            rows = 0
            for _ in range(samples):
                result = page.evaluate(
                    """(text) => {
                        document.getElementById('register').value = text;
                        const t0 = performance.now();
                        document.getElementById('hb-plan-form').requestSubmit();
                        document.body.getBoundingClientRect();  // layout included
                        return [performance.now() - t0,
                                document.querySelectorAll('#hb-plan-table tr.hb-plan-row').length];
                    }""",
                    text,
                )
                times.append(result[0])
                rows = result[1]
            lines.append(f"  {lang}: {statistics.median(times):.0f} ms ({rows} checks in the year)")
        browser.close()
    return "\n".join(lines)


if __name__ == "__main__":
    print(plan_timing(Path(sys.argv[1] if len(sys.argv) > 1 else "site")))
