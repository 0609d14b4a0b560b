"""The site: its page modules in navigation order, and what is made from all of them
together (rules.json, every page in both languages, the extra files, the navigation, the
UI keys the site asks for).

Each page module has `pages(hb, renderer) -> list[Page]` and may have `page_data(hb) ->
dict` (merged into assets/handbook/rules.json), `files(hb, lang) -> {path: bytes}` (extra
files for that language's tree), `PATHS` (the staging paths of its pages) or `paths(hb)`
(the same, when they come from the data) and `UI_KEYS`
(the UI keys its Python code asks for; templates are scanned for theirs). This module
imports the page modules; they import only the leaf `page` and `renderer` below it.
"""

from __future__ import annotations

import json
import re

from ..model import LANGS, Handbook, plain
from ..model.cite import LAW_KEYS
from .page import ABOUT_PAGE, MAINTAINERS_PAGE, Output
from .pages import checklists, clause_generator, correction, glossary, home, plan, review, revisions, schedule, standard
from .renderer import TEMPLATES, Renderer

# The order of the site navigation: each module's pages in the order it returns them, then
# the hand-written pages. A group (Page.nav) stands where its first page is.
MODULES = (home, standard, checklists, review, correction, schedule, plan, clause_generator, glossary, revisions)

# Hand-written pages from content/<lang>/, each with the UI key of its title in the navigation.
CONTENT_PAGES = ((ABOUT_PAGE, "nav.about"), (MAINTAINERS_PAGE, "nav.maintainers"))

RULES_JSON = "assets/handbook/rules.json"

# UI keys asked for here and by the builder's settings (not by a page module or a template).
UI_KEYS = (
    "nav.home",
    "nav.standard",
    "nav.glossary",
    "nav.about",
    "nav.maintainers",
    "language.name",
    "language.switch_label",
    "notice.reference_translation",
    "search.dialog_label",
    "schedule.era_first_year",
    *LAW_KEYS,  # how data texts cite an article of a law (`{law:…}`, model/cite.py)
)


def page_data(hb: Handbook) -> bytes:
    """`assets/handbook/rules.json`: everything the page scripts need, from the model
    (each page module's part, and the yes and no words every tool reads answers with)."""
    data: dict = {
        "answers": hb.answers.as_json(),
        "calendar": calendar(hb),
        "controls": {"bidi": [code_points(r) for r in hb.direction_controls]},
    }
    for mod in MODULES:
        if hasattr(mod, "page_data"):
            data.update(mod.page_data(hb))
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")


def calendar(hb: Handbook) -> dict:
    """How dates are written and read in Japanese (handbook-core.js): the eras and their
    first days, the word for an era's first year (元), and the units of a date as the forms
    write them (年, 月, 日)."""
    date = hb.checklists.date
    return {
        "eras": [{"name": e.name.as_json(), "start": e.start} for e in hb.eras],
        "firstYear": hb.text("schedule.era_first_year").as_json(),
        "units": {"year": date.year.ja, "month": date.month.ja, "day": date.day.ja},
    }


def code_points(text: str) -> list[int]:
    """[first, last] of "U+XXXX" or "U+XXXX–U+YYYY" (as the schema allows), in order."""
    ends = [int(part[2:], 16) for part in text.split("–")]
    return [min(ends), max(ends)]


def site_paths(hb: Handbook) -> frozenset[str]:
    """The staging path of every page the site can have, generated or hand-written."""
    return frozenset({path for path, _key in CONTENT_PAGES}
                     | {path for mod in MODULES for path in getattr(mod, "PATHS", ())}
                     | {path for mod in MODULES if hasattr(mod, "paths") for path in mod.paths(hb)})


def render_all(hb: Handbook, today: str | None = None) -> dict[str, Output]:
    """Render every page module for every language, as on `today` (default: the build date)."""
    rules = page_data(hb)
    renderer = Renderer(hb, rules, site_paths(hb), today)
    pages = [page for mod in MODULES for page in mod.pages(hb, renderer)]
    outputs: dict[str, Output] = {}
    for lang in LANGS:
        out = Output(pages=list(pages))
        out.files[RULES_JSON] = rules
        outputs[lang] = out
    return outputs


def render_files(hb: Handbook) -> dict[str, dict[str, bytes]]:
    """Extra files of every page module (e.g. spreadsheets), per language.

    No page needs them while the builder runs, so the build makes them meanwhile and
    adds them to the finished tree.
    """
    return {
        lang: {path: data for mod in MODULES if hasattr(mod, "files") for path, data in mod.files(hb, lang).items()}
        for lang in LANGS
    }


def navigation(hb: Handbook, out: Output, lang: str) -> list:
    """The navigation as plain text: `(title, path)` for a top-level page, `(group title,
    [(title, path), …])` for a group; in the order of MODULES, then CONTENT_PAGES."""
    entries = [(p.nav, plain(p.title[lang]), p.path) for p in out.pages]
    entries += [(None, hb.t(key, lang), path) for path, key in CONTENT_PAGES]
    nav: list = []
    groups: dict = {}
    for group, title, path in entries:
        if group is None:
            nav.append((title, path))
        else:
            if group not in groups:
                groups[group] = []
                nav.append((hb.t(group, lang), groups[group]))
            groups[group].append((title, path))
    return nav


def ui_keys_used() -> dict[str, str]:
    """Every UI key the site asks for, with the first place that asks for it: the literal
    `t("…")` calls of the templates, and the `UI_KEYS` of this module and of each page module."""
    used: dict[str, str] = {}
    pattern = re.compile(r"""(?<![.\w])t\(\s*["']([a-z0-9_.]+)["']""")
    for path in sorted(TEMPLATES.rglob("*")):
        if path.is_file():
            for key in pattern.findall(path.read_text(encoding="utf-8")):
                used.setdefault(key, path.relative_to(TEMPLATES.parent.parent.parent).as_posix())
    for key in UI_KEYS:
        used.setdefault(key, "generator/site/registry.py")
    for mod in MODULES:
        for key in getattr(mod, "UI_KEYS", ()):
            used.setdefault(key, f"generator/site/pages/{mod.__name__.rsplit('.', 1)[-1]}.py")
    return used
