"""The month-end conformance cases and the readings of the audit rules, from the data.

tests/make_schedule_cases.py computes the generated cases of tests/schedule-cases.json with
an independent Python reading of the audit rules; the cases must be what it computes now. The
readings on the rules page name the data's numbers in braces instead of repeating them.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date

from support import TESTS, run_generator

sys.path.insert(0, str(TESTS))

import make_schedule_cases as ref  # noqa: E402


def test_generated_cases_are_what_the_reference_reading_computes():
    assert ref.main(["--check"]) == 0


def test_reference_reading_counts_periods_as_civil_code_art_143():
    assert ref.period_end(date(2025, 4, 1), 12) == date(2026, 3, 31)
    assert ref.period_end(date(2024, 8, 31), 6) == date(2025, 2, 28)
    assert ref.period_end(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert ref.period_end(date(2025, 2, 28), 36) == date(2028, 2, 27)
    assert ref.contract_years(date(2024, 2, 29), date(2027, 2, 28), 12) == [
        (date(2024, 2, 29), date(2025, 2, 28)),
        (date(2025, 3, 1), date(2026, 2, 28)),
        (date(2026, 3, 1), date(2027, 2, 28)),
    ]
    assert ref.months_later(date(2023, 8, 31), 6) == date(2024, 2, 29)


def _readings(html: str) -> str:
    return html[html.index('<ul class="hb-readings">'):]


def test_readings_fill_in_the_numbers_of_the_data(site):
    ja = _readings((site / "tools/audit-rules.html").read_text(encoding="utf-8"))
    en = _readings((site / "en/tools/audit-rules.html").read_text(encoding="utf-8"))
    for text in (ja, en):
        assert not re.search(r"\{[a-z_]+\}", text), "no placeholder left"
    assert "開始日から12か月のn倍の期間" in ja and "民法第143条" in ja
    assert "最後の実地確認の日から3年後の応当日" in ja and "the same date 3 years after the last one" in en
    assert 'id="reading-effective"' in ja and "2023-04-01" in ja and "concluded on or after" in en


def test_changing_the_contract_year_and_the_years_changes_the_readings(data_copy, tmp_path):
    path = data_copy / "contract_types.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("  contract_year_months: 12\n") == 1 and text.count("            years: 3\n") == 1
    path.write_text(
        text.replace("  contract_year_months: 12\n", "  contract_year_months: 6\n")
        .replace("            years: 3\n", "            years: 4\n"),
        encoding="utf-8",
    )
    out = tmp_path / "site"
    result = run_generator("build", "--data", str(data_copy), "--site", str(out))
    assert result.returncode == 0, result.stderr
    ja = _readings((out / "tools/audit-rules.html").read_text(encoding="utf-8"))
    assert "開始日から6か月のn倍の期間" in ja and "最後の実地確認の日から4年後の応当日" in ja
    assert "3年後の応当日" not in ja and "12か月のn倍" not in ja
    rules = json.loads((out / "assets/handbook/rules.json").read_text(encoding="utf-8"))
    assert rules["schedule"]["contractYearMonths"] == 6
    script = (
        "const s = require(process.argv[1]); const r = require(process.argv[2]);"
        "console.log(JSON.stringify(s.computeSchedule(r, {type: 'designated_manager',"
        " start: '2025-04-01', end: '2026-03-31'}).contractYears))"
    )
    got = subprocess.run(
        ["node", "-e", script, str(out / "assets/handbook/schedule.js"), str(out / "assets/handbook/rules.json")],
        capture_output=True, text=True, check=True,
    )
    assert [(y["from"], y["to"]) for y in json.loads(got.stdout)] == [
        ("2025-04-01", "2025-09-30"), ("2025-10-01", "2026-03-31")
    ]


def test_bad_readings_are_reported_with_their_place(data_copy):
    path = data_copy / "contract_types.yaml"
    good = path.read_text(encoding="utf-8")
    bad = good.replace("      about: audit-oy-onsite\n", "      about: audit-nowhere\n", 1).replace(
        "指定管理と読んで計算します。", "指定管理と{contract_year}読んで計算します。"
    )
    assert bad.count("audit-nowhere") == 1 and bad.count("{contract_year}") == 1
    path.write_text(bad, encoding="utf-8")
    result = run_generator("check", "--data", str(data_copy))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert re.search(
        r"contract_types\.yaml:\d+:\d+: \$\.audit\.readings\[0\]\.text\.ja: expected only the placeholders "
        r"\{contract_year_months\}, \{effective\}, \{follow_up_months\}, found \{contract_year\}",
        result.stderr,
    ), result.stderr
    assert re.search(
        r"contract_types\.yaml:\d+:\d+: \$\.audit\.readings\[\d+\]\.about: "
        r"expected the id of a check or on-site rule of a contract type, found 'audit-nowhere'",
        result.stderr,
    ), result.stderr
    # A rule's own number is only there with `about`.
    path.write_text(good.replace("      about: audit-oy-onsite\n", ""), encoding="utf-8")
    result = run_generator("check", "--data", str(data_copy))
    assert result.returncode == 1
    assert re.search(r"\$\.audit\.readings\[\d+\]\.text\.(en|ja): expected only the placeholders "
                     r"\{contract_year_months\}, \{effective\}, \{follow_up_months\}, found \{years\}", result.stderr), result.stderr


def test_the_on_site_label_says_the_rules_own_years(data_copy, tmp_path):
    """"3年に1回" is written once, as `years: 3`: the label of the check fills it in."""
    path = data_copy / "contract_types.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("            years: 3\n") == 1
    path.write_text(text.replace("            years: 3\n", "            years: 4\n"), encoding="utf-8")
    out = tmp_path / "site"
    result = run_generator("build", "--data", str(data_copy), "--site", str(out))
    assert result.returncode == 0, result.stderr
    rules = json.loads((out / "assets/handbook/rules.json").read_text(encoding="utf-8"))
    script = (
        "const s = require(process.argv[1]); const r = require(process.argv[2]);"
        "console.log(JSON.stringify(s.computeSchedule(r, {type: 'one_year', start: '2025-04-01',"
        " end: '2026-03-31', renewedYearly: 'yes'}).events.map(e => e.label)))"
    )
    got = subprocess.run(
        ["node", "-e", script, str(out / "assets/handbook/schedule.js"), str(out / "assets/handbook/rules.json")],
        capture_output=True, text=True, check=True,
    )
    labels = json.loads(got.stdout)
    assert any("4年に1回の実地確認" in label["ja"] for label in labels), labels
    assert any("once every 4 years" in label["en"] for label in labels), labels
    assert "3年に1回" not in json.dumps(rules, ensure_ascii=False)
