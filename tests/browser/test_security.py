"""Hostile input and script hygiene: every page carries a Content-Security-Policy <meta>
(generator/builder.py `POLICY`, `add_policy`) that forbids every host but the page's own,
inline event handlers, `javascript:` URLs, eval and outside scripts; the pages, search
and every tool run under it without a violation, over http and from a folder (file://);
and our scripts use none of what it forbids.

What a <meta> policy cannot carry (frame-ancestors, report-uri/report-to, sandbox: CSP3
§4.2.2.1 ignores them in a <meta>) is left to the web server's headers; the README says so.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from generator.builder import POLICY, policy_for
from support import ROOT, TESTS, search

OUR_SCRIPTS = sorted((ROOT / "theme" / "assets" / "handbook").glob("*.js"))
_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')

COLLECT_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation",
    e => window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline")));
"""


def _pages(site: Path) -> list[str]:
    return [p.relative_to(site).as_posix() for p in sorted(site.rglob("*.html"))]


def test_every_page_carries_the_policy_before_any_script(site):
    for path in _pages(site):
        page = (site / path).read_text(encoding="utf-8")
        metas = _META.findall(page)
        assert len(metas) == 1, path
        head = page[:page.index("</head>")]
        assert head.index("Content-Security-Policy") < head.index("<script"), path
        policy = html.unescape(metas[0])
        assert policy == policy_for(page.replace(_META.search(page).group(0), "")), path
        sources = {word for directive in policy.split(";") for word in directive.split()[1:]}
        hashes = {s for s in sources if s.startswith("'sha256-")}
        assert sources - hashes <= {"'self'", "'none'", "'unsafe-inline'", "data:", "blob:"}, path
        assert "'unsafe-eval'" not in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]


def test_the_policy_names_no_host():
    assert not re.search(r"https?:|\*|//", POLICY)


def test_every_page_runs_under_its_policy_without_a_violation(browser, site, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(COLLECT_VIOLATIONS)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    seen = {}
    for path in _pages(site):
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        seen[path] = page.evaluate("window.__csp")
    context.close()
    assert {p: v for p, v in seen.items() if v} == {}
    assert errors == []


def expected_page(lang: str, query: str) -> str:
    """The page a query must find, from the query set (tests/search-queries.json)."""
    queries = json.loads((TESTS / "search-queries.json").read_text(encoding="utf-8"))
    return next(q["page"] for q in queries[lang] if q["query"] == query)


@pytest.mark.parametrize("prefix, query, expected", [
    ("", "是正計画書", expected_page("ja", "是正計画書")),
    ("en/", "subcontracting", expected_page("en", "subcontracting")),
])
def test_search_works_under_the_policy(browser, base_url, prefix, query, expected):
    """Over http with real workers, from a folder with the frame shim: results (the query's
    page among them, as the query set expects), no violation."""
    context = browser.new_context()
    context.add_init_script(COLLECT_VIOLATIONS)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    hrefs = search(page, base_url + prefix + "index.html", query)
    assert any(href.split("?")[0].split("#")[0].endswith(expected) for href in hrefs), (expected, hrefs)
    assert page.evaluate("window.__csp") == [] and errors == []
    context.close()


def test_the_policy_really_blocks_handlers_scripts_and_other_hosts(browser, base_url):
    """The checks above can fail: what a hostile page would do is refused and reported."""
    context = browser.new_context()
    context.add_init_script(COLLECT_VIOLATIONS)
    page = context.new_page()
    finished, failed = [], []
    page.on("requestfinished", lambda r: finished.append(r.url))
    page.on("requestfailed", lambda r: failed.append((r.url, r.failure)))
    page.goto(base_url + "index.html")
    page.evaluate("""() => {
        const b = document.createElement('img');
        b.setAttribute('onerror', 'window.__ran = 1'); b.src = 'x-missing.png'; document.body.append(b);
        const s = document.createElement('script'); s.textContent = 'window.__ran = 2'; document.body.append(s);
        const r = document.createElement('img'); r.src = 'http://192.0.2.1/x.png'; document.body.append(r);
        const f = document.createElement('iframe'); f.src = 'https://192.0.2.1/'; document.body.append(f);
    }""")
    page.wait_for_timeout(500)
    assert page.evaluate("window.__ran") is None
    violations = page.evaluate("window.__csp")
    assert any(v.startswith("script-src") for v in violations), violations
    assert any(v.startswith("img-src http://192.0.2.1") for v in violations), violations
    assert any(v.startswith("frame-src https://192.0.2.1") for v in violations), violations
    assert not [u for u in finished if "192.0.2.1" in u]
    assert [why for url, why in failed if "192.0.2.1" in url] == ["csp"], failed
    context.close()


@pytest.mark.parametrize("script", OUR_SCRIPTS, ids=lambda p: p.name)
def test_our_scripts_use_no_eval_and_no_markup_from_strings(script):
    code = script.read_text(encoding="utf-8")
    assert not re.search(r"\beval\s*\(|new\s+Function\s*\(|setTimeout\s*\(\s*['\"]", code)
    assert not re.search(r"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write", code)
