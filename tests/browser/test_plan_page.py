"""The annual audit plan page, as a department uses it through the year.

Runs in Chromium over http and from the folder (file://): a pasted register and a
Shift_JIS file from Japanese Excel are planned, a register with the record of checks done,
corrections, other columns and short type names shows done, open and overdue checks, the
.ics and the CSV read back, the CSV edited in Python and re-saved by LibreOffice loads as
the same plan with the new record, bad rows are listed by number, a damaged file is
refused, a long register keeps the page responsive, the tables fit a wide screen and stack
on a tablet and a phone, the page passes axe and works from the keyboard, and it prints the
plan alone on A4 landscape with the footer, page numbers and the columns 実施日 and 確認者.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess

import icalendar
import pytest

from support import DATA, axe_violations, run_generator
from generator.commands.load import load
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


def laid_out(page):
    """Every table of the plan laid out, as each is once scrolled to: the browser skips the
    tables off screen (content-visibility), and innerText reads only laid-out text."""
    page.evaluate("() => document.querySelectorAll('.hb-plan-block').forEach(b => { b.style.contentVisibility = 'visible'; })")


def plan_rows(page) -> list[list[str]]:
    """Each row's cells as shown: state, date (era date and ISO date on two lines), contract
    (name, then its other columns), type, what, method, checklist, source."""
    laid_out(page)
    return page.eval_on_selector_all(
        "#hb-plan-table tr.hb-plan-row", "trs => trs.map(tr => Array.from(tr.cells, td => td.innerText.trim()))"
    )


def iso_of(row: list[str]) -> str:
    return row[1].split("\n")[-1]


def name_of(row: list[str]) -> str:
    return row[2].split("\n")[0]


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
    wait_for_plan(page)


def wait_for_plan(page, timeout: float = 30000):
    page.wait_for_selector("#hb-plan-form[data-state='ok'], #hb-plan-form[data-state='problems']", state="attached",
                           timeout=timeout)


def test_a_pasted_register_is_planned_by_month_with_counts_and_error_rows(page, base_url):
    open_page(page, f"{base_url}{PLAN}?{AS_OF}")
    assert page.eval_on_selector("#fy", "s => s.options[s.selectedIndex].text") == "令和7年度"
    assert "令和7年9月15日" in page.inner_text("#hb-plan-today")
    paste_and_plan(page, REGISTER)
    rows = plan_rows(page)
    # every check of the year is the calculator's, in date order, with era and ISO dates
    assert [[iso_of(r), name_of(r)] for r in rows] == expected_events(page, REGISTER)
    assert rows and all(r[1].startswith("令和") for r in rows)
    assert {name_of(r) for r in rows} == {"本庁舎清掃", "住民情報システム保守", "公民館"}
    cleaning = [r for r in rows if name_of(r) == "本庁舎清掃"]
    assert cleaning == [[cleaning[0][0], "令和7年10月1日\n2025-10-01", "本庁舎清掃", "契約期間が1年の契約",
                         cleaning[0][4], "実地確認", "遵守確認表（契約後）", cleaning[0][7], "", ""]]
    assert "まもなく" in cleaning[0][0]
    assert cleaning[0][7].startswith("基準4(4)")
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
    assert counts["planned"] == 3
    assert counts["unplanned"] == 1
    assert counts["done"] == 0
    assert counts["onsite"] == sum(r[5] == "実地確認" for r in rows)
    assert "3件の契約を計画" in page.inner_text("#hb-plan-status")
    assert "計画できなかった行は1件" in page.inner_text("#hb-plan-status")
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
    assert [[iso_of(r), name_of(r)] for r in rows] == expected_events(page, REGISTER)
    assert {name_of(r) for r in rows} == {"本庁舎清掃", "住民情報システム保守", "公民館"}
    assert any(r[1] == "1 October 2025\n2025-10-01" and r[5] == "On-site check" for r in rows)
    # the encoding used is named
    assert page.inner_text("#hb-plan-encoding") == rules_of(page)["plan"]["text"]["resultEncoding"]["en"].replace(
        "{encoding}", "Shift_JIS")
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
    events = [c for c in calendar.walk("VEVENT") if "-handout-" not in str(c.get("UID"))]
    assert len(events) == len(rows)
    assert sorted((str(e.get("DTSTART").dt), str(e.get("SUMMARY")).split("：")[1]) for e in events) == sorted(
        (iso_of(r), name_of(r)) for r in rows)
    assert len({str(e.get("UID")) for e in events}) == len(events)
    # short titles, the full text in the description, a reminder before each
    for e in events:
        assert str(e.get("SUMMARY")).split("：")[0] in ("実地確認", "書面確認", "契約前の確認")
        alarms = [a for a in e.walk("VALARM")]
        assert len(alarms) == 1 and alarms[0].get("TRIGGER").dt.days == -rules_of(page)["plan"]["reminderDays"]
    labels = {r[4] for r in rows}
    assert {str(e.get("DESCRIPTION")).split("\n")[0] for e in events} == labels

    with page.expect_download() as info:
        page.click("#hb-plan-csv")
    data = tmp_path / "plan.csv"
    info.value.save_as(data)
    raw = data.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert table[0][:4] == ["契約名", "契約の種類", "開始日", "終了日"]
    state = table[0].index("状況")
    assert table[0][state:state + 3] == ["状況", "日付", "日付（ISO形式）"]
    planned = [(r[state + 2], r[0]) for r in table[1:] if r[state + 2]]
    assert planned == [(iso_of(r), name_of(r)) for r in rows]
    # the row that could not be planned is kept as it was typed
    assert any(r[0] == "逆の期間" and r[3] == "2025-03-01" for r in table[1:])


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
    assert "<img" in plan_rows(page)[0][2]


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
    # a table a month, each named by its month (its caption) with the ten column headers
    tables = page.eval_on_selector_all(
        "#hb-plan-table table", "ts => ts.map(t => [t.caption.textContent, t.querySelectorAll('thead th[scope=col]').length])")
    months = page.eval_on_selector_all("#hb-plan-table tbody th[scope=rowgroup]", "ths => ths.map(t => t.textContent)")
    assert len(months) == 12 and tables == [[month, 10] for month in months]
    # the state is written in words, not only coloured
    assert all(r[0].split()[-1] in ("期限超過", "まもなく", "予定") for r in plan_rows(page))
    # axe runs with the focus still on the primary button (its focused colours count too)
    assert page.evaluate("document.activeElement.type") == "submit"
    assert axe_violations(page) == []


@pytest.mark.http_only
def test_a_month_in_several_tables_passes_axe(page, base_url):
    # 120 checks in October: two tables, the second's column headers for screen readers only
    many = [REGISTER.split("\n")[0]] + [
        f"契約{i:03d}\tlong_term_continuing\t2023-04-01\t2028-03-31\t\t" for i in range(120)]
    open_page(page, f"{base_url}{PLAN}?{AS_OF}")
    paste_and_plan(page, "\n".join(many))
    laid_out(page)
    assert page.eval_on_selector_all("#hb-plan-table [data-month='2025-10'] table", "ts => ts.length") == 2
    assert axe_violations(page, ["#hb-plan-table-wrap"]) == []


# A register as staff keep it through the year: the record of checks done, a correction,
# their own columns, short type names and 有/無.
RECORD = "\n".join([
    "契約名\t契約の種類\t開始日\t終了日\t毎年同じ委託業者\t最後の実地確認日\t担当課\t委託業者名\t最後の確認の実施日\t最後の確認の結果"
    "\t是正計画書の提出期限\t是正の完了確認日\t備考",
    "本庁舎清掃\t1年\t令和7年4月1日\t2026/3/31\t無\t\t総務課\t株式会社A\t2025-09-01\t適\t\t\t鍵は守衛室",
    "住民情報システム保守\t長期継続\t2024-04-01\t2029-03-31\t\t\t情報政策課\t株式会社B\t2025-05-10\t要是正\t2025-09-30\t\t",
    "公民館\t指定管理\t2024-04-01\t2029-03-31\t無\t\t生涯学習課\t\t\t\t\t\t",
    "図書館\t指定管理\t2024-04-01\t2029-03-31\t無\t2025-07-01\t生涯学習課\t\t\t\t\t\t",
    "検診\t1年未満\t2025-06-01\t2025-11-30\t\t\t健康課\t\t\t\t\t\t",
    "ない日付\t1年\t令和8年13月1日\t2026/3/31\t\t\t総務課\t\t\t\t\t\t",
])


def counts_of(page) -> dict:
    return dict(page.eval_on_selector_all(
        "#hb-plan-counts [data-count]", "ds => ds.map(d => [d.dataset.count, +d.querySelector('dd').innerText])"))


def test_the_record_marks_checks_done_and_follows_a_correction_with_other_columns_kept(page, base_url):
    open_page(page, f"{base_url}{PLAN}?{AS_OF}")
    paste_and_plan(page, RECORD)
    rows = plan_rows(page)
    by = {(name_of(r), iso_of(r)): r for r in rows}
    # done, with its date, never overdue
    cleaning = by["本庁舎清掃", "2025-10-01"]
    assert cleaning[0].endswith("実施済み（令和7年9月1日）")
    library = by["図書館", "2025-10-01"]
    assert "実施済み（令和7年7月1日）" in library[0]
    assert "期限超過" in by["公民館", "2025-10-01"][0] or "まもなく" in by["公民館", "2025-10-01"][0]
    # the correction: due on its own date, shown as its own event
    due = by["住民情報システム保守", "2025-09-30"]
    assert "まもなく" in due[0]
    assert due[4].startswith("是正計画書の提出期限")
    # the register's other columns, under the contract
    assert cleaning[2].split("\n") == ["本庁舎清掃", "担当課: 総務課", "委託業者名: 株式会社A", "備考: 鍵は守衛室"]
    # every cell names its column (the phone layout shows the name above the value)
    named = page.evaluate("""() => [...document.querySelectorAll('#hb-plan-table tr.hb-plan-row')].map(tr => {
        const heads = [...tr.closest('table').tHead.rows[0].cells].map(th => th.textContent.trim());
        return [...tr.cells].map(td => td.dataset.label).join('|') === heads.join('|'); })""")
    assert named and all(named)
    counts = counts_of(page)
    assert counts["done"] == sum("実施済み" in r[0] for r in rows) >= 2
    assert counts["corrections"] == 1
    assert counts["planned"] == 5 and counts["unplanned"] == 1
    # the bad date as typed
    problems = page.eval_on_selector_all("#hb-plan-problem-list li", "lis => lis.map(li => li.innerText)")
    assert len(problems) == 1 and "「令和8年13月1日」" in problems[0] and "2026-13" not in problems[0]
    assert page.console_errors == []


def test_the_department_filter_shows_one_department_and_goes_into_the_address(page, base_url):
    open_page(page, f"{base_url}{PLAN}?{AS_OF}")
    assert page.eval_on_selector("#department-field", "n => n.hidden")
    paste_and_plan(page, RECORD)
    assert not page.eval_on_selector("#department-field", "n => n.hidden")
    # done, open and overdue rows, the other columns and the filter pass axe too
    assert axe_violations(page) == []
    options = page.eval_on_selector_all("#department option", "os => os.map(o => o.value)")
    assert options == ["", "健康課", "情報政策課", "生涯学習課", "総務課"]
    everyone = len(plan_rows(page))
    page.select_option("#department", "生涯学習課")
    page.wait_for_function("() => document.getElementById('hb-plan-form').dataset.state !== 'showing'")
    rows = plan_rows(page)
    assert rows and len(rows) < everyone
    assert {name_of(r) for r in rows} == {"公民館", "図書館"}
    assert counts_of(page)["contracts"] == 2
    if base_url.startswith("http"):
        assert "department=" in page.url
        # a link reproduces the view
        open_page(page, page.url)
        paste_and_plan(page, RECORD)
        assert page.input_value("#department") == "生涯学習課"
        assert {name_of(r) for r in plan_rows(page)} == {"公民館", "図書館"}


def _download_csv(page, tmp_path) -> bytes:
    with page.expect_download() as info:
        page.click("#hb-plan-csv")
    target = tmp_path / "plan.csv"
    info.value.save_as(target)
    return target.read_bytes()


def _plan_key(page) -> list:
    return sorted([r[0], r[1], name_of(r), r[4]] for r in plan_rows(page))


def _load_file(page, path):
    # forget the plan shown, so that only the new file's plan is waited for
    page.evaluate("""() => { document.getElementById('register').value = '';
                              document.getElementById('hb-plan-form').dataset.state = 'empty'; }""")
    page.set_input_files("#register-file", str(path))
    page.wait_for_function("() => document.getElementById('register').value.length > 0")
    wait_for_plan(page)


def test_the_csv_edited_in_python_and_resaved_by_libreoffice_loads_as_the_same_plan_with_the_new_record(
        page, http_url, tmp_path):
    open_page(page, f"{http_url}{PLAN}?{AS_OF}")
    paste_and_plan(page, RECORD)
    before = _plan_key(page)
    raw = _download_csv(page, tmp_path)
    # loaded again untouched: the same plan
    same = tmp_path / "same.csv"
    same.write_bytes(raw)
    _load_file(page, same)
    assert _plan_key(page) == before
    # a date typed into the record on one line of the long-term contract, as Excel keeps it
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    header = table[0]
    last = header.index("最後の確認の実施日")
    result = header.index("最後の確認の結果")
    done = header.index("是正の完了確認日")
    line = next(i for i, r in enumerate(table) if r[0] == "公民館")
    table[line][last] = ""
    visit = header.index("最後の実地確認日")
    table[line][visit] = "2025/9/10"
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(table)
    edited = tmp_path / "edited.csv"
    edited.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))
    _load_file(page, edited)
    after = _plan_key(page)
    changed = [r for r in after if r not in before]
    assert len(changed) == 1 and changed[0][2] == "公民館" and "実施済み（令和7年9月10日）" in changed[0][0]
    assert len(after) == len(before)
    assert [r for r in before if r[2] != "公民館"] == [r for r in after if r[2] != "公民館"]
    # and through LibreOffice: opened and saved again as CSV (no BOM, LF, its own quoting and dates)
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (libreoffice-calc-nogui) is installed by make test"
    table[line][result] = "要是正"
    table[line][last] = "2025/9/10"
    table[line][done] = ""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(table)
    source = tmp_path / "lo" / "register.csv"
    source.parent.mkdir()
    source.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))
    resaved = tmp_path / "lo" / "out"
    subprocess.run([soffice, "--headless", "--norestore", "--infilter=CSV:44,34,76,1",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", str(resaved), str(source)],
                   check=True, capture_output=True, timeout=180, env=dict(os.environ, HOME=str(tmp_path / "lo")))
    _load_file(page, resaved / "register.csv")
    assert page.inner_text("#hb-plan-encoding").endswith("UTF-8 として読みました。")
    again = _plan_key(page)
    hall = [r for r in again if r[2] == "公民館"]
    assert any("実施済み（令和7年9月10日）" in r[0] for r in hall)
    assert any(r[3].startswith("是正が未完了") for r in hall)  # 要是正 without a due date: open
    assert [r for r in before if r[2] != "公民館"] == [r for r in again if r[2] != "公民館"]


@pytest.mark.http_only
def test_a_damaged_utf8_file_is_refused_with_a_message_and_nothing_planned(page, base_url, tmp_path):
    open_page(page, f"{base_url}{PLAN}?{AS_OF}")
    good = RECORD.replace("\t", ",").replace("\n", "\r\n").encode("utf-8")
    at = good.index("住民情報".encode())
    broken = tmp_path / "broken.csv"
    broken.write_bytes(good[:at] + b"\xff" + good[at:])
    page.set_input_files("#register-file", str(broken))
    page.wait_for_selector("#hb-plan-form[data-state='unreadable']", state="attached")
    error = page.inner_text("#register-file-error")
    assert "UTF-8" in error and "Shift_JIS" in error and "3行目" in error
    assert page.eval_on_selector("#hb-plan-table-wrap", "n => n.hidden")
    assert page.input_value("#register") == ""
    assert plan_rows(page) == []


@pytest.mark.http_only
@pytest.mark.parametrize("case", ["too many rows", "no row readable"])
def test_a_register_with_nothing_to_plan_shows_why_and_no_empty_months(page, base_url, case):
    # A register refused whole (more rows than the page plans) or with no row that can be
    # planned: the problems say why; no month tables that would read "no checks", no downloads.
    open_page(page, f"{base_url}{PLAN}?{AS_OF}")
    header = REGISTER.split("\n")[0]
    if case == "too many rows":
        rows = [f"契約{i:05d}\tone_year\t2025-04-01\t2026-03-31\t\t" for i in range(rules_of(page)["plan"]["maxRows"] + 1)]
    else:
        rows = ["逆の期間\tone_year\t2025-04-01\t2025-03-01\t\t", "種類なし\tno_such_type\t2025-04-01\t2026-03-31\t\t"]
    page.evaluate("""(text) => {
        document.getElementById('register').value = text;
        document.getElementById('hb-plan-form').requestSubmit();
    }""", "\n".join([header, *rows]))
    page.wait_for_selector("#hb-plan-form[data-state='problems']", state="attached", timeout=20000)
    assert page.is_visible("#hb-plan-problems")
    assert page.eval_on_selector("#hb-plan-table-wrap", "n => n.hidden")
    assert page.eval_on_selector("#hb-plan-actions", "n => n.hidden")
    assert page.eval_on_selector_all("#hb-plan-table .hb-plan-block", "blocks => blocks.length") == 0
    assert page.console_errors == []


LONG = 6000  # contracts: more than one slice of work (how long it takes is measured in bench/plan.py)


def test_a_long_register_keeps_the_page_responsive_with_progress(page, http_url):
    open_page(page, f"{http_url}{PLAN}?{AS_OF}")
    header = REGISTER.split("\n")[0]
    lines = [header] + [f"契約{i:05d}\tlong_term_continuing\t2023-04-01\t2028-03-31\t\t" for i in range(LONG)]
    page.evaluate("""(text) => {
        document.getElementById('register').value = text;
        document.getElementById('hb-plan-form').requestSubmit();
    }""", "\n".join(lines))
    # the page answers while the plan is made, and says how far it is
    seen = page.evaluate("""() => [document.getElementById('hb-plan-form').dataset.state,
                                    document.getElementById('hb-plan-status').textContent]""")
    assert seen[0] in ("working", "showing"), seen
    if seen[0] == "working":
        assert f"／{LONG}行" in seen[1]
    wait_for_plan(page, timeout=600000)
    assert counts_of(page)["planned"] == LONG
    assert page.eval_on_selector_all("#hb-plan-table tr.hb-plan-row", "trs => trs.length") == LONG
    # a table off screen is not laid out until it comes into view
    far = "document.querySelector('#hb-plan-table .hb-plan-block:last-child table')"
    assert page.evaluate(f"{far}.checkVisibility({{contentVisibilityAuto: true}})") is False
    page.evaluate(f"{far}.scrollIntoView()")
    page.wait_for_function(f"() => {far}.checkVisibility({{contentVisibilityAuto: true}})")
    # a month of more than 100 checks goes on in further tables of up to 100 rows, each
    # captioned with the month and with the column headers, shown only above the first
    laid_out(page)
    tables = page.evaluate("""() => [...document.querySelectorAll('#hb-plan-table table')].map(t => ({
        month: t.closest('[data-month]').dataset.month, caption: t.caption.textContent,
        heads: [...t.tHead.rows[0].cells].map(th => th.textContent), headShown: t.tHead.getBoundingClientRect().height > 1,
        heading: [...t.querySelectorAll('th[scope=rowgroup]')].map(th => th.textContent),
        rows: t.querySelectorAll('tr.hb-plan-row').length,
        left: [...(t.querySelector('tr.hb-plan-row') || {cells: []}).cells].map(td => Math.round(td.getBoundingClientRect().left))}))""")
    heads = tables[0]["heads"]
    assert len(heads) == 10 and all(t["heads"] == heads for t in tables)
    assert sum(t["rows"] for t in tables) == LONG and max(t["rows"] for t in tables) == 100
    for month in {t["month"] for t in tables}:
        mine = [t for t in tables if t["month"] == month]
        assert mine[0]["heading"] == [mine[0]["caption"]] and mine[0]["headShown"]
        assert all(t["caption"] == mine[0]["caption"] and t["heading"] == [] and not t["headShown"] for t in mine[1:])
        # the further tables' columns line up with the first's
        assert all(t["left"] == mine[0]["left"] for t in mine[1:] if t["left"])
    assert any(len([t for t in tables if t["month"] == m]) > 1 for m in {t["month"] for t in tables})


@pytest.mark.http_only
def test_the_tables_fit_a_wide_screen_without_the_table_of_contents_and_stack_on_a_tablet_and_a_phone(page, base_url):
    page.set_viewport_size({"width": 1366, "height": 900})
    open_page(page, f"{base_url}{PLAN}?{AS_OF}")
    paste_and_plan(page, RECORD)
    laid_out(page)
    assert page.eval_on_selector(".md-sidebar--secondary", "n => n.hidden || getComputedStyle(n).display === 'none'")
    # every table inside its column, nothing cut off, the page not scrolling sideways
    fits = """() => {
        const wrap = document.getElementById('hb-plan-table-wrap');
        const content = document.querySelector('.md-content').getBoundingClientRect();
        const tables = [...wrap.querySelectorAll('table')];
        return {fits: tables.every(t => t.getBoundingClientRect().width <= wrap.clientWidth + 0.5),
                inside: tables.every(t => t.getBoundingClientRect().right <= content.right + 1),
                page: document.documentElement.scrollWidth <= document.documentElement.clientWidth};
    }"""
    for width in (1366, 1024, 900):
        page.set_viewport_size({"width": width, "height": 900})
        wide = page.evaluate("""() => {
            const tables = [...document.querySelectorAll('#hb-plan-table table')];
            // no date broken over lines: each date is one line high
            const times = tables.flatMap(t => [...t.querySelectorAll('time')]).map(t => t.getClientRects().length);
            return {table: tables.every(t => getComputedStyle(t).display === 'table'), oneLine: times.every(n => n === 1)};
        }""")
        assert (width, wide, page.evaluate(fits)) == (width, {"table": True, "oneLine": True},
                                                      {"fits": True, "inside": True, "page": True})
    for width, height in ((800, 1280), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        stacked = page.evaluate("""() => {
            const row = document.querySelector('#hb-plan-table tr.hb-plan-row');
            const cells = [...row.cells].filter(td => getComputedStyle(td).display !== 'none');
            return {stacked: cells.every(td => getComputedStyle(td).display === 'block'),
                    labelled: cells.every(td => td.dataset.label && getComputedStyle(td, '::before').content.includes(td.dataset.label))};
        }""")
        assert (width, stacked, page.evaluate(fits)) == (width, {"stacked": True, "labelled": True},
                                                         {"fits": True, "inside": True, "page": True})


def test_prints_the_plan_alone_on_a4_landscape_with_footer_page_numbers_and_columns_for_paper(page, http_url, tmp_path):
    open_page(page, f"{http_url}{PLAN}?{AS_OF}")
    rules = rules_of(page)
    # checks in only some months: many in October (over a page), none in most others
    # (more than the 100 rows of a table on screen: on paper they are one table)
    many = [REGISTER.split("\n")[0]] + [
        f"契約{i:03d}\tlong_term_continuing\t2023-04-01\t2028-03-31\t\t" for i in range(130)
    ] + ["検診\tunder_one_year\t2025-06-01\t2025-11-30\t\t"]
    paste_and_plan(page, "\n".join(many))
    pdf = print_pdf(page, tmp_path / "plan.pdf", css_page_size=True)
    width, height = pdf.page_size_pt
    assert (round(width), round(height)) == (842, 595)
    assert pdf.pages >= 2
    text = squeeze(pdf.text)
    assert "契約001" in text and "検診" in text
    assert squeeze("貼り付けた内容") not in text  # no form, no privacy note
    assert "計画を作成する" not in text
    # the two columns to fill in by hand, in the header on every page; page numbers; the footer
    for number in range(1, pdf.pages + 1):
        page_text = pdf.page_text(number)
        starts = [line for line in pdf.lines if line.page == number and line.text.strip() == "状況"]
        assert starts, number
        header = [line.text.strip() for line in pdf.lines if line.page == number and abs(line.y - starts[0].y) < 2]
        assert "実施日" in header and "確認者" in header, (number, header)
        assert re.search(r"\b%d\s*/\s*%d\b" % (number, pdf.pages), page_text), number
    last = squeeze(pdf.page_text(pdf.pages))
    hb = load(DATA)
    for part in (hb.document.site_name["ja"], hb.document.decision["ja"], hb.t("print.footer.printed", "ja")):
        assert squeeze(part) in last, part
    # no empty month on paper, so no page holds only "no checks this month"
    assert squeeze(rules["plan"]["text"]["monthEmpty"]["ja"]) not in text
    # a month's heading is never the last line of a page: its first check follows it on the same page
    headings = 0
    for number in range(1, pdf.pages + 1):
        lines = [line for line in pdf.page_text(number).splitlines() if line.strip()]
        for i, line in enumerate(lines):
            if re.fullmatch(r"\s*\d{4}年\d{1,2}月\s*", line):
                headings += 1
                assert i + 1 < len(lines) and re.match(r"\s*[!▲○✓]", lines[i + 1]), (number, lines[i:i + 2])
    assert headings >= 2  # (poppler reads some headings with their digits apart: those are not counted)


@pytest.mark.http_only
def test_the_plan_page_states_the_rules_pages_readings_of_the_record(page, base_url):
    """The readings on how the record is read are the rules page's own, word for word."""
    open_page(page, f"{base_url}{PLAN}?{AS_OF}")
    hb = load(DATA)
    items = page.eval_on_selector_all("#hb-plan-readings li", "lis => lis.map(li => li.firstChild.textContent.trim())")
    links = page.eval_on_selector_all("#hb-plan-readings li a", "as => as.map(a => a.getAttribute('href'))")
    assert len(items) == len(hb.plan.readings) == 2
    assert links == [f"audit-rules.html#{rid}" for rid in hb.plan.readings]
    page.goto(f"{base_url}tools/audit-rules.html")
    for rid, text in zip(hb.plan.readings, items):
        # the rules page heads each reading with its title, then its text
        assert page.inner_text(f"#{rid} .hb-reading__text").split("\n", 1)[1].strip() == text
    assert str(hb.plan.follow_up_months) in items[1]


