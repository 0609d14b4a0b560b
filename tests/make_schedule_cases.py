"""Month-end conformance cases for schedule.js, computed by a Python reference reading.

The cases run against their own fixed rules file, `tests/schedule-rules.json` (the
`schedule` and `answers` keys of a built `assets/handbook/rules.json`, the only parts
computeSchedule reads), as the JSON-Schema test suite's language-neutral cases do: they test the reading
of the rules, not this municipality's data. A data change that changes the rules shows up
in tests/js/schedule.test.js ("the site's own rules give the fixture's results"), and the
fixture is then updated on purpose:

    .venv/bin/python -m generator build --site /tmp/site
    .venv/bin/python tests/make_schedule_cases.py --rules /tmp/site/assets/handbook/rules.json

A second, independent implementation of the reading of the audit rules (as the rules page states it)
(Civil Code Art. 143 periods, contract years, aims counted from the start date), written
with Python's own calendar (`datetime.date`, `calendar.monthrange`) and nothing of
schedule.js or the generator. It works out, for every contract type of the fixture and
every start day 28-31 of every month of a leap year and of a common year, the contract
years and the events, and writes them as cases into tests/schedule-cases.json (marked
`"generated": true`; the hand-written cases stay as they are). A start day the month does
not have (30 February) becomes a case of an impossible date.

    .venv/bin/python tests/make_schedule_cases.py          # rewrite the generated cases
    .venv/bin/python tests/make_schedule_cases.py --check  # exit 1 if the file is out of date
    .venv/bin/python tests/make_schedule_cases.py --rules SITE/assets/handbook/rules.json
                                                           # new fixture, then the cases

tests/cli/test_schedule_cases.py runs the check, so the file cannot silently drift from this
reading; tests/js/schedule.test.js and tests/browser/test_schedule_page.py run the cases against
schedule.js in Node and in the browser page, with the fixture's rules.
"""

from __future__ import annotations

import calendar
import json
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "schedule-cases.json"
RULES = ROOT / "tests" / "schedule-rules.json"
RULES_DESCRIPTION = (
    "Fixed rules for the schedule conformance cases (tests/schedule-cases.json): the `schedule` and `answers` "
    "keys of a built assets/handbook/rules.json, the only parts computeSchedule reads. Regenerate on purpose, after a "
    "change of the audit rules in data/: python tests/make_schedule_cases.py --rules SITE/assets/handbook/rules.json"
)
START_YEARS = (2024, 2025)  # a leap year and a common year (both after the effective date)
START_DAYS = (28, 29, 30, 31)
# The term of each generated case, in contract years (a type whose term must be shorter
# than a contract year gets half of one).
TERM_YEARS = {"every_contract_year": 3, "equal": 1, "shorter": 0.5}


# ---------------------------------------------------------------- the reading (the rules page)


def month_after(year: int, month: int, n: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) + n
    return total // 12, total % 12 + 1


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def period_end(start: date, months: int) -> date:
    """Art. 143: the day before the corresponding day of the last month, or its last day."""
    y, m = month_after(start.year, start.month, months)
    if start.day > last_day(y, m):
        return date(y, m, last_day(y, m))
    return date(y, m, start.day) - timedelta(days=1)


def months_later(start: date, months: int) -> date:
    """The corresponding day `months` later; a missing day becomes that month's last day."""
    y, m = month_after(start.year, start.month, months)
    return date(y, m, min(start.day, last_day(y, m)))


def contract_years(start: date, end: date, year_months: int) -> list[tuple[date, date]]:
    years, first, k = [], start, 1
    while first <= end:
        last = min(period_end(start, year_months * k), end)
        years.append((first, last))
        first, k = last + timedelta(days=1), k + 1
    return years


