"""What the tests share: the project's folders, the generator run as a user runs it,
headless Chromium's settings and a watched page, axe-core, and small helpers.

Tests import from here (`from support import DATA, run_generator`); the fixtures that
use these (the built site, its web server, the browser, a page, the model) are in
conftest.py.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import io
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from generator.__main__ import main as generator_main
from generator.commands.serve import Server

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """Base URL (ending in /) of `folder` served on 127.0.0.1 by a plain static handler,
    through the serve command's server (quiet when a browser drops a connection)."""
    server = Server(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in ("file", "data", "blob", "about"):
        return True
    return parsed.scheme in ("http", "https") and parsed.hostname == "127.0.0.1"


def kept_context(browser, **options):
    """A new browser context with one blank page kept open in it until the context closes
    (`context.keeper`). While a context has no page, Chromium lets go of what its pages
    share, and the next page rebuilds it: a page opened and closed in an empty context cost
    twice the processor time of one opened beside a kept page (0.68 against 0.30 CPU-seconds
    for a section of the standard, measured)."""
    context = browser.new_context(**options)
    context.keeper = context.new_page()
    return context


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


# What a page of the site may have kept in its browser profile (Material keeps its palette
# and consent there), cleared after each test in every origin the test's page showed.
CLEAR_STORAGE = """() => { try { localStorage.clear(); sessionStorage.clear(); } catch (e) {} }"""


@contextlib.contextmanager
def fresh_page(context) -> Iterator:
    """A fresh watched page of a kept context (kept_context) for one test. Afterwards the
    context is left as it was found: every page the test opened closed (the kept blank page
    stays), no permission, cookie or stored value; and the test fails if any request left
    the machine."""
    pg = watched_page(context)
    yield pg
    outside = list(pg.outside_requests)
    for opened in context.pages:
        if opened != context.keeper and not opened.is_closed():
            try:
                opened.evaluate(CLEAR_STORAGE)
            except Exception:  # noqa: BLE001 - a page that is gone or busy keeps nothing to clear
                pass
            opened.close()
    context.clear_permissions()
    context.clear_cookies()
    assert outside == [], f"requests left the machine: {outside}"


def run_in_process(*args: str) -> tuple[int, str, str]:
    """The command line (`python -m generator ARGS`) run in this process, in an English
    locale, its output captured: (exit status, stdout, stderr). Cheaper than a process of
    its own; tests that check the exit status of a real process use run_generator()."""
    saved = {name: os.environ.get(name) for name in LOCALE_VARIABLES}
    sigterm = signal.getsignal(signal.SIGTERM)
    out, err = io.StringIO(), io.StringIO()
    try:
        for name in LOCALE_VARIABLES:
            os.environ.pop(name, None)
        os.environ["LANG"] = "C.UTF-8"
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = generator_main(list(args))
    finally:
        signal.signal(signal.SIGTERM, sigterm)  # main() makes SIGTERM an interrupt
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return status, out.getvalue(), err.getvalue()


# The broken-data corpus: one folder per way of breaking the data, each with the files that
# replace the default data's and the lines expected (tests/broken/README.md).
CORPUS = TESTS / "broken"
BROKEN_CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())


def broken_copy(case: str, tmp_path: Path) -> Path:
    """The default data with the case's files in place of its own (any name, any case)."""
    folder = CORPUS / case
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    for replacement in sorted(folder.iterdir()):
        if not (replacement.name.startswith("expected") and replacement.suffix == ".txt") and replacement.name != "_delete":
            shutil.copyfile(replacement, data / replacement.name)
    if (folder / "_delete").is_file():
        for name in (folder / "_delete").read_text().split():
            (data / name).unlink()
    return data


# What one result list shows: for each result (a page), its links, the teaser texts with
# their marks, and the words of the "Missing:" line.
READ_RESULTS = """items => items.map(li => ({
    links: [...li.querySelectorAll('a')].map(a => a.href),
    articles: [...li.querySelectorAll('a > article')].map(article => {
        const copy = article.cloneNode(true);
        copy.querySelectorAll('h1, h2, .md-search-result__terms, .md-search-result__icon, nav').forEach(el => el.remove());
        return {
            href: article.parentElement.href,
            text: copy.textContent,
            marks: [...article.querySelectorAll('mark')].map(m => {
                const text = node => node && node.nodeType === Node.TEXT_NODE ? node.textContent : '';
                const before = text(m.previousSibling);
                const after = text(m.nextSibling);
                return [before.slice(-1), m.textContent, after.slice(0, 1)];
            }),
        };
    }),
    missing: [...li.querySelectorAll('.md-search-result__terms del')].map(d => d.textContent),
}))"""


class SearchBox:
    """Material's search box on one page, reused for many queries."""

    def __init__(self, page, url: str):
        self.page = page
        page.goto(url)
        self.box = page.locator("input.md-search__input")
        self.box.click()

    def results(self, query: str) -> list[dict]:
        """The results for `query`, as READ_RESULTS reads them."""
        # Material rewrites the result count for every result it receives: blank it, type,
        # and wait until it is written again. On a page just opened, the search worker may
        # still be loading its index: it then writes its status instead, or drops the
        # query. An empty list or no answer is asked again, after clearing the box (Material
        # does not search again for an unchanged query); a query that finds nothing still
        # finds nothing, only later.
        results: list[dict] = []
        for _attempt in range(4):
            self.box.fill("")
            self.box.press("End")
            try:  # the results of the query before are cleared first, never read as these
                self.page.wait_for_function("() => !document.querySelector('.md-search-result__list > li')",
                                            timeout=2000)
            except PlaywrightTimeout:
                pass
            self.page.eval_on_selector(".md-search-result__meta", "el => { el.textContent = '' }")
            self.box.fill(query)
            self.box.press("End")  # Material searches on keyup
            try:
                self.page.wait_for_function(
                    "() => document.querySelector('.md-search-result__meta').textContent !== ''", timeout=5000
                )
            except PlaywrightTimeout:
                continue
            results = self.page.eval_on_selector_all(".md-search-result__list > li", READ_RESULTS)
            if results:
                break
            self.page.wait_for_timeout(500)
        return results

    def links(self, query: str) -> list[str]:
        """The links of every result for `query`, read at once (absolute URLs)."""
        return [link for item in self.results(query) for link in item["links"]]


def search(page, url: str, query: str) -> list[str]:
    """Open `url`, search for `query` in Material's search box; the result links."""
    return SearchBox(page, url).links(query)

