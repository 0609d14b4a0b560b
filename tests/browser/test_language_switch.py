"""The language switch keeps what the reader is looking at: a shared result opens with the
same inputs in the other language (the pages use the same parameters in both), a link to
a passage opens at the same passage, and inputs changed on the page since it opened go
along. With the mouse and with the keyboard, over http and from the folder."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

SCHEDULE = "tools/schedule.html?type=long_term_continuing&start=2025-04-01&end=2030-03-31"


def switch(page):
    return page.locator("a.hb-lang[data-hb-lang-switch]").first


def rows(page) -> list[str]:
    page.wait_for_selector("#hb-schedule-rows tr")
    return page.eval_on_selector_all("#hb-schedule-rows tr .hb-event__iso", "cells => cells.map(c => c.textContent)")


@pytest.mark.parametrize("start,other", [("", "en/"), ("en/", "")])
def test_a_shared_result_opens_with_the_same_inputs_in_the_other_language(page, base_url, start, other):
    page.goto(base_url + start + SCHEDULE)
    before = rows(page)
    with page.expect_navigation():
        switch(page).click()
    assert page.url == base_url + other + SCHEDULE
    assert rows(page) == before
    assert page.locator("#start").input_value() != ""


def test_an_anchor_is_kept(page, base_url):
    page.goto(base_url + "standard/s4.html#s4-4-ct3")
    with page.expect_navigation():
        switch(page).click()
    assert page.url == base_url + "en/standard/s4.html#s4-4-ct3"
    assert 0 <= page.locator("#s4-4-ct3").bounding_box()["y"] < 400


def test_inputs_changed_on_the_page_go_along_with_the_keyboard(page, base_url):
    page.goto(base_url + "tools/schedule.html")
    page.check("#type-one_year")
    page.fill("#start", "2025-04-01")
    page.fill("#end", "2026-03-31")
    page.locator("#end").press("Tab")
    page.locator("#end").press("Enter")
    query = urlsplit(page.url).query
    assert "type=one_year" in query and "start=2025-04-01" in query
    link = switch(page)
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.startswith(base_url + "en/tools/schedule.html?")
    assert urlsplit(page.url).query == query


def test_a_page_without_query_or_anchor_links_to_the_plain_page(page, base_url):
    page.goto(base_url + "glossary.html")
    assert switch(page).evaluate("a => a.href") == base_url + "en/glossary.html"
    page.goto(base_url + "en/glossary.html")
    assert switch(page).evaluate("a => a.href") == base_url + "glossary.html"
