"""The clause generator page in a browser, over http and from the folder (file://).

A link reproduces a clause; the form updates the clause and the link as you go; the copy
buttons put plain text on the clipboard; whatever arrives in the URL stays text.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
import yaml

from support import DATA, axe_violations, standard_block, watched_page

PAGE = "tools/clause.html"
EN_PAGE = "en/tools/clause.html"


def _load(name: str):
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def standard_clause(lang: str) -> str:
    """The model clause of section 4(3) as the standard prints it: the heading on its own
    line, then the article, a space and the sentence."""
    block = standard_block("s4-3-clause")
    return f"{block['heading'][lang]}\n{block['article'][lang]} {block['text'][lang]}"


CITY = _load("document.yaml")["municipality"]
UI = _load("ui.yaml")["strings"]


def js_errors(page) -> list[str]:
    """Console errors of the page."""
    return list(page.console_errors)


@pytest.fixture(scope="module")
def _shared(browser):
    """One browser page per base URL, shared by this module's tests (loading is the slow part)."""
    pages: dict = {}
    yield pages
    for pg in pages.values():
        pg.context.close()


@pytest.fixture
def tool(_shared, browser, base_url):
    """Like conftest's `page` (fails on any request leaving the machine; collects console
    errors), with clipboard permissions, reused across tests for the same base URL."""
    if base_url not in _shared:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        _shared[base_url] = watched_page(context)
    pg = _shared[base_url]
    pg.console_errors.clear()
    yield pg
    outside = list(pg.outside_requests)
    pg.outside_requests.clear()
    assert outside == [], f"requests left the machine: {outside}"


def query(page) -> dict:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def visible(page, selector: str) -> bool:
    return page.locator(selector).is_visible()


@pytest.mark.http_only
def test_a_link_with_contract_shows_the_standards_clause_word_for_word(tool, base_url):
    tool.goto(base_url + PAGE + "?documentType=contract")
    assert tool.text_content("#clause-output-ja") == standard_clause("ja")
    assert tool.is_checked("#clause-type-contract")
    assert tool.locator("#clause-result-panel .hb-model-label:visible").count() == 0
    source = tool.locator("#clause-result-panel a[data-document-type=contract]")
    assert source.is_visible()
    assert source.get_attribute("href") == "../standard/s4.html#s4-3-clause"
    assert not visible(tool, "#clause-documentType-error")
    # The English tool shows the Japanese text for the contract and the reference translation.
    tool.goto(base_url + EN_PAGE + "?documentType=contract")
    assert tool.text_content("#clause-output-ja") == standard_clause("ja")
    assert tool.text_content("#clause-output-en") == standard_clause("en")
    assert js_errors(tool) == []


@pytest.mark.http_only
def test_a_link_with_agreement_article_12_and_kanji_shows_the_agreement_clause(tool, base_url):
    tool.goto(base_url + PAGE + "?documentType=agreement&article=12&numerals=kanji")
    text = tool.text_content("#clause-output-ja")
    heading, line = text.split("\n")
    assert heading == "（個人情報の保護）"
    assert line.startswith(f"第十二条 指定管理者及び{CITY['ja']}は、この協定による業務")
    assert line.endswith("別記「個人情報の取扱いに関する特記仕様書」を遵守しなければならない。")
    assert tool.is_checked("#clause-type-agreement")
    assert tool.is_checked("#clause-numerals-kanji")
    assert tool.input_value("#clause-article") == "12"
    label = tool.locator("#clause-result-panel .hb-model-label:visible")
    assert label.count() == 1 and label.text_content() == UI["notice.model_label"]["ja"]
    assert tool.get_attribute("#clause-party-b", "placeholder").endswith(CITY["ja"])
    tool.goto(base_url + EN_PAGE + "?documentType=agreement&article=12&numerals=kanji")
    assert tool.text_content("#clause-output-ja").split("\n")[1].startswith("第十二条 ")
    assert tool.text_content("#clause-output-en").split("\n")[1].startswith(
        f"Article 12 Where the designated manager and {CITY['en']} handle personal information"
    )
    assert tool.locator("#clause-result-panel .hb-model-label:visible").text_content() == UI["notice.model_label"]["en"]
    assert js_errors(tool) == []


