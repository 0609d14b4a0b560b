"""Shared fixtures: the built site, a loopback web server, headless Chromium, a watched
page, the model of the default data, and a writable copy of the data.

The site under test is built once per session from data/ (or taken from
$HANDBOOK_SITE when `make test` has just built it). Every browser page records the
requests it makes; a test fails if any goes anywhere but 127.0.0.1 or file://.

The helpers live in support.py; the names below are re-exported for tests that still
import them from here.
"""

from __future__ import annotations

import os
import shutil
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
    served,
    axe_violations,
    is_local,
    kept_context,
    fresh_page,
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
    with served(site) as url:
        yield url


@pytest.fixture(scope="session")
def file_url(site) -> str:
    """Base URL (ending in /) of the site opened from its folder."""
    return site.resolve().as_uri() + "/"


# The kinds of test, one folder each (`pytest -m browser` selects a kind across folders).
KINDS = {
    "unit": "the generator's code in-process, no site built",
    "golden": "generated pages against their checked-in copies",
    "site": "the built site's files, read without a browser",
    "cli": "the commands as a user runs them: build, check, serve, diff",
    "browser": "the pages in headless Chromium",
    "print": "print-outs read back from PDF",
}


def pytest_configure(config):
    for kind, what in KINDS.items():
        config.addinivalue_line("markers", f"{kind}: {what} (tests/{kind}/)")
    config.addinivalue_line(
        "markers", "http_only: the page behaves the same from a folder; `base_url` is http alone")


def pytest_collection_modifyitems(items):
    for item in items:
        kind = Path(str(item.path)).parent.name
        if kind in KINDS:
            item.add_marker(kind)


def pytest_generate_tests(metafunc):
    """`base_url` is the site over http and from its folder (file://), where the two differ:
    the search worker, the JSON island, the address's query rewritten as one types,
    downloads, the clipboard, the security policy. A test marked `http_only` checks what a
    page does the same way from either, once."""
    if "base_url" in metafunc.fixturenames:
        only_http = metafunc.definition.get_closest_marker("http_only") is not None
        metafunc.parametrize("base_url", ["http"] if only_http else ["http", "file"], indirect=True)


@pytest.fixture
def base_url(request, http_url, file_url) -> str:
    """The site's base URL, once over http and once from the folder (see above)."""
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


@pytest.fixture(scope="module")
def _page_context(browser):
    """The browser context of a test file's pages (a context is a fresh profile; making one
    for every test cost more than a tenth of a second each)."""
    context = kept_context(browser, viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture
def page(_page_context):
    """A fresh watched page (1280 wide: Material's search box shows at this width), in its
    test file's context, left as it found it (support.fresh_page); the test fails at teardown
    if any request left the machine."""
    with fresh_page(_page_context) as pg:
        yield pg


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
