"""The annual audit plan: every check of a fiscal year, from a register of contracts.

The page (`tools/plan.md`) reads a register pasted from Excel or chosen as a CSV file and
calls schedule.js's `computeSchedule` once per contract (assets/handbook/plan.js); this
module hands plan.js its settings through rules.json (top-level key `plan`: the fiscal
year, the "due soon" window, the calendar file's reminder and hand-out days, the
follow-up of a correction, the largest register, column labels, the contract types'
aliases, the review results, texts) and writes the
register template `tools/contract-register.csv` in each language's tree.
"""

from __future__ import annotations

import csv
import datetime
import io

from ...model import EVERY_N_YEARS, LANGS, TERM_RELATIONS, Handbook, Text, fill
from ..page import PLAN_PAGE, Page
from ..renderer import Renderer
from .schedule import reading_texts

PATH = PLAN_PAGE
PATHS = (PATH,)
TEMPLATE_CSV = "tools/contract-register.csv"

# The register's columns: the calculator's URL field names, and the UI key of each label.
COLUMNS = {
    "name": "plan.register.name",
    "type": "plan.register.type",
    "start": "plan.register.start",
    "end": "plan.register.end",
    "renewedYearly": "plan.register.renewed",
    "lastOnsiteVisit": "plan.register.visit",
    # The register's record (all optional): who, and what was done when.
    "department": "plan.register.department",
    "contractor": "plan.register.contractor",
    "preChecked": "plan.register.pre_checked",
    "lastCheck": "plan.register.last_check",
    "lastResult": "plan.register.last_result",
    "correctionDue": "plan.register.correction_due",
    "correctionDone": "plan.register.correction_done",
}
REQUIRED_COLUMNS = ("name", "type", "start", "end")
DATE_COLUMNS = ("start", "end", "lastOnsiteVisit", "preChecked", "lastCheck", "correctionDue", "correctionDone")

# Warnings of computeSchedule that keep a row out of the plan (the term does not fit the
# type: the register is probably wrong, so the row is listed for correction).
BLOCKING_WARNINGS = ("term_equal", "term_shorter", "term_longer")

# UI strings plan-page.js needs, by the camelCase name it uses (rules.json plan.text).
JS_TEXT = {
    "fyOption": "plan.fy_option",
    "todayNote": "plan.today_note",
    "resultEmpty": "plan.result.empty",
    "resultStatus": "plan.result.status",
    "countOverdue": "plan.count.overdue",
    "countDueSoon": "plan.count.due_soon",
    "countLater": "plan.count.later",
    "countContracts": "plan.count.contracts",
    "countOnsite": "plan.count.onsite",
    "stateOverdue": "plan.state.overdue",
    "stateDueSoon": "plan.state.due_soon",
    "stateLater": "plan.state.later",
    "tableCaption": "plan.table_caption",
    "month": "plan.month",
    "monthEmpty": "plan.month_empty",
    "errorRow": "plan.errors.row",
    "fileError": "plan.file_error",
    "icsFilename": "plan.ics.filename",
    "icsSummary": "plan.ics.summary",
    "csvFilename": "plan.csv.filename",
    "colState": "plan.col.state",
    "colContract": "plan.col.contract",
    "colType": "plan.col.type",
    "colMethod": "plan.col.method",
    "colDate": "schedule.col.date",
    "colIso": "schedule.col.iso",
    "colWhat": "schedule.col.what",
    "colChecklist": "schedule.col.checklist",
    "colSource": "schedule.col.source",
    "resultSummary": "plan.result.summary",
    "resultEncoding": "plan.result.encoding",
    "resultProgress": "plan.result.progress",
    "countPlanned": "plan.count.planned",
    "countUnplanned": "plan.count.unplanned",
    "countDone": "plan.count.done",
    "countCorrections": "plan.count.corrections",
    "stateDone": "plan.state.done",
    "stateDoneOn": "plan.state.done_on",
    "stateOpen": "plan.state.open",
    "stateUnplanned": "plan.state.unplanned",
    "filterAll": "plan.filter.all",
    "carriedOver": "plan.carried_over",
    "colDoneOn": "plan.col.done_on",
    "colCheckedBy": "plan.col.checked_by",
    "colRecord": "plan.col.record",
    "correctionDue": "plan.correction.due",
    "correctionOpen": "plan.correction.open",
    "correctionFollowUp": "plan.correction.follow_up",
    "shortPreContract": "plan.short.pre_contract",
    "shortCorrection": "plan.short.correction",
    "shortFollowUp": "plan.short.follow_up",
    "shortHandout": "plan.short.handout",
    "icsTitle": "plan.ics.title",
    "icsHandoutText": "plan.ics.handout_text",
    "icsAlarm": "plan.ics.alarm",
    "icsDateLine": "plan.ics.date_line",
}