@pytest.mark.http_only
def test_without_a_contract_document_the_text_has_no_article_and_the_checklist_follows(tool, base_url):
    tool.goto(base_url + PAGE + "?documentType=without_contract_document&article=5")
    text = tool.text_content("#clause-output-ja")
    assert not re.search(r"第.+?条", text)
    assert "契約事項として" in text and "交付する" in text
    assert visible(tool, "#clause-result-panel .hb-model-label[data-document-type=without_contract_document]")
    assert visible(tool, "#clause-warning")
    assert tool.text_content("#clause-warning") == UI["clause.warning.article_unused"]["ja"]
    assert visible(tool, "#clause-act-contract-nodocument")
    assert not visible(tool, "#clause-act-contract-clause")
    tool.click("label[for=clause-type-contract]")
    assert not visible(tool, "#clause-act-contract-nodocument")
    assert visible(tool, "#clause-act-contract-clause")
    assert not visible(tool, "#clause-warning")
    assert tool.text_content("#clause-output-ja").split("\n")[1].startswith("第5条 受注者及び発注者は")
    assert js_errors(tool) == []


def test_the_form_updates_the_clause_and_the_link_as_you_go(tool, base_url):
    tool.goto(base_url + PAGE)
    # Before any choice: the standard's clause, and the static tool said the same.
    assert tool.text_content("#clause-output-ja") == standard_clause("ja")
    tool.click("label[for=clause-type-agreement]")
    assert tool.text_content("#clause-output-ja").split("\n")[1].startswith(f"第〇条 指定管理者及び{CITY['ja']}は")
    tool.fill("#clause-article", "27")
    assert tool.text_content("#clause-output-ja").split("\n")[1].startswith("第27条 ")
    tool.check("#clause-numerals-kanji")
    assert tool.text_content("#clause-output-ja").split("\n")[1].startswith("第二十七条 ")
    tool.fill("#clause-party-a", "乙")
    tool.fill("#clause-party-b", "甲")
    assert tool.text_content("#clause-output-ja").split("\n")[1].startswith("第二十七条 乙及び甲は、")
    assert "乙は、この協定による業務を第三者に再委託してはならない" in tool.text_content("#clause-outline-ja")
    assert query(tool) == {
        "documentType": "agreement", "article": "27", "numerals": "kanji", "partyA": "乙", "partyB": "甲",
    }
    shown = tool.text_content("#clause-output-ja")
    outline = tool.text_content("#clause-outline-ja")
    tool.goto(tool.url)
    assert tool.text_content("#clause-output-ja") == shown
    assert tool.text_content("#clause-outline-ja") == outline
    # Clearing the article brings back 第〇条 and drops it from the link.
    tool.fill("#clause-article", "")
    assert tool.text_content("#clause-output-ja").split("\n")[1].startswith("第〇条 ")
    assert "article" not in query(tool)
    assert js_errors(tool) == []


@pytest.mark.http_only
def test_the_page_without_scripts_shows_the_same_default_clause_and_outline(tool, base_url, site):
    raw = (site / PAGE).read_text(encoding="utf-8")

    def static(element_id: str) -> str:
        m = re.search(rf'<div [^>]*id="{element_id}"[^>]*>(.*?)</div>', raw, re.S)
        return html.unescape(m.group(1))

    assert static("clause-output-ja") == standard_clause("ja")
    tool.goto(base_url + PAGE)
    assert tool.text_content("#clause-output-ja") == static("clause-output-ja")
    assert tool.text_content("#clause-outline-ja") == static("clause-outline-ja")


