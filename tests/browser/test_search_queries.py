"""Search as staff use it: every query of tests/search-queries.json, typed into Material's
search box in headless Chromium over http, must show its page among the first three
results (from the folder, a sample of them, with the same results as over http); the
results' snippets must be the text of a paragraph of that page (no anchor links, form
blanks or button labels), their marks whole words, and the "Missing:" line the words as
typed. A page opened from a result marks whole words only."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit, urlunsplit

import pytest

from support import TESTS, SearchBox

QUERIES = json.loads((TESTS / "search-queries.json").read_text(encoding="utf-8"))
ROOTS = {"ja": "", "en": "en/"}
TOP = 3
WORD_CHAR = re.compile(r"[A-Za-z0-9]")


# The text of every block of a page's article (paragraph, item, term, row, cell, heading, a
# division with no block inside), without anchor links, table cells that hold a form
# control, or blocks that still hold one: each part of a snippet must be part of one of them
# (compared without white space).
READ_BLOCKS = """() => {
    const article = document.querySelector('article.md-content__inner');
    const BLOCK = 'p, li, dt, dd, tr, td, th, caption, figcaption, h1, h2, h3, h4, h5, h6, blockquote, pre, div';
    const CONTROL = 'input, select, textarea, button, label, output';
    return [...article.querySelectorAll(BLOCK)]
        .filter(el => el.tagName !== 'DIV' || !el.querySelector(BLOCK))
        .map(el => {
            const copy = el.cloneNode(true);
            copy.querySelectorAll('.headerlink, .hb-anchor').forEach(a => a.remove());
            copy.querySelectorAll('td, th').forEach(cell => { if (cell.querySelector(CONTROL)) cell.remove(); });
            return copy;
        })
        .filter(copy => !copy.querySelector(CONTROL) && !copy.matches(CONTROL))
        .map(copy => copy.textContent.replace(/\\s+/g, ''));
}"""

# The anchor links of a page (their visible sign and their hidden "link to this" text).
READ_ANCHORS = """() => [...document.querySelectorAll('a.headerlink, a.hb-anchor')]
    .map(a => a.textContent.trim()).filter(Boolean)"""


def bare(url: str) -> str:
    """The URL without its query and fragment."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


_RUNS: dict[tuple[str, int], dict] = {}

# From the folder, the pages load the same index (search_index.js holds search_index.json's
# data, tests/site/test_search_index.py) into the same engine through the iframe worker:
# what differs is the loading, not the ranking. There every SAMPLE-th query of each language
# is typed, and its results must be those shown over http.
SAMPLE = 4


def run_all(page, base_url: str, every: int = 1) -> dict:
    """Every `every`-th query typed once per base URL: {lang: [(case, results)]} (cached)."""
    if (base_url, every) not in _RUNS:
        runs = {}
        for lang, root in ROOTS.items():
            search = SearchBox(page, base_url + root + "index.html")
            runs[lang] = [(case, search.results(case["query"])) for case in QUERIES[lang][::every]]
        _RUNS[base_url, every] = runs
    return _RUNS[base_url, every]


def relative_links(results: list[dict], base_url: str) -> list[list[str]]:
    """The links of each result, relative to the site."""
    return [[link.removeprefix(base_url) for link in item["links"]] for item in results]


def whole_word(before: str, mark: str, after: str) -> bool:
    """A mark that does not cut a word of letters or digits."""
    if not mark.strip():
        return False
    if WORD_CHAR.match(mark[0]) and WORD_CHAR.match(before or " "):
        return False
    return not (WORD_CHAR.match(mark[-1]) and WORD_CHAR.match(after or " "))


def test_the_query_sets_are_large_enough_and_name_built_pages(site):
    for lang, root in ROOTS.items():
        assert len(QUERIES[lang]) >= 60, lang
        for case in QUERIES[lang]:
            assert case["query"].strip(), case
            for expected in pages_of(case):
                assert (site / root / expected).is_file(), case


def pages_of(case: dict) -> list[str]:
    """The pages a query must find: its page, and any it must find as well."""
    return [case["page"], *case.get("also", [])]


def test_every_query_finds_its_page_in_the_first_three_results(page, base_url, http_url):
    sample = base_url != http_url
    for lang, runs in run_all(page, base_url, SAMPLE if sample else 1).items():
        if sample:  # from the folder: the same results as over http
            over_http = dict((case["query"], results) for case, results in run_all(page, http_url)[lang])
            for case, results in runs:
                assert relative_links(results, base_url) == relative_links(over_http[case["query"]], http_url), case["query"]
        misses = []
        for case, results in runs:
            shown = {bare(link) for item in results[:TOP] for link in item["links"]}
            for wanted in pages_of(case):
                if base_url + ROOTS[lang] + wanted not in shown:
                    misses.append(f"{case['query']!r} → {wanted}: {[bare(i['links'][0]) for i in results[:5]]}")
        print(f"{lang}: {len(runs) - len(misses)}/{len(runs)} in the first {TOP} ({base_url.split(':')[0]})")
        assert misses == [], "\n".join(misses)
    assert page.console_errors == []


