"""Guarantees about the built tree as a whole: no broken internal link or anchor, no
reference to any outside resource, and the same data always gives the same bytes."""

from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from support import run_generator
from generator.model import LANGS, prefix


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str]] = []  # (attribute, value)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("id", "name"):
            if a.get(key) and (key == "id" or tag == "a"):
                self.ids.add(a[key])
        for key in ("href", "src"):
            if a.get(key) is not None:
                self.refs.append((tag, a[key]))


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_no_broken_internal_link_or_anchor_anywhere(site):
    pages = {p: _parse(p) for p in sorted(site.rglob("*.html"))}
    assert len(pages) >= 20
    broken = []
    for page, links in pages.items():
        for _tag, ref in links.refs:
            parts = urlsplit(ref)
            if parts.scheme in ("mailto", "data", "blob") or ref.startswith("javascript:void"):
                continue
            if parts.scheme or parts.netloc:
                broken.append((page.relative_to(site), ref, "outside link"))
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append((page.relative_to(site), ref, "no such file"))
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append((page.relative_to(site), ref, "no such anchor"))
    assert broken == []


def test_nothing_in_the_site_points_outside_the_machine(site):
    """No page, stylesheet or script loads anything from an outside address."""
    offenders = []
    pattern = re.compile(rb"""(?:src|href)\s*=\s*["']?(?:https?:)?//|@import\s+url\(\s*["']?(?:https?:)?//|url\(\s*["']?https?://""")
    for path in sorted(site.rglob("*")):
        if path.suffix in (".html", ".css") and path.is_file():
            for match in pattern.finditer(path.read_bytes()):
                offenders.append((path.relative_to(site).as_posix(), match.group(0)[:40]))
    assert offenders == []


def test_the_site_holds_no_file_of_materials_own_search(site):
    """The handbook's worker answers Material's search box (theme/main.html): Material's
    search worker and lunr's language files are never loaded, so they are not in the site
    (about 1 MB a language)."""
    for lang in LANGS:
        javascripts = site / prefix(lang) / "assets" / "javascripts"
        assert sorted(p.name for p in javascripts.glob("bundle.*.min.js"))  # Material's own script is there
        left = [p.relative_to(site).as_posix() for p in javascripts.rglob("*")
                if {"lunr", "workers"} & set(p.relative_to(javascripts).parts)]
        assert left == []
    for path in site.rglob("*.html"):
        assert b"lunr" not in path.read_bytes() and b"javascripts/workers" not in path.read_bytes(), path


def _digests(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_two_builds_of_the_same_data_are_byte_identical(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        result = run_generator("build", "--site", str(out))
        assert result.returncode == 0, result.stderr
    a, b = _digests(first), _digests(second)
    assert sorted(a) == sorted(b)
    assert [path for path in a if a[path] != b[path]] == []