def _check(data) -> str:
    result = run_generator("check", "--data", str(data))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    return result.stdout + result.stderr


def test_a_type_alias_naming_another_type_and_an_unknown_plan_reading_are_located_problems(data_copy):
    types = data_copy / "contract_types.yaml"
    text = types.read_text(encoding="utf-8")
    types.write_text(text.replace("aliases: [長期継続,", "aliases: [長期継続, １年,", 1), encoding="utf-8")
    ui = data_copy / "ui.yaml"
    ui.write_text(ui.read_text(encoding="utf-8").replace("readings: [reading-record-done,", "readings: [reading-nothing,", 1),
                  encoding="utf-8")
    out = _check(data_copy)
    # the one-year type's own alias 1年 now names two types: located where the second one says it
    line = next(i for i, l in enumerate(types.read_text(encoding="utf-8").splitlines(), 1) if "aliases: [1年," in l)
    assert re.search(rf"contract_types\.yaml:{line}:\d+: \$\.contract_types\[2\]\.aliases\[0\]: expected a name no other "
                     r"contract type has, found '1年' \(already a name of long_term_continuing\)", out), out
    ui_line = next(i for i, l in enumerate(ui.read_text(encoding="utf-8").splitlines(), 1) if "reading-nothing" in l)
    assert re.search(rf"ui\.yaml:{ui_line}:\d+: \$\.plan\.readings\[0\]: expected the id of a reading of "
                     r"contract_types\.yaml, found 'reading-nothing'", out), out


