"""The correction step of section 4(4): the corrective action plan form (是正計画書), a model
form at forms/<id>.md with its spreadsheet beside it, and what the review page needs to make
the guidance notice and to read a returned plan (rules.json `correction`).

The notice and the plan's text are data (checklists.yaml `correction`); which clause of 4(4)
a notice cites comes from each contract type's `pre_contract_guidance` (a checklist used
before the contract) and `follow_up` (one used during it).
"""

from __future__ import annotations

from ...model import LANGS, Handbook, Text
from ..page import Page
from ..renderer import Renderer
from .. import plan_form, spreadsheet_identity as ident



def paths(hb: Handbook) -> tuple[str, ...]:
    correction = hb.checklists.correction if hb.checklists else None
    return (correction.plan.page,) if correction else ()


def _field(f) -> dict:
    out = {"id": f.id, "kind": f.kind, "label": f.label.as_json()}
    if f.register:
        out["register"] = f.register
    return out


def page_data(hb: Handbook) -> dict:
    """What the review page's correction script reads, under the key `correction`."""
    correction = hb.checklists.correction if hb.checklists else None
    if not correction:
        return {}
    n, p = correction.notice, correction.plan
    guidance = []
    for ct in hb.contract_types:
        guidance.append({
            "id": ct.id,
            "name": ct.name.as_json(),
            "before_contract": ct.audit.pre_contract_guidance,
            "during_contract": ct.audit.follow_up,
        })
    return {
        "correction": {
            "notice": {
                "title": n.title.as_json(),
                "addressee": n.addressee.as_json(),
                "body": n.body.as_json(),
                "heading": n.heading.as_json(),
                "closing": n.closing.as_json(),
                "dueDays": n.due_days,
                "fields": [_field(f) for f in n.fields],
                "columns": {k: v.as_json() for k, v in n.columns.items()},
            },
            "plan": {
                "id": p.id,
                "title": p.title.as_json(),
                "short": p.short.as_json(),
                "fields": [_field(f) for f in p.fields],
                "columns": {k: v.as_json() for k, v in p.columns.items()},
                "reviewTitle": p.review_title.as_json(),
                "reviewFields": [_field(f) for f in p.review_fields],
                "fingerprint": {lang: ident.plan_fingerprint(hb, lang) for lang in LANGS},
                "filename": p.spreadsheet.rsplit("/", 1)[-1],
                "sheetColumns": dict(ident.PLAN_COLUMNS),
                "idColumn": ident.PLAN_ID_COLUMN,
                "valueColumn": ident.PLAN_VALUE_COLUMN,
            },
            "contractTypes": guidance,
            "model": hb.text("correction.model").as_json(),
            "text": {name: hb.text(key).as_json() for name, key in JS_TEXT.items()},
        }
    }


# UI strings the correction script needs, by the name it uses (rules.json correction.text).
JS_TEXT = {
    "noticeHeading": "correction.notice.heading",
    "noticePrint": "correction.notice.print",
    "noticeNone": "correction.notice.none",
    "contractType": "correction.contract_type",
    "planDownload": "correction.plan.download",
    "planRecord": "correction.plan.record",
    "planMissing": "correction.plan.missing",
    "planComplete": "correction.plan.complete",
    "planNotPlan": "correction.plan.not_plan",
    "missingMeasure": "correction.plan.missing_measure",
    "missingPerson": "correction.plan.missing_person",
    "missingDate": "correction.plan.missing_date",
    "badDate": "correction.plan.bad_date",
    "noRows": "correction.plan.no_rows",
    "print": "correction.print",
    "dateError": "review.date_error",
}


UI_KEYS = ("nav.checklists", "correction.model") + tuple(JS_TEXT.values())


def pages(hb: Handbook, r: Renderer) -> list[Page]:
    correction = hb.checklists.correction if hb.checklists else None
    if not correction:
        return []
    plan = correction.plan
    return [Page(plan.page, Text(plan.title.ja, plan.title.en), r.both("corrective-action-plan.md.j2", plan.page, plan=plan),
                 nav="nav.checklists")]


def files(hb: Handbook, lang: str) -> dict[str, bytes]:
    correction = hb.checklists.correction if hb.checklists else None
    return {correction.plan.spreadsheet: plan_form.workbook(hb, lang)} if correction else {}
