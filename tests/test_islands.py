"""The page scripts and their data in the built pages: every page loads each script it
asks for after the scripts that one needs, once; a tool page's JSON island holds exactly
the keys of rules.json its scripts read (`SCRIPTS` in generator/site/renderer.py), with the
same values as rules.json, the citations and locations only of the records they name."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import yaml

from generator.builder import BASE_CONFIG, SEARCH_HIGHLIGHT, SHIM_PATH
from generator.site.renderer import BY_RECORD, SCRIPTS, VENDORED

# The scripts the builder puts on every page (search, the language switch), not asked for by
# a template: the shim, the search marks and the base configuration's extra_javascript.
BUILDER_SCRIPTS = {path.rsplit("/", 1)[-1] for path in (
    SEARCH_HIGHLIGHT, SHIM_PATH, *yaml.safe_load(BASE_CONFIG.read_text(encoding="utf-8")).get("extra_javascript", []))}

# A page script, or a script copied from npm (VENDORED), by its name in SCRIPTS.
_BY_PATH = {path: name for name, path in VENDORED.items()}
_TAG = re.compile(r'<script src="(?:\.\./)*(assets/(?:handbook/[a-z-]+\.js|vendor/[a-z-]+/[a-z-]+\.js))"></script>')


class TAG:
    """The names of the scripts a page loads, in order."""

    @staticmethod
    def findall(html: str) -> list[str]:
        names = [_BY_PATH.get(p, p.rsplit("/", 1)[-1]) for p in _TAG.findall(html) if p in _BY_PATH or "/handbook/" in p]
        # the scripts the builder adds to every page (search), not asked for by a template
        return [n for n in names if n not in BUILDER_SCRIPTS]

    @staticmethod
    def search(html: str):
        return TAG.findall(html)
ISLAND = re.compile(r'<script id="handbook-rules" type="application/json">(.*?)</script>', re.S)
TOOLS = ["tools/schedule.html", "tools/plan.html", "tools/clause.html", "tools/review.html"]


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if TAG.search(p.read_text(encoding="utf-8")))


def test_every_script_comes_once_after_what_it_needs(site):
    pages = _pages(site)
    assert len(pages) >= 2 * (len(TOOLS) + 3)  # tools, audit rules and the two checklists, both languages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        names = TAG.findall(html)
        assert len(names) == len(set(names)), page
        for i, name in enumerate(names):
            assert (site / VENDORED.get(name, "assets/handbook/" + name)).is_file(), name
            for need in SCRIPTS[name][0]:
                assert need in names[:i], f"{page.relative_to(site)}: {need} after {name}"
        island = ISLAND.search(html)
        if island:
            # the island comes before every script that reads it
            readers = [n for n in names if SCRIPTS[n][1]]
            assert html.index(island.group(0)) < min(html.index(VENDORED.get(n, f"assets/handbook/{n}")) for n in readers)


@pytest.mark.parametrize("path", TOOLS + ["en/" + p for p in TOOLS])
def test_a_tool_page_island_holds_only_what_its_scripts_read(site, path):
    rules = json.loads((site / "assets/handbook/rules.json").read_text(encoding="utf-8"))
    html = (site / path).read_text(encoding="utf-8")
    islands = ISLAND.findall(html)
    assert len(islands) == 1
    island = json.loads(islands[0])
    wanted = {key for name in TAG.findall(html) for key in SCRIPTS[name][1]}
    assert set(island) == wanted
    assert set(island) < set(rules)
    for key, value in island.items():
        if key in BY_RECORD:
            assert value and all(rules[key][rid] == v for rid, v in value.items())
            named = json.dumps({k: v for k, v in island.items() if k not in BY_RECORD}, ensure_ascii=False)
            assert all(json.dumps(rid) in named for rid in value)
        else:
            assert value == rules[key], key
    # every record an event of the calculator can cite is in a schedule page's island
    if "schedule" in island and "citations" in island:
        cfg = rules["schedule"]
        sources = {cfg["beforeContract"]["source"]} | {
            s for t in cfg["types"].values() for c in t["checks"] for s in (c["source"], (c["onsite"] or {}).get("source")) if s
        }
        assert sources <= set(island["citations"])
    assert len(islands[0].encode("utf-8")) < 0.6 * len(json.dumps(rules, ensure_ascii=False).encode("utf-8"))