@pytest.mark.http_only
def test_snippets_are_paragraph_text_with_whole_words_marked(page, base_url):
    runs = run_all(page, base_url)
    blocks: dict[str, list[str]] = {}
    anchors: dict[str, list[str]] = {}
    problems = []
    for _lang, cases in runs.items():
        for case, results in cases:
            typed = case["query"].split()
            for item in results[:TOP]:
                for missing in item["missing"]:
                    if missing not in typed:
                        problems.append(f"{case['query']!r}: 'Missing' shows {missing!r}, not a word as typed")
                for article in item["articles"]:
                    for before, mark, after in article["marks"]:
                        if not whole_word(before, mark, after):
                            problems.append(f"{case['query']!r}: a fragment marked: {before}[{mark}]{after}")
                    text = article["text"].strip()
                    if not text:
                        continue
                    url = bare(article["href"])
                    if url not in blocks:
                        page.goto(url)
                        blocks[url] = page.evaluate(READ_BLOCKS)
                        anchors[url] = page.evaluate(READ_ANCHORS)
                    for sign in anchors[url]:
                        if sign in text:
                            problems.append(f"{case['query']!r}: snippet holds the anchor link {sign!r}: {text}")
                    for piece in (p for p in re.split(r"\s*…\s*", text) if p.strip()):
                        squeezed = re.sub(r"\s+", "", piece)
                        if not any(squeezed in block for block in blocks[url]):
                            problems.append(f"{case['query']!r}: snippet is not the text of a paragraph of {url}: {piece}")
    assert problems == [], "\n".join(problems[:30])
    assert page.console_errors == []


@pytest.mark.http_only
def test_the_missing_line_shows_the_words_as_typed(page, base_url):
    search = SearchBox(page, base_url + "en/index.html")
    for query, absent in [("corrective action plan zqxj", "zqxj"), ("Correctives Plans Qwzv", "Qwzv"),
                          ("correct ive", "ive")]:
        results = search.results(query)
        assert results, query
        shown = {word for item in results for word in item["missing"]}
        assert absent in shown, (query, shown)
        assert shown <= set(query.split()), (query, shown)
    search = SearchBox(page, base_url + "index.html")
    results = search.results("是正計画書 ＺＺＺ")
    assert {w for item in results for w in item["missing"]} == {"ＺＺＺ"}
    assert page.console_errors == []


@pytest.mark.http_only
def test_a_result_opens_with_the_query_words_marked_and_nothing_else(page, base_url):
    # The page opened from a result marks the words of the search (?h=…): whole words or
    # their forms in English, the phrase in Japanese; never a fragment of a word.
    cases = [("en/", "designated managers", "designat"), ("en/", "subcontracting", "subcontract"),
             ("en/", "(re-entrustment)", "re-entrustment"), ("en/", "corrective action plan", "corrective"),
             ("en/", "inspected", "inspection"), ("", "毎年同じ業者", "毎年同じ業者"), ("", "３年に１回", "3年に1回")]
    for root, query, word in cases:
        results = SearchBox(page, base_url + root + "index.html").results(query)
        link = next(a["href"] for a in results[0]["articles"] if "#" in a["href"]) if len(results[0]["articles"]) > 1 \
            else results[0]["links"][0]
        assert "?h=" in link, link
        page.goto(link)
        page.wait_for_load_state("load")
        marks = page.eval_on_selector_all("mark[data-md-highlight]", """marks => marks.map(m => {
            const text = node => node && node.nodeType === Node.TEXT_NODE ? node.textContent : '';
            const before = text(m.previousSibling);
            const after = text(m.nextSibling);
            return [before.slice(-1), m.textContent, after.slice(0, 1)];
        })""")
        assert marks, (query, link)
        assert len(marks) < 100, (query, len(marks))
        fragments = [m for m in marks if not whole_word(*m)]
        assert fragments == [], (query, fragments)
        assert any(word in m[1].lower() for m in marks), (query, marks)
    assert page.console_errors == []


@pytest.mark.http_only
def test_the_search_box_is_used_from_the_keyboard(page, base_url):
    search = SearchBox(page, base_url + "index.html")
    results = search.results("是正計画書")
    assert results
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.closest('.md-search-result__list') !== null")
    assert focused
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.matches('input.md-search__input')")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # Material opens the best result
    first = bare(results[0]["links"][0])
    assert bare(page.url) == first and "?h=" in page.url, (page.url, first)
    assert page.console_errors == []
