"""Shared fixtures: the built site, a loopback web server, headless Chromium, a watched
page, the model of the default data, and a writable copy of the data.

The site under test is built once per session from data/ (or taken from
$HANDBOOK_SITE when `make test` has just built it). Every browser page records the
requests it makes; a test fails if any goes anywhere but 127.0.0.1 or file://.

The helpers live in support.py; the names below are re-exported for tests that still
import them from here.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from support import (  # noqa: F401  (re-exported: older tests import these from conftest)
    AXE,
    CHROMIUM,
    CHROMIUM_ARGS,
    DATA,
    LOCALE_VARIABLES,
    ROOT,
    TESTS,
    _QuietHandler,
    axe_violations,
    is_local,
    run_generator,
    standard_block,
    tree_digest,
    watched_page,
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


@pytest.fixture(scope="session")
def handbook():
    """The model of the default data, loaded once for the session (it is immutable)."""
    from generator.commands.load import load

    return load(DATA)


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of the default data folder."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target
