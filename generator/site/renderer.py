"""The Jinja2 renderer bound to one handbook: renders a page's template in a language,
with the helpers every template shares (UI strings, links to records, citations, the page
scripts with the part of rules.json they read, the notice of a revision not yet in effect)."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..errors import GeneratorError
from ..messages import msg
from ..model import LANGS, Handbook, Revision, Section, fill, plain, site_prefix
from ..model.walk import walk
from .page import inline, md_escape, page_url, relative, to_root

TEMPLATES = Path(__file__).parent / "templates"

# The page scripts (theme/assets/handbook/): for each, the scripts it needs loaded before it
# (classic scripts run in the order of their tags) and the top-level keys of rules.json it
# reads from the page's JSON island. A template asks for its page's scripts by name with
# `scripts(…)`; the page then loads them and what they need once each, in order, after one
# island holding only those keys. `citations` and `locations` are cut down to the records
# the other keys of the island name.
SCRIPTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "handbook-core.js": ((), ()),
    "ical.js": (("handbook-core.js",), ()),
    "page-kit.js": (("handbook-core.js",), ()),
    "print.js": (("handbook-core.js",), ()),
    "fflate.js": ((), ()),
    "in-force.js": (("page-kit.js",), ()),
    "checklist.js": (("handbook-core.js", "page-kit.js", "fflate.js"), ()),
    "schedule.js": (("handbook-core.js", "ical.js"), ("schedule", "answers", "calendar")),
    "schedule-page.js": (("schedule.js", "page-kit.js"), ("citations", "locations")),
    "plan.js": (("schedule.js",), ("plan", "citations")),
    "plan-page.js": (("plan.js", "page-kit.js"), ("locations",)),
    "clause.js": (("handbook-core.js",), ("clause", "controls")),
    "clause-page.js": (("clause.js", "page-kit.js"), ("answers",)),
    "review.js": (("handbook-core.js", "fflate.js"), ("review", "calendar")),
    "review-page.js": (("review.js", "page-kit.js", "print.js"), ("citations", "locations")),
    "correction.js": (("review.js",), ("correction", "citations")),
    "correction-page.js": (("correction.js", "review-page.js"), ()),
}
# Scripts copied from npm packages (generator/builder.py), where they stand in the site.
VENDORED = {"fflate.js": "assets/vendor/fflate/fflate.js"}

# Keys of rules.json indexed by record id, kept in an island only for the records it names.
BY_RECORD = ("citations", "locations")


def script_order(names: tuple[str, ...]) -> list[str]:
    """The scripts `names` need, each after what it needs, each once."""
    order: list[str] = []

    def visit(name: str) -> None:
        if name not in order:
            for need in SCRIPTS[name][0]:
                visit(need)
            order.append(name)

    for name in names:
        visit(name)
    return order


def island(rules: dict, keys: set[str]) -> dict:
    """The part of rules.json under `keys`; its `citations` and `locations` only for the
    record ids the other keys name (as a string value anywhere inside them)."""
    part = {k: rules[k] for k in sorted(keys) if k in rules and k not in BY_RECORD}
    named: set[str] = set()

    def strings(value) -> None:
        if isinstance(value, str):
            named.add(value)
        elif isinstance(value, dict):
            for v in value.values():
                strings(v)
        elif isinstance(value, list):
            for v in value:
                strings(v)

    strings(part)
    for key in BY_RECORD:
        if key in keys and key in rules:
            part[key] = {rid: v for rid, v in rules[key].items() if rid in named}
    return part


def build_date() -> str:
    """The date the build reads as today (YYYY-MM-DD): the UTC date of SOURCE_DATE_EPOCH if
    set, else the UTC date now (never the local time zone's: two builds at the same moment
    anywhere agree).

    Pages depend on it (a revision not yet in effect is announced), so reproducible builds
    and tests set SOURCE_DATE_EPOCH."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None or epoch == "":
        return dt.datetime.now(dt.timezone.utc).date().isoformat()
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date().isoformat()
    except (ValueError, OverflowError, OSError):
        raise GeneratorError(msg("build.source_date_epoch", found=repr(epoch))) from None


def _pending_by_record(hb: Handbook, today: str) -> dict[str, Revision]:
    """The record ids changed by a revision not yet in effect, with the latest such revision."""
    return {record_id: rev for rev in hb.document.pending(today) for record_id in rev.changes}


