"""The corrective action plan's spreadsheet, made once per handbook and language: written
beside its page (pages/correction.py) and inlined in the review page (pages/review.py),
which fills in the findings (assets/handbook/correction.js), also from file://, where a
page cannot fetch a file beside it. Imports the model only (openpyxl when building)."""

from __future__ import annotations

import base64
import json

from markupsafe import Markup

from ..model import Handbook

_made: list = [None, {}]


def workbook(hb: Handbook, lang: str) -> bytes:
    from .spreadsheet import plan_workbook

    if _made[0] is not hb:
        _made[0], _made[1] = hb, {}
    if lang not in _made[1]:
        _made[1][lang] = plan_workbook(hb, lang)
    return _made[1][lang]


def island(hb: Handbook, lang: str) -> Markup:
    """The plan's spreadsheet (base64) and where the findings go, as a JSON island; nothing
    when the data has no correction step."""
    if not (hb.checklists and hb.checklists.correction):
        return Markup("")
    from .spreadsheet import plan_cell_map

    data = workbook(hb, lang)
    content = dict(plan_cell_map(data))
    content["xlsx"] = base64.b64encode(data).decode("ascii")
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script id="hb-cp-workbook" type="application/json">{text}</script>')
