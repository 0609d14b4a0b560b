"""How the handbook words what it computes and cites: every page cites a record of the
standard the same way (one function, one UI string per language, the same strings in
rules.json for the page scripts), and numbers go with the right form of their noun."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

from conftest import run_generator
from generator.commands.load import load

ROOT = Path(__file__).resolve().parent.parent

LINK = re.compile(r'<a [^>]*href="(?:[^"#]*/)?s\d+\.html#([^"]+)"[^>]*>(.*?)</a>', re.S)
CITATION_LIKE = re.compile(r"^(?:基準|Standard |Section |section )\d")


def citation_links(site):
    """(page, lang, record id, link text) of every link to the standard that reads like a
    citation, on every built page outside the standard itself."""
    out = []
    for lang, root in (("ja", site), ("en", site / "en")):
        for path in sorted(root.rglob("*.html")):
            rel = path.relative_to(root).as_posix()
            if rel.startswith(("en/", "standard/s")):
                continue
            for record_id, inner in LINK.findall(path.read_text(encoding="utf-8")):
                text = unescape(re.sub(r"<[^>]+>", "", inner)).strip()
                if CITATION_LIKE.match(text):
                    out.append((rel, lang, record_id, text))
    return out


def test_every_page_cites_a_record_the_way_rules_json_does(site):
    citations = json.loads((site / "assets/handbook/rules.json").read_text(encoding="utf-8"))["citations"]
    links = citation_links(site)
    pages = {(page, lang) for page, lang, _, _ in links}
    for page in ("tools/clause.html", "tools/audit-rules.html", "tools/schedule.html",
                 "checklists/pre-contract.html", "standard/index.html"):
        assert (page, "ja") in pages and (page, "en") in pages, page
    wrong = [(page, lang, rid, text) for page, lang, rid, text in links
             if not text.startswith(citations[rid][lang])]
    assert wrong == []


def test_the_schedule_page_script_cites_as_the_pages_do(page, http_url, site):
    citations = json.loads((site / "assets/handbook/rules.json").read_text(encoding="utf-8"))["citations"]
    for prefix, lang in (("", "ja"), ("en/", "en")):
        page.goto(f"{http_url}{prefix}tools/schedule.html?type=long_term_continuing&start=2024-04-01&end=2026-03-31")
        page.wait_for_selector("#hb-schedule-form[data-ready='true']", state="attached")
        links = page.eval_on_selector_all(
            "#hb-schedule-rows .hb-event__source a",
            "as => as.map(a => [a.getAttribute('href').split('#')[1], a.textContent])",
        )
        # the pre-contract checklist and one check in each of the two contract years
        assert len(links) == 3
        assert [text for _, text in links] == [citations[rid][lang] for rid, _ in links]


def test_one_check_is_counted_as_one_check(page, http_url):
    # Under one year, starting on the effective date: the pre-contract step falls before
    # it, so the term has exactly one check.
    page.goto(f"{http_url}en/tools/schedule.html?type=under_one_year&start=2023-04-01&end=2023-09-30")
    page.wait_for_selector("#hb-schedule-form[data-ready='true']", state="attached")
    assert page.locator("#hb-schedule-rows tr").count() == 1
    status = page.inner_text("#hb-result-status")
    assert status.endswith(": 1 check."), status


def test_a_single_day_before_the_start_is_one_day_on_the_rules_page(site, data_copy, tmp_path):
    en = (site / "en/tools/audit-rules.html").read_text(encoding="utf-8")
    assert "at the latest, as 1 day before the first day of the period of performance" in en
    assert "Before the contract or agreement is concluded" in en
    assert "day(s)" not in en
    path = data_copy / "contract_types.yaml"
    text = path.read_text(encoding="utf-8")
    assert "    days_before_start: 1\n" in text
    path.write_text(text.replace("    days_before_start: 1\n", "    days_before_start: 2\n"), encoding="utf-8")
    out = tmp_path / "site"
    result = run_generator("build", "--data", str(data_copy), "--site", str(out))
    assert result.returncode == 0, result.stderr
    assert "as 2 days before the first day" in (out / "en/tools/audit-rules.html").read_text(encoding="utf-8")


# The model outline of the special specifications, article by article, as each variant
# renders it (the page's own rendering and the texts rules.json hands to the page script).

def _outline_articles(hb, document_type: str, lang: str) -> dict[int, str]:
    from generator.site.pages.clause_generator import render_outline

    text = render_outline(hb.clauses, hb.clauses.variant(document_type), lang)
    pattern = r"^第(\d+)条 (.*)$" if lang == "ja" else r"^Article (\d+) (.*)$"
    return {int(n): body for n, body in re.findall(pattern, text, re.M)}


def _item_article(hb, item_id: str) -> int:
    return next(a.number for a in hb.clauses.outline if a.item == item_id)


def test_the_agreement_has_the_designated_management_remedy_not_cancellation():
    # A designated manager's agreement is not cancelled on a breach: the City revokes the
    # designation or orders the management work suspended (Local Autonomy Act 244-2(11)).
    hb = load(ROOT / "data")
    n = _item_article(hb, "item-8")
    ja = _outline_articles(hb, "agreement", "ja")[n]
    en = _outline_articles(hb, "agreement", "en")[n]
    assert "地方自治法第244条の2第11項" in ja and "指定を取り消し" in ja and "停止を命ずる" in ja, ja
    assert "解除" not in ja, ja
    assert "Article 244-2, paragraph 11 of the Local Autonomy Act" in en and "revoke the designation" in en, en
    assert "suspension" in en and not re.search(r"terminat|cancel", en), en
    for kind in ("contract", "without_contract_document"):
        assert "この契約を解除することができる" in _outline_articles(hb, kind, "ja")[n]
        assert "may terminate this contract" in _outline_articles(hb, kind, "en")[n]


def test_rules_json_gives_the_page_script_the_agreements_own_article(site):
    rules = json.loads((site / "assets/handbook/rules.json").read_text(encoding="utf-8"))["clause"]
    article = next(a for a in rules["outline"]["articles"] if a["item"] == "item-8")
    assert "指定を取り消し" in article["textFor"]["agreement"]["ja"]
    assert "解除" in article["text"]["ja"]


def test_the_subcontracting_article_lifts_its_prohibition_in_the_proviso():
    # ただし…この限りでない lifts the prohibition; この場合において adds the duty that comes
    # with it. The English mirrors the three sentences.
    hb = load(ROOT / "data")
    n = _item_article(hb, "item-3")
    for kind in ("contract", "agreement", "without_contract_document"):
        ja = _outline_articles(hb, kind, "ja")[n]
        en = _outline_articles(hb, kind, "en")[n]
        sentences = [s for s in ja.split("。") if s]
        assert len(sentences) == 3, ja
        assert sentences[0].endswith("再委託してはならない")
        assert sentences[1].startswith("ただし、") and sentences[1].endswith("この限りでない")
        assert "承認を得たとき" in sentences[1]
        assert sentences[2].startswith("この場合において、") and "管理し、及び監督しなければならない" in sentences[2]
        parts = [s for s in re.split(r"(?<=\.) ", en) if s]
        assert len(parts) == 3, en
        assert "shall not subcontract" in parts[0]
        assert parts[1].startswith("However, this does not apply where") and "prior approval" in parts[1]
        assert parts[2].startswith("In that case,") and "manage and supervise" in parts[2]
