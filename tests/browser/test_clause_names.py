"""The clause page's names per language: on the English page the Japanese clause and the
English translation each have their own names, so "the designated manager" never lands in
the Japanese clause; a name for the Japanese clause with no Japanese in it is pointed out,
never mixed in silently. Only one "Copied." message is on screen at a time. Over http and
from the folder."""

from __future__ import annotations

from urllib.parse import parse_qs, quote, urlparse

import pytest
import yaml

from conftest import ROOT

PAGE = "tools/clause.html"
UI = yaml.safe_load((ROOT / "data" / "ui.yaml").read_text(encoding="utf-8"))["strings"]


@pytest.fixture
def tool(page):
    """conftest's `page`, allowed to use the clipboard (the permissions end with the test)."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    return page


def query(page) -> dict:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


@pytest.mark.http_only
def test_each_language_has_its_own_names_on_the_english_page(tool, base_url):
    tool.goto(base_url + "en/" + PAGE + "?documentType=agreement&article=8")
    tool.fill("#clause-party-a", "指定管理者")
    tool.fill("#clause-party-b", "久喜市")
    tool.fill("#clause-party-a-en", "the designated manager")
    tool.fill("#clause-party-b-en", "the City")
    ja = tool.text_content("#clause-output-ja")
    en = tool.text_content("#clause-output-en")
    assert "第8条 指定管理者及び久喜市" in ja
    assert "the designated manager" not in ja and "the City" not in ja
    assert "the designated manager" in en and "the City" in en
    assert "指定管理者" not in en
    assert query(tool) == {"documentType": "agreement", "article": "8", "numerals": "arabic",
                           "partyA": "指定管理者", "partyB": "久喜市",
                           "partyAEn": "the designated manager", "partyBEn": "the City"}
    assert tool.locator("#clause-warning").is_hidden()
    assert tool.console_errors == []


@pytest.mark.http_only
def test_english_words_typed_for_the_japanese_clause_are_pointed_out(tool, base_url):
    tool.goto(base_url + "en/" + PAGE + "?documentType=agreement&article=8")
    tool.fill("#clause-party-a", "the designated manager")
    warning = tool.locator("#clause-warning")
    assert warning.is_visible()
    expected = UI["clause.warning.party_script"]["en"].replace("{name}", "the designated manager")
    assert expected in warning.inner_text()
    # a Japanese name with Latin letters in it (a company's name) is fine
    tool.fill("#clause-party-a", "株式会社Example")
    assert warning.is_hidden()


@pytest.mark.http_only
def test_a_blank_english_name_takes_the_japanese_one_as_typed_and_the_defaults_otherwise(tool, base_url):
    tool.goto(base_url + "en/" + PAGE + "?documentType=agreement&partyA=" + quote("株式会社久喜"))
    assert "株式会社久喜" in tool.text_content("#clause-output-en")
    tool.fill("#clause-party-a-en", "Kuki Co., Ltd.")
    assert "Kuki Co., Ltd." in tool.text_content("#clause-output-en")
    assert "Kuki Co., Ltd." not in tool.text_content("#clause-output-ja")


def test_the_japanese_page_carries_the_english_names_of_a_link(tool, base_url):
    tool.goto(base_url + PAGE + "?documentType=agreement&partyAEn=" + quote("the manager"))
    tool.fill("#clause-article", "5")
    assert query(tool)["partyAEn"] == "the manager"
    assert "the manager" not in tool.text_content("#clause-output-ja")


def test_only_one_copied_message_at_a_time(tool, base_url):
    tool.goto(base_url + "en/" + PAGE + "?documentType=agreement&article=3")
    tool.click("#clause-copy-ja")
    tool.wait_for_function("() => document.getElementById('clause-copy-ja-status').textContent !== ''")
    tool.click("#clause-copy-en")
    tool.wait_for_function("() => document.getElementById('clause-copy-en-status').textContent !== ''")
    shown = tool.eval_on_selector_all(".hb-copy-status", "els => els.map(e => e.textContent).filter(t => t)")
    assert shown == [UI["clause.copied"]["en"]]