def test_the_copy_buttons_put_plain_text_on_the_clipboard(tool, base_url):
    tool.goto(base_url + PAGE + "?documentType=agreement&article=3")
    tool.evaluate("navigator.clipboard.writeText('(sentinel)')")
    assert tool.evaluate("navigator.clipboard.readText()") == "(sentinel)"
    tool.click("#clause-copy-ja")
    tool.wait_for_function("() => document.getElementById('clause-copy-ja-status').textContent !== ''")
    assert tool.text_content("#clause-copy-ja-status") == UI["clause.copied"]["ja"]
    assert tool.get_attribute("#clause-copy-ja-status", "aria-live") == "polite"
    copied = tool.evaluate("navigator.clipboard.readText()")
    assert copied == tool.text_content("#clause-output-ja")
    assert copied.startswith("（個人情報の保護）\n第3条 指定管理者及び")
    assert "<" not in copied
    # The whole outline, from the keyboard.
    tool.focus("#clause-outline-copy-ja")
    tool.keyboard.press("Enter")
    tool.wait_for_function("() => document.getElementById('clause-outline-copy-ja-status').textContent !== ''")
    outline = tool.evaluate("navigator.clipboard.readText()")
    assert outline == tool.text_content("#clause-outline-ja")
    assert [int(n) for n in re.findall(r"^第(\d+)条 ", outline, re.M)] == list(range(1, 10))
    assert js_errors(tool) == []


def test_copying_falls_back_to_a_selected_text_area_without_the_clipboard_api(page, base_url):
    # As in browsers that refuse the clipboard API for a page opened from a folder.
    page.add_init_script(
        "navigator.clipboard.writeText = function () { return Promise.reject(new Error('refused')); };"
    )
    page.goto(base_url + EN_PAGE + "?documentType=contract&article=9&numerals=kanji")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.click("#clause-copy-ja")
    page.wait_for_function("() => document.getElementById('clause-copy-ja-status').textContent !== ''")
    expected = page.text_content("#clause-output-ja")
    assert expected.split("\n")[1].startswith("第九条 受注者及び発注者は")
    assert page.text_content("#clause-copy-ja-status") == UI["clause.copied"]["en"]
    assert page.input_value("#clause-copy-buffer") == expected
    assert page.evaluate("navigator.clipboard.readText()") == expected
    # Focus returns to the button that was pressed.
    assert page.evaluate("document.activeElement.id") == "clause-copy-ja"
    page.click("#clause-copy-en")
    page.wait_for_function("() => document.getElementById('clause-copy-en-status').textContent !== ''")
    assert page.evaluate("navigator.clipboard.readText()") == page.text_content("#clause-output-en")
    assert js_errors(page) == []


PAYLOADS = [
    "<img src=x onerror=window.__pwned=1>",
    "<img src=x onerror=__pwned=1>",  # short enough to be accepted as a party's name
    '"><svg onload=__pwned=1>',
    "</script><script>__pwned=1</script>",
]
FIELDS = ["documentType", "article", "numerals", "partyA", "partyB", "informationSystem"]


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.http_only
def test_script_payloads_in_the_url_are_shown_as_text_and_never_run(tool, base_url, payload):
    tool.goto(base_url + PAGE + "?" + urlencode({f: payload for f in FIELDS}))
    tool.wait_for_timeout(100)
    assert tool.evaluate("typeof window.__pwned") == "undefined"
    assert tool.locator("#clause-tool img, #clause-tool svg, #clause-outline-panel img, #clause-tool script").count() == 0
    assert tool.input_value("#clause-article") == payload
    assert visible(tool, "#clause-documentType-error")
    assert visible(tool, "#clause-article-error")
    assert visible(tool, "#clause-numerals-error")
    text = tool.text_content("#clause-output-ja")
    if len(payload) <= 30:
        # Accepted as a name: it appears in the clause as the characters typed.
        assert text.split("\n")[1].startswith(f"第〇条 {payload}及び{payload}は")
        assert "&lt;" in tool.inner_html("#clause-output-ja")
    else:
        assert visible(tool, "#clause-party-a-error")
        assert text == standard_clause("ja")
    assert js_errors(tool) == []


