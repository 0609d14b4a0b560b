"""What a checklist spreadsheet says it is, and where its cells are: shared by the writer
(spreadsheet.py) and the review page's data (pages/review.py), so that the file and
review.js agree from one place. Imports the model only (no openpyxl)."""

from __future__ import annotations

import hashlib

from ..model import Checklist, Handbook, plain

# The columns of the checklist sheet: the particulars' values, each row's question, answer and
# remark, and the hidden column with the id of each particular and row.
VALUE_COLUMN = "C"
QUESTION_COLUMN = "C"
ANSWER_COLUMN = "D"
REMARK_COLUMN = "E"
ID_COLUMN = "F"
# The file's identity: the hidden sheet's name, and the prefix of the custom properties.
IDENTITY_SHEET = "handbook"
PROPERTY_PREFIX = "handbook."
IDENTITY_KEYS = ("handbook", "checklist", "lang", "revision", "fingerprint")


def row_text(hb: Handbook, row, lang: str) -> str:
    """A row's question as the spreadsheet writes it (a model question is marked)."""
    return plain(row.text[lang]) + (" " + hb.t("checklist.model_mark", lang) if row.model else "")


def revision(hb: Handbook) -> str:
    """The handbook's data revision: the last revision of the standard."""
    return hb.document.revisions[-1].id if hb.document.revisions else hb.document.decided


def handbook_id(hb: Handbook) -> str:
    """Which handbook made a file: the title of its standard, in Japanese."""
    return plain(hb.document.title.ja)


def fingerprint(hb: Handbook, checklist: Checklist, lang: str) -> str:
    """A short digest of the rows' ids and texts in `lang`, in order."""
    text = "".join(f"{row.id}\t{row_text(hb, row, lang)}\n" for row in checklist.rows)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def identity(hb: Handbook, checklist: Checklist, lang: str) -> dict[str, str]:
    """What a file says it is (IDENTITY_KEYS)."""
    return {
        "handbook": handbook_id(hb),
        "checklist": checklist.id,
        "lang": lang,
        "revision": revision(hb),
        "fingerprint": fingerprint(hb, checklist, lang),
    }


# The corrective action plan sheet: the number, item, finding, measure, person and completion
# date of each line, and the hidden column with the id of each particular and line (the id of
# the checklist row a pre-filled line comes from, or "cp-line-N" on the blank form).
PLAN_COLUMNS = {"number": "A", "item": "B", "finding": "C", "measure": "D", "person": "E", "completion": "F"}
PLAN_ID_COLUMN = "G"
PLAN_VALUE_COLUMN = "C"
PLAN_LINE_PREFIX = "cp-line-"


def plan_fingerprint(hb: Handbook, lang: str) -> str:
    """A short digest of the plan form's particulars and columns in `lang`."""
    plan = hb.checklists.correction.plan
    text = "".join(f"{f.id}\t{f.kind}\t{f.label[lang]}\n" for f in plan.fields)
    text += "".join(f"{k}\t{v[lang]}\n" for k, v in plan.columns.items())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def plan_identity(hb: Handbook, lang: str) -> dict[str, str]:
    """What a corrective action plan file says it is (IDENTITY_KEYS; its `checklist` is the
    plan form's id)."""
    return {
        "handbook": handbook_id(hb),
        "checklist": hb.checklists.correction.plan.id,
        "lang": lang,
        "revision": revision(hb),
        "fingerprint": plan_fingerprint(hb, lang),
    }
