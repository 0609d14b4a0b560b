"""The compliance checklists (遵守確認表) before and after the contract: one printable
page each, and the same form as a fillable spreadsheet in each language's tree."""

from __future__ import annotations

import base64
import json

from markupsafe import Markup

from ...model import LANGS, Checklist, Handbook, Section, Text, plain
from ..page import Page
from ..renderer import Renderer

# UI keys asked for from Python (the nav group) rather than from the template.
UI_KEYS = ("nav.checklists",)


def paths(hb: Handbook) -> tuple[str, ...]:
    """The staging paths of the checklist pages: one per checklist of the data."""
    return tuple(c.page for c in hb.checklists.checklists)


def page_path(checklist: Checklist) -> str:
    return checklist.page


def xlsx_path(checklist: Checklist) -> str:
    return checklist.spreadsheet


def clause_label(hb: Handbook, cited: dict[str, Text], record_id: str, lang: str) -> str:
    """A source as the page names it: its citation, and the title of a (sub)section."""
    record = hb.record(record_id)
    if isinstance(record, Section):
        return f"{cited[record_id][lang]} {plain(record.title[lang])}"
    return cited[record_id][lang]


# The built spreadsheets of the last handbook rendered: the page inlines its file for the
# tailored download, and files() writes the same bytes beside the page.
_made: list = [None, {}]


def workbook(hb: Handbook, checklist: Checklist, lang: str) -> bytes:
    from ..spreadsheet import checklist_workbook  # openpyxl only when building

    if _made[0] is not hb:
        _made[0], _made[1] = hb, {}
    key = (checklist.id, lang)
    if key not in _made[1]:
        _made[1][key] = checklist_workbook(hb, checklist, lang)
    return _made[1][key]


def download_island(hb: Handbook, r: Renderer, checklist: Checklist, lang: str) -> Markup:
    """The page's own spreadsheet (base64) with where checklist.js writes into it, and the
    calendar it reads the date with: the tailored download is made in the page, also from
    file://, where a page cannot fetch a file beside it."""
    from ..spreadsheet import cell_map

    data = workbook(hb, checklist, lang)
    island = dict(cell_map(data, checklist))
    island["xlsx"] = base64.b64encode(data).decode("ascii")
    island["filename"] = checklist.spreadsheet.rsplit("/", 1)[-1]
    island["excluded"] = hb.t("checklist.excluded", lang)
    island["calendar"] = json.loads(r.rules).get("calendar")
    text = json.dumps(island, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script id="hb-cl-workbook" type="application/json">{text}</script>')


def pages(hb: Handbook, r: Renderer) -> list[Page]:
    out = []
    cited = hb.citations
    for checklist in hb.checklists.checklists:
        path = page_path(checklist)
        body = {
            lang: r.render(
                "checklist.md.j2", path, lang, checklist=checklist,
                clause_label=lambda record_id, lang=lang: clause_label(hb, cited, record_id, lang),
                workbook_island=download_island(hb, r, checklist, lang),
            )
            for lang in LANGS
        }
        out.append(Page(path, Text(checklist.short.ja, checklist.short.en), body,
                        nav="nav.checklists"))
    return out


def files(hb: Handbook, lang: str) -> dict[str, bytes]:
    """The fillable spreadsheet of each checklist, beside its page."""
    return {xlsx_path(c): workbook(hb, c, lang) for c in hb.checklists.checklists}
