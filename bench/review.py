"""Review of returned checklists in Chromium: 100 returned spreadsheets chosen at once,
each read (zip, XML), reviewed, shown as a record, and summarised with its CSV.

Run by `make bench` (bench/run.py) against a built site; prints one line per page. Not a
test: it measures, it does not judge. The files are the site's own spreadsheets filled in
with openpyxl, as a contractor would (every answer kind, remarks, particulars).
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
from pathlib import Path

from openpyxl import load_workbook

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
FILES = 100


def returned_files(site: Path, lang: str, folder: Path, count: int) -> list[Path]:
    """`count` filled-in copies of the site's checklists, alternating between them."""
    prefix = "en/" if lang == "en" else ""
    sources = sorted((site / prefix / "checklists").glob("*.xlsx"))
    templates = []
    for src in sources:
        wb = load_workbook(src)
        ws = wb.worksheets[0]
        rows = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 6).value]
        answers = [v.strip('"') for v in ws.data_validations.dataValidation[0].formula1.strip('"').split(",")]
        templates.append((src, rows, answers))
    out = []
    for i in range(count):
        src, rows, answers = templates[i % len(templates)]
        wb = load_workbook(src)
        ws = wb.worksheets[0]
        for k, r in enumerate(rows):
            if ws.cell(r, 1).value and ws.cell(r, 4).protection.locked is False and ws.cell(r, 3).value:
                ws.cell(r, 4).value = answers[(i + k) % len(answers)] if (i + k) % 7 else None
                ws.cell(r, 5).value = f"備考 {i}-{k}\n二行目" if k % 3 == 0 else None
            elif ws.cell(r, 3).number_format and "y" in ws.cell(r, 3).number_format:
                ws.cell(r, 3).value = dt.date(2025, 4, 1) + dt.timedelta(days=i)
            else:
                ws.cell(r, 3).value = f"委託業者{i:03d}"
        path = folder / f"returned-{i:03d}.xlsx"
        wb.save(path)
        out.append(path)
    return out


def review_timing(site: Path, samples: int = 3) -> str:
    from playwright.sync_api import sync_playwright

    lines = [f"{FILES} returned spreadsheets reviewed, shown and summarised (median of {samples}), Chromium, file://"]
    with tempfile.TemporaryDirectory(prefix="bench-review-") as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for lang, path in (("ja", "tools/review.html"), ("en", "en/tools/review.html")):
            folder = Path(tmp) / lang
            folder.mkdir()
            files = [str(f) for f in returned_files(site, lang, folder, FILES)]
            times = []
            records = 0
            for _ in range(samples):
                page = browser.new_page()
                page.goto((site / path).resolve().as_uri())
                page.wait_for_selector("#hb-review-result.is-ready")
                page.evaluate("""() => {
                    document.addEventListener('change', () => { window.__t0 = performance.now(); }, true);
                    document.addEventListener('hb-review-change', () => {
                        document.body.getBoundingClientRect();  // layout included
                        window.__t1 = performance.now();
                    });
                }""")
                page.set_input_files("#hb-review-files", files)
                page.wait_for_function(f"() => document.querySelectorAll('.hb-review-record').length === {FILES} && window.__t1 > 0")
                times.append(page.evaluate("() => window.__t1 - window.__t0"))
                records = page.evaluate("() => document.querySelectorAll('.hb-review-summary-table tbody tr').length")
                page.close()
            lines.append(f"  {lang}: {statistics.median(times):.0f} ms ({records} lines in the summary)")
        browser.close()
    return "\n".join(lines)


if __name__ == "__main__":
    print(review_timing(Path(sys.argv[1] if len(sys.argv) > 1 else "site")))
