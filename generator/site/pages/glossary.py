"""The glossary page: one entry per term, the English rendering used everywhere."""

from __future__ import annotations

from ...model import GLOSSARY_PAGE, Handbook, Text
from ..page import Page
from ..renderer import Renderer

PATHS = (GLOSSARY_PAGE,)


def pages(hb: Handbook, r: Renderer) -> list[Page]:
    title = Text(hb.t("nav.glossary", "ja"), hb.t("nav.glossary", "en"))
    return [Page(GLOSSARY_PAGE, title, r.both("glossary.md.j2", GLOSSARY_PAGE))]
