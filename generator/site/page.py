"""What every page module shares, and nothing above it: the page record, the escaping of
data text, and the relations between built paths. A leaf of the site layer."""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from ..model import Text


@dataclass(frozen=True)
class Page:
    """One generated page: its staging path (same in both languages) and its bodies."""

    path: str  # e.g. "standard/s4.md"
    title: Text
    body: dict  # lang -> Markdown/HTML text
    nav: str | None = None  # the nav group key (a UI key), None for top level


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


# The staging path of each page that other pages link to, written once: the page module
# that makes it and the pages that link to it read it here (the standard's section pages
# and the glossary are placed by the model: `section_page`, `GLOSSARY_PAGE`).
HOME_PAGE = "index.md"
STANDARD_INDEX = "standard/index.md"
SCHEDULE_PAGE = "tools/schedule.md"
RULES_PAGE = "tools/audit-rules.md"  # the anchor of each contract type's rules on it: `rules_anchor`
PLAN_PAGE = "tools/plan.md"
REVIEW_PAGE = "tools/review.md"
CLAUSE_PAGE = "tools/clause.md"
REVISIONS_PAGE = "revisions.md"
ABOUT_PAGE = "about.md"  # hand-written (content/)
MAINTAINERS_PAGE = "maintainers.md"  # hand-written (content/)


def rules_anchor(type_id: str) -> str:
    """The anchor of a contract type's rules on RULES_PAGE."""
    return f"rules-{type_id}"


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
