"""The handbook's search index, written over the one Material for MkDocs wrote.

Material's search box, keyboard use and result list stay as they are; only the worker
behind them is ours (`theme/assets/handbook/search-worker.js` with `search-engine.js`),
and it reads this index. Material's page loads `search/search_index.json` (over http) or
`search/search_index.js` (from a folder) and hands `{config, docs}` to the worker: both
files are rewritten here, after the builder has finished, with the same content.

What is indexed: the pages Material indexed (so a page leaves the index the way Material
documents it, with `search: {exclude: true}` in its front matter, e.g. a page that
repeats the whole standard), read from the built HTML of each page's article, one unit
per paragraph, list item, table row, term or definition, with the nearest anchor of the
page (every paragraph of the standard has one). Left out: anchor links (¶ and their
hidden "link to this" text), scripts, styles and pictures, print-only text, the answer
choices printed on a checklist, and any element marked `data-search-exclude` (Material's
own attribute, kept in the page when it has no value). Interface, whose words find the
page but are never shown as a snippet: buttons, labels, legends, options and outputs,
hidden elements, text for screen readers only, table headers, and the blanks of a form (a
paragraph or table cell holding a field to fill in, a row with only header cells). Each
page also gets the texts of the links to it from other pages: the names staff know it by;
and each section of the standard, the glossary's terms it is the first to use (where the
standard introduces and requires them), found but never shown.

Each page carries a weight: the pages of the standard and the glossary, where terms are
defined and required, rank above pages that only mention them.
"""

from __future__ import annotations

import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .errors import BuildError
from .messages import msg

INDEX = Path("search") / "search_index.json"
INDEX_SCRIPT = Path("search") / "search_index.js"
FORMAT = "handbook-search-1"

# Pages where the rules are stated or terms defined (public paths, the same in every
# municipality's site), and how much more their matches count.
STANDARD_PAGES = "standard/s"
GLOSSARY = "glossary.html"
DEFINING_PAGES = (STANDARD_PAGES, GLOSSARY)
DEFINING_WEIGHT = 2.5

