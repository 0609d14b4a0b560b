"""Names every JavaScript object inherits (`__proto__`, `constructor`, …) arriving in the
URL are unknown values like any other: the calculator and the clause generator show their
usual message in the page's language and never throw. A party name with a line break or a
bidirectional control character is refused with a visible message."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest

INHERITED = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"]


@pytest.fixture(scope="module")
def rules(site):
    return json.loads((site / "assets/handbook/rules.json").read_text(encoding="utf-8"))


def before_placeholder(template: str) -> str:
    return template.split("{")[0]


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("key", INHERITED)
def test_an_inherited_name_as_contract_type_is_an_unknown_type(page, http_url, rules, key, lang):
    prefix = "" if lang == "ja" else "en/"
    page.goto(http_url + prefix + "tools/schedule.html?" + urlencode({"type": key, "start": "2025-04-01", "end": "2026-03-31"}))
    page.wait_for_load_state("load")
    message = before_placeholder(rules["schedule"]["messages"]["type_unknown"][lang])
    page.wait_for_function("m => document.body.innerText.includes(m)", arg=message, timeout=5000)
    assert page.console_errors == []


@pytest.mark.parametrize("key", INHERITED)
def test_an_inherited_name_as_document_type_or_numerals_is_explained(page, http_url, key):
    page.goto(http_url + "tools/clause.html?" + urlencode({"documentType": key, "numerals": key}))
    page.wait_for_load_state("load")
    assert page.locator("#clause-documentType-error").is_visible()
    assert page.locator("#clause-numerals-error").is_visible()
    assert page.console_errors == []


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("name", ["受注者\u202e者注発", "A\u2066B\u2069", "A\nB", "A\u2028B"])
def test_a_party_name_with_a_line_break_or_bidi_control_is_refused_visibly(page, http_url, rules, name, lang):
    prefix = "" if lang == "ja" else "en/"
    page.goto(http_url + prefix + "tools/clause.html?" + urlencode({"partyA": name}))
    page.wait_for_load_state("load")
    error = page.locator("#clause-party-a-error")
    assert error.is_visible()
    assert before_placeholder(rules["clause"]["messages"]["partyControl"][lang]) in error.inner_text()
    outputs = page.locator("[id^=clause-output-]:not([id$=label])").all_text_contents()
    assert outputs and not any(name in text for text in outputs)
    # typing a bidi control into the field is refused the same way
    page.fill("#clause-party-a", "甲\u202e乙")
    assert error.is_visible()
    assert "甲\u202e乙" not in page.text_content("#clause-output-ja")
    page.fill("#clause-party-a", "甲乙")
    assert not error.is_visible()
    assert page.console_errors == []
