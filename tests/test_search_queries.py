"""Search as staff use it: every query of tests/search-queries.json, typed into Material's
search box in headless Chromium, over http and from the folder, must show its page among
the first page of results (the 10 results Material renders before any scrolling)."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from playwright.sync_api import TimeoutError as PlaywrightTimeout

QUERIES = json.loads((Path(__file__).parent / "search-queries.json").read_text(encoding="utf-8"))
ROOTS = {"ja": "", "en": "en/"}
FIRST_PAGE = 10


def bare(url: str) -> str:
    """The URL without its query and fragment."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


class SearchBox:
    """Material's search box on one page, reused for many queries."""

    def __init__(self, page, url: str):
        self.page = page
        page.goto(url)
        self.box = page.locator("input.md-search__input")
        self.box.click()

    def first_page(self, query: str) -> list[list[str]]:
        """The links of each of the first results for `query` (absolute, as clicked)."""
        # Material rewrites the result count for every result it receives: blank it, type,
        # and wait until it is written again. On a page just opened, the search worker may
        # still be loading its index: it then writes its status instead, or drops the
        # query. An empty list or no answer is asked again, after clearing the box (Material
        # does not search again for an unchanged query); a query that finds nothing still
        # finds nothing, only later.
        results: list[list[str]] = []
        for _attempt in range(4):
            self.box.fill("")
            self.box.press("End")
            try:  # the results of the query before are cleared first, never read as these
                self.page.wait_for_function("() => !document.querySelector('.md-search-result__list > li')",
                                            timeout=2000)
            except PlaywrightTimeout:
                pass
            self.page.eval_on_selector(".md-search-result__meta", "el => { el.textContent = '' }")
            self.box.fill(query)
            self.box.press("End")  # Material searches on keyup
            try:
                self.page.wait_for_function(
                    "() => document.querySelector('.md-search-result__meta').textContent !== ''", timeout=5000
                )
            except PlaywrightTimeout:
                continue
            results = self.page.eval_on_selector_all(
                ".md-search-result__list > li",
                f"items => items.slice(0, {FIRST_PAGE}).map(li => [...li.querySelectorAll('a')].map(a => a.href))",
            )
            if results:
                break
            self.page.wait_for_timeout(500)
        return results


def hit_rates(page, base_url: str) -> dict[str, tuple[int, list[str]]]:
    """For each language: the number of queries whose page was on the first page, and the misses."""
    rates = {}
    for lang, root in ROOTS.items():
        search = SearchBox(page, base_url + root + "index.html")
        misses = []
        for case in QUERIES[lang]:
            expected = base_url + root + case["page"]
            results = search.first_page(case["query"])
            if not any(bare(link) == expected for item in results for link in item):
                misses.append(f"{case['query']!r} → {case['page']}: {[bare(i[0]) for i in results]}")
        rates[lang] = (len(QUERIES[lang]) - len(misses), misses)
    return rates


def test_the_query_sets_are_large_enough_and_name_built_pages(site):
    for lang, root in ROOTS.items():
        assert len(QUERIES[lang]) >= 30, lang
        for case in QUERIES[lang]:
            assert case["query"].strip(), case
            assert (site / root / case["page"]).is_file(), case


def test_every_query_finds_its_page_on_the_first_page_of_results(page, base_url):
    rates = hit_rates(page, base_url)
    for lang, (hits, _misses) in rates.items():
        print(f"{lang}: {hits}/{len(QUERIES[lang])} first-page hits ({base_url.split(':')[0]})")
    assert rates["en"][1] == [], "\n".join(rates["en"][1])
    assert rates["ja"][1] == [], "\n".join(rates["ja"][1])
    assert page.console_errors == []


def test_a_result_opens_with_the_query_words_marked_and_nothing_else(page, base_url):
    # Material marks the query on the page opened from a result (?h=…), with its own copy of
    # the separator: a separator rule that left it an empty term would put a mark between
    # every two characters of the page.
    for query, word in [("designated managers", "designat"), ("subcontracting", "subcontract"),
                        ("(re-entrustment)", "entrustment")]:
        link = SearchBox(page, base_url + "en/index.html").first_page(query)[0][0]
        assert "?h=" in link, link
        page.goto(link)
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        marks = [m.inner_text() for m in page.locator("mark[data-md-highlight]").all()]
        assert marks and all(m.strip() for m in marks), (query, len(marks))
        assert len(marks) < 100, (query, len(marks))
        assert any(word in m.lower() for m in marks), (query, marks)
    assert page.console_errors == []
