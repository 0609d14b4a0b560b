"""The home page sends each reader where they need to go: a card for every tool and reading
page (the rules page among them), and a short overview of the path of one contract
(requirements and selection, notice, contract, checks, end) that leads to the contract page.
Its words come from data/ui.yaml."""

from __future__ import annotations

import re

import pytest

from generator.commands.load import load
from generator.site.pages.home import PATH_STEPS

from conftest import DATA

LANGS = (("ja", ""), ("en", "en/"))


@pytest.fixture(scope="module")
def hb():
    return load(DATA)


def cards(html: str) -> dict[str, str]:
    """Card title -> the link it carries."""
    return {title: href for href, title in
            re.findall(r'<h2 class="hb-card__title"><a href="([^"]+)">([^<]+)</a>', html)}


@pytest.mark.parametrize("lang,prefix", LANGS)
def test_a_card_leads_to_the_rules_page(site, hb, lang, prefix):
    html = (site / prefix / "index.html").read_text(encoding="utf-8")
    found = cards(html)
    assert found[hb.t("home.card.rules.title", lang)] == "tools/audit-rules.html"
    assert hb.t("home.card.rules.text", lang) in html
    for href in found.values():
        assert (site / prefix / href).is_file(), href


@pytest.mark.parametrize("lang,prefix", LANGS)
def test_the_path_of_a_contract_is_shown_in_order_and_leads_to_the_contract_page(site, hb, lang, prefix):
    html = (site / prefix / "index.html").read_text(encoding="utf-8")
    section = re.search(r'<section class="hb-path".*?</section>', html, re.S).group(0)
    titles = re.findall(r'<span class="hb-path__title">([^<]+)</span>', section)
    assert titles == [hb.t(f"home.path.{step}.title", lang) for step in PATH_STEPS]
    texts = re.findall(r'<span class="hb-path__text">([^<]+)</span>', section)
    assert len(texts) == len(PATH_STEPS) and all(texts)
    link = re.search(r'<p class="hb-path__link"><a href="([^"]+)">([^<]+)</a>', section)
    assert link.group(1) == "tools/schedule.html"
    assert link.group(2) == hb.t("home.path.link", lang)
    assert "{number" not in section


@pytest.mark.http_only
def test_the_path_is_read_in_order_by_a_screen_reader(page, base_url, hb):
    page.goto(base_url + "index.html")
    heading = page.get_by_role("heading", name=hb.t("home.path.title", "ja"))
    assert heading.is_visible()
    items = page.locator(".hb-path__steps > li")
    assert items.count() == len(PATH_STEPS)
    page.get_by_role("link", name=hb.t("home.path.link", "ja")).click()
    assert page.url.split("?")[0].endswith("tools/schedule.html")
