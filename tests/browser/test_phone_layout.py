"""On a phone (390 px wide) no page scrolls sideways and nothing is cut off: the calculator's
checks and the checklist's items are stacked blocks, every cell inside the screen; the
standard's table and flow picture stand one under the other. On a desktop, no English word
in a table is split between two lines ("Complianc/e"). Over http only: layout is the same
from the folder (the scripts that fill these pages are tested from it elsewhere)."""

from __future__ import annotations

import pytest

from support import fresh_page, kept_context

pytestmark = pytest.mark.http_only

PHONE = {"width": 390, "height": 844}

PAGES = [
    "index.html",
    "standard/s4.html",
    "standard/all.html",
    "glossary.html",
    "checklists/pre-contract.html",
    "checklists/post-contract.html",
    "tools/schedule.html?type=long_term_continuing&start=2025-04-01&end=2030-03-31",
    "tools/schedule.html?type=one_year&start=2025-04-01&end=2026-03-31&renewedYearly=true",
    "tools/audit-rules.html",
    "tools/clause.html?documentType=agreement&article=12&numerals=kanji",
    "tools/plan.html?fy=2025&today=2025-09-15",
    "revisions.html",
]

# Words of the Latin alphabet split over two lines, in the elements matched by `selector`.
SPLIT_WORDS = """(selector) => {
    const out = [];
    for (const root of document.querySelectorAll(selector)) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walker.nextNode())) {
            const words = /[A-Za-z]{2,}/g;
            let m;
            while ((m = words.exec(node.data))) {
                const range = document.createRange();
                range.setStart(node, m.index);
                range.setEnd(node, m.index + m[0].length);
                const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
                if (tops.size > 1) out.push(m[0]);
            }
        }
    }
    return out;
}"""

# Visible elements of the article reaching past the right edge of the screen.
PAST_THE_EDGE = """() => {
    const clipped = e => {
        for (; e; e = e.parentElement) {
            const style = getComputedStyle(e);
            if (style.clip !== 'auto' && style.position === 'absolute') return true;  // visually hidden
        }
        return false;
    };
    return [...document.querySelectorAll('article *')]
    .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden' && !clipped(e))
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
    .map(e => e.tagName.toLowerCase() + '.' + e.className)
    .slice(0, 5);
}"""


@pytest.fixture(scope="module")
def _phone_context(browser):
    context = kept_context(browser, viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    yield context
    context.close()


@pytest.fixture
def phone(_phone_context):
    with fresh_page(_phone_context) as page:
        yield page


@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("path", PAGES)
def test_no_page_scrolls_sideways_on_a_phone(phone, base_url, prefix, path):
    phone.goto(base_url + prefix + path)
    phone.wait_for_load_state("load")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert phone.evaluate(PAST_THE_EDGE) == []
    assert phone.console_errors == []


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_calculators_checks_are_stacked_with_what_to_do_in_full(phone, base_url, prefix):
    phone.goto(base_url + prefix + "tools/schedule.html?type=long_term_continuing&start=2025-04-01&end=2030-03-31")
    phone.wait_for_selector("#hb-schedule-rows tr")
    rows = phone.evaluate("""() => [...document.querySelectorAll('#hb-schedule-rows tr')].map(tr => {
        const what = tr.querySelector('.hb-event__what').getBoundingClientRect();
        const row = tr.getBoundingClientRect();
        return {rowLeft: row.left, rowRight: row.right, whatLeft: what.left, whatRight: what.right,
                whatWidth: what.width, scroll: tr.closest('.hb-table-wrap').scrollWidth - tr.closest('.hb-table-wrap').clientWidth};
    })""")
    assert len(rows) == 6
    for row in rows:
        assert row["rowRight"] <= PHONE["width"]
        # what to do takes the row's whole width: a block of its own, not a squeezed column
        assert row["whatWidth"] > (row["rowRight"] - row["rowLeft"]) * 0.8
        assert row["scroll"] <= 0


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_checklist_items_are_stacked_on_a_phone(phone, base_url, prefix):
    phone.goto(base_url + prefix + "checklists/pre-contract.html")
    phone.wait_for_selector("#hb-checklist.is-ready", state="attached")
    widths = phone.evaluate("""() => [...document.querySelectorAll('.hb-cl-items tbody tr')].map(tr =>
        tr.querySelector('.hb-cl-c-q').getBoundingClientRect().width / tr.getBoundingClientRect().width)""")
    assert len(widths) == 9 and min(widths) > 0.8
    # the exclusion box of each item can still be ticked
    box = phone.locator("#hb-checklist input[data-hb-exclude]").first
    box.tap()
    assert box.is_checked()


@pytest.mark.parametrize("width", [1366, 1024, 800])
@pytest.mark.parametrize("path,selector", [
    ("en/tools/schedule.html?type=long_term_continuing&start=2025-04-01&end=2030-03-31", "#hb-schedule-table"),
    ("en/checklists/pre-contract.html", "#hb-checklist"),
    ("en/standard/s4.html", "article"),
])
def test_no_english_word_is_split_inside_a_table(page, base_url, width, path, selector):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(base_url + path)
    page.wait_for_load_state("load")
    page.wait_for_selector(selector + " td")
    assert page.evaluate(SPLIT_WORDS, selector) == []


def test_the_split_word_check_catches_a_split_word(page, http_url):
    page.goto(http_url + "en/tools/schedule.html?type=long_term_continuing&start=2025-04-01&end=2030-03-31")
    page.wait_for_selector("#hb-schedule-table td")
    page.add_style_tag(content=".hb-event__checklist a { display: inline-block; width: 3em; word-break: break-all; }")
    assert page.evaluate(SPLIT_WORDS, "#hb-schedule-table") != []
