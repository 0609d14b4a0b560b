"""The calculator as the page of one contract, as staff keep a file per contract.

A contract's name, department and contractor go into the result, the print-out, the link
and the calendar file (short titles "実地確認: 市民会館の指定管理", the full text in the
description, a reminder the data's number of days before). The whole path of the contract
through the standard comes from procedure.yaml, in order, dated where the standard sets a
time, each step citing its clause and linking its form or tool; the end of the contract
(erasure or return of the data, item ⑦) is a labelled model step. The next on-site check
is named by fiscal year. Errors appear once a field is left or the form submitted, and
nothing moves under the pointer. A five-year contract prints on one A4 page. Over http
and from the folder; keyboard alone; every text read from the data or the page.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

import icalendar
import pytest

from generator.commands.load import load
from printout import print_pdf, squeeze

from conftest import DATA, axe_violations

SCHEDULE = "tools/schedule.html"
NAMES = {"contract": "市民会館の指定管理", "department": "文化振興課", "contractor": "株式会社久喜文化"}
DESIGNATED_5Y = {"type": "designated_manager", "start": "2025-04-01", "end": "2030-03-31"}
LONG_TERM_5Y = {"type": "long_term_continuing", "start": "2025-04-01", "end": "2030-03-31"}


@pytest.fixture(scope="module")
def hb():
    return load(DATA)


def url(base: str, lang: str, params: dict) -> str:
    return f"{base}{'en/' if lang == 'en' else ''}{SCHEDULE}?{urlencode(params, quote_via=quote)}"


def open_page(page, address: str):
    page.goto(address)
    page.wait_for_selector("#hb-schedule-form[data-ready='true']", state="attached")
    return page


def path_shown(page) -> list[dict]:
    return page.eval_on_selector_all("#hb-path .hb-contract-path__step", """steps => steps.map(li => ({
        stage: li.dataset.stage,
        title: li.querySelector('.hb-contract-path__title').textContent,
        when: li.querySelector('.hb-contract-path__when').textContent,
        actions: [...li.querySelectorAll('.hb-contract-path__actions > li')].map(a => ({
            text: a.querySelector('.hb-contract-path__text').textContent,
            model: !!a.querySelector('.hb-model-tag'),
            cite: a.querySelector('.hb-cite').getAttribute('href'),
            forms: [...a.querySelectorAll('.hb-contract-path__form')].map(f => f.getAttribute('href')),
        })),
    }))""")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_contracts_names_go_into_the_result_and_the_link(page, base_url, hb, lang):
    open_page(page, url(base_url, lang, {**DESIGNATED_5Y, **NAMES}))
    assert page.locator("#hb-result-contract").inner_text() == NAMES["contract"]
    for field, value in NAMES.items():
        assert page.locator(f"#name-{field}").input_value() == value
        assert page.locator(f"#hb-condition-{field}").text_content() == value
    # a change to a name is written into the link
    page.fill("#name-contract", "図書館システム運用")
    page.press("#name-contract", "Tab")
    assert "contract=%E5%9B%B3%E6%9B%B8%E9%A4%A8" in page.url
    assert page.console_errors == []


@pytest.mark.http_only
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_whole_path_of_the_contract_comes_from_the_procedure_in_order(page, base_url, hb, lang, site):
    open_page(page, url(base_url, lang, {**LONG_TERM_5Y, **NAMES}))
    shown = path_shown(page)
    assert [s["title"] for s in shown] == [squeeze(step.title[lang]) and step.title[lang] for step in hb.steps]
    assert [s["stage"] for s in shown] == [step.stage for step in hb.steps]
    for step, s in zip(hb.steps, shown):
        assert [a["text"].split(" ")[0] for a in s["actions"]] == [a.text[lang].split(" ")[0] for a in step.actions]
        for action, a in zip(step.actions, s["actions"]):
            assert a["model"] == action.model
            assert a["cite"].endswith("#" + hb.locate(action.source).anchor)
    by_stage = {s["stage"]: s for s in shown}
    # dated where the standard sets a time: the pre-contract checklist, the checks, the end
    table_isos = page.eval_on_selector_all("#hb-schedule-rows .hb-event__iso", "c => c.map(x => x.textContent)")
    first_check = page.eval_on_selector_all("#hb-schedule-rows tr[data-date] .hb-event__date time", "c => c.map(x => x.textContent)")
    assert first_check[0] in by_stage["contract"]["when"]
    assert first_check[1] in by_stage["during_contract"]["when"] and first_check[-1] in by_stage["during_contract"]["when"]
    assert str(len(table_isos) - 1) in by_stage["during_contract"]["when"]
    end_shown = page.evaluate("document.querySelector('#hb-condition-term').textContent")
    assert by_stage["end"]["when"] and by_stage["end"]["when"].split("（")[0].split(" (")[0].replace("From ", "") in end_shown
    # order only where the standard gives no date
    assert by_stage["before_selection"]["when"] == "" and by_stage["selection"]["when"] == ""
    # the end of the contract: item ⑦, a labelled model step, its text from the data
    end = [a for a in by_stage["end"]["actions"]]
    assert end and all(a["model"] for a in end)
    assert page.locator("#hb-path .hb-model-tag").first.inner_text() == hb.t("notice.model_label", lang)
    # every step that has a form or tool links to it, and every link leads to a page
    linked = {href.split("#")[0] for s in shown for a in s["actions"] for href in a["forms"] + [a["cite"]]}
    assert any(h.endswith("clause.html") for h in linked)
    assert any(h.endswith("pre-contract.html") for h in linked)
    base = site / ("en" if lang == "en" else "") / "tools"
    for href in linked:
        assert (base / href).resolve().is_file(), href


def test_the_end_step_and_the_procedure_come_from_the_data_not_code(hb):
    stages = [step.stage for step in hb.steps]
    assert stages[-1] == "end"
    (action,) = hb.steps[-1].actions
    assert action.model and action.source == "s3-1-item7"


@pytest.mark.http_only
@pytest.mark.parametrize("lang,expected", [("ja", "次の実地確認は 2027年度まで"), ("en", "Next on-site check: by fiscal year 2027")])
def test_the_next_on_site_check_is_named_by_fiscal_year(page, base_url, lang, expected):
    open_page(page, url(base_url, lang, {**DESIGNATED_5Y, "today": "2026-12-06"}))
    assert page.locator("#hb-next-onsite").inner_text().startswith(expected)
    # in April of a fiscal year the check of October is in the same fiscal year
    open_page(page, url(base_url, lang, {**DESIGNATED_5Y, "today": "2027-04-02"}))
    assert "2027" in page.locator("#hb-next-onsite").inner_text()
    # after the last on-site check of the term there is none to name
    open_page(page, url(base_url, lang, {**DESIGNATED_5Y, "today": "2029-10-02"}))
    assert page.locator("#hb-next-onsite").is_hidden()


def test_the_calendar_has_short_titles_the_full_text_and_a_reminder_from_the_data(page, base_url, hb, tmp_path):
    open_page(page, url(base_url, "ja", {**DESIGNATED_5Y, **NAMES}))
    with page.expect_download() as info:
        page.click("#hb-ics")
    target = tmp_path / "contract.ics"
    info.value.save_as(target)
    events = list(icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT"))
    labels = page.eval_on_selector_all("#hb-schedule-rows .hb-event__label", "c => c.map(x => x.textContent)")
    methods = page.eval_on_selector_all("#hb-schedule-rows tr", "c => c.map(x => x.dataset.method)")
    assert len(events) == len(labels) == 6
    onsite = hb.audit.methods["onsite"].name.ja
    written = hb.audit.methods["written"].name.ja
    for event, label, method in zip(events, labels, methods):
        name = onsite if method == "onsite" else written
        assert str(event["SUMMARY"]) == f"{name}: {NAMES['contract']}"
        description = str(event["DESCRIPTION"])
        assert label in description and NAMES["department"] in description and NAMES["contractor"] in description
        (alarm,) = event.walk("VALARM")
        assert alarm.decoded("TRIGGER").days == -hb.plan.reminder_days
        assert str(event["SUMMARY"]) in str(alarm["DESCRIPTION"])
    assert str(events[1]["SUMMARY"]) == "実地確認: 市民会館の指定管理"


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("case", [DESIGNATED_5Y, LONG_TERM_5Y])
def test_a_five_year_contract_prints_as_one_a4_page_with_its_path(page, http_url, hb, tmp_path, lang, case):
    open_page(page, url(http_url, lang, {**case, **NAMES, "today": "2026-12-06"}))
    pdf = print_pdf(page, tmp_path / "contract.pdf")
    assert pdf.pages == 1
    text = squeeze(pdf.raw_text(1))
    for value in NAMES.values():
        assert squeeze(value) in text
    assert squeeze(hb.t("schedule.path.heading", lang)) in text
    for step in hb.steps:
        assert squeeze(step.title[lang]) in text, step.id
    assert squeeze(hb.t("notice.model_label", lang)) in text
    for iso in page.eval_on_selector_all("#hb-schedule-rows .hb-event__iso", "c => c.map(x => x.textContent)"):
        assert iso in text


@pytest.mark.http_only
def test_choosing_a_type_shows_no_error_before_anything_is_typed(page, base_url, hb):
    open_page(page, f"{base_url}{SCHEDULE}")
    page.click("label[for='type-one_year']")
    assert page.locator("#start-error").inner_text() == ""
    assert page.locator("#end-error").inner_text() == ""
    # leaving a field with a date that cannot be read shows the error then
    page.fill("#start", "2025-13-45")
    page.press("#start", "Tab")
    assert page.locator("#start-error").inner_text() != ""
    # submitting shows every error at once
    page.press("#end", "Enter")
    assert page.locator("#end-error").inner_text() != ""


@pytest.mark.http_only
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_leaving_a_date_field_by_clicking_the_checkbox_moves_nothing_under_the_pointer(page, base_url, lang):
    open_page(page, f"{base_url}{'en/' if lang == 'en' else ''}{SCHEDULE}")
    page.click("label[for='type-one_year']")
    page.fill("#start", "abc")
    page.press("#start", "Tab")
    assert page.locator("#start-error").inner_text() != ""  # an error shows under the start date
    page.fill("#start", "2025-04-01")  # now valid, the field not yet left
    page.fill("#end", "2026-03-31")
    page.locator("#end").focus()
    page.fill("#start", "2025-04-01")
    page.locator("#start").focus()
    box = page.locator("#renewedYearly").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()  # the start field is left here
    during = page.locator("#renewedYearly").bounding_box()
    page.mouse.up()
    after = page.locator("#renewedYearly").bounding_box()
    assert (during["x"], during["y"]) == (box["x"], box["y"])
    assert (after["x"], after["y"]) == (box["x"], box["y"])
    assert page.locator("#renewedYearly").is_checked()
    page.wait_for_function("() => document.getElementById('start-error').textContent === ''")
    assert page.locator("#renewedYearly").bounding_box()["y"] == box["y"]


def test_the_position_check_catches_an_error_line_that_collapses(page, http_url):
    """The canary: with error lines that take no room when empty, the same steps move the
    checkbox once the error is gone."""
    open_page(page, f"{http_url}{SCHEDULE}")
    page.add_style_tag(content=".md-typeset .hb-schedule-form .hb-field__error:empty { display: none !important; }")
    page.click("label[for='type-one_year']")
    page.fill("#start", "abc")
    page.press("#start", "Tab")
    page.fill("#start", "2025-04-01")
    page.locator("#start").focus()
    box = page.locator("#renewedYearly").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function("() => document.getElementById('start-error').textContent === ''")
    assert page.locator("#renewedYearly").bounding_box()["y"] != box["y"]


def test_the_contract_page_is_filled_with_the_keyboard_alone(page, http_url):
    open_page(page, f"{http_url}{SCHEDULE}")
    page.locator("#name-contract").focus()
    page.keyboard.type("市民会館の指定管理")
    page.keyboard.press("Tab")
    page.keyboard.type("文化振興課")
    page.keyboard.press("Tab")
    page.keyboard.type("株式会社久喜文化")
    page.keyboard.press("Tab")  # the contract types
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.type("令和7年4月1日")
    page.keyboard.press("Tab")
    page.keyboard.type("R12.3.31")
    page.keyboard.press("Enter")
    page.wait_for_selector("#hb-path:not([hidden])")
    assert page.locator("#start").input_value() == "2025-04-01"
    assert page.locator("#end").input_value() == "2030-03-31"
    assert page.locator("#hb-result-contract").inner_text() == "市民会館の指定管理"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_contract_page_has_no_wcag_violation(page, http_url, lang):
    open_page(page, url(http_url, lang, {**DESIGNATED_5Y, **NAMES, "today": "2026-12-06"}))
    assert axe_violations(page) == []


@pytest.mark.http_only
def test_names_from_the_link_are_text_never_markup(page, base_url):
    hostile = '<img src=x onerror="document.title=\'owned\'">'
    open_page(page, url(base_url, "ja", {**DESIGNATED_5Y, "contract": hostile, "contractor": hostile}))
    assert page.locator("#hb-result-contract").inner_text() == hostile
    assert page.title() != "owned"
    assert page.locator("#hb-result img").count() == 0