def test_the_readings_of_each_type_and_the_pre_contract_bound_in_the_page_the_csv_and_the_ics(page, base_url, tmp_path):
    register = "\n".join([
        "契約名\t契約の種類\t開始日\t終了日\t毎年同じ委託業者\t最後の実地確認日",
        "秋からの清掃\tone_year\t2025-10-01\t2026-09-30\t\t",
        "公民館\tdesignated_manager\t2024-04-01\t2029-03-31\t\t",
    ])
    for path, lang in ((PLAN, "ja"), (EN_PLAN, "en")):
        open_page(page, f"{base_url}{path}?{AS_OF}")
        assert page.locator("#hb-plan-type-readings").is_hidden()
        paste_and_plan(page, register)
        schedule = rules_of(page)["schedule"]
        readings = schedule["readings"]
        # each type of the plan, in the data's order, with its readings as links to the rules page
        shown = page.eval_on_selector_all(
            "#hb-plan-type-readings-list dt",
            "dts => dts.map(dt => [dt.textContent, Array.from(dt.nextElementSibling.querySelectorAll('a'),"
            " a => [a.textContent, a.getAttribute('href')])])",
        )
        types = [t for t in schedule["typeOrder"] if t in ("one_year", "designated_manager")]
        assert shown == [
            [schedule["types"][t]["name"][lang],
             [[readings[i]["title"][lang], "../" + readings[i]["page"]] for i in schedule["types"][t]["readings"]]]
            for t in types
        ]
        assert page.locator("#hb-plan-type-readings").is_visible()
        by_date = schedule["text"]["byDate"][lang]
        pre = [r for r in plan_rows(page) if by_date in r[1]]
        assert [iso_of(r) for r in pre] == ["2025-09-30"]

        with page.expect_download() as info:
            page.click("#hb-plan-ics")
        target = tmp_path / f"plan-{lang}.ics"
        info.value.save_as(target)
        events = [c for c in icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")]
        said = sorted(str(e.get("DTSTART").dt) for e in events if by_date in str(e.get("DESCRIPTION")).split("\n"))
        assert said == ["2025-09-30"]

        with page.expect_download() as info:
            page.click("#hb-plan-csv")
        data = tmp_path / f"plan-{lang}.csv"
        info.value.save_as(data)
        table = list(csv.reader(io.StringIO(data.read_bytes().decode("utf-8-sig"))))
        date = table[0].index(rules_of(page)["plan"]["text"]["colDate"][lang])
        assert sorted(r[date + 1] for r in table[1:] if by_date in r[date].split("\n")) == ["2025-09-30"]
    # a link leads to the reading on the check rules page
    link = page.locator("#hb-plan-type-readings-list a[href$='#reading-designation-yearly']")
    title = link.inner_text()
    link.click()
    page.wait_for_load_state()
    assert page.url.split("#")[0].endswith("tools/audit-rules.html")
    assert title in page.locator("#reading-designation-yearly").inner_text()
