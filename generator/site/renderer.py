"""The Jinja2 renderer bound to one handbook: renders a page's template in a language,
with the helpers every template shares (UI strings, links to records, citations, the
rules.json island, the notice of a revision not yet in effect)."""

from __future__ import annotations

import datetime as dt
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


class Renderer:
    """Jinja2 environment bound to one handbook; renders a template for a page and language."""

    def __init__(self, hb: Handbook, rules: bytes = b"{}", site_paths: frozenset[str] = frozenset(),
                 today: str | None = None):
        self.hb = hb
        self.rules = rules
        self.site_paths = site_paths  # staging path of every page of the site, generated or written
        self.today = today or build_date()
        self.pending = _pending_by_record(hb, self.today)
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

        def pending_notice(record) -> str:
            """The notice that a revision changing this record (or a part of it) is not yet in effect."""
            inside = [record] if isinstance(record, Section) else walk(record)
            rev = next((self.pending[r.id] for r in inside if r.id in self.pending), None)
            if rev is None:
                return ""
            return fill(hb.t("revisions.pending_notice", lang), {"effective": rev.effective, "decided": rev.decided})

        def rules_island() -> Markup:
            """rules.json inlined as a JSON island, so page scripts work from file://."""
            text = self.rules.decode("utf-8").replace("<", "\\u003c").replace(">", "\\u003e")
            text = text.replace("&", "\\u0026")
            return Markup(f'<script id="handbook-rules" type="application/json">{text}</script>')

        return self.env.get_template(template).render(
            hb=hb, lang=lang, t=t, href=href, cite=cite, link=link, page_path=page_path,
            rules_island=rules_island, pending_notice=pending_notice,
            root=to_root(page_path), **context
        )

    def both(self, template: str, page_path: str, **context) -> dict:
        """The page body in every language."""
        return {lang: self.render(template, page_path, lang, **context) for lang in LANGS}
