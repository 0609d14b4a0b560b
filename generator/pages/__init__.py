"""Page modules. Each has `pages(hb, renderer) -> list[Page]` and may have
`page_data(hb) -> dict` (merged into assets/handbook/rules.json) and
`files(hb, lang) -> {path: bytes}` (extra files for that language's tree).

The order of MODULES is the order of the site navigation.
"""

from . import checklists, clause, glossary, home, plan, revisions, schedule, standard

MODULES = [home, standard, glossary, checklists, schedule, plan, clause, revisions]
