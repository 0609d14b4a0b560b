"""The annual audit plan page, as a department uses it each April.

Runs in Chromium over http and from the folder (file://): a pasted register and a
Shift_JIS file from Japanese Excel are planned, the .ics and the CSV read back, bad rows
are listed by number, the page passes axe and works from the keyboard, and it prints the
plan alone on A4 landscape with the table header on every page.
"""

from __future__ import annotations

import csv
import io
import json

import icalendar
import pytest

from support import axe_violations
from printout import print_pdf, squeeze

PLAN = "tools/plan.html"
EN_PLAN = "en/tools/plan.html"
AS_OF = "fy=2025&today=2025-09-15"

REGISTER = "\n".join([
    "契約名\t契約の種類\t開始日\t終了日\t毎年同じ委託業者\t最後の実地確認日",
    "本庁舎清掃\t契約期間が1年の契約\t令和7年4月1日\t2026/3/31\tはい\t",
    "",
    "住民情報システム保守\tlong_term_continuing\t2021-04-01\t2028-03-31\t\t",
    "逆の期間\tone_year\t2025-04-01\t2025-03-01\t\t",
    "公民館\t公の施設の指定管理\t2024-04-01\t2029-03-31\t×\t",
])


def open_page(page, url: str):
    page.goto(url)
    page.wait_for_selector("#hb-plan-form[data-ready='true']", state="attached")
    return page


def rules_of(page) -> dict:
    return json.loads(page.text_content("#handbook-rules"))


def plan_rows(page) -> list[list[str]]:
    return page.eval_on_selector_all(
        "#hb-plan-table tr.hb-plan-row", "trs => trs.map(tr => Array.from(tr.cells, td => td.innerText.trim()))"
    )


def expected_events(page, register: str) -> list[list[str]]:
    """The checks of FY 2025 the calculator itself gives for each row (via plan.js)."""
    return page.evaluate(
        """(text) => {
            const rules = JSON.parse(document.getElementById('handbook-rules').textContent);
            return HandbookPlan.makePlan(rules, text, {fy: 2025, today: '2025-09-15'}).events
                .map(e => [e.event.date, e.name]);
        }""",
        register,
    )


def paste_and_plan(page, text: str):
    page.fill("#register", text)
    page.click("#hb-plan-form button[type=submit]")
    page.wait_for_selector("#hb-plan-table-wrap:not([hidden])", state="attached")


def test_a_pasted_register_is_planned_by_month_with_counts_and_error_rows(page, base_url):
    open_page(page, f"{base_url}{PLAN}?{AS_OF}")
    assert page.eval_on_selector("#fy", "s => s.options[s.selectedIndex].text") == "令和7年度"
    assert "令和7年9月15日" in page.inner_text("#hb-plan-today")
    paste_and_plan(page, REGISTER)
    rows = plan_rows(page)
    # every check of the year is the calculator's, in date order, with era and ISO dates
    assert [[r[2], r[3]] for r in rows] == expected_events(page, REGISTER)
    assert rows and all(r[1].startswith("令和") for r in rows)
    assert {r[3] for r in rows} == {"本庁舎清掃", "住民情報システム保守", "公民館"}
    cleaning = [r for r in rows if r[3] == "本庁舎清掃"]
    assert cleaning == [[cleaning[0][0], "令和7年10月1日", "2025-10-01", "本庁舎清掃", "契約期間が1年の契約",
                         cleaning[0][5], "実地確認", "遵守確認表（契約後）", cleaning[0][8]]]
    assert "まもなく" in cleaning[0][0]
    assert cleaning[0][8].startswith("基準4(4)")
    # months April to March, each a group headed by its month
    months = page.eval_on_selector_all("#hb-plan-table tbody th[scope=rowgroup]", "ths => ths.map(t => t.innerText)")
    assert months[0] == "2025年4月" and months[-1] == "2026年3月" and len(months) == 12
    # counts at the top
    counts = dict(page.eval_on_selector_all(
        "#hb-plan-counts [data-count]", "ds => ds.map(d => [d.dataset.count, +d.querySelector('dd').innerText])"))
    states = [r[0] for r in rows]
    assert counts["overdue"] == sum("期限超過" in s for s in states)
    assert counts["dueSoon"] == sum("まもなく" in s for s in states)
    assert counts["later"] == sum("予定" in s for s in states)
    assert counts["contracts"] == 4
    assert counts["onsite"] == sum(r[6] == "実地確認" for r in rows)
    # the bad row, by its row number (header = row 1, blank line counted, not an error)
    problems = page.eval_on_selector_all("#hb-plan-problem-list li", "lis => lis.map(li => li.innerText)")
    assert len(problems) == 1
    assert problems[0].startswith("5行目 逆の期間")
    assert rules_of(page)["schedule"]["messages"]["end_before_start"]["ja"] in problems[0]
    # links of the table resolve
    href = page.get_attribute("#hb-plan-table .hb-event__checklist a", "href")
    assert href.endswith("checklists/post-contract.html")
    assert page.console_errors == []


