"""The audit-schedule calculator page and the audit rules page, as staff use them.

Runs in Chromium over http and from the folder (file://): a link reproduces a result,
bad input is explained next to the field in the page's language, the form writes the
URL, the .ics file imports, and nothing that arrives in the URL is ever run as markup.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import quote

import icalendar
import pytest
import yaml

from support import ROOT, run_generator

SCHEDULE = "tools/schedule.html"
EN_SCHEDULE = "en/tools/schedule.html"
ONE_YEAR = "type=one_year&start=2025-04-01&end=2026-03-31"


def own_errors(page) -> list[str]:
    """Console errors of the page."""
    return list(page.console_errors)


def open_page(page, url: str):
    page.goto(url)
    page.wait_for_selector("#hb-schedule-form[data-ready='true']", state="attached")
    return page


def rows(page) -> list[list[str]]:
    return page.eval_on_selector_all(
        "#hb-schedule-rows tr", "trs => trs.map(tr => Array.from(tr.cells, td => td.innerText.trim()))"
    )


def query_of(page) -> dict:
    return dict(re.findall(r"[?&]([^=&]+)=([^&#]*)", page.url))


# ---------------------------------------------------------------- a link shows the result


def test_link_opens_with_the_checks_in_era_and_iso_dates(page, base_url):
    open_page(page, f"{base_url}{SCHEDULE}?{ONE_YEAR}")
    assert page.is_checked("#type-one_year")
    assert page.input_value("#start") == "2025-04-01"
    assert page.input_value("#end") == "2026-03-31"
    table = rows(page)
    assert [r[1] for r in table] == ["2025-03-31", "2025-10-01"]
    assert table[0][0].startswith("令和7年3月31日")
    assert table[1][0] == "令和7年10月1日"
    assert "契約前" in table[0][2] and "履行中" in table[1][2]
    assert "書面確認" in table[1][2]
    assert "業務担当課" in table[1][3]
    assert "遵守確認表（契約後）" in table[1][4]
    assert "2件" in page.inner_text("#hb-result-status")
    # this browser's calendar data: the first year of an era is written 元年, as on official forms
    era = page.evaluate(
        "HandbookSchedule.formatDate('2019-05-01', 'ja', JSON.parse(document.getElementById('handbook-rules').textContent))"
    )
    assert era == "令和元年5月1日"
    assert own_errors(page) == []

    open_page(page, f"{base_url}{EN_SCHEDULE}?{ONE_YEAR}&renewedYearly=true")
    table = rows(page)
    assert table[1][0] == "1 October 2025"
    assert table[1][1] == "2025-10-01"
    assert "On-site check" in table[1][2]
    assert "on-site check due once every 3 years" in table[1][2]
    assert own_errors(page) == []

    # a link may say yes and no with any word of the data (はい, ○, …), as a register does
    for word in ("はい", "○", "ON"):
        open_page(page, f"{base_url}{EN_SCHEDULE}?{ONE_YEAR}&renewedYearly={quote(word)}")
        assert page.is_checked("#renewedYearly"), word
        assert "On-site check" in rows(page)[1][2], word
    for word in ("いいえ", "×", "off"):
        open_page(page, f"{base_url}{EN_SCHEDULE}?{ONE_YEAR}&renewedYearly={quote(word)}")
        assert not page.is_checked("#renewedYearly"), word
        assert "On-site check" not in rows(page)[1][2], word
        assert page.locator("#renewedYearly-error").inner_text().strip() == "", word


def test_clause_and_checklist_links_are_relative_and_the_clause_exists(page, http_url):
    open_page(page, f"{http_url}{SCHEDULE}?{ONE_YEAR}")
    clause = page.get_attribute("#hb-schedule-rows tr:nth-child(2) .hb-event__source a", "href")
    checklist = page.get_attribute("#hb-schedule-rows tr:nth-child(2) .hb-event__checklist a", "href")
    assert clause == "../standard/s4.html#s4-4-ct3"
    assert checklist == "../checklists/post-contract.html"
    page.click("#hb-schedule-rows tr:nth-child(2) .hb-event__source a")
    page.wait_for_load_state()
    assert page.url.split("#")[0].endswith("standard/s4.html")
    assert page.locator("#s4-4-ct3").count() == 1


def page_rules(page) -> dict:
    return json.loads(page.text_content("#handbook-rules"))


def reading_links(page) -> list[list[str]]:
    return page.eval_on_selector_all(
        "#hb-type-readings-list a", "as => as.map(a => [a.textContent, a.getAttribute('href')])"
    )


@pytest.mark.http_only
def test_result_lists_the_readings_of_the_chosen_type_as_links_to_the_rules_page(page, base_url):
    for path, lang in ((SCHEDULE, "ja"), (EN_SCHEDULE, "en")):
        for kind in ("one_year", "designated_manager", "long_term_continuing"):
            open_page(page, f"{base_url}{path}?type={kind}&start=2025-04-01&end=2026-03-31")
            schedule = page_rules(page)["schedule"]
            ids = schedule["types"][kind]["readings"]
            assert ids, kind
            readings = schedule["readings"]
            # from the site root of the page's language, as the table's links
            expected = [[readings[i]["title"][lang], "../" + readings[i]["page"]] for i in ids]
            assert page.locator("#hb-type-readings").is_visible()
            assert reading_links(page) == expected, (path, kind)
            # a reading of another type only is not listed
            others = [i for i, r in readings.items() if r["types"] and kind not in r["types"]]
            assert others and not set(others) & {h.split("#")[1] for _, h in reading_links(page)}
            # it prints with the result
            page.emulate_media(media="print")
            assert page.locator("#hb-type-readings-list a").first.is_visible()
            page.emulate_media(media="screen")
        assert own_errors(page) == []
    # a link leads to the reading on the check rules page
    open_page(page, f"{base_url}{SCHEDULE}?type=designated_manager&start=2025-04-01&end=2026-03-31")
    link = page.locator("#hb-type-readings-list a[href$='#reading-designation-yearly']")
    title = link.inner_text()
    link.click()
    page.wait_for_load_state()
    assert page.url.split("#")[0].endswith("tools/audit-rules.html")
    assert title in page.locator("#reading-designation-yearly").inner_text()
    # no result, no readings
    open_page(page, f"{base_url}{SCHEDULE}?type=one_year&start=2025-04-01&end=2025-01-01")
    assert page.locator("#hb-type-readings").is_hidden()


def test_timeline_picture_has_a_title_and_a_mark_per_check(page, http_url):
    open_page(page, f"{http_url}{SCHEDULE}?type=designated_manager&start=2024-04-01&end=2026-06-30")
    svg = page.locator("#hb-timeline svg")
    assert svg.get_attribute("role") == "img"
    title = page.text_content("#hb-timeline svg > title")
    assert "令和6年4月1日" in title and "令和8年6月30日" in title
    assert svg.locator(".hb-tl__event").count() == len(rows(page)) == 4


def test_timeline_marks_the_contract_years_of_a_term_ending_at_a_month_end(page, http_url):
    # 29 February 2024 to 28 February 2027: three contract years, not a one-day fourth.
    open_page(page, f"{http_url}{SCHEDULE}?type=designated_manager&start=2024-02-29&end=2027-02-28")
    assert page.locator("#hb-timeline .hb-tl__year").count() == 3
    assert page.locator("#hb-timeline .hb-tl__event").count() == len(rows(page)) == 4


CASES = json.loads((ROOT / "tests/schedule-cases.json").read_text(encoding="utf-8"))["cases"]
# The conformance cases' own fixed rules (not this municipality's data), loaded into the page.
FIXTURE = json.loads((ROOT / "tests/schedule-rules.json").read_text(encoding="utf-8"))
RUN_CHECKS_IN_PAGE = """([cases, count, rules]) => {
    const api = window.HandbookSchedule, checks = window.HandbookScheduleChecks;
    const out = [];
    for (const c of cases) for (const p of checks.caseProblems(api, rules, c)) out.push(c.description + ": " + p);
    return {ran: cases.length, problems: out.concat(checks.contractYearProblems(api, rules, {count, seed: 143}))};
}"""


@pytest.mark.http_only
def test_conformance_cases_and_contract_year_property_pass_in_the_page(page, base_url):
    """The page's own schedule.js with the fixture's rules, in Chromium, over http and from the folder."""
    open_page(page, base_url + SCHEDULE)
    page.evaluate((ROOT / "tests/js/schedule-checks.js").read_text(encoding="utf-8") + "\n;0")  # not a <script>: the page's policy refuses inline scripts
    result = page.evaluate(RUN_CHECKS_IN_PAGE, [CASES, 3000, FIXTURE])
    assert result == {"ran": len(CASES), "problems": []}


def test_checks_in_the_page_can_fail(page, http_url):
    open_page(page, http_url + SCHEDULE)
    page.evaluate((ROOT / "tests/js/schedule-checks.js").read_text(encoding="utf-8") + "\n;0")  # not a <script>: the page's policy refuses inline scripts
    case = next(c for c in CASES if c["input"] == {"type": "designated_manager", "start": "2024-02-29", "end": "2027-02-28"})
    wrong = {**case, "events": case["events"] + [{"date": "2027-02-28", "phase": "during_contract", "method": "onsite"}]}
    result = page.evaluate(RUN_CHECKS_IN_PAGE, [[wrong], 0, FIXTURE])
    assert len(result["problems"]) == 1 and result["problems"][0].startswith(case["description"] + ": events: got")


# ---------------------------------------------------------------- bad input, in the page's language


@pytest.mark.http_only
def test_impossible_date_is_explained_next_to_the_field_in_the_page_language(page, base_url):
    for path, message in ((SCHEDULE, "2025-02-30という日付はありません"), (EN_SCHEDULE, "There is no such date as 2025-02-30")):
        open_page(page, f"{base_url}{path}?type=one_year&start=2025-02-30&end=2026-03-31")
        error = page.locator("#start-error")
        assert message in error.inner_text()
        assert error.get_attribute("role") == "alert"
        assert "start-error" in page.get_attribute("#start", "aria-describedby").split()
        assert page.get_attribute("#start", "aria-invalid") == "true"
        assert page.get_attribute("#end", "aria-invalid") is None
        assert page.locator("#hb-schedule-table").is_hidden()
        assert own_errors(page) == []


def test_unknown_type_and_end_before_start_are_both_reported(page, http_url):
    open_page(page, f"{http_url}{SCHEDULE}?type=nonsense&start=2025-04-01&end=2025-03-01")
    assert "「nonsense」という契約の種類はありません" in page.inner_text("#type-error")
    assert "終了日が開始日より前です" in page.inner_text("#end-error")
    assert page.inner_text("#hb-result-status") == "入力を確認してください。"


def test_contract_outside_the_standard_says_why(page, http_url):
    open_page(page, f"{http_url}{EN_SCHEDULE}?type=long_term_continuing&start=2020-04-01&end=2023-03-31")
    assert "does not apply" in page.inner_text("#hb-result-status")
    assert "ended before the standard's effective date (1 April 2023)" in page.inner_text("#hb-messages")
    assert page.locator("#hb-schedule-table").is_hidden()


# ---------------------------------------------------------------- the form writes the URL


def test_filling_in_the_form_updates_the_url_and_the_result(page, base_url):
    open_page(page, f"{base_url}{SCHEDULE}")
    assert page.locator("#hb-schedule-table").is_hidden()
    assert "?" not in page.url
    page.check("#type-one_year")
    page.fill("#start", "2025/4/1")
    page.fill("#end", "２０２６－０３－３１")
    page.press("#end", "Enter")
    assert query_of(page) == {"type": "one_year", "start": "2025-04-01", "end": "2026-03-31"}
    assert page.input_value("#start") == "2025-04-01", "typed dates are tidied into YYYY-MM-DD"
    assert [r[1] for r in rows(page)] == ["2025-03-31", "2025-10-01"]
    page.check("#renewedYearly")
    answers = yaml.safe_load((ROOT / "data/ui.yaml").read_text(encoding="utf-8"))["answers"]
    assert query_of(page)["renewedYearly"] == answers["yes_words"][0] == "true"
    assert "実地確認" in rows(page)[1][2]
    page.fill("#lastOnsiteVisit", "2024-06-01")
    page.press("#lastOnsiteVisit", "Tab")
    assert query_of(page)["lastOnsiteVisit"] == "2024-06-01"
    assert "書面確認" in rows(page)[1][2]
    # the URL written by the page reproduces the same result when opened again
    url = page.url
    page.goto("about:blank")
    open_page(page, url)
    assert "書面確認" in rows(page)[1][2]
    assert own_errors(page) == []


def test_keyboard_alone_completes_the_form(page, http_url):
    open_page(page, f"{http_url}{EN_SCHEDULE}")
    page.focus("#type-designated_manager")
    page.keyboard.press("ArrowDown")  # radio group: arrow keys move the choice
    assert page.is_checked("#type-long_term_continuing")
    page.focus("#start")
    page.keyboard.type("2024-04-01")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "end"
    page.keyboard.type("2027-03-31")
    page.keyboard.press("Enter")
    assert [r[1] for r in rows(page)] == ["2024-03-31", "2024-10-01", "2025-10-01", "2026-10-01"]


# ---------------------------------------------------------------- .ics download


def test_ics_download_imports_with_the_checks(page, base_url, tmp_path):
    open_page(page, f"{base_url}{SCHEDULE}?type=long_term_continuing&start=2024-04-01&end=2027-03-31")
    with page.expect_download() as info:
        page.click("#hb-ics")
    download = info.value
    assert download.suggested_filename.endswith(".ics")
    target = tmp_path / "checks.ics"
    download.save_as(target)
    raw = target.read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    calendar = icalendar.Calendar.from_ical(raw)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    events = [c for c in calendar.walk("VEVENT")]
    table = rows(page)
    assert len(events) == len(table) == 4
    assert [e.decoded("DTSTART").isoformat() for e in events] == [r[1] for r in table]
    assert [(e.decoded("DTEND") - e.decoded("DTSTART")).days for e in events] == [1, 1, 1, 1]
    summaries = [str(e["SUMMARY"]) for e in events]
    # the pre-contract check's date is a latest bound, worded as in the table
    by_date = page_rules(page)["schedule"]["text"]["byDate"]["ja"]
    assert "遅くとも" in by_date and by_date in table[0][0]
    said = [by_date in str(e["DESCRIPTION"]).split("\n") for e in events]
    assert said == [True, False, False, False]
    assert "作業所に赴き" in summaries[1]
    assert "自己点検" in summaries[2]
    assert len({str(e["UID"]) for e in events}) == 4


def test_english_ics_has_english_summaries(page, http_url, tmp_path):
    open_page(page, f"{http_url}{EN_SCHEDULE}?{ONE_YEAR}")
    with page.expect_download() as info:
        page.click("#hb-ics")
    target = tmp_path / "checks.ics"
    info.value.save_as(target)
    events = list(icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT"))
    assert str(events[1]["SUMMARY"]).startswith("Hand the compliance checklist (after contract)")
    by_date = page_rules(page)["schedule"]["text"]["byDate"]["en"]
    assert by_date in str(events[0]["DESCRIPTION"]).split("\n")
    assert by_date not in str(events[1]["DESCRIPTION"])


# ---------------------------------------------------------------- untrusted input


@pytest.mark.http_only
def test_script_in_the_url_is_shown_as_text_and_never_run(page, base_url):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    payload_type = '<img src=x onerror="window.__pwned=1">'
    payload_start = "<script>window.__pwned=2</script>"
    payload_visit = '"><svg onload=alert(3)>'
    open_page(
        page,
        f"{base_url}{SCHEDULE}?type={quote(payload_type)}&start={quote(payload_start)}"
        f"&end=2026-03-31&lastOnsiteVisit={quote(payload_visit)}&renewedYearly={quote('<b>x</b>')}",
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert payload_type in page.inner_text("#type-error")
    assert page.input_value("#start") == payload_start
    assert payload_start in page.inner_text("#start-error")
    assert page.input_value("#lastOnsiteVisit") == payload_visit
    assert "<b>x</b>" in page.inner_text("#renewedYearly-error")
    assert page.locator("article img[src='x'], article svg[onload], article b").count() == 0


# ---------------------------------------------------------------- print and steps


def test_print_view_drops_the_site_chrome_and_the_form(page, http_url):
    open_page(page, f"{http_url}{SCHEDULE}?{ONE_YEAR}")
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => ['.md-header', '.md-sidebar--primary', '.md-footer', '#hb-schedule-form', '#hb-actions']
            .map(s => document.querySelector(s))
            .map(n => !n || getComputedStyle(n).display === 'none' || n.offsetParent === null)"""
    )
    assert all(hidden), hidden
    assert page.locator("#hb-print-summary").is_visible()
    assert "契約期間が1年の契約" in page.inner_text("#hb-print-summary")
    assert page.locator("#hb-schedule-table").is_visible()


