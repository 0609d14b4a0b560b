"""The compliance checklists (遵守確認表) before and after the contract: one printable
page each, and the same form as a fillable spreadsheet in each language's tree."""

from __future__ import annotations

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


def pages(hb: Handbook, r: Renderer) -> list[Page]:
    out = []
    cited = hb.citations
    for checklist in hb.checklists.checklists:
        path = page_path(checklist)
        body = {
            lang: r.render(
                "checklist.md.j2", path, lang, checklist=checklist,
                clause_label=lambda record_id, lang=lang: clause_label(hb, cited, record_id, lang),
            )
            for lang in LANGS
        }
        out.append(Page(path, Text(checklist.short.ja, checklist.short.en), body,
                        nav="nav.checklists"))
    return out


def files(hb: Handbook, lang: str) -> dict[str, bytes]:
    """The fillable spreadsheet of each checklist, beside its page."""
    from ..spreadsheet import checklist_workbook  # openpyxl only when building

    return {xlsx_path(c): checklist_workbook(hb, c, lang) for c in hb.checklists.checklists}
