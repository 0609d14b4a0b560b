"""The home page: sends each audience where it needs to go."""

from __future__ import annotations

from ...model import GLOSSARY_PAGE, Handbook, Text
from ..page import CLAUSE_PAGE, HOME_PAGE, MAINTAINERS_PAGE, PLAN_PAGE, REVIEW_PAGE, RULES_PAGE, SCHEDULE_PAGE, STANDARD_INDEX, Page
from ..renderer import Renderer


def _first_checklist(hb: Handbook) -> str | None:
    """The page of the first checklist of the data (the checklists' card leads there)."""
    return hb.checklists.checklists[0].page


# The home page's cards: (UI key prefix, staging path of the target page, or a function of
# the handbook giving it). A card is shown when its target page is part of the site.
CARDS = (
    ("home.card.standard", STANDARD_INDEX),
    ("home.card.checklists", _first_checklist),
    ("home.card.review", REVIEW_PAGE),
    ("home.card.schedule", SCHEDULE_PAGE),
    ("home.card.rules", RULES_PAGE),
    ("home.card.plan", PLAN_PAGE),
    ("home.card.clause", CLAUSE_PAGE),
    ("home.card.glossary", GLOSSARY_PAGE),
    ("home.card.maintainers", MAINTAINERS_PAGE),
)

# The overview of the path of one contract, in order (UI keys home.path.<step>.title and
# .text), and the page it leads to (shown when that page is part of the site).
PATH_STEPS = ("selection", "notice", "contract", "checks", "end")
CONTRACT_PAGE = "tools/schedule.md"

UI_KEYS = (tuple(f"{key}.{part}" for key, _ in CARDS for part in ("title", "text", "audience"))
           + tuple(f"home.path.{step}.{part}" for step in PATH_STEPS for part in ("title", "text")))


def pages(hb: Handbook, r: Renderer) -> list[Page]:
    targets = [(key, target(hb) if callable(target) else target) for key, target in CARDS]
    cards = [(key, path) for key, path in targets if path in r.site_paths]
    return [
        Page(
            path=HOME_PAGE,
            title=Text(hb.t("nav.home", "ja"), hb.t("nav.home", "en")),
            body=r.both("home.md.j2", HOME_PAGE, cards=cards,
                        path_steps=[(f"home.path.{step}.title", f"home.path.{step}.text")
                                    for step in PATH_STEPS] if CONTRACT_PAGE in r.site_paths else [],
                        contract_page=CONTRACT_PAGE),
        )
    ]
