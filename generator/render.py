"""Render the model into a staging tree per language: Markdown pages, page data, assets.

Pages come from page modules (`generator.pages`); each returns `Page` records whose
bodies are rendered from Jinja2 templates in `generator/templates/`. Hand-written pages
from `content/<lang>/` are copied beside them. Nothing here knows which municipality the
data describes.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import posixpath
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import jinja2
from markupsafe import Markup, escape

from .cite import citations
from .errors import GeneratorError
from .model import LANGS, Handbook, Revision, Text

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Page:
    """One generated page: its staging path (same in both languages) and its bodies."""

    path: str  # e.g. "standard/s4.md"
    title: Text
    body: dict  # lang -> Markdown/HTML text
    nav: str | None = None  # the nav group key (a UI key), None for top level
    order: int = 0


@dataclass
class Output:
    """Everything one render produces for one language."""

    pages: list[Page] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)  # extra files, path -> content


# The one rule for data text (see content/*/maintainers.md): it is text. Templates print
# it HTML-escaped (autoescape), in Markdown also Markdown-escaped (`md`); the only markup
# a data text may carry is the `**…**` span, turned into <strong> by `inline`.


def md_escape(text: str) -> Markup:
    """Text safe inside one line of Markdown *and* HTML: entities for <>&, backslashes for
    every Markdown punctuation character, line breaks as spaces (a heading is one line)."""
    out = html.escape(" ".join(str(text).split()), quote=False)
    out = re.sub(r"([\\`*_{}\[\]()#+\-.!|])", r"\\\1", out)
    return Markup(out)


def inline(text: str) -> Markup:
    """Escape a data text for HTML and turn its `**…**` spans into <strong>."""
    escaped = str(escape(text))
    return Markup(re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", escaped))


def plain(text: str) -> str:
    """A data text without its inline markup (for titles, attributes, JSON)."""
    return re.sub(r"\*\*(.+?)\*\*", r"\1", text)


def page_url(path: str) -> str:
    """Staging path -> built URL path (use_directory_urls is off): a.md -> a.html."""
    return re.sub(r"\.md$", ".html", path)


def to_root(from_page: str) -> str:
    """The relative prefix from a built page to its language's root ("" or "../…")."""
    return "../" * page_url(from_page).count("/")


def relative(from_page: str, to_path: str) -> str:
    """A relative URL from one built page to another built path."""
    base = posixpath.dirname(page_url(from_page)) or "."
    return posixpath.relpath(to_path, base)


def build_date() -> str:
    """The date the build reads as today (YYYY-MM-DD, UTC): SOURCE_DATE_EPOCH if set, else today.

    Pages depend on it (a revision not yet in effect is announced), so reproducible builds
    and tests set SOURCE_DATE_EPOCH."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None or epoch == "":
        return dt.date.today().isoformat()
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date().isoformat()
    except (ValueError, OverflowError, OSError):
        raise GeneratorError(f"SOURCE_DATE_EPOCH: expected whole seconds since 1970-01-01, found {epoch!r}") from None


def _pending_by_record(hb: Handbook, today: str) -> dict[str, Revision]:
    """The record ids changed by a revision not yet in effect, with the latest such revision."""
    return {record_id: rev for rev in hb.document.pending(today) for record_id in rev.changes}


class Renderer:
    """Jinja2 environment bound to one handbook; renders a template for a page and language."""

    def __init__(self, hb: Handbook, rules: bytes = b"{}"):
        self.hb = hb
        self.rules = rules
        self.today = build_date()
        self.pending = _pending_by_record(hb, self.today)
        self.citations = citations(hb)
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

    def render(self, template: str, page_path: str, lang: str, **context) -> str:
        hb = self.hb

        def t(key: str) -> str:
            return hb.t(key, lang)

        def href(record_id: str, in_lang: str | None = None) -> str:
            """URL of a record's anchor, from this page; `in_lang` for the other language."""
            loc = hb.locate(record_id)
            target = page_url(loc.page)
            if in_lang and in_lang != lang:
                prefix = "en/" if in_lang == "en" else "../"
                return to_root(page_path) + prefix + target + f"#{loc.anchor}"
            return relative(page_path, target) + f"#{loc.anchor}"

        def cite(record_id: str) -> str:
            """How the handbook cites a record of the standard, e.g. "Standard 4(4)③"."""
            return self.citations[record_id][lang]

        def link(path: str) -> str:
            return relative(page_path, page_url(path))

        def pending_notice(record) -> str:
            """The notice that a revision changing this record (or a part of it) is not yet in effect."""
            ids, stack = [], [record]
            while stack:
                r = stack.pop()
                ids.append(r.id)
                if r.__class__.__name__ != "Section":
                    stack.extend(getattr(r, "items", ()) + getattr(r, "notes", ()) + getattr(r, "columns", ()))
            rev = next((self.pending[i] for i in ids if i in self.pending), None)
            if rev is None:
                return ""
            return hb.t("revisions.pending_notice", lang).replace("{effective}", rev.effective).replace("{decided}", rev.decided)

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


def page_data(hb: Handbook, providers: list[Callable[[Handbook], dict]]) -> bytes:
    """`assets/handbook/rules.json`: everything the page scripts need, from the model."""
    data: dict = {}
    for provide in providers:
        data.update(provide(hb))
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")


def render_all(hb: Handbook) -> dict[str, Output]:
    """Render every page module for every language."""
    from .pages import MODULES

    providers = [mod.page_data for mod in MODULES if hasattr(mod, "page_data")]
    rules = page_data(hb, providers)
    renderer = Renderer(hb, rules)
    pages = [page for mod in MODULES for page in mod.pages(hb, renderer)]
    outputs: dict[str, Output] = {}
    for lang in LANGS:
        out = Output(pages=list(pages))
        out.files["assets/handbook/rules.json"] = rules
        outputs[lang] = out
    return outputs


def render_files(hb: Handbook) -> dict[str, dict[str, bytes]]:
    """Extra files of every page module (e.g. spreadsheets), per language.

    No page needs them while the builder runs, so the build makes them meanwhile and
    adds them to the finished tree.
    """
    from .pages import MODULES

    return {
        lang: {path: data for mod in MODULES if hasattr(mod, "files") for path, data in mod.files(hb, lang).items()}
        for lang in LANGS
    }


def write_staging(outputs: dict[str, Output], content_dir: Path, staging: Path) -> dict[str, Path]:
    """Write each language's docs tree under `staging/docs-<lang>`; return the folders."""
    folders: dict[str, Path] = {}
    for lang, out in outputs.items():
        docs = staging / f"docs-{lang}"
        src = content_dir / lang
        if src.is_dir():
            shutil.copytree(src, docs)
        docs.mkdir(parents=True, exist_ok=True)
        for page in out.pages:
            target = docs / page.path
            if target.exists():
                raise ValueError(f"content/{lang}/{page.path} collides with a generated page")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.body[lang], encoding="utf-8")
        for rel, data in sorted(out.files.items()):
            target = docs / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        folders[lang] = docs
    return folders
