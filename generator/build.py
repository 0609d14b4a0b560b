"""Build the site: load → render → run the builder once per language → swap into place.

The builder (MkDocs with Material) runs as a child process per language, both at once,
Japanese at the site root and English under `en/`, each with its own search index. The
finished tree replaces `site/` only when every step succeeded; a failure leaves the
previous `site/` exactly as it was.
"""

from __future__ import annotations

import calendar
import datetime as dt
import html
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .builder import Builders
from .errors import BuildError
from .load import load
from .model import LANGS, Handbook
from .render import Output, page_url, plain, render_all, render_files, write_staging

ROOT = Path(__file__).resolve().parent.parent
THEME = ROOT / "theme"
BASE_CONFIG = ROOT / "mkdocs.yml"
CONTENT = ROOT / "content"
SHIM = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
SHIM_PATH = "assets/vendor/iframe-worker/shim.js"

# Search settings per language: all of them are here. Material's search splits the text
# AND every query word with `separator` (its only tokenizer), and appends `*` to each query
# word, which makes lunr skip the query pipeline: a `stemmer` would shorten only the
# indexed words ("designated managers*" would then find nothing), so word forms are
# matched by the separator instead, identically on both sides.
# Japanese: lunr's TinySegmenter splits words inside sentences; the separator also splits
# at Japanese punctuation and at の (公の施設 → 公, 施設, as TinySegmenter indexes it).
# English: punctuation, quotes, brackets, slashes and circled numbers separate words
# (apostrophes do not: "city's"); then a light suffix stemmer made of separators:
# - a plural -s (not -ss, -is, -us) is dropped before a separator: "plans, " → plan;
# - words are cut before -ies, -ing, -ed (3+ letters before), -ion(s), -ive (4+ letters
#   before) and a final -y after a consonant (4+ letters before), by zero-width splits:
#   subcontracting → subcontract·ing, correction/corrective → correct·ion/·ive,
#   utility/utilities → utilit·y/·ie;
# - a plural at the end of a query word is cut two letters early (checklists →
#   checkli·ts), which still prefix-matches the singular (query words end in `*`) and
#   leaves no lone "s*" that would match every word beginning with s.
# The cuts are zero-width lookarounds without nested groups or "|" inside them, and the
# only consuming suffix rule needs a following separator: Material's on-page highlighter
# (feature search.highlight) drops pure lookarounds from its copy of the separator and
# would otherwise turn "checklists" into an empty term that marks every character.
_EN_PUNCT = r'\s\-–—.,;:!?()\[\]{}<>"“”‘’/…・、。，．（）「」『』【】〈〉※＊*¶\u2460-\u2473'
SEARCH = {
    "ja": {"lang": "ja", "separator": r"[\s\u200b\-　、。，．・「」（）()]+|の"},
    "en": {
        "lang": "en",
        "pipeline": ["stopWordFilter", "trimmer"],
        "separator": "|".join([
            rf"[{_EN_PUNCT}]+",
            rf"(?<=[a-z]{{2}}[a-hj-rt-z])s[{_EN_PUNCT}]+",
            r"(?<=[a-z]{3})(?=[a-df-hj-rt-z]s$)",
            r"(?<=[a-z]{3}[a-hj-z])(?=es$)",
            r"(?<=[a-z]{3})(?=ies\b)",
            r"(?<=[a-z]{3})(?=ing\b)",
            r"(?<=[a-z]{3})(?=ed\b)",
            r"(?<=[a-z]{4})(?=ions?\b)",
            r"(?<=[a-z]{4})(?=ive\b)",
            r"(?<=[a-z]{3}[b-df-hj-np-tv-z])(?=y\b)",
        ]),
    },
}
# Where each language's tree goes inside the site.
PREFIX = {"ja": "", "en": "en/"}

# Files the builder writes that an offline site cannot use: the sitemap is empty without
# a public site URL, and 404.html links its assets from "/", which breaks in a sub-folder
# or a shared folder (a web server shows its own "not found" page instead).
UNUSED_BUILDER_FILES = ("404.html", "sitemap.xml", "sitemap.xml.gz")

# Hand-written pages from content/<lang>/, with their place in the navigation.
CONTENT_PAGES = (("about.md", "nav.about", 900), ("maintainers.md", "nav.maintainers", 950))


@dataclass
class Timings:
    """Seconds spent in each step of one build (reported by `make bench`)."""

    load: float = 0.0
    render: float = 0.0
    files: float = 0.0  # extra files, made while the builders run
    builder: dict = field(default_factory=dict)
    total: float = 0.0


def as_html(text: str) -> str:
    """A data text as the HTML the builder's templates print unescaped: data text is text.

    MkDocs and Material print `site_name`, `copyright`, navigation titles and our
    `extra.handbook` strings into the page as they are (their templates do not escape),
    so every data text reaches the builder already escaped, quotes included (some land in
    attributes). Line breaks become spaces: each of these is a one-line label.
    """
    return html.escape(" ".join(text.split()), quote=True)


