"""A checklist page keeps what was filled in and tailored in its link: a reload, or the
link sent to a colleague, opens the same form (fields, excluded items, how they are shown),
and what arrives in the link is only ever a value, never markup. Over http and from the
folder."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from printout import print_pdf, squeeze

PAGE = "checklists/pre-contract.html"


def ready(page):
    page.wait_for_selector("#hb-checklist.is-ready", state="attached")


def query(page) -> dict:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def test_fields_and_tailoring_survive_a_reload(page, base_url):
    page.goto(base_url + PAGE)
    ready(page)
    page.fill("#cl-field-work", "市民会館の指定管理")
    page.fill("#cl-field-date-year", "7")
    first, third = page.locator("[data-hb-exclude]").nth(0), page.locator("[data-hb-exclude]").nth(2)
    first.check()
    third.check()
    page.check('input[name="hb-cl-mode"][value="omit"]')
    rows = [first.get_attribute("data-hb-exclude"), third.get_attribute("data-hb-exclude")]
    assert query(page) == {"cl-field-work": "市民会館の指定管理", "cl-field-date-year": "7",
                           "exclude": ",".join(rows), "mode": "omit"}
    page.reload()
    ready(page)
    assert page.input_value("#cl-field-work") == "市民会館の指定管理"
    assert page.input_value("#cl-field-date-year") == "7"
    assert first.is_checked() and third.is_checked()
    assert page.locator("[data-hb-exclude]:checked").count() == 2
    assert page.is_checked('input[name="hb-cl-mode"][value="omit"]')
    assert page.text_content("[data-hb-excluded-count]") == "2"
    assert page.locator(f"#{rows[0]}").get_attribute("class").split().count("is-excluded") == 1
    assert page.console_errors == []


def test_a_shared_link_prints_the_tailored_form(page, http_url, tmp_path):
    page.goto(http_url + PAGE)
    ready(page)
    row = page.locator("[data-hb-exclude]").nth(6).get_attribute("data-hb-exclude")
    page.goto(http_url + PAGE + f"?cl-field-work=%E5%B8%82%E6%B0%91%E4%BC%9A%E9%A4%A8&exclude={row}&mode=omit")
    ready(page)
    text = squeeze(print_pdf(page, tmp_path / "tailored.pdf").raw_text(1))
    assert "市民会館" in text
    assert "⑦" not in text


def test_clearing_the_form_clears_the_link(page, base_url):
    page.goto(base_url + PAGE + "?cl-field-work=x&mode=omit")
    ready(page)
    page.click('[data-hb-action="clear"]')
    assert query(page) == {}


def test_markup_in_the_link_stays_a_value(page, base_url):
    hostile = '<img src=x onerror="document.title=\'owned\'">'
    page.goto(base_url + PAGE + "?cl-field-work=" + hostile.replace(" ", "%20").replace("\"", "%22") + "&exclude=__proto__,nothing")
    ready(page)
    assert page.input_value("#cl-field-work") == hostile
    assert page.title() != "owned"
    assert page.locator("#hb-checklist img").count() == 0
    assert page.locator("[data-hb-exclude]:checked").count() == 0