MESSAGES = ("empty", "missing_columns", "duplicate_column", "era_range", "type_unknown", "flag_invalid",
            "date_invalid", "result_unknown", "encoding", "too_many_rows")

UI_KEYS = (
    ("plan.title", "schedule.summary.yes", "schedule.summary.no", "plan.template.example_name")
    + tuple(COLUMNS.values())
    + tuple(JS_TEXT.values())
    + tuple(f"plan.msg.{code}" for code in MESSAGES)
)


def page_data(hb: Handbook) -> dict:
    """Everything plan.js needs, under the key `plan`."""
    settings = hb.plan
    return {
        "plan": {
            "fiscalYearStartMonth": settings.fiscal_year_start_month,
            "dueSoonDays": settings.due_soon_days,
            "reminderDays": settings.reminder_days,
            "handoutDays": settings.handout_days,
            "followUp": {"months": settings.follow_up_months, "method": settings.follow_up_method},
            "maxRows": settings.max_rows,
            "columns": {field: hb.text(key).as_json() for field, key in COLUMNS.items()},
            "columnOrder": list(COLUMNS),
            "requiredColumns": list(REQUIRED_COLUMNS),
            "dateColumns": list(DATE_COLUMNS),
            "typeAliases": {ct.id: list(ct.aliases) for ct in hb.contract_types},
            "results": [{"id": r.id, "label": r.label.as_json(), "correction": r.correction}
                        for r in (hb.checklists.results if hb.checklists else ())],
            "blockingWarnings": list(BLOCKING_WARNINGS),
            "messages": {code: hb.text(f"plan.msg.{code}").as_json() for code in MESSAGES},
            "text": {name: hb.text(key).as_json() for name, key in JS_TEXT.items()},
        }
    }


def pages(hb: Handbook, r: Renderer) -> list[Page]:
    wanted = hb.plan.readings
    bodies = {}
    for lang in LANGS:
        # the readings on how the plan reads the record, as the rules page states them
        readings = [(reading.id, text) for reading, _title, text, _other in reading_texts(hb, lang) if reading.id in wanted]
        bodies[lang] = r.render("plan.md.j2", PLAN_PAGE, lang, template_csv=TEMPLATE_CSV, readings=readings)
    return [Page(PLAN_PAGE, Text(hb.t("plan.title", "ja"), hb.t("plan.title", "en")), bodies, nav="nav.tools")]


def _months_later(day: datetime.date, months: int) -> datetime.date:
    """`months` calendar months after `day`, a missing day becoming the month's last."""
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def _example_end(start: datetime.date, term) -> datetime.date:
    """A last day that fits the type's term rule (three years where the type has none)."""
    if term is None:
        months = 36
    else:  # equal to, half of, three times the type's months (the order of TERM_RELATIONS)
        fits = (term.months, max(1, term.months // 2), term.months * 3)
        months = dict(zip(TERM_RELATIONS, fits, strict=True))[term.relation]
    return _months_later(start, months) - datetime.timedelta(days=1)


def _cell(text: str) -> str:
    """A cell Excel reads as text, never as a formula (a leading = + - @ is quoted)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def register_template(hb: Handbook, lang: str) -> bytes:
    """The register as a CSV file for Excel (UTF-8 with BOM): header row in `lang` (every
    column the plan reads, the record of checks done included), one example row per
    contract type with the record left blank, every row valid input for the plan."""
    start = datetime.date.fromisoformat(hb.document.effective)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_cell(hb.t(key, lang)) for key in COLUMNS.values()])
    for ct in hb.contract_types:
        renewed = any(c.onsite and c.onsite.when == EVERY_N_YEARS for c in ct.audit.checks)
        writer.writerow([
            _cell(fill(hb.t("plan.template.example_name", lang), {"type": ct.name[lang]})),
            _cell(ct.name[lang]),
            start.isoformat(),
            _example_end(start, ct.audit.term).isoformat(),
            _cell(hb.t("schedule.summary.yes" if renewed else "schedule.summary.no", lang)),
        ] + [""] * (len(COLUMNS) - 5))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def files(hb: Handbook, lang: str) -> dict[str, bytes]:
    """The register template, beside the page."""
    return {TEMPLATE_CSV: register_template(hb, lang)}