def _nav(hb: Handbook, out: Output, lang: str) -> list:
    """The navigation: top-level pages and groups, ordered by each page's `order`."""
    entries = [(p.order, p.nav, as_html(plain(p.title[lang])), p.path) for p in out.pages]
    for path, key, order in CONTENT_PAGES:
        entries.append((order, None, as_html(hb.t(key, lang)), path))
    entries.sort(key=lambda e: (e[0], e[3]))
    nav: list = []
    groups: dict = {}
    for _order, group, title, path in entries:
        if group is None:
            nav.append({title: path})
        else:
            if group not in groups:
                groups[group] = []
                nav.append({as_html(hb.t(group, lang)): groups[group]})
            groups[group].append({title: path})
    return nav


def mkdocs_config(hb: Handbook, out: Output, lang: str, docs_dir: Path, site_dir: Path) -> dict:
    """The builder configuration for one language, from the base file and the data."""
    config = yaml.safe_load(BASE_CONFIG.read_text(encoding="utf-8"))
    other = "en" if lang == "ja" else "ja"
    config["site_name"] = as_html(hb.document.site_name[lang])
    config["docs_dir"] = str(docs_dir)
    config["site_dir"] = str(site_dir)
    config["theme"]["custom_dir"] = str(THEME)
    config["theme"]["language"] = lang
    if hb.document.copyright:
        config["copyright"] = as_html(hb.document.copyright[lang])
    plugins = []
    for plugin in config.get("plugins", []):
        if plugin == "search" or (isinstance(plugin, dict) and "search" in plugin):
            plugins.append({"search": SEARCH[lang]})
        else:
            plugins.append(plugin)
    config["plugins"] = plugins
    extra = config.setdefault("extra", {})
    extra["polyfills"] = [SHIM_PATH]
    # Material shows the header's language option when `extra.alternate` is truthy, and
    # adds <link rel="alternate"> tags (whose sitemaps its script then fetches, which fails
    # from a folder) when it is iterable. `True` gives the first without the second; our
    # partials/alternate.html reads the links from `extra.handbook.alternate`.
    extra["alternate"] = True
    extra["handbook"] = {
        "alternate": [
            {
                "name": as_html(hb.t("language.name", other)),
                "lang": other,
                "prefix": "en/" if other == "en" else "../",
                "label": as_html(hb.t("language.switch_label", other)),
            }
        ],
        "lang": lang,
        "notice": as_html(hb.t("notice.reference_translation", lang)) if lang != "ja" else "",
        "search_label": as_html(hb.t("search.dialog_label", lang)),
    }
    config["nav"] = _nav(hb, out, lang)
    return config


def source_date_epoch(hb: Handbook) -> str:
    """A fixed timestamp for everything the builder dates (sitemap): the data's own date."""
    day = dt.date.fromisoformat(hb.document.revised or hb.document.decided)
    return str(calendar.timegm(day.timetuple()))


def _swap(new: Path, site: Path) -> None:
    """Put `new` where `site` is, keeping the old tree until the new one is in place."""
    old = None
    if site.exists():
        old = site.with_name(f".{site.name}-old-{os.getpid()}")
        if old.exists():
            shutil.rmtree(old)
        site.rename(old)
    try:
        new.rename(site)
    except OSError:
        if old is not None:
            old.rename(site)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def build(data_dir: Path, site_dir: Path, content_dir: Path = CONTENT, builders: Builders | None = None) -> Timings:
    """Build the whole site from `data_dir` into `site_dir`; raise on any failure.

    `builders` may be started by the caller even earlier (the command line does so before
    importing this module); otherwise they start here.
    """
    timings = Timings()
    t0 = time.perf_counter()
    builders = builders or Builders(LANGS)
    staging = None
    try:
        hb = load(data_dir)
        timings.load = time.perf_counter() - t0
        if not SHIM.is_file():
            raise BuildError(
                f"missing {SHIM.relative_to(ROOT)} (search over file://); run 'npm ci' or 'make site'"
            )
        site_dir = site_dir.resolve()
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-", dir=site_dir.parent))
        t1 = time.perf_counter()
        outputs = render_all(hb)
        for out in outputs.values():
            out.files[SHIM_PATH] = SHIM.read_bytes()
        folders = write_staging(outputs, content_dir, staging)
        for lang, docs in folders.items():
            for path, _key, _order in CONTENT_PAGES:
                if not (docs / path).is_file():
                    raise BuildError(f"missing hand-written page {content_dir.name}/{lang}/{path}")
        configs = {}
        for lang in LANGS:
            cfg = mkdocs_config(hb, outputs[lang], lang, folders[lang], staging / f"site-{lang}")
            path = staging / f"mkdocs-{lang}.yml"
            path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=True), encoding="utf-8")
            configs[lang] = path
        timings.render = time.perf_counter() - t1
        builders.start(configs, {"SOURCE_DATE_EPOCH": source_date_epoch(hb)})
        # Files that no page needs at build time (spreadsheets) are made while MkDocs runs.
        t2 = time.perf_counter()
        late = render_files(hb)
        timings.files = time.perf_counter() - t2
        timings.builder = builders.wait()
        built = staging / "site"
        for lang in LANGS:
            tree = staging / f"site-{lang}"
            for name in UNUSED_BUILDER_FILES:
                (tree / name).unlink(missing_ok=True)
            for rel, data in sorted(late[lang].items()):
                target = tree / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
        (staging / "site-ja").rename(built)
        (staging / "site-en").rename(built / "en")
        _swap(built, site_dir)
    finally:
        builders.abandon()
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    timings.total = time.perf_counter() - t0
    return timings


__all__ = ["build", "mkdocs_config", "page_url", "Timings"]
