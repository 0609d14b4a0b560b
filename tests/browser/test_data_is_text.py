"""Data text is text: hostile markup in every text field of every data file never runs,
never becomes an element, a link or a spreadsheet formula, and shows as written.

One site is built from a copy of the data in which every text field found by walking the
schemas (`tests/poison.py`) carries a payload; every page of both languages is opened in
Chromium over http, and every spreadsheet is read back.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from urllib.parse import urlencode

import pytest
from openpyxl import load_workbook

from support import DATA, SearchBox, served, run_generator, watched_page
from generator.commands.load import load
from generator.model import plain
from poison import PAYLOADS, SHORT, TOKEN, poison_data

# What a payload may look like on the page: as written, or, in the fields that carry
# inline markup, with its `**…**` span shown as bold (the one markup data may carry).
SHOWN = sorted({" ".join(p.split()) for p in (*PAYLOADS, *SHORT, *(plain(p) for p in PAYLOADS))}, key=len, reverse=True)
INJECTED = """() => [...document.querySelectorAll(
    'img[src="x"], svg[onload], [onerror], [onload], a[href^="javascript:"], ' +
    '.md-content b, .md-content i, [id*="pwn"], [name*="pwn"]'),
    ...[...document.scripts].filter(s => s.type !== "application/json" && s.text.includes("pwn"))
    ].map(e => e.outerHTML.slice(0, 120))"""


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory):
    """(data folder, site folder, poisoner) of a site built from the poisoned data."""
    root = tmp_path_factory.mktemp("poisoned")
    poisoner = poison_data(DATA, root / "data")
    result = run_generator("build", "--data", str(root / "data"), "--site", str(root / "site"))
    assert result.returncode == 0, result.stderr
    return root / "data", root / "site", poisoner


@pytest.fixture(scope="module")
def poisoned_url(poisoned):
    with served(poisoned[1]) as url:
        yield url


def leftover(text: str) -> list[str]:
    """Pieces of `text` that hold the payload token outside a whole payload."""
    rest = " ".join(text.split())
    for shown in SHOWN:
        rest = rest.replace(shown, " ")
    return [rest[max(0, m.start() - 60): m.end() + 30] for m in re.finditer(re.escape(TOKEN), rest)]


def test_the_poisoner_reaches_every_data_file_and_keeps_it_valid(poisoned):
    data, _site, poisoner = poisoned
    assert len(poisoner.poisoned) > 500
    files = {path.split(":")[0] for path, _ in poisoner.poisoned}
    assert files == {p.stem for p in DATA.glob("*.yaml")}
    load(data)  # still valid: ids, dates, enums and references untouched


def pages_of(site: Path, hb) -> list[str]:
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    # the tools also with a result on the page
    ct = hb.contract_types[0].id
    for lang in ("", "en/"):
        pages.append(lang + "tools/schedule.html?" + urlencode({"type": ct, "start": "2025-04-01", "end": "2026-03-31"}))
        pages.append(lang + "tools/clause.html?" + urlencode({"partyA": "A", "partyB": "B", "article": "3"}))
    return pages


def test_hostile_data_never_runs_and_shows_as_written_on_every_page(browser, poisoned, poisoned_url):
    data, site, _ = poisoned
    hb = load(data)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = watched_page(context)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    problems = []
    pages = pages_of(site, hb)
    assert any(p.startswith("en/") for p in pages) and len(pages) > 20
    for rel in pages:
        page.goto(poisoned_url + rel)
        page.wait_for_load_state("load")
        state = page.evaluate("() => ({pwned: typeof window.__pwned, title: document.title, text: document.body.innerText})")
        if state["pwned"] != "undefined":
            problems.append(f"{rel}: window.__pwned is {state['pwned']}")
        injected = page.evaluate(INJECTED)
        if injected:
            problems.append(f"{rel}: elements from data: {injected[:3]}")
        # the site name (in the header of every page) shows exactly as written
        if hb.document.site_name["en" if rel.startswith("en/") else "ja"] not in " ".join(state["text"].split()):
            problems.append(f"{rel}: the site name is not shown as written")
        for where, text in (("text", state["text"]), ("title", state["title"])):
            left = leftover(text)
            if left:
                problems.append(f"{rel}: {where} holds data turned into markup: {left[:3]}")
    context.close()
    assert dialogs == []
    assert page.console_errors == []
    assert page.outside_requests == []
    assert problems == []


@pytest.mark.parametrize("lang, query", [("", "HYPERLINK"), ("en/", "handbook")])
def test_search_results_show_hostile_data_as_text(browser, poisoned, poisoned_url, lang, query):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = watched_page(context)
    assert SearchBox(page, poisoned_url + lang + "index.html").results(query)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate(INJECTED) == []
    results = page.locator(".md-search-result").inner_text()
    assert TOKEN in results
    context.close()
    assert page.console_errors == []


def test_every_data_text_in_the_spreadsheets_is_a_text_cell(poisoned):
    _data, site, _ = poisoned
    books = sorted(site.rglob("*.xlsx"))
    assert len(books) == 6  # two checklists and the corrective action plan, in both languages
    assert {b.parent.name for b in books} == {"checklists", "forms"}
    formula_like = 0
    for book in books:
        with zipfile.ZipFile(book) as archive:
            for name in archive.namelist():
                if name.startswith("xl/worksheets/"):
                    assert "<f>" not in archive.read(name).decode("utf-8"), f"{book}: a formula in {name}"
        for ws in load_workbook(book).worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and TOKEN in cell.value:
                        assert cell.data_type == "s", f"{book} {cell.coordinate}: {cell.value!r}"
                        if cell.value.startswith(("=", "+", "-", "@")):
                            assert cell.quotePrefix, f"{book} {cell.coordinate}: {cell.value!r} lacks the text prefix"
                            formula_like += 1
    assert formula_like > 0  # the formula payloads did reach the spreadsheets
