"""The standard itself: an overview page, one page per top-level section, and the whole
standard on one page to print (standard/all.md)."""

from __future__ import annotations

from ...model.cite import citations
from ...model import Handbook, Text, section_page
from ..page import Page
from ..renderer import Renderer

PATHS = ("standard/index.md", "standard/all.md")

# The whole standard on one page.
ALL = "standard/all.md"

# The citation form, asked for from Python (generator/cite.py) rather than a template.
UI_KEYS = ("standard.cite",)


def pages(hb: Handbook, r: Renderer) -> list[Page]:
    out = [
        Page(
            "standard/index.md",
            Text(hb.t("standard.index_title", "ja"), hb.t("standard.index_title", "en")),
            r.both("standard-index.md.j2", "standard/index.md"),
            nav="nav.standard",
        )
    ]
    for i, section in enumerate(hb.sections, start=1):
        path = section_page(section.id)
        title = Text(
            f"{section.number} {section.title.ja}", f"{section.number} {section.title.en}"
        )
        out.append(
            Page(path, title, r.both("section.md.j2", path, section=section),
                 nav="nav.standard")
        )
    out.append(Page(ALL, hb.text("standard.all.title"), r.both("standard-all.md.j2", ALL),
                    nav="nav.standard"))
    return out


def page_data(hb: Handbook) -> dict:
    """Where each record of the standard is and how it is cited, so page scripts can link
    to its clause with the same citation as the pages."""
    return {
        "document": {
            "decided": hb.document.decided,
            "effective": hb.document.effective,
            "effectiveSource": hb.document.effective_source,
        },
        "locations": {
            record_id: {"page": loc.page.removesuffix(".md") + ".html", "anchor": loc.anchor}
            for record_id, loc in sorted(hb.locations.items())
            if loc.page.startswith("standard/")
        },
        "citations": {record_id: {"ja": c.ja, "en": c.en} for record_id, c in sorted(citations(hb).items())},
    }
