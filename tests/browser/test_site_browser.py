"""The handbook in a real browser, over http and from a folder: search in both
languages, the language switch, and no request leaving the machine."""

from __future__ import annotations

import pytest

from support import search


# Over http only: the query set (test_search_queries.py) types every query from the folder too.
@pytest.mark.http_only
@pytest.mark.parametrize(
    "query, page_name",
    [("翻訳", "s2.html"), ("媒体", "s3.html"), ("危機管理", "s3.html"), ("是正計画書", "s4.html")],
)
def test_japanese_search_finds_words_in_the_middle_of_sentences(page, base_url, query, page_name):
    links = search(page, base_url + "index.html", query)
    assert any(page_name in link for link in links), links
    assert page.console_errors == []


@pytest.mark.http_only
@pytest.mark.parametrize(
    "query, page_name",
    [("translation", "s2.html"), ("subcontracting", "s3.html"), ("corrective", "s4.html")],
)
def test_english_search_uses_its_own_index(page, base_url, query, page_name):
    links = search(page, base_url + "en/index.html", query)
    assert any(page_name in link for link in links), links
    assert all("/en/" in page.url for _ in [0])


def test_english_search_does_not_return_japanese_pages(page, http_url):
    links = search(page, http_url + "en/index.html", "translation")
    assert links
    resolved = [page.evaluate("h => new URL(h, location.href).href", link) for link in links]
    assert all("/en/" in url for url in resolved), resolved


def test_the_language_switch_leads_to_the_same_page_in_the_other_language(page, base_url):
    page.goto(base_url + "standard/s4.html")
    page.locator("a.hb-lang").click()
    page.wait_for_load_state()
    assert page.url.endswith("en/standard/s4.html")
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator("a.hb-lang").click()
    page.wait_for_load_state()
    assert page.url.endswith("standard/s4.html") and "/en/" not in page.url
    assert page.locator("html").get_attribute("lang") == "ja"


@pytest.mark.http_only
def test_a_paragraph_link_opens_at_that_paragraph(page, base_url):
    page.goto(base_url + "standard/s4.html#s4-4-ct3")
    assert page.locator("#s4-4-ct3").is_visible()
    assert "契約期間が1年の場合" in page.locator("#s4-4-ct3").inner_text()


def test_every_page_type_loads_without_script_errors_or_outside_requests(page, base_url):
    for path in ["index.html", "standard/index.html", "standard/s3.html", "glossary.html",
                 "about.html", "maintainers.html", "en/index.html", "en/standard/s4.html",
                 "en/glossary.html"]:
        page.goto(base_url + path)
        page.wait_for_load_state("load")
    assert page.console_errors == []