# Left out: not text at all.
DROP_TAGS = {"script", "style", "svg", "template", "noscript", "iframe", "object", "canvas", "math"}
# Interface: its words find the page (a tool's options, a button's name), but it is never
# shown as a snippet.
INTERFACE_TAGS = {"button", "select", "textarea", "label", "legend", "output", "thead"}
# Text for screen readers only (the name of a mark, a caption): interface as well.
INTERFACE_CLASSES = {"hb-visually-hidden"}
# Fields to fill in: a paragraph or a table cell holding one is a blank of a form.
FIELDS = {"input", "select", "textarea"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Interface inside otherwise indexed markup: anchor links (MkDocs' and the handbook's),
# the answer choices, "not applicable" stamp and date blanks printed in a checklist, and
# what only a print-out shows (its footer, its print button).
SKIP_CLASSES = {"headerlink", "hb-anchor", "hb-cl-options", "hb-cl-excluded-mark", "hb-cl-date",
                "hb-print-only", "hb-print-actions"}
# Elements whose end (and start) closes a unit of text.
BLOCKS = {"p", "li", "dt", "dd", "tr", "caption", "figcaption", "pre", "blockquote", "div", "section",
          "table", "tbody", "tfoot", "ul", "ol", "dl", "form", "fieldset", "figure", "details", "summary",
          "header", "footer", "aside", "main", "article", "hr", "h1", "h2", "h3", "h4", "h5", "h6"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
CELLS = {"td", "th"}
# Unit kinds: a page title, a section heading, a defined term, a paragraph (or row, item);
# and per page, the texts of the links to it from other pages (the names staff know it by)
# and its interface words.
TITLE, HEADING, TERM, TEXT, NAMES, INTERFACE = "H", "h", "t", "p", "n", "u"
# and per page of the standard, the glossary's terms its text uses (the terms it requires).
REQUIRED = "r"
# The glossary's term in the page's language (a term's other-language name is beside it).
OTHER_LANGUAGE_CLASS = "hb-glossary__other"
DROP, UI = "drop", "ui"


class _Element:
    __slots__ = ("tag", "id", "classes", "skip", "cell_control", "is_th")

    def __init__(self, tag: str, attrs: dict, skip: str | None):
        self.tag = tag
        self.id = attrs.get("id") or ""
        self.classes = attrs.get("class", "").split()
        self.skip = skip
        self.cell_control = False
        self.is_th = tag == "th"


class ArticleParser(HTMLParser):
    """The units of text of one page's article: [anchor, kind, text]."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside <article class="md-content__inner">: > 0
        self.stack: list[_Element] = []
        self.units: list[list[str]] = []
        self.parts: list[str] = []
        self.row_text: list[str] = []  # text of td cells of the current row
        self.heading = ""  # anchor of the last heading
        self.last_term = ""
        self.unit_control = False  # the unit being read holds a form control: a blank
        self.interface: list[str] = []  # texts of the page's interface
        self.links: list[list[str]] = []  # [href, text] of the article's links
        self.link: list[str] | None = None  # the link being read
        self.terms: list[str] = []  # the defined terms, each without its other-language name
        self.term: list[str] | None = None  # the term being read

    # -- structure
    def handle_starttag(self, tag, attrs):
        attrs = {k: (v if v is not None else "") for k, v in attrs}
        if not self.depth:
            if tag == "article" and "md-content__inner" in attrs.get("class", "").split():
                self.depth = 1
            return
        if tag in BLOCKS or tag in CELLS:
            self._flush(tag)
        skipped = self._skipping()
        if tag in FIELDS and skipped != DROP and attrs.get("type") != "hidden":
            cell = next((el for el in reversed(self.stack) if el.tag in CELLS), None)
            if cell is not None:
                cell.cell_control = True
            else:
                self.unit_control = True
        if tag in VOID:
            if tag == "br" or tag == "img":
                self.parts.append(" ")
            return
        classes = set(attrs.get("class", "").split())
        if (tag in DROP_TAGS or attrs.get("aria-hidden") == "true" or "data-search-exclude" in attrs
                or classes & SKIP_CLASSES):
            skip = DROP
        elif tag in INTERFACE_TAGS or "hidden" in attrs or classes & INTERFACE_CLASSES:
            skip = UI
        else:
            skip = None
        el = _Element(tag, attrs, skip)
        if tag == "a" and attrs.get("href") and not skipped:
            self.link = [attrs["href"], ""]
            self.links.append(self.link)
        self.stack.append(el)
        if tag in HEADINGS and el.id:
            self.heading = el.id
        if tag == "dt" and el.id:
            self.last_term = el.id
        if tag == "dt" and not skipped:
            self.term = []
        if tag in CELLS:
            self.parts = []

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self.depth and tag not in VOID and self.stack and self.stack[-1].tag == tag:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if not self.depth or tag in VOID:
            return
        if tag == "article" and not any(el.tag == "article" for el in self.stack):
            self._flush(tag)
            self.depth = 0
            return
        if not any(el.tag == tag for el in self.stack):
            return  # a stray end tag
        if tag in CELLS:
            self._end_cell()
        elif tag in BLOCKS:
            self._flush(tag, closing=True)
        while self.stack:
            el = self.stack.pop()
            if el.tag == "a":
                self.link = None
            if el.tag == "dt" and self.term is not None:
                term = " ".join("".join(self.term).split())
                if term:
                    self.terms.append(term)
                self.term = None
            if el.tag == tag:
                break
        if tag == "tr":
            self._end_row()

    def handle_data(self, data):
        if not self.depth:
            return
        mode = self._skipping()
        if mode is None:
            self.parts.append(data)
            if self.link is not None:
                self.link[1] += data
            if self.term is not None and not any(OTHER_LANGUAGE_CLASS in el.classes for el in self.stack):
                self.term.append(data)
        elif mode == UI:
            self.interface.append(data)

    # -- units
    def _skipping(self) -> str | None:
        """DROP inside an element left out, UI inside interface, else None."""
        modes = {el.skip for el in self.stack}
        return DROP if DROP in modes else UI if UI in modes else None

    def _anchor(self) -> str:
        for el in reversed(self.stack):
            if el.id and el.tag not in ("form", "fieldset", "table", "tbody", "ul", "ol", "dl"):
                return el.id
        if self._in("dd") and self.last_term:
            return self.last_term
        return self.heading

    def _in(self, tag: str) -> bool:
        return any(el.tag == tag for el in self.stack)

    def _end_cell(self):
        cell = self.stack[-1] if self.stack and self.stack[-1].tag in CELLS else None
        text = " ".join("".join(self.parts).split())
        self.parts = []
        if cell is None or not text:
            return
        if cell.cell_control:
            self.interface.append(text)
            return
        self.row_text.append(("th" if cell.is_th else "td", text))

    def _end_row(self):
        cells = self.row_text
        self.row_text = []
        if not any(kind == "td" for kind, _ in cells):
            self.interface.extend(text for _, text in cells)
            return
        anchor = self._anchor()
        self.units.append([anchor, TEXT, " ".join(text for _, text in cells)])

    def _flush(self, tag: str, closing: bool = False):
        if self._in("tr") and not (closing and tag == "tr"):
            if tag in CELLS or tag == "tr":
                return
            # blocks inside a cell (lists, paragraphs) stay part of the cell's text
            if any(el.tag in CELLS for el in self.stack):
                self.parts.append(" ")
                return
        text = " ".join("".join(self.parts).split())
        self.parts = []
        blank, self.unit_control = self.unit_control, False
        if not text or self._skipping() == DROP:
            return
        if blank or self._skipping() == UI:
            self.interface.append(text)
            return
        current = self.stack[-1] if self.stack else None
        if closing and current is not None and current.tag in HEADINGS:
            kind = TITLE if current.tag == "h1" else HEADING
            self.units.append([current.id, kind, text])
        elif closing and current is not None and current.tag == "dt":
            self.units.append([current.id or self._anchor(), TERM, text])
        else:
            self.units.append([self._anchor(), TEXT, text])


def read_page(html_text: str) -> ArticleParser:
    parser = ArticleParser()
    parser.feed(html_text)
    parser.close()
    return parser


def page_units(html_text: str) -> list[list[str]]:
    return read_page(html_text).units


def link_target(location: str, href: str) -> str | None:
    """The page (location in the index) a link of the page at `location` points to."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(location), unquote(parts.path)))


def weight(location: str) -> float:
    return DEFINING_WEIGHT if location.startswith(DEFINING_PAGES) else 1


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _natural(location: str) -> list:
    """A sort key that puts standard/s2.html before standard/s10.html."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", location)]


def required_terms(terms: list[str], pages: dict[str, list[list[str]]]) -> dict[str, list[str]]:
    """For each page of the standard, the glossary's terms it is the first to use (in the
    order of its sections): where the standard introduces and requires them."""
    text = {location: "\n".join(_folded(t) for _, kind, t in units if kind == TEXT)
            for location, units in pages.items()}
    first: dict[str, list[str]] = {location: [] for location in pages}
    for term in sorted(set(terms)):
        where = next((loc for loc in sorted(pages, key=_natural) if _folded(term) in text[loc]), None)
        if where is not None:
            first[where].append(term)
    return first


def build_index(tree: Path) -> dict:
    """The index of one language's built tree, from the pages Material indexed."""
    material = json.loads((tree / INDEX).read_text(encoding="utf-8"))
    pages: dict[str, str] = {}
    for doc in material["docs"]:
        location = doc["location"].split("#", 1)[0]
        if location not in pages or "#" not in doc["location"]:
            pages.setdefault(location, doc.get("title", ""))
    order = sorted(pages, key=lambda loc: (loc.count("/"), loc))
    read = {location: read_page((tree / location).read_text(encoding="utf-8")) for location in order}
    names: dict[str, set[str]] = {location: set() for location in order}
    for location, page in read.items():
        for href, text in page.links:
            target = link_target(location, href)
            text = " ".join(text.split())
            if target in names and target != location and text:
                names[target].add(text)
    glossary = read.get(GLOSSARY)
    required = required_terms(glossary.terms if glossary is not None else [],
                              {loc: read[loc].units for loc in order if loc.startswith(STANDARD_PAGES)})
    docs = []
    for location in order:
        units = list(read[location].units)
        units.extend(["", REQUIRED, term] for term in required.get(location, []))
        title = next((text for _, kind, text in units if kind == TITLE), pages[location])
        units.extend(["", NAMES, name] for name in sorted(names[location]))
        interface = " ".join(" ".join(read[location].interface).split())
        if interface:
            units.append(["", INTERFACE, interface])
        docs.append({"location": location, "title": title, "weight": weight(location), "units": units})
    config = material["config"]
    return {"config": {"lang": config.get("lang", []), "separator": config.get("separator", r"[\s]+"),
                       "format": FORMAT}, "docs": docs}


def rewrite(tree: Path) -> int:
    """Replace the builder's index in a built tree by ours; return its size in bytes."""
    if not (tree / INDEX).is_file():
        return 0
    try:
        index = build_index(tree)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BuildError(msg("build.search_index", tree=str(tree), reason=str(exc))) from None
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    (tree / INDEX).write_text(data, encoding="utf-8")
    (tree / INDEX_SCRIPT).write_text(f"var __index = {data}", encoding="utf-8")
    return len(data.encode("utf-8"))
