"""What a hand-written page (`content/<lang>/*.md`) may hold, so that the offline and
safety promises hold for it as for the data (documented for maintainers in
`content/*/maintainers.md`, "Hand-written pages"):

- text and the Markdown a maintainer needs: headings, paragraphs, lists, tables, emphasis,
  code, links, images of the content folder;
- links to pages of the site (`[text](maintainers.md)`, relative to the page, to a page or
  file that exists) and to the internet as plain links (`http:`, `https:`, `mailto:`),
  which only leave when clicked;
- images only from the content folder of the same language (never `![](https://…)`:
  the page would contact that host on opening);
- raw HTML only as a few text elements (`ALLOWED_TAGS`) with harmless attributes
  (`ALLOWED_ATTRIBUTES`); nothing that loads or runs anything: no `<script>`, `<img>`,
  `<iframe>`, `<link>`, `<style>`, `<object>`, `<a>` (write a Markdown link), no `style`,
  `src`, `href`, `on…` attributes, in HTML or in `{ … }` attribute lists;
- no link scheme but `http:`, `https:`, `mailto:` (never `javascript:`, `data:`, `file:`).

Every problem is located (FILE:LINE:COLUMN). Code (fenced blocks, indented blocks after a
blank line, `inline code`) is text and not scanned.
"""

from __future__ import annotations

import posixpath
import re
import urllib.parse

from ..errors import Problem
from ..messages import Msg, msg

ALLOWED_TAGS = frozenset({
    "abbr", "b", "br", "code", "dd", "del", "div", "dl", "dt", "em", "i", "ins", "kbd", "mark",
    "s", "small", "span", "strong", "sub", "sup", "u",
})
ALLOWED_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "dir", "markdown"})
LINK_SCHEMES = ("http", "https", "mailto")

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]*:[^\s<>]*)>")
_EMAIL = re.compile(r"<[^\s<>@]+@[^\s<>]+>")
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9\-]*)((?:[^<>\"']|\"[^\"]*\"|'[^']*')*)/?>?")
_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?""")
_INLINE_LINK = re.compile(
    r"(!?)\[((?:[^\[\]\\]|\\.|\[[^\]]*\])*)\]\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
_REF_USE = re.compile(r"(!?)\[((?:[^\[\]\\]|\\.)*)\]\[([^\]]*)\]")
_REF_DEF = re.compile(r"^ {0,3}\[((?:[^\]\\]|\\.)+)\]:\s*(<[^>\n]*>|\S+)", re.M)
_ATTR_LIST = re.compile(r"\{:?[ \t]*((?:[.#][\w\-]+|[^\s{}=]+=(?:\"[^\"]*\"|'[^']*'|[^\s{}]+))(?:[ \t]+(?:[.#][\w\-]+|[^\s{}=]+=(?:\"[^\"]*\"|'[^']*'|[^\s{}]+)))*)[ \t]*\}")


def _masked(text: str) -> str:
    """The text with code replaced by spaces (positions kept): fenced blocks, indented
    blocks after a blank line, code spans."""
    lines = text.split("\n")
    fence = None
    previous_blank = True
    in_indented = False
    for i, line in enumerate(lines):
        m = _FENCE.match(line)
        if fence is not None:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not line.strip(" `~"):
                fence = None
            lines[i] = " " * len(line)
            continue
        if m:
            fence = m.group(1)
            lines[i] = " " * len(line)
            continue
        indented = line.startswith("    ") or line.startswith("\t")
        if indented and (previous_blank or in_indented) and line.strip():
            in_indented = True
            lines[i] = " " * len(line)
        elif line.strip():
            in_indented = False
        previous_blank = not line.strip()
    masked = "\n".join(lines)
    masked = _CODE_SPAN.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), masked)
    return _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), masked)


def _target(raw: str) -> str:
    raw = raw.strip()
    if raw.startswith("<") and raw.endswith(">"):
        raw = raw[1:-1]
    return raw


def _where(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _link_problem(target: str, image: bool, page: str, exists, anchors) -> Msg | None:
    """What is wrong with one link (or image) target of `page`, or None."""
    scheme = _SCHEME.match(target)
    shown = target if len(target) <= 60 else target[:57] + "…"
    if image:
        if scheme or target.startswith("//"):
            return msg("content.image_elsewhere", target=shown)
    elif scheme:
        if scheme.group(1).lower() not in LINK_SCHEMES:
            return msg("content.link_scheme", scheme=scheme.group(1).lower())
        return None
    elif target.startswith("//"):
        return msg("content.link_no_scheme", target=shown)
    if target.startswith("/"):
        return msg("content.link_absolute", target=shown)
    path = urllib.parse.unquote(target.split("#", 1)[0].split("?", 1)[0])
    fragment = urllib.parse.unquote(target.split("#", 1)[1]) if "#" in target else ""
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
    if resolved.startswith("../") or resolved == "..":
        return msg("content.link_outside", target=shown)
    if not exists(resolved):
        return msg("content.image_missing" if image else "content.link_missing", target=shown, path=resolved)
    if fragment and resolved.endswith(".md") and fragment not in anchors(resolved):
        return msg("content.anchor_missing", page=resolved, target=shown, anchor=fragment)
    return None


def page_problems(where: str, page: str, text: str, exists, anchors) -> list[Problem]:
    """Every problem of one hand-written page: `where` as shown, `page` its path in the
    language's tree, `exists(path)` whether a page or file of that tree exists,
    `anchors(path)` the anchors of a page of that tree."""
    body = _masked(text)
    problems: list[Problem] = []

    def add(offset: int, message: Msg) -> None:
        line, column = _where(text, offset)
        problems.append(Problem(where, line, column, "$", message))

    for m in _AUTOLINK.finditer(body):
        if message := _link_problem(m.group(1), False, page, exists, anchors):
            add(m.start(), message)
    autolinks = {m.start() for m in _AUTOLINK.finditer(body)} | {m.start() for m in _EMAIL.finditer(body)}
    for m in _TAG.finditer(body):
        if m.start() in autolinks or m.group(0).startswith("</"):
            continue
        name = m.group(1).lower()
        if name not in ALLOWED_TAGS:
            add(m.start(), msg("content.html_link" if name == "a" else "content.html_element", name=name))
            continue
        for a in _ATTR.finditer(m.group(2)):
            attribute = a.group(1).lower()
            if attribute not in ALLOWED_ATTRIBUTES:
                add(m.start(2) + a.start(), msg("content.html_attribute", allowed=", ".join(sorted(ALLOWED_ATTRIBUTES)),
                                                name=name, found=attribute))
    for m in _ATTR_LIST.finditer(body):
        for token in m.group(1).split():
            key = token.split("=", 1)[0].lower()
            if "=" in token and key not in ALLOWED_ATTRIBUTES:
                add(m.start(1) + m.group(1).index(token), msg("content.attribute_list", found=key))
    refs = {}
    for m in _REF_DEF.finditer(body):
        refs[m.group(1).strip().lower()] = m
    for m in _INLINE_LINK.finditer(body):
        if message := _link_problem(_target(m.group(3)), m.group(1) == "!", page, exists, anchors):
            add(m.start(3), message)
    images = {(m.group(3) or m.group(2)).strip().lower() for m in _REF_USE.finditer(body) if m.group(1)}
    for label, m in refs.items():
        if message := _link_problem(_target(m.group(2)), label in images, page, exists, anchors):
            add(m.start(2), message)
    return problems
