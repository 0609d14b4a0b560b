"""The review of returned checklists (tools/review.md): staff choose the spreadsheets the
contractors sent back (or enter a paper return by hand) and the page shows, for each, the
particulars, every row with its finding, the proposed result, a summary of all files, the
review record to print and the register values to paste.

The logic is the public script assets/handbook/review.js (`reviewWorkbook(rules, bytes)`,
DOM-free, also under Node); the page is assets/handbook/review-page.js. Both read what they
need from rules.json under the key `review`: the answers with their findings, the results
with the one that calls for correction, the particulars, each checklist's rows as the
spreadsheet writes them (with the fingerprint and identity of the files this build makes),
the limits a file must keep, and the messages and texts in both languages.
"""

from __future__ import annotations

from ...model import Handbook, Text, plain
from ..page import REVIEW_PAGE, Page
from ..renderer import Renderer
from .. import plan_form, spreadsheet_identity as ident

PATH = REVIEW_PAGE
PATHS = (PATH,)

# What a returned file may be: its size, and what its zip entries may expand to (checked
# from the zip's central directory before anything is inflated).
LIMITS = {
    "maxFileBytes": 10 * 1024 * 1024,
    "maxEntries": 200,
    "maxEntryBytes": 20 * 1024 * 1024,
    "maxTotalBytes": 40 * 1024 * 1024,
    # deflate cannot expand more than about 1032 times; a larger declared ratio is a lie
    "maxRatio": 1100,
}

# The five findings of a row, in the order the summary counts them.
FINDINGS = ("adequate", "correction", "not_applicable", "unanswered", "unreadable")

# Problems review.js reports, by code (UI key review.msg.<code>).
MESSAGES = (
    "too_large", "empty", "not_spreadsheet", "xls", "ods", "encrypted", "zip_limit", "damaged",
    "doctype", "no_parser", "not_handbook", "other_handbook", "unknown_checklist", "other_revision",
    "row_changed", "row_missing", "row_new", "rows_moved", "formula",
)

# UI strings review-page.js needs, by the camelCase name it uses (rules.json review.text).
JS_TEXT = {
    "statusEmpty": "review.status.empty",
    "statusDone": "review.status.done",
    "statusReading": "review.status.reading",
    "fileProblem": "review.file_problem",
    "fileNotReviewed": "review.file_not_reviewed",
    "manualName": "review.manual.name",
    "recordHeading": "review.record.heading",
    "proposed": "review.result.proposed",
    "colNumber": "checklist.col.number",
    "colItem": "checklist.col.item",
    "colQuestion": "checklist.col.question",
    "colAnswer": "checklist.col.answer",
    "colRemarks": "checklist.col.remarks",
    "colFinding": "review.col.finding",
    "colSource": "review.col.source",
    "colFile": "review.col.file",
    "colContractor": "review.col.contractor",
    "colResult": "review.col.result",
    "summaryCaption": "review.summary.caption",
    "countsCaption": "review.summary.counts",
    "csvFilename": "review.csv.filename",
    "registerFilename": "review.register.filename",
    "tailored": "review.tailored",
    "copied": "review.register.copied",
    "dateError": "review.date_error",
    "remove": "review.remove",
    "unnamed": "review.unnamed",
}

UI_KEYS = (
    ("review.title", "checklist.excluded")
    + tuple(f"review.finding.{f}" for f in FINDINGS)
    + tuple(f"review.msg.{code}" for code in MESSAGES)
    + tuple(JS_TEXT.values())
)


def _phases(hb: Handbook) -> dict[str, str]:
    """When each checklist is used: before the contract, or during it (the audit rules)."""
    phases: dict[str, str] = {}
    if hb.audit:
        phases[hb.audit.before_contract.checklist] = "before_contract"
    for ct in hb.contract_types:
        for check in ct.audit.checks:
            phases.setdefault(check.checklist, "during_contract")
    return phases


def page_data(hb: Handbook) -> dict:
    """Everything review.js and review-page.js need, under the key `review`."""
    forms = hb.checklists
    if not forms:
        return {}
    phases = _phases(hb)

    def field(f) -> dict:
        out = {"id": f.id, "kind": f.kind, "label": f.label.as_json()}
        if f.register:
            out["register"] = f.register
        return out

    checklists = {}
    for c in forms.checklists:
        checklists[c.id] = {
            "title": c.title.as_json(),
            "short": c.short.as_json(),
            "phase": phases.get(c.id),
            "rows": [
                {
                    "id": row.id,
                    "item": row.item,
                    "marker": row.marker,
                    "title": Text(plain(row.title.ja), plain(row.title.en)).as_json(),
                    "text": {lang: ident.row_text(hb, row, lang) for lang in ("ja", "en")},
                    "source": row.source,
                }
                for row in c.rows
            ],
            "fingerprint": {lang: ident.fingerprint(hb, c, lang) for lang in ("ja", "en")},
        }
    return {
        "review": {
            "answers": [{"id": a.id, "label": a.label.as_json(), "finding": a.finding} for a in forms.answers],
            "results": [{"id": r.id, "label": r.label.as_json(), "correction": r.correction} for r in forms.results],
            "excluded": hb.text("checklist.excluded").as_json(),
            "fields": [field(f) for f in forms.fields],
            "reviewFields": [field(f) for f in forms.review_fields],
            "reviewTitle": forms.review_title.as_json(),
            "resultLabel": forms.result_label.as_json(),
            "findings": {f: hb.text(f"review.finding.{f}").as_json() for f in FINDINGS},
            "identity": {
                "sheet": ident.IDENTITY_SHEET,
                "prefix": ident.PROPERTY_PREFIX,
                "keys": list(ident.IDENTITY_KEYS),
                "handbook": ident.handbook_id(hb),
                "revision": ident.revision(hb),
                "idColumn": ident.ID_COLUMN,
                "answerColumn": ident.ANSWER_COLUMN,
                "remarkColumn": ident.REMARK_COLUMN,
                "valueColumn": ident.VALUE_COLUMN,
                "questionColumn": ident.QUESTION_COLUMN,
            },
            "limits": dict(LIMITS),
            "checklists": checklists,
            "messages": {code: hb.text(f"review.msg.{code}").as_json() for code in MESSAGES},
            "text": {name: hb.text(key).as_json() for name, key in JS_TEXT.items()},
        }
    }


def pages(hb: Handbook, r: Renderer) -> list[Page]:
    if not hb.checklists:
        return []
    return [
        Page(PATH, Text(hb.t("review.title", "ja"), hb.t("review.title", "en")),
             r.both("review.md.j2", PATH, plan_island=lambda lang: plan_form.island(hb, lang)),
             nav="nav.checklists")
    ]
