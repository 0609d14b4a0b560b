"""JIS X 8341-3 (WCAG 2.1 A and AA): axe-core finds no violation on any page type in
either language, Material's own furniture included."""

from __future__ import annotations

import pytest

from generator.commands.load import load
from generator.site.registry import CONTENT_PAGES, render_all
from support import AXE, DATA, axe_violations


def site_pages() -> list[str]:
    """Every page the registry makes (each page module's pages and the hand-written ones),
    as the HTML path the site serves."""
    generated = [page.path for page in render_all(load(DATA))["ja"].pages]
    return [path.removesuffix(".md") + ".html" for path in generated + [p for p, _key in CONTENT_PAGES]]


# The tools in the states that show more than a blank form: a result, an error message.
STATES = [
    "tools/schedule.html?type=one_year&start=2025-04-01&end=2026-03-31",
    "tools/schedule.html?type=one_year&start=2025-02-30&end=2024-03-31",
    "tools/clause.html?documentType=agreement&article=12&numerals=kanji",
    "tools/clause.html?article=abc",
]
PAGE_TYPES = site_pages() + STATES


@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("path", PAGE_TYPES)
def test_no_wcag_violation(page, http_url, prefix, path):
    assert AXE.is_file(), "run 'make test' (npm ci installs axe-core)"
    page.goto(http_url + prefix + path)
    page.wait_for_load_state("load")
    assert axe_violations(page) == []


def test_the_search_dialog_has_an_accessible_name(page, http_url):
    page.goto(http_url + "index.html")
    dialog = page.get_by_role("dialog")
    assert dialog.get_attribute("aria-label")


def test_the_calculator_works_with_the_keyboard_alone_and_announces_errors(page, http_url):
    page.goto(http_url + "tools/schedule.html")
    page.wait_for_selector("#hb-schedule-form[data-ready='true']", state="attached")
    page.focus("#type-one_year")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "start"
    page.keyboard.type("2025-02-30")
    page.keyboard.press("Tab")
    page.keyboard.type("2026-03-31")
    page.keyboard.press("Enter")
    error = page.locator("#start-error")
    error.wait_for(state="visible")
    assert error.get_attribute("role") == "alert" and error.inner_text().strip()
    assert "start-error" in page.get_attribute("#start", "aria-describedby")
    page.focus("#start")
    page.keyboard.press("Control+A")
    page.keyboard.type("2025-04-01")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('table tbody tr').length >= 2")
    assert "令和7年10月1日" in page.inner_text("table")


def test_the_clause_generator_works_with_the_keyboard_alone(page, http_url):
    page.goto(http_url + "tools/clause.html")
    page.focus("#clause-article")
    page.keyboard.type("27")
    page.keyboard.press("Tab")
    page.wait_for_function("() => document.getElementById('clause-output-ja').textContent.includes('第27条')")
    # every control can be reached with Tab (a radio group is one stop; arrows move in it)
    key = """e => e.type === 'radio' ? 'radio:' + e.name : (e.id || e.name)"""
    controls = set(page.evaluate(f"""() => [...document.querySelectorAll('#clause-tool input, #clause-tool button')]
        .filter(e => e.offsetParent !== null).map({key})"""))
    reached = set()
    page.focus("body")
    for _ in range(250):
        page.keyboard.press("Tab")
        reached.add(page.evaluate(f"(({key}))(document.activeElement)"))
        if controls <= reached:
            break
    assert controls - reached == set()
    page.focus("input[name=documentType]:checked")
    page.keyboard.press("ArrowDown")
    page.wait_for_function("() => new URLSearchParams(location.search).get('documentType') === 'agreement'")


def test_every_form_control_has_a_label(page, http_url):
    for path in ["tools/schedule.html", "tools/clause.html", "checklists/pre-contract.html", "en/tools/schedule.html",
                 "tools/review.html"]:
        page.goto(http_url + path)
        unlabelled = page.evaluate("""() => [...document.querySelectorAll('input, select, textarea')]
            .filter(e => e.type !== 'hidden' && !e.closest('.md-header, .md-search, .md-sidebar, [aria-hidden="true"]') && !e.hidden)
            .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
            .map(e => e.id || e.name)""")
        assert unlabelled == [], path
