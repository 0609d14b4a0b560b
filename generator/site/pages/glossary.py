"""The glossary page: one entry per term, the English rendering used everywhere."""

from __future__ import annotations

from ...model import Handbook, Text
from ..page import Page
from ..renderer import Renderer

PATHS = ("glossary.md",)


def pages(hb: Handbook, r: Renderer) -> list[Page]:
    title = Text(hb.t("nav.glossary", "ja"), hb.t("nav.glossary", "en"))
    return [Page("glossary.md", title, r.both("glossary.md.j2", "glossary.md"))]
