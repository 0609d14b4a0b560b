"""The standard itself: an overview page and one page per top-level section."""

from __future__ import annotations

from ..model import Handbook, Text, section_page
from ..render import Page, Renderer

PATHS = ("standard/index.md",)


def pages(hb: Handbook, r: Renderer) -> list[Page]:
    out = [
        Page(
            "standard/index.md",
            Text(hb.t("standard.index_title", "ja"), hb.t("standard.index_title", "en")),
            r.both("standard-index.md.j2", "standard/index.md"),
            nav="nav.standard",
            order=100,
        )
    ]
    for i, section in enumerate(hb.sections, start=1):
        path = section_page(section.id)
        title = Text(
            f"{section.number} {section.title.ja}", f"{section.number} {section.title.en}"
        )
        out.append(
            Page(path, title, r.both("section.md.j2", path, section=section),
                 nav="nav.standard", order=100 + i)
        )
    return out


def page_data(hb: Handbook) -> dict:
    """Where each record of the standard is, so page scripts can link to its clause."""
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
    }
