"""The correction step on the review page (tools/review.html) in headless Chromium, over
http and from the folder: a returned checklist with nine items needing correction (filled
with openpyxl, saved again by LibreOffice) gives the guidance notice, printed alone on one
A4 page and read back from the PDF, with the citation of the contract type chosen and the
due date that the register values carry; the corrective action plan made with the
findings, filled in with openpyxl as a contractor would (saved by LibreOffice), read back
with its gaps listed, its record printed on one A4 page; axe; keyboard only."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from conftest import DATA, axe_violations
from generator.commands.load import load
from generator.site import spreadsheet_identity as ident
from printout import print_pdf, squeeze
from review_files import fill, particulars, resave, soffice, spreadsheet

pytestmark = pytest.mark.skipif(soffice() is None, reason="LibreOffice is installed by make test")


@pytest.fixture(scope="module")
def hb():
    return load(DATA)


def during(hb):
    """The checklist used during the contract (the audit rules name it)."""
    return next(c for c in hb.checklists.checklists if any(
        check.checklist == c.id for ct in hb.contract_types for check in ct.audit.checks))


def remark(lang, n):
    return (f"第{n}項：現在対応中。詳細は別途報告します。" if lang == "ja"
            else f"Item {n}: being dealt with; details to follow in a separate report.")


@pytest.fixture(scope="module")
def nine(site, hb, tmp_path_factory):
    """Per language, the during-contract checklist returned with every one of its nine
    items answered "no" with a remark, saved again by LibreOffice."""
    folder = tmp_path_factory.mktemp("nine")
    c = during(hb)
    no = next(a for a in hb.checklists.answers if a.finding == "correction")
    out = {}
    for lang in ("ja", "en"):
        src = fill(spreadsheet(site, lang, c.id), folder / f"nine-{lang}.xlsx", particulars=particulars(hb),
                   answers={r.id: no.label[lang] for r in c.rows},
                   remarks={r.id: remark(lang, n) for n, r in enumerate(c.rows, start=1)})
        (out[lang],) = resave([src], folder / f"saved-{lang}")
    assert len(c.rows) == 9
    return out


def open_with(page, base_url, path, lang="ja"):
    page.goto(base_url + ("en/" if lang == "en" else "") + "tools/review.html")
    page.wait_for_selector("#hb-review-result.is-ready")
    page.set_input_files("#hb-review-files", [str(path)])
    page.wait_for_selector(".hb-cn")
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed++; }; }")


def one_year(hb):
    return next(ct for ct in hb.contract_types if ct.id == "one_year")


@pytest.mark.http_only
def test_the_notice_prints_alone_on_one_a4_page_with_nine_findings(page, base_url, hb, nine, tmp_path):
    c = during(hb)
    notice = hb.checklists.correction.notice
    open_with(page, base_url, nine["ja"])
    panel = page.locator(".hb-cn")
    panel.get_by_label(hb.t("correction.contract_type", "ja"), exact=True).select_option(one_year(hb).id)
    date_field = next(f for f in notice.fields if f.kind == "date")
    panel.get_by_label(date_field.label.ja, exact=True).fill("令和7年10月1日")
    sender = next(f for f in notice.fields if f.kind == "text")
    panel.get_by_label(sender.label.ja, exact=True).fill("情報管理課長　<b>久喜</b>")
    due = (dt.date(2025, 10, 1) + dt.timedelta(days=notice.due_days)).isoformat()
    # the due date follows the notice's date and goes into the register values
    register = page.input_value("#hb-review-register-text").splitlines()
    assert "correctionDue" in register[0].split("\t")
    assert register[1].split("\t")[register[0].split("\t").index("correctionDue")] == due
    panel.get_by_role("button", name=hb.t("correction.notice.print", "ja")).click()
    assert page.evaluate("window.__printed") == 1
    pdf = print_pdf(page, tmp_path / "notice.pdf")
    assert pdf.pages == 1
    assert all(abs(a - b) < 2 for a, b in zip(pdf.page_size_pt, (595.3, 841.9)))
    text = squeeze(pdf.text)
    assert squeeze(notice.title.ja) in text
    assert squeeze(hb.t("correction.model", "ja")) in text
    assert squeeze(particulars(hb)[next(f.id for f in hb.checklists.fields if f.register == "contractor")]) in text
    assert "情報管理課長<b>久喜</b>" in text
    cited = hb.record(one_year(hb).audit.follow_up)
    assert squeeze(f"4(4){cited.marker}") in text
    y, m, d = (int(x) for x in due.split("-"))
    assert f"令和{y - 2018}年{m}月{d}日" in text
    for n, r in enumerate(c.rows, start=1):
        # (cells wrap, so their first line is looked for)
        assert squeeze(remark("ja", n))[:8] in text
        assert squeeze(r.text.ja)[:12] in text
    # nothing else of the page: not the review record, not the screen
    assert squeeze(hb.checklists.review_title.ja) not in text
    assert squeeze(hb.t("review.summary.heading", "ja")) not in text
    assert page.console_errors == []


def test_the_designated_manager_notice_cites_its_own_clause(page, http_url, hb, nine, tmp_path):
    open_with(page, http_url, nine["en"], "en")
    dm = next(ct for ct in hb.contract_types if ct.id == "designated_manager")
    page.get_by_label(hb.t("correction.contract_type", "en"), exact=True).select_option(dm.id)
    letter = page.inner_text(".hb-cn-letter")

    assert hb.citations[dm.audit.follow_up].en in letter
    assert hb.citations[one_year(hb).audit.follow_up].en not in letter
    # the English notice with nine findings also prints on one A4 page
    page.get_by_role("button", name=hb.t("correction.notice.print", "en")).click()
    pdf = print_pdf(page, tmp_path / "notice-en.pdf")
    assert pdf.pages == 1
    assert squeeze(hb.checklists.correction.notice.title.en) in squeeze(pdf.text)


def _plan_lines(ws):
    where = {ws[f"{ident.PLAN_ID_COLUMN}{r}"].value: r for r in range(1, ws.max_row + 1) if ws[f"{ident.PLAN_ID_COLUMN}{r}"].value}
    return where


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_plan_made_with_the_findings_comes_back_with_its_gaps_listed(page, base_url, site, hb, nine, tmp_path, lang):
    c = during(hb)
    plan = hb.checklists.correction.plan
    open_with(page, base_url, nine[lang], lang)
    with page.expect_download() as d:
        page.get_by_role("link", name=hb.t("correction.plan.download", lang)).click()
    made = tmp_path / "plan.xlsx"
    d.value.save_as(made)
    wb = load_workbook(made)
    ws = wb[plan.sheet[lang]]
    where = _plan_lines(ws)
    col = ident.PLAN_COLUMNS
    # one line per finding, item and finding filled and locked; the contractor's cells open
    for r in c.rows:
        row = where[r.id]
        assert ws[f"{col['item']}{row}"].value.startswith(r.marker)
        assert remark(lang, c.rows.index(r) + 1) in ws[f"{col['finding']}{row}"].value
        assert ws[f"{col['item']}{row}"].protection.locked and ws[f"{col['finding']}{row}"].protection.locked
        assert ws[f"{col['measure']}{row}"].protection.locked is False
    contractor = next(f for f in plan.fields if f.register == "contractor")
    assert ws[f"{ident.PLAN_VALUE_COLUMN}{where[contractor.id]}"].value == particulars(hb)[
        next(f.id for f in hb.checklists.fields if f.register == "contractor")]
    # the contractor fills every line but leaves a person out on one and a date on another
    for n, r in enumerate(c.rows):
        row = where[r.id]
        ws[f"{col['measure']}{row}"] = f"=measure {n}"
        ws[f"{col['measure']}{row}"].data_type = "s"
        if n != 1:
            ws[f"{col['person']}{row}"] = f"担当{n}"
        if n != 2:
            ws[f"{col['completion']}{row}"] = dt.date(2025, 12, n + 1)
    wb.save(tmp_path / "filled.xlsx")
    (saved,) = resave([tmp_path / "filled.xlsx"], tmp_path / "saved")
    page.set_input_files("#hb-correction-plan-files", [str(saved)])
    page.wait_for_selector(".hb-cpr")
    record = page.locator(".hb-cpr")
    missing = record.locator(".hb-cpr-missing li").all_inner_texts()
    assert len(missing) == 2
    assert c.rows[1].marker in missing[0] and c.rows[2].marker in missing[1]
    assert record.locator(".hb-cpr-line.is-missing").count() == 2
    assert "=measure 0" in record.inner_text()
    # its record prints alone on one page
    record.get_by_role("button", name=hb.t("correction.print", lang)).click()
    pdf = print_pdf(page, tmp_path / "plan-record.pdf")
    assert pdf.pages == 1
    text = squeeze(pdf.text)
    assert squeeze(plan.review_title[lang]) in text
    assert all(f"=measure{n}" in text for n in range(9)), text
    assert squeeze(hb.checklists.correction.notice.title[lang]) not in text
    assert page.console_errors == []


def test_a_complete_plan_and_a_file_that_is_no_plan(page, http_url, site, hb, nine, tmp_path):
    plan = hb.checklists.correction.plan
    src = site / "forms" / f"{plan.file}.xlsx"
    wb = load_workbook(src)
    ws = wb[plan.sheet.ja]
    where = _plan_lines(ws)
    row = where[f"{ident.PLAN_LINE_PREFIX}1"]
    col = ident.PLAN_COLUMNS
    for key, value in (("item", "① 体制"), ("finding", "不備"), ("measure", "規程を改める"), ("person", "総務課長")):
        ws[f"{col[key]}{row}"] = value
    ws[f"{col['completion']}{row}"] = dt.date(2026, 1, 31)
    wb.save(tmp_path / "complete.xlsx")
    open_with(page, http_url, nine["ja"])
    page.set_input_files("#hb-correction-plan-files", [str(tmp_path / "complete.xlsx"), str(nine["ja"])])
    page.wait_for_selector(".hb-cpr")
    assert hb.t("correction.plan.complete", "ja") in page.inner_text(".hb-cpr")
    assert "令和8年1月31日" in page.inner_text(".hb-cpr")
    assert hb.t("correction.plan.not_plan", "ja") in page.inner_text("#hb-correction-plan-status")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_no_accessibility_violations(page, http_url, hb, nine, site, lang):
    open_with(page, http_url, nine[lang], lang)
    page.set_input_files("#hb-correction-plan-files", [str(site / ("en/" if lang == "en" else "") / "forms" / f"{hb.checklists.correction.plan.file}.xlsx")])
    page.wait_for_selector(".hb-cpr")
    assert axe_violations(page) == []


def test_the_plan_page_has_no_accessibility_violations(page, http_url):
    page.goto(http_url + "forms/corrective-action-plan.html")
    assert axe_violations(page) == []


def test_the_notice_is_made_with_the_keyboard_only(page, http_url, hb, nine):
    notice = hb.checklists.correction.notice
    open_with(page, http_url, nine["ja"])
    select = page.locator(".hb-cn select")
    select.focus()
    target = [ct.id for ct in hb.contract_types].index(one_year(hb).id)
    page.keyboard.press("Home")
    for _ in range(target):
        page.keyboard.press("ArrowDown")
    assert select.input_value() == one_year(hb).id
    page.keyboard.press("Tab")  # the notice's date
    page.keyboard.press("Control+a")
    page.keyboard.type("2025-11-04")
    page.keyboard.press("Tab")  # the sender
    page.keyboard.type("情報管理課")
    page.keyboard.press("Tab")  # the due date: follows the notice's date
    due = (dt.date(2025, 11, 4) + dt.timedelta(days=notice.due_days))
    assert page.evaluate("document.activeElement.value") == f"令和{due.year - 2018}年{due.month}月{due.day}日"
    page.keyboard.press("Tab")  # print
    page.keyboard.press("Enter")
    assert page.evaluate("window.__printed") == 1
    letter = page.inner_text(".hb-cn-letter")
    assert "情報管理課" in letter and "令和7年11月4日" in letter
    # a date that cannot be read is said so, in words
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Control+a")
    page.keyboard.type("令和7年2月30日")
    assert page.locator(".hb-cn [role=alert]").filter(has_text=notice.fields[2].label.ja).count() == 1


def test_many_files_that_need_correction_redraw_the_summary_once(page, http_url, nine, tmp_path):
    # Each file needing correction gets its notice and a default due date for its plan; the
    # summary and register values are redrawn once for all of them, not once a file (which
    # made 100 returned files take seconds).
    copies = []
    for n in range(5):
        copies.append(tmp_path / f"return-{n}.xlsx")
        copies[-1].write_bytes(nine["ja"].read_bytes())
    page.goto(http_url + "tools/review.html")
    page.wait_for_selector("#hb-review-result.is-ready")
    page.evaluate("() => { window.__redraws = 0; document.addEventListener('hb-review-change', () => { window.__redraws++; }); }")
    page.set_input_files("#hb-review-files", [str(p) for p in copies])
    page.wait_for_function("() => document.querySelectorAll('.hb-cn').length === 5")
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.__redraws") == 2  # the files read, then their due dates
    dues = page.evaluate("() => window.HandbookReviewPage.reviews().map(r => r.review.correctionDue)")
    assert len(dues) == 5 and all(dues)
    register = page.input_value("#hb-review-register-text")
    assert all(due in register for due in dues)
    assert page.console_errors == []
