"""The review page (tools/review.html) in headless Chromium, over http and from the folder:
several returned files at once (one of them not reviewable), a paper return entered with
the keyboard only, the summary CSV and register values read back, the review record printed
one A4 page per checklist and read back from the PDF, and no accessibility violation.
Also the checklist page's tailored download, read back by the review."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from support import axe_violations
from generator.model import plain
from printout import print_pdf, squeeze
from review_files import every_kind, fill, particulars, review, spreadsheet


@pytest.fixture(scope="module")
def hb(handbook):
    return handbook


@pytest.fixture(scope="module")
def returned(site, hb, tmp_path_factory):
    """Two returned files (before and after contract, different contractors) and one that
    is not a spreadsheet."""
    folder = tmp_path_factory.mktemp("returns")
    files = []
    for n, c in enumerate(hb.checklists.checklists):
        kind = every_kind("ja", [r.id for r in c.rows], [a.label.ja for a in hb.checklists.answers], hb.t("checklist.excluded", "ja"))
        values = particulars(hb)
        contractor = next(f.id for f in hb.checklists.fields if f.register == "contractor")
        values[contractor] = f"株式会社テスト{n + 1}"
        files.append(fill(spreadsheet(site, "ja", c.id), folder / f"{c.id}-返送.xlsx", particulars=values,
                          answers=kind["answers"], remarks=kind["remarks"]))
    bad = folder / '<img src=x onerror="window.__pwned=1">.csv'  # a file name is text
    bad.write_text("name,type\nA,B\n", encoding="utf-8")
    return files, bad


def open_review(page, base_url, lang="ja"):
    page.goto(base_url + ("en/" if lang == "en" else "") + "tools/review.html")
    page.wait_for_selector("#hb-review-result.is-ready")


def test_several_files_are_reviewed_and_a_bad_one_is_named(page, base_url, hb, returned, tmp_path):
    files, bad = returned
    open_review(page, base_url)
    page.set_input_files("#hb-review-files", [str(p) for p in files] + [str(bad)])
    page.wait_for_function("() => !document.getElementById('hb-review-summary').hidden")
    page.wait_for_function("() => document.querySelectorAll('.hb-review-record').length === 2")
    # The bad file: named, with the reason in the page's language.
    problems = page.inner_text("#hb-review-problem-list")
    assert bad.name in problems and hb.t("review.msg.not_spreadsheet", "ja") in problems
    assert page.locator("#hb-review-problem-list img").count() == 0 and not page.evaluate("window.__pwned")
    # One record per file, each row with its finding in words.
    records = page.locator(".hb-review-record")
    for i, c in enumerate(hb.checklists.checklists):
        record = records.nth(i)
        assert files[i].name in record.inner_text()
        findings = record.locator(".hb-review-row").evaluate_all("rows => rows.map(r => r.dataset.finding)")
        kind = every_kind("ja", [r.id for r in c.rows], [a.label.ja for a in hb.checklists.answers], hb.t("checklist.excluded", "ja"))
        expected = [kind["findings"][r.id] for r in c.rows]
        # no formula in these files: the row that had one is simply unanswered
        expected = ["unanswered" if r.id in kind["formulas"] else f for r, f in zip(c.rows, expected)]
        assert findings == expected
        words = record.locator(".hb-review-finding").all_inner_texts()
        assert words == [hb.t(f"review.finding.{f}", "ja") for f in expected]
    # The summary: contractors by items, in words, and counts.
    summary = page.inner_text("#hb-review-summary-table")
    assert "株式会社テスト1" in summary and "株式会社テスト2" in summary
    assert hb.t("review.finding.correction", "ja") in summary
    # The summary CSV, read back.
    with page.expect_download() as d:
        page.click("#hb-review-csv")
    data = open(d.value.path(), "rb").read()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 3 and rows[1][0] == files[0].name and rows[1][1] == "株式会社テスト1"
    assert hb.t("review.finding.not_applicable", "ja") in rows[1]
    # Register values, with the header the plan reads.
    register = page.input_value("#hb-review-register-text").splitlines()
    assert register[0].split("\t")[:2] == ["name", "contractor"]
    assert register[1].split("\t")[1] == "株式会社テスト1"
    assert page.console_errors == []


@pytest.mark.http_only
def test_the_proposed_result_can_be_changed_and_the_review_object_follows(page, base_url, hb, returned):
    files, _ = returned
    open_review(page, base_url)
    page.set_input_files("#hb-review-files", [str(files[1])])
    page.wait_for_selector(".hb-review-record")
    adequate = next(r for r in hb.checklists.results if not r.correction)
    correction = next(r for r in hb.checklists.results if r.correction)
    select = page.locator(".hb-review-record select")
    assert select.input_value() == correction.id
    select.select_option(adequate.id)
    reviewer = page.get_by_label(hb.checklists.review_fields[0].label.ja, exact=True)
    reviewer.fill("情報管理課 主任 久喜太郎")
    date = next(f for f in hb.checklists.review_fields if f.kind == "date")
    page.get_by_label(date.label.ja, exact=True).fill("令和7年10月1日")
    reviews = page.evaluate("HandbookReviewPage.reviews()")
    # the correction step's notice proposes the plan's due date: today + the data's offset
    today = page.evaluate("HandbookCore.today()")
    due = (dt.date.fromisoformat(today) + dt.timedelta(days=hb.checklists.correction.notice.due_days)).isoformat()
    assert reviews[0]["review"] == {"by": "情報管理課 主任 久喜太郎", "date": "2025-10-01", "result": adequate.id, "correctionDue": due}
    assert reviews[0]["result"]["checklist"] == files[1].name.split("-返送")[0]
    register = page.input_value("#hb-review-register-text").splitlines()
    head = register[0].split("\t")
    assert dict(zip(head, register[1].split("\t")))["lastCheck"] == "2025-10-01"
    assert dict(zip(head, register[1].split("\t")))["lastResult"] == adequate.label.ja
    # A later step (the correction) gives the due date of the corrective action plan.
    select.select_option(correction.id)
    page.evaluate("k => HandbookReviewPage.update(k, {correctionDue: '2025-11-01'})", reviews[0]["key"])
    register = page.input_value("#hb-review-register-text").splitlines()
    assert dict(zip(register[0].split("\t"), register[1].split("\t")))["correctionDue"] == "2025-11-01"
    # A date that cannot be read says so, in the page's language.
    page.get_by_label(date.label.ja, exact=True).fill("令和7年13月1日")
    assert page.locator(".hb-review-record [role=alert]").inner_text().startswith(date.label.ja)


@pytest.mark.http_only
def test_a_paper_return_is_entered_with_the_keyboard_only(page, base_url, hb):
    open_review(page, base_url, "en")
    c = hb.checklists.checklists[-1]
    page.focus("#hb-review-manual-box summary")
    page.keyboard.press("Enter")  # open the form
    page.keyboard.press("Tab")
    # choose the last checklist with the arrow keys
    for _ in range(len(hb.checklists.checklists) - 1):
        page.keyboard.press("ArrowDown")
    assert page.input_value("#hb-manual-checklist") == c.id
    page.keyboard.press("Tab")
    page.keyboard.type("Data entry")
    page.keyboard.press("Tab")
    page.keyboard.type("Test Ltd")
    for _ in range(len(hb.checklists.fields) - 2):
        page.keyboard.press("Tab")
    page.keyboard.type("2025-04-01")
    page.keyboard.press("Tab")
    # first row: "No" (the second answer) from the drop-down, with the keyboard
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.input_value(f"#hb-manual-{c.rows[0].id}") == hb.checklists.answers[1].label.en
    page.keyboard.press("Tab")
    page.keyboard.type("Being fixed")
    # the add button: tab past the other rows (select + remark each)
    for _ in range(2 * (len(c.rows) - 1) + 1):
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector(".hb-review-record")
    record = page.locator(".hb-review-record")
    assert "Test Ltd" in record.inner_text() and "1 April 2025" in record.inner_text()
    findings = record.locator(".hb-review-row").evaluate_all("rows => rows.map(r => r.dataset.finding)")
    assert findings == ["correction"] + ["unanswered"] * (len(c.rows) - 1)
    assert "Being fixed" in record.locator(".hb-review-row").first.inner_text()


@pytest.mark.http_only
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_record_prints_one_a4_page_per_checklist(page, base_url, hb, returned, tmp_path, lang):
    files, _ = returned
    open_review(page, base_url, lang)
    page.set_input_files("#hb-review-files", [str(p) for p in files])
    page.wait_for_function("() => document.querySelectorAll('.hb-review-record').length === 2")
    page.locator(".hb-review-record").first.get_by_label(hb.checklists.review_fields[0].label[lang], exact=True).fill("確認者一")
    pdf = print_pdf(page, tmp_path / "records.pdf")
    assert pdf.pages == len(files)
    assert all(abs(a - b) < 2 for a, b in zip(pdf.page_size_pt, (595.3, 841.9)))  # A4
    for n, c in enumerate(hb.checklists.checklists, start=1):
        text = squeeze(pdf.page_text(n))
        assert f"株式会社テスト{n}" in text
        assert all(r.marker in text for r in c.rows)
        assert all(squeeze(plain(r.title[lang]))[:12] in text for r in c.rows)  # the item heads its question
        assert squeeze(hb.checklists.review_title[lang]) in text
        assert squeeze(hb.document.site_name[lang]) in text  # the footer line
        # a finding in words (one that wraps in its cell is read back word by word)
        assert all(w in text for w in hb.t("review.finding.correction", lang).split())
        assert ("令和7年4月1日" if lang == "ja" else "1April2025") in text
    assert "確認者一" in squeeze(pdf.page_text(1))
    # nothing of the screen: no file chooser, no summary
    assert squeeze(hb.t("review.summary.heading", lang)) not in squeeze(pdf.text)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_no_accessibility_violations(page, http_url, hb, returned, lang):
    files, bad = returned
    open_review(page, http_url, lang)
    assert axe_violations(page) == []
    page.set_input_files("#hb-review-files", [str(files[0]), str(bad)])
    page.wait_for_selector(".hb-review-record")
    assert axe_violations(page) == []


@pytest.mark.http_only
def test_the_pages_link_to_the_review(page, base_url, hb):
    page.goto(base_url + "index.html")
    assert page.locator('a[href="tools/review.html"]').count() >= 1
    page.goto(base_url + f"checklists/{hb.checklists.checklists[0].id}.html")
    page.locator("a[href='../tools/review.html']").first.click()
    page.wait_for_selector("#hb-review-result.is-ready")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_tailored_download_carries_the_particulars_and_excluded_items(page, base_url, site, hb, tmp_path, lang):
    c = hb.checklists.checklists[0]
    page.goto(base_url + ("en/" if lang == "en" else "") + f"checklists/{c.id}.html")
    page.wait_for_selector("form.hb-checklist.is-ready")
    work, contractor = hb.checklists.fields[0], hb.checklists.fields[1]
    page.get_by_label(work.label[lang], exact=True).fill("=1+1 住民データ<入力>")
    page.get_by_label(contractor.label[lang], exact=True).fill("株式会社テスト")
    date = next(f for f in hb.checklists.fields if f.kind == "date")
    for part, value in (("year", "7"), ("month", "4"), ("day", "1")):
        page.get_by_label(f"{date.label[lang]} {getattr(hb.checklists.date, part)[lang]}", exact=True).fill(value)
    third = c.rows[2]
    page.locator(f'[data-hb-exclude="{third.id}"]').check()
    with page.expect_download() as d:
        page.click('[data-hb-action="download"]')
    path = tmp_path / "tailored.xlsx"
    d.value.save_as(path)
    (result,) = review(site, [path])
    assert result["ok"], result["problems"]
    assert result["particulars"][work.id] == "=1+1 住民データ<入力>"
    assert result["particulars"][contractor.id] == "株式会社テスト"
    assert result["particulars"][date.id] == "2025-04-01"
    row = next(r for r in result["rows"] if r["id"] == third.id)
    assert row["finding"] == "not_applicable" and row["tailored"]
    from openpyxl import load_workbook

    ws = load_workbook(path).worksheets[0]
    assert ws[row["cell"]].protection.locked
    assert ws[row["cell"]].value == hb.t("checklist.excluded", lang)
    assert result["lang"] == lang
    assert page.console_errors == []


@pytest.mark.http_only
def test_a_file_over_the_limit_is_refused_without_being_read(page, base_url, hb, returned, tmp_path):
    files, _ = returned
    big = tmp_path / "big.xlsx"
    big.write_bytes(b"PK" + bytes(10 * 1024 * 1024 + 1))
    open_review(page, base_url)
    page.set_input_files("#hb-review-files", [str(big), str(files[0])])
    page.wait_for_selector(".hb-review-record")
    problems = page.inner_text("#hb-review-problem-list")
    assert problems.startswith("big.xlsx") and "10MB" in problems
    assert page.locator(".hb-review-record").count() == 1
