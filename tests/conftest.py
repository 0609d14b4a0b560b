"""Shared fixtures: the built site, a loopback web server, and headless Chromium.

The site under test is built once per session from data/ (or taken from
$HANDBOOK_SITE when `make test` has just built it). Every browser page records the
requests it makes; a test fails if any goes anywhere but 127.0.0.1 or file://.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The build reads "today" from SOURCE_DATE_EPOCH (a revision not yet in effect is announced
# on the pages): every test, and every generator it runs, builds as of 2025-04-01 unless set.
os.environ.setdefault("SOURCE_DATE_EPOCH", "1743465600")
DATA = ROOT / "data"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def tree_digest(root: Path) -> str:
    """One hash of a folder's file names and contents, to prove it was left untouched."""
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        h.update(path.relative_to(root).as_posix().encode())
        if path.is_file():
            h.update(path.read_bytes())
    return h.hexdigest()


def standard_block(block_id: str) -> dict:
    """A block of data/standard.yaml by id, read with plain PyYAML (not the generator)."""
    import yaml

    def walk(value):
        if isinstance(value, dict):
            yield value
            for child in value.values():
                yield from walk(child)
        elif isinstance(value, list):
            for child in value:
                yield from walk(child)

    standard = yaml.safe_load((DATA / "standard.yaml").read_text(encoding="utf-8"))
    (block,) = [v for v in walk(standard) if v.get("id") == block_id]
    return block


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page, include: list[str] | None = None) -> list[str]:
    """WCAG 2.1 A and AA violations axe-core finds on the page (or inside `include`)."""
    # Evaluated by the browser's debugging protocol: the page's Content-Security-Policy,
    # which forbids inline scripts, does not apply to it (a <script> tag would be refused).
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    return page.evaluate(
        """async (include) => {
            const context = include ? {include: include.map(s => [s])} : document;
            const result = await axe.run(context, {
                runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
                resultTypes: ["violations"],
            });
            return result.violations.map(v => v.id + " (" + v.impact + "): " +
                v.nodes.slice(0, 3).map(n => n.target.join(" ") + " :: " + n.failureSummary).join(" | "));
        }""",
        include,
    )


# The locale variables that choose the language of the generator's messages.
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")


def run_generator(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `python -m generator ARGS` as a user would; capture its output. Unless `env` is
    given, in an English locale (the tests' expected messages are English)."""
    if env is None:
        env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}
        env["LANG"] = "C.UTF-8"
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=dict(env, PYTHONPATH=str(ROOT)),
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site built from the default data."""
    given = os.environ.get("HANDBOOK_SITE")
    if given and (Path(given) / "index.html").is_file():
        return Path(given)
    out = tmp_path_factory.mktemp("built") / "site"
    result = run_generator("build", "--site", str(out))
    assert result.returncode == 0, result.stderr
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def http_url(site) -> str:
    """Base URL (ending in /) of the site served on 127.0.0.1."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def file_url(site) -> str:
    """Base URL (ending in /) of the site opened from its folder."""
    return site.resolve().as_uri() + "/"


@pytest.fixture(params=["http", "file"])
def base_url(request, http_url, file_url) -> str:
    """The site's base URL, once over http and once from the folder."""
    return http_url if request.param == "http" else file_url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run 'make test', which installs Debian's chromium")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in ("file", "data", "blob", "about"):
        return True
    return parsed.scheme in ("http", "https") and parsed.hostname == "127.0.0.1"


def watched_page(context):
    """A new page of `context` that records what it does.

    `page.outside_requests` lists every request that left 127.0.0.1/file://;
    `page.console_errors` lists console errors and uncaught exceptions.
    """
    pg = context.new_page()
    pg.outside_requests = []
    pg.console_errors = []
    pg.on("request", lambda req: None if is_local(req.url) else pg.outside_requests.append(req.url))
    pg.on("console", lambda msg: pg.console_errors.append(msg.text) if msg.type == "error" else None)
    pg.on("pageerror", lambda exc: pg.console_errors.append(str(exc)))
    return pg


@pytest.fixture
def page(browser):
    """A fresh watched page (1280 wide: Material's search box shows at this width); the
    test fails at teardown if any request left the machine."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = watched_page(context)
    yield pg
    outside = list(pg.outside_requests)
    context.close()
    assert outside == [], f"requests left the machine: {outside}"


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of the default data folder."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target