def test_steps_before_and_after_come_from_the_procedure(site):
    procedure = yaml.safe_load((ROOT / "data/procedure.yaml").read_text(encoding="utf-8"))
    html = (site / SCHEDULE).read_text(encoding="utf-8")
    before = html[html.index('id="before-contract"'):html.index('id="follow-up"')]
    after = html[html.index('id="follow-up"'):]
    steps = {s["id"]: s for s in procedure["steps"]}
    for step_id in ("step-notify", "step-contract"):
        for action in steps[step_id]["actions"]:
            assert f'id="{action["id"]}"' in before
    for action in steps["step-followup"]["actions"]:
        assert action["text"]["ja"] in after
    assert "是正計画書" in after


def test_tools_group_in_the_navigation(site):
    ja = (site / SCHEDULE).read_text(encoding="utf-8")
    en = (site / EN_SCHEDULE).read_text(encoding="utf-8")
    assert re.search(r">\s*ツール\s*<", ja) and re.search(r">\s*Tools\s*<", en)
    assert 'href="audit-rules.html"' in ja


# ---------------------------------------------------------------- one source for rules and calculator


def node_schedule(site: Path, input: dict) -> dict:
    script = (
        "const s=require(process.argv[1]);const r=require(process.argv[2]);"
        "process.stdout.write(JSON.stringify(s.computeSchedule(r, JSON.parse(process.argv[3]))));"
    )
    out = subprocess.run(
        ["node", "-e", script, str(site / "assets/handbook/schedule.js"),
         str(site / "assets/handbook/rules.json"), json.dumps(input)],
        capture_output=True, text=True, check=True,
    )
    return json.loads(out.stdout)


