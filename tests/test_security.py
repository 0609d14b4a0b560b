"""Hostile input and script hygiene: our pages run under a Content-Security-Policy that
forbids inline event handlers, eval and outside scripts, and our scripts use none."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path

import pytest

from csp import policy_for

ROOT = Path(__file__).resolve().parent.parent
OUR_SCRIPTS = sorted((ROOT / "theme" / "assets" / "handbook").glob("*.js"))

COLLECT_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation",
    e => window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline")));
"""


class _CSPHandler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        path = Path(self.translate_path(self.path.split("?")[0]))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            self.send_header("Content-Security-Policy", policy_for(path.read_text(encoding="utf-8")))
        super().end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def csp_url(site):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_CSPHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def _pages(site: Path) -> list[str]:
    return [p.relative_to(site).as_posix() for p in sorted(site.rglob("*.html"))]


def test_every_page_runs_under_the_policy_without_a_violation(browser, site, csp_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(COLLECT_VIOLATIONS)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    seen = {}
    for path in _pages(site):
        page.goto(csp_url + path)
        page.wait_for_load_state("load")
        seen[path] = page.evaluate("window.__csp")
    context.close()
    assert {p: v for p, v in seen.items() if v} == {}
    assert errors == []


def test_the_policy_really_blocks_an_inline_handler(browser, csp_url):
    """The check above can fail: an injected inline handler is reported as a violation."""
    context = browser.new_context()
    context.add_init_script(COLLECT_VIOLATIONS)
    page = context.new_page()
    page.goto(csp_url + "index.html")
    page.evaluate("""() => { const b = document.createElement('img');
        b.setAttribute('onerror', 'window.__ran = 1'); b.src = 'x-missing.png'; document.body.append(b); }""")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__ran") is None
    assert any("script-src" in v for v in page.evaluate("window.__csp"))
    context.close()


@pytest.mark.parametrize("script", OUR_SCRIPTS, ids=lambda p: p.name)
def test_our_scripts_use_no_eval_and_no_markup_from_strings(script):
    code = script.read_text(encoding="utf-8")
    assert not re.search(r"\beval\s*\(|new\s+Function\s*\(|setTimeout\s*\(\s*['\"]", code)
    assert not re.search(r"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write", code)
