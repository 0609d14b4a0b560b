"""The standard itself: an overview page, one page per top-level section, and the whole
standard on one page to print (standard/all.md)."""

from __future__ import annotations

from ...model import Handbook, Text, section_page
from ...model.cite import UI_KEY as CITE_KEY
from ..page import STANDARD_INDEX, Page, page_url
from ..renderer import Renderer

PATHS = (STANDARD_INDEX, "standard/all.md")

# The whole standard on one page.
ALL = "standard/all.md"

# The citation form, read by the model (generator/model/cite.py) rather than a template.
UI_KEYS = (CITE_KEY,)


def pages(hb: Handbook, r: Renderer) -> list[Page]:
    out = [
        Page(
            STANDARD_INDEX,
            Text(hb.t("standard.index_title", "ja"), hb.t("standard.index_title", "en")),
            r.both("standard-index.md.j2", STANDARD_INDEX),
            nav="nav.standard",
        )
    ]
    for section in hb.sections:
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
            record_id: {"page": page_url(loc.page), "anchor": loc.anchor}
            for record_id, loc in sorted(hb.locations.items())
            if loc.page.startswith("standard/")
        },
        "citations": {record_id: {"ja": c.ja, "en": c.en} for record_id, c in sorted(hb.citations.items())},
    }
