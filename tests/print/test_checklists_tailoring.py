"""Tailoring a checklist on screen before printing, over http and from the folder.

Staff may fill in the particulars and exclude items the work does not need (the note of
section 4 allows it); the print-out shows those items as 対象外 or leaves them out, as
the department chooses. Nothing is stored or sent, and one click gives a blank form again.
"""

from __future__ import annotations

import pytest

from printout import print_pdf, squeeze

from support import axe_violations

CONTRACTOR = "株式会社テスト情報処理"
WORK = "住民基本台帳データ入力業務"


@pytest.fixture(scope="module")
def hb(handbook):
    return handbook


def open_checklist(page, base_url, path="checklists/pre-contract.html"):
    page.goto(base_url + path)
    page.wait_for_selector("form.hb-checklist.is-ready")
    requests = []
    page.on("request", lambda r: requests.append((r.method, r.url)))
    return requests


def test_staff_fill_in_the_particulars_and_exclude_an_item(page, base_url, hb, tmp_path):
    t = lambda key: hb.t(key, "ja")  # noqa: E731
    rows = hb.checklists.get("pre-contract").rows
    third = rows[2]
    requests = open_checklist(page, base_url)

    # Every control is found by its label.
    page.get_by_label(hb.checklists.fields[0].label.ja, exact=True).fill(WORK)
    page.get_by_label(hb.checklists.fields[1].label.ja, exact=True).fill(CONTRACTOR)
    page.keyboard.press("Enter")  # Enter in a field submits nothing
    date = next(f for f in hb.checklists.fields if f.kind == "date")
    page.get_by_label(f"{date.label.ja} {hb.checklists.date.year.ja}", exact=True).fill("7")
    page.get_by_label(f"{t('checklist.exclude_label')}: {third.marker} {third.title.ja}", exact=True).check()
    assert page.inner_text("[data-hb-excluded-count]") == "1"

    pdf = print_pdf(page, tmp_path / "marked.pdf")
    text = squeeze(pdf.text)
    assert WORK in text and CONTRACTOR in text
    assert "令和7年" in text
    cells = pdf.row_cells([row.marker for row in rows])
    assert list(cells) == [row.marker for row in rows]
    excluded = t("checklist.excluded")
    answers = {a.label.ja for a in hb.checklists.answers}
    # The excluded item is printed, marked 対象外 instead of the answers to circle.
    assert excluded in cells[third.marker]
    assert not answers & set(cells[third.marker])
    for row in rows:
        if row is not third:
            assert excluded not in cells[row.marker]
            assert answers <= set(cells[row.marker]), row.id
    assert pdf.pages <= 2

    # The department chooses to leave excluded items out of the print-out.
    page.get_by_label(t("checklist.tailor.mode_omit"), exact=True).check()
    pdf = print_pdf(page, tmp_path / "omitted.pdf")
    text = squeeze(pdf.text)
    assert third.marker not in text
    assert squeeze(third.text.ja) not in text
    cells = pdf.row_cells([row.marker for row in rows])
    assert list(cells) == [r.marker for r in rows if r is not third]
    assert not [marker for marker, found in cells.items() if excluded in found]

    # Nothing was sent anywhere and nothing was stored. (Material may still fetch its own
    # search files from the site; no request carries anything, and the page stays put:
    # what was typed is kept in its own address only, for a reload or a shared link.)
    assert [url for method, url in requests if method != "GET" or "?" in url] == []
    assert page.url.split("?")[0] == base_url + "checklists/pre-contract.html"
    stored = page.evaluate(
        "() => [localStorage, sessionStorage].flatMap(s => Object.keys(s).map(k => k + '=' + s.getItem(k)))"
    )
    assert not [s for s in stored if CONTRACTOR in s or WORK in s]
    assert CONTRACTOR not in page.evaluate("() => document.cookie")
    assert page.console_errors == []


@pytest.mark.http_only
def test_one_click_gives_a_blank_form_again(page, base_url, hb, tmp_path):
    t = lambda key: hb.t(key, "ja")  # noqa: E731
    rows = hb.checklists.get("pre-contract").rows
    open_checklist(page, base_url)
    blank = print_pdf(page, tmp_path / "blank.pdf").text

    page.get_by_label(hb.checklists.fields[1].label.ja, exact=True).fill(CONTRACTOR)
    for row in rows[:2]:
        page.get_by_label(f"{t('checklist.exclude_label')}: {row.marker} {row.title.ja}", exact=True).check()
    page.get_by_label(t("checklist.tailor.mode_omit"), exact=True).check()
    assert page.locator("tr.is-excluded").count() == 2

    page.get_by_role("button", name=t("checklist.clear")).click()
    assert page.get_by_label(hb.checklists.fields[1].label.ja, exact=True).input_value() == ""
    assert page.get_by_label(t("checklist.tailor.mode_mark"), exact=True).is_checked()
    assert page.locator("[data-hb-exclude]:checked").count() == 0
    assert page.inner_text("[data-hb-excluded-count]") == "0"
    assert page.inner_text("[data-hb-status]") == t("checklist.cleared")
    assert print_pdf(page, tmp_path / "cleared.pdf").text == blank
    assert page.console_errors == []


@pytest.mark.http_only
def test_the_print_button_opens_the_browsers_print_dialog(page, base_url, hb):
    open_checklist(page, base_url, "en/checklists/post-contract.html")
    page.evaluate("() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; }")
    page.get_by_role("button", name=hb.t("checklist.print", "en")).click()
    assert page.evaluate("() => window.__printed") == 1
    assert page.console_errors == []


def test_tailoring_works_with_the_keyboard_alone(page, http_url, hb):
    rows = hb.checklists.get("post-contract").rows
    open_checklist(page, http_url, "checklists/post-contract.html")
    box = page.get_by_label(f"{hb.t('checklist.exclude_label', 'ja')}: {rows[0].marker} {rows[0].title.ja}", exact=True)
    box.focus()
    page.keyboard.press("Space")
    assert box.is_checked()
    assert page.locator(f"#{rows[0].id}").evaluate("r => r.classList.contains('is-excluded')")
    page.get_by_role("button", name=hb.t("checklist.clear", "ja")).focus()
    page.keyboard.press("Enter")
    assert not box.is_checked()
    assert page.console_errors == []


def test_without_script_the_page_still_prints_a_blank_form(browser, http_url, hb, tmp_path):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(http_url + "checklists/pre-contract.html")
    # The controls that need the script stay hidden; the form itself is there.
    assert not page.locator("fieldset.hb-cl-tailor").is_visible()
    assert not page.locator(".hb-cl-c-ex").first.is_visible()
    pdf = print_pdf(page, tmp_path / "noscript.pdf")
    rows = hb.checklists.get("pre-contract").rows
    assert list(pdf.row_cells([row.marker for row in rows])) == [row.marker for row in rows]
    assert pdf.pages <= 2
    context.close()


@pytest.mark.parametrize("path", ["checklists/pre-contract.html", "en/checklists/post-contract.html"])
def test_the_checklist_pages_meet_wcag_2_1_aa(page, http_url, path):
    open_checklist(page, http_url, path)
    page.locator("[data-hb-exclude]").first.check()
    page.locator('input[name="hb-cl-mode"][value="omit"]').check()
    assert axe_violations(page) == []
    assert page.console_errors == []