@pytest.mark.http_only
def test_mistakes_in_the_input_are_explained_next_to_the_field(tool, base_url):
    tool.goto(base_url + PAGE + "?documentType=lease&article=abc")
    assert tool.text_content("#clause-output-ja") == standard_clause("ja")
    error = tool.locator("#clause-article-error")
    assert error.is_visible()
    assert "1から9999までの整数" in error.text_content()
    assert tool.get_attribute("#clause-article", "aria-invalid") == "true"
    assert "clause-article-error" in tool.get_attribute("#clause-article", "aria-describedby").split()
    assert error.get_attribute("aria-live") == "polite"
    assert visible(tool, "#clause-documentType-error")
    assert "委託契約の契約書" in tool.text_content("#clause-documentType-error")
    tool.fill("#clause-article", "3")
    assert not error.is_visible()
    assert tool.get_attribute("#clause-article", "aria-invalid") is None
    tool.click("label[for=clause-type-contract]")
    assert not visible(tool, "#clause-documentType-error")
    assert query(tool)["documentType"] == "contract"
    tool.fill("#clause-party-a", "x" * 31)
    assert visible(tool, "#clause-party-a-error")
    assert tool.text_content("#clause-output-ja").split("\n")[1].startswith("第3条 受注者及び発注者は")
    assert js_errors(tool) == []


@pytest.mark.http_only
def test_information_system_work_shows_the_security_policy_criteria(tool, base_url):
    tool.goto(base_url + PAGE)
    assert not visible(tool, "#clause-act-select-system")
    assert visible(tool, "#clause-act-notify-specs")
    assert visible(tool, "#clause-act-notify-checklist")
    tool.check("#clause-information-system")
    assert visible(tool, "#clause-act-select-system")
    answers = _load("ui.yaml")["answers"]
    assert query(tool).get("informationSystem") == answers["yes_words"][0], "links say yes with the data's first yes word"
    tool.goto(base_url + PAGE + "?informationSystem=1&documentType=agreement")
    assert tool.is_checked("#clause-information-system")
    for word in answers["yes_words"]:  # every yes word of the data (はい, ○, …) ticks the box
        tool.goto(base_url + PAGE + "?" + urlencode({"informationSystem": word.upper()}))
        assert tool.is_checked("#clause-information-system"), word
    for word in answers["no_words"]:
        tool.goto(base_url + PAGE + "?" + urlencode({"informationSystem": word}))
        assert not tool.is_checked("#clause-information-system"), word
    tool.goto(base_url + PAGE + "?informationSystem=1&documentType=agreement")
    assert visible(tool, "#clause-act-select-system")
    tool.uncheck("#clause-information-system")
    assert not visible(tool, "#clause-act-select-system")
    assert "informationSystem" not in query(tool)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.inside = 0  # within the clause tool and after it: the page's own content

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("href") and self.inside:
            self.hrefs.append(a["href"])
        if a.get("id") in ("clause-tool", "clause-handover-panel", "clause-outline-panel"):
            self.inside += 1


@pytest.mark.parametrize("path", [PAGE, EN_PAGE])
def test_every_link_on_the_page_leads_to_its_clause_or_to_a_checklist(site, path):
    parser = _Links()
    parser.feed((site / path).read_text(encoding="utf-8"))
    assert parser.hrefs
    checklists = set()
    for href in parser.hrefs:
        target, _, anchor = href.partition("#")
        if target.startswith("../checklists/"):
            checklists.add(target)  # built by the checklist pages, on their own branch
            continue
        file = (site / path).parent / target if target else site / path
        assert file.is_file(), href
        ids = _Links()
        ids.feed(file.read_text(encoding="utf-8"))
        assert anchor in ids.ids, href
    assert checklists == {"../checklists/pre-contract.html", "../checklists/post-contract.html"}


@pytest.mark.parametrize("path", [PAGE, EN_PAGE])
def test_the_page_meets_wcag_aa_where_it_is_ours(page, http_url, path):
    page.goto(http_url + path + "?documentType=agreement&article=abc&informationSystem=1")
    assert axe_violations(page, ["#clause-tool", "#clause-handover-panel", "#clause-outline-panel"]) == []
    # Every control has a label.
    for control in page.locator("#clause-tool input").all():
        control_id = control.get_attribute("id")
        assert page.locator(f"label[for='{control_id}']").count() == 1, control_id