def test_rules_page_states_what_the_calculator_computes(site):
    rules = json.loads((site / "assets/handbook/rules.json").read_text(encoding="utf-8"))["schedule"]
    html = (site / "tools/audit-rules.html").read_text(encoding="utf-8")
    for type_id, rule in rules["types"].items():
        section = html[html.index(f'data-type="{type_id}"'):]
        section = section[:section.index("hb-rules__try")]
        for check in rule["checks"]:
            assert f'data-check="{check["id"]}"' in section
            if "months" in check["aim"]:
                assert f'{check["aim"]["months"]}か月後を目安' in section
            else:
                assert "中間を目安" in section
            if check["onsite"] and check["onsite"]["years"]:
                assert f'{check["onsite"]["years"]}年に1回は実地確認' in section
        if rule["term"]:
            assert f'{rule["term"]["months"]}か月' in section


def test_changing_an_offset_in_the_data_changes_rules_page_and_calculator(data_copy, tmp_path):
    path = data_copy / "contract_types.yaml"
    text = path.read_text(encoding="utf-8")
    marker = "        - id: audit-oy-written\n          repeat: once_in_term\n          method: written\n          aim: {months: 6}"
    assert marker in text
    path.write_text(text.replace(marker, marker.replace("{months: 6}", "{months: 5}")), encoding="utf-8")
    out = tmp_path / "site"
    result = run_generator("build", "--data", str(data_copy), "--site", str(out))
    assert result.returncode == 0, result.stderr
    rules = json.loads((out / "assets/handbook/rules.json").read_text(encoding="utf-8"))["schedule"]
    assert rules["types"]["one_year"]["checks"][0]["aim"] == {"months": 5}
    page_text = (out / "tools/audit-rules.html").read_text(encoding="utf-8")
    one_year = page_text[page_text.index('data-type="one_year"'):page_text.index('data-type="under_one_year"')]
    assert "開始から5か月後を目安" in one_year and "6か月後" not in one_year
    en_text = (out / "en/tools/audit-rules.html").read_text(encoding="utf-8")
    assert "aimed at 5 months after the start" in en_text
    computed = node_schedule(out, {"type": "one_year", "start": "2025-04-01", "end": "2026-03-31"})
    assert [e["date"] for e in computed["events"]] == ["2025-03-31", "2025-09-01"]


def test_bad_audit_rules_are_reported_with_their_place(data_copy):
    path = data_copy / "contract_types.yaml"
    good = path.read_text(encoding="utf-8")

    path.write_text(good.replace("          method: onsite\n", "          method: by_phone\n", 1), encoding="utf-8")
    result = run_generator("check", "--data", str(data_copy))
    assert result.returncode == 1
    assert re.search(
        r"contract_types\.yaml:\d+:\d+: \$\.contract_types\[0\]\.audit\.checks\[0\]\.method: "
        r"expected one of 'onsite', 'written'; found 'by_phone'",
        result.stderr,
    ), result.stderr

    path.write_text(good.replace("    action: act-contract-checklist", "    action: step-contract", 1), encoding="utf-8")
    result = run_generator("check", "--data", str(data_copy))
    assert result.returncode == 1
    assert re.search(
        r"contract_types\.yaml:\d+:\d+: \$\.audit\.before_contract\.action: "
        r"expected the id of an action in procedure\.yaml, found 'step-contract'",
        result.stderr,
    ), result.stderr