def in_force_periods(hb: Handbook) -> list[tuple[Revision, str]]:
    """Each revision with the day its version stops being the current one (the effective
    date of the next revision to take effect, "" for none): a version is current from its
    effective date until then."""
    revisions = hb.document.revisions
    out = []
    for i, rev in enumerate(revisions):
        later = [r.effective for r in revisions[i + 1:]]
        out.append((rev, min(later) if later else ""))
    return out


class Renderer:
    """Jinja2 environment bound to one handbook; renders a template for a page and language."""

    def __init__(self, hb: Handbook, rules: bytes = b"{}", site_paths: frozenset[str] = frozenset(),
                 today: str | None = None):
        self.hb = hb
        self.rules = rules
        self.rules_data = json.loads(rules)
        self.site_paths = site_paths  # staging path of every page of the site, generated or written
        self.today = today or build_date()
        self.pending = _pending_by_record(hb, self.today)
        self.periods = in_force_periods(hb)
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(TEMPLATES)),
            bytecode_cache=jinja2.FileSystemBytecodeCache(),  # per-user temp folder
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["md"] = md_escape
        self.env.filters["inline"] = inline
        self.env.filters["plain"] = plain
        self.env.filters["fill"] = lambda template, **values: fill(template, values)  # the one filler

    def render(self, template: str, page_path: str, lang: str, **context) -> str:
        hb = self.hb

        def t(key: str) -> str:
            return hb.t(key, lang)

        def href(record_id: str, in_lang: str | None = None) -> str:
            """URL of a record's anchor, from this page; `in_lang` for the other language."""
            loc = hb.locate(record_id)
            target = page_url(loc.page)
            if in_lang and in_lang != lang:
                return to_root(page_path) + site_prefix(lang, in_lang) + target + f"#{loc.anchor}"
            return relative(page_path, target) + f"#{loc.anchor}"

        def cite(record_id: str) -> str:
            """How the handbook cites a record of the standard, e.g. "Standard 4(4)③"."""
            return hb.citations[record_id][lang]

        def link(path: str) -> str:
            return relative(page_path, page_url(path))

        def dated(start: str = "", until: str = "") -> Markup:
            """The attributes of an element shown from `start` and before `until` (either may
            be ""): in-force.js decides in the page by the day it is read; the `hidden` set
            here is for the day of the build, for a page read without scripts."""
            shown = (not start or start <= self.today) and (not until or self.today < until)
            attrs = (f' data-hb-from="{start}"' if start else "") + (f' data-hb-until="{until}"' if until else "")
            return Markup(attrs + ("" if shown else " hidden"))

        def pending_notice(record) -> Markup:
            """The notice that a revision changing this record (or a part of it) is not yet in
            effect (a paragraph shown until its effective date), or nothing."""
            inside = [record] if isinstance(record, Section) else walk(record)
            rev = next((self.pending[r.id] for r in inside if r.id in self.pending), None)
            if rev is None:
                return Markup("")
            text = fill(hb.t("revisions.pending_notice", lang), {"effective": rev.effective, "decided": rev.decided})
            return Markup('<p class="hb-pending" role="note"{}>{}</p>').format(dated("", rev.effective), text)

        loaded: list[str] = []

        def scripts(*names: str) -> Markup:
            """Script tags of the page scripts `names` and of what they need (each once a
            page, in order), after the JSON island of the rules they read (so they work from
            file://). A page has at most one island: the scripts that read rules are asked
            for in one call."""
            order = [n for n in script_order(names) if n not in loaded]
            keys = {k for n in order for k in SCRIPTS[n][1]}
            out = []
            if keys:
                if any(SCRIPTS[n][1] for n in loaded):
                    raise ValueError(f"{page_path}: a second island for {sorted(keys)}")
                data = json.dumps(island(self.rules_data, keys), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
                text = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                out.append(f'<script id="handbook-rules" type="application/json">{text}</script>')
            root = to_root(page_path)
            out += [f'<script src="{root}{VENDORED.get(n, "assets/handbook/" + n)}"></script>' for n in order]
            loaded.extend(order)
            return Markup("\n\n".join(out))

        return self.env.get_template(template).render(
            hb=hb, lang=lang, t=t, href=href, cite=cite, link=link, page_path=page_path,
            scripts=scripts, pending_notice=pending_notice, dated=dated, periods=self.periods, build_date=self.today,
            root=to_root(page_path), **context
        )

    def both(self, template: str, page_path: str, **context) -> dict:
        """The page body in every language."""
        return {lang: self.render(template, page_path, lang, **context) for lang in LANGS}
