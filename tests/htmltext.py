"""Read the visible text of a built page's article, without permalinks and page furniture."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

SKIP_CLASSES = {"headerlink", "hb-anchor", "hb-original", "hb-tnote", "hb-flow"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _ArticleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside <article> when > 0
        self.skip = 0
        self.stack: list[bool] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        if tag == "article":
            self.depth += 1
        skipping = bool(classes & SKIP_CLASSES) or tag in ("script", "style")
        self.stack.append(skipping)
        if skipping:
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in VOID or not self.stack:
            return
        if self.stack.pop():
            self.skip -= 1
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)


def article_text(path: Path) -> str:
    parser = _ArticleText()
    parser.feed(path.read_text(encoding="utf-8"))
    return "".join(parser.parts)


def squeeze(text: str) -> str:
    """Drop all white space (Japanese text has no meaningful spaces between words)."""
    return "".join(text.split())