@pytest.mark.http_only
def test_a_shift_jis_file_from_excel_is_read_and_planned_in_english(page, base_url, tmp_path):
    open_page(page, f"{base_url}{EN_PLAN}?{AS_OF}")
    assert page.eval_on_selector("#fy", "s => s.options[s.selectedIndex].text") == "Fiscal Year 2025 (April 2025–March 2026)"
    csv_file = tmp_path / "台帳.csv"
    csv_file.write_bytes(REGISTER.replace("\t", ",").replace("\n", "\r\n").encode("cp932"))
    page.set_input_files("#register-file", str(csv_file))
    page.wait_for_selector("#hb-plan-table-wrap:not([hidden])", state="attached")
    assert page.input_value("#register").startswith("契約名,契約の種類")
    rows = plan_rows(page)
    assert [[r[2], r[3]] for r in rows] == expected_events(page, REGISTER)
    assert {r[3] for r in rows} == {"本庁舎清掃", "住民情報システム保守", "公民館"}
    assert any(r[1] == "1 October 2025" and r[6] == "On-site check" for r in rows)
    problems = page.eval_on_selector_all("#hb-plan-problem-list li", "lis => lis.map(li => li.innerText)")
    assert len(problems) == 1 and problems[0].startswith("Row 5")
    assert page.console_errors == []


def test_the_ics_and_the_csv_read_back(page, base_url, tmp_path):
    open_page(page, f"{base_url}{PLAN}?{AS_OF}")
    paste_and_plan(page, REGISTER)
    rows = plan_rows(page)
    with page.expect_download() as info:
        page.click("#hb-plan-ics")
    target = tmp_path / "plan.ics"
    info.value.save_as(target)
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    events = [c for c in calendar.walk("VEVENT")]
    assert len(events) == len(rows)
    assert sorted((str(e.get("DTSTART").dt), str(e.get("SUMMARY")).split("：")[0]) for e in events) == sorted(
        (r[2], r[3]) for r in rows)
    assert len({str(e.get("UID")) for e in events}) == len(events)

    with page.expect_download() as info:
        page.click("#hb-plan-csv")
    data = tmp_path / "plan.csv"
    info.value.save_as(data)
    raw = data.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert table[0][:4] == ["状況", "日付", "日付（ISO形式）", "契約名"]
    assert [[r[2], r[3]] for r in table[1:]] == [[r[2], r[3]] for r in rows]


def test_the_register_template_downloads_and_plans_without_problems(page, http_url):
    open_page(page, f"{http_url}{PLAN}?fy=2023&today=2023-04-01")
    with page.expect_download() as info:
        page.click("#hb-plan-template")
    text = open(info.value.path(), "rb").read().decode("utf-8-sig")
    assert text.startswith("契約名,")
    paste_and_plan(page, text)
    assert page.eval_on_selector("#hb-plan-problems", "n => n.hidden")
    assert len(plan_rows(page)) > 0


def test_nothing_entered_is_run_as_markup(page, http_url):
    open_page(page, f"{http_url}{PLAN}?{AS_OF}")
    paste_and_plan(page, "name,type,start,end\n<img src=x onerror=window.owned=1>,one_year,2025-04-01,2026-03-31\n"
                         "<b>x</b>,<script>window.owned=1</script>,2025-04-01,2026-03-31\n")
    assert page.evaluate("window.owned") is None
    assert page.query_selector("#hb-plan-table img") is None
    assert "<img" in plan_rows(page)[0][3]


@pytest.mark.http_only
def test_accessible_table_axe_and_keyboard_only(page, base_url):
    open_page(page, f"{base_url}{PLAN}?{AS_OF}")
    # keyboard only: focus the text area, type, tab to the button, press Enter
    page.focus("#register")
    page.keyboard.insert_text(REGISTER)
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "submit":
            break
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_selector("#hb-plan-table-wrap:not([hidden])", state="attached")
    assert "令和7年度" in page.inner_text("#hb-plan-caption")
    assert page.eval_on_selector_all("#hb-plan-table thead th[scope=col]", "ths => ths.length") == 9
    # the state is written in words, not only coloured
    assert all(r[0].split()[-1] in ("期限超過", "まもなく", "予定") for r in plan_rows(page))
    # axe runs with the focus still on the primary button (its focused colours count too)
    assert page.evaluate("document.activeElement.type") == "submit"
    assert axe_violations(page) == []


def test_prints_the_plan_alone_on_a4_landscape_with_the_header_on_every_page(page, http_url, tmp_path):
    open_page(page, f"{http_url}{PLAN}?{AS_OF}")
    many = [REGISTER.split("\n")[0]] + [
        f"契約{i:03d}\tlong_term_continuing\t2023-04-01\t2028-03-31\t\t" for i in range(60)
    ]
    paste_and_plan(page, "\n".join(many))
    pdf = print_pdf(page, tmp_path / "plan.pdf", css_page_size=True)
    width, height = pdf.page_size_pt
    assert (round(width), round(height)) == (842, 595)
    assert pdf.pages >= 2
    text = squeeze(pdf.text)
    assert "契約001" in text
    assert squeeze("貼り付けた内容") not in text  # no form, no privacy note
    assert "計画を作成する" not in text
    for number in range(1, pdf.pages + 1):
        assert any(line.text.strip().startswith("状況") for line in pdf.lines if line.page == number), number