def middle(a: date, b: date) -> date:
    return a + timedelta(days=(b - a).days // 2)


def aim(check: dict, start: date, year_index: int, year_months: int, first: date, last: date) -> date:
    months = check["aim"].get("months")
    if months is not None:
        day = months_later(start, year_months * year_index + months)
        if first <= day <= last:
            return day
    return middle(first, last)


def expected(rules: dict, type_id: str, start: date, end: date) -> dict:
    """Contract years and events of a term starting on or after the effective date, not renewed yearly.

    `rules` is the `schedule` key of rules.json."""
    ct = rules["types"][type_id]
    effective = date.fromisoformat(rules["effective"])
    bc = rules["beforeContract"]
    assert start - timedelta(days=bc["daysBeforeStart"]) >= effective
    year_months = rules["contractYearMonths"]
    years = contract_years(start, end, year_months)
    events = [
        {"date": start - timedelta(days=bc["daysBeforeStart"]), "phase": "before_contract", "id": bc["id"],
         "method": bc["method"], "source": bc["source"], "contractYear": None}
    ]
    for check in ct["checks"]:
        if check["repeat"] == "every_contract_year":
            slots = [(i + 1, aim(check, start, i, year_months, a, b)) for i, (a, b) in enumerate(years)]
        else:
            slots = [(None, aim(check, start, 0, year_months, start, end))]
        for n, (year, day) in enumerate(slots):
            # Not renewed yearly, no visit recorded: only a once-in-term rule makes one check on site.
            rule = check.get("onsite")
            onsite = rule if rule and rule["when"] == "once_in_term" and n == 0 else None
            suffix = "" if year is None else f"-y{year}"
            events.append({
                "date": day, "phase": "during_contract", "id": (onsite["id"] if onsite else check["id"]) + suffix,
                "method": "onsite" if onsite else check["method"],
                "source": onsite["source"] if onsite else check["source"], "contractYear": year,
            })
    events.sort(key=lambda e: (e["date"], e["phase"] != "before_contract", e["id"]))
    return {
        "contractYears": [{"year": i + 1, "from": a.isoformat(), "to": b.isoformat()} for i, (a, b) in enumerate(years)],
        "events": [
            {"date": e["date"].isoformat(), "phase": e["phase"], "method": e["method"], "source": e["source"],
             "contractYear": e["contractYear"]}
            for e in events
        ],
    }


# ---------------------------------------------------------------- the cases


def term_months(rules: dict, ct: dict) -> int:
    year = rules["contractYearMonths"]
    if not ct.get("term") or any(c["repeat"] == "every_contract_year" for c in ct["checks"]):
        return year * TERM_YEARS["every_contract_year"]
    return round(year * TERM_YEARS[ct["term"]["relation"]])


def generated_cases(rules: dict) -> list[dict]:
    cases = []
    for type_id in rules["typeOrder"]:
        ct = rules["types"][type_id]
        months = term_months(rules, ct)
        for year in START_YEARS:
            kind = "leap" if calendar.isleap(year) else "common"
            for month in range(1, 13):
                for day in START_DAYS:
                    text = f"{year:04d}-{month:02d}-{day:02d}"
                    base = {"generated": True}
                    if day > last_day(year, month):
                        end = period_end(date(year, month, last_day(year, month)), months)
                        cases.append({
                            **base,
                            "description": f"{type_id}, month end ({kind} year): start {text} does not exist",
                            "input": {"type": type_id, "start": text, "end": end.isoformat()},
                            "applicable": False, "errors": ["start"], "warnings": [], "events": [],
                        })
                        continue
                    start = date(year, month, day)
                    end = period_end(start, months)
                    want = expected(rules, type_id, start, end)
                    cases.append({
                        **base,
                        "description": f"{type_id}, month end ({kind} year): {months} months from {text} end on "
                                       f"{end.isoformat()}, {len(want['contractYears'])} contract year(s)",
                        "input": {"type": type_id, "start": text, "end": end.isoformat(),
                                  "renewedYearly": False, "lastOnsiteVisit": None},
                        "applicable": True, "errors": [], "warnings": [], "notes": [],
                        "contractYears": want["contractYears"], "events": want["events"],
                    })
    return cases


def updated(data: dict, rules: dict) -> dict:
    hand = [c for c in data["cases"] if not c.get("generated")]
    return {**data, "cases": hand + generated_cases(rules)}


def fixture_rules() -> dict:
    """The `schedule` rules of the fixture (tests/schedule-rules.json)."""
    return json.loads(RULES.read_text(encoding="utf-8"))["schedule"]


def dump_rules(built: dict) -> str:
    """The fixture made from a built rules.json: its `schedule` and `answers` keys, keys sorted."""
    fixture = {"description": RULES_DESCRIPTION, "schedule": built["schedule"], "answers": built["answers"]}
    return json.dumps(fixture, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def dump(data: dict) -> str:
    """The hand-written cases indented as before; each generated case on one line of its own."""
    marker = "\u0000generated-{}\u0000"
    generated = [c for c in data["cases"] if c.get("generated")]
    cases = [c for c in data["cases"] if not c.get("generated")] + [marker.format(i) for i in range(len(generated))]
    text = json.dumps({**data, "cases": cases}, ensure_ascii=False, indent=1)
    for i, case in enumerate(generated):
        text = text.replace(json.dumps(marker.format(i)), json.dumps(case, ensure_ascii=False), 1)
    return text + "\n"


def main(argv: list[str]) -> int:
    if "--rules" in argv:
        built = Path(argv[argv.index("--rules") + 1])
        RULES.write_text(dump_rules(json.loads(built.read_text(encoding="utf-8"))), encoding="utf-8")
    current = CASES.read_text(encoding="utf-8")
    new = dump(updated(json.loads(current), fixture_rules()))
    if "--check" in argv:
        if new != current:
            print(f"{CASES.relative_to(ROOT)} is out of date: run python tests/make_schedule_cases.py", file=sys.stderr)
            return 1
        return 0
    CASES.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
