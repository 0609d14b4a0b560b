"""How the handbook words what it computes and cites: every page cites a record of the
standard the same way (one function, one UI string per language, the same strings in
rules.json for the page scripts), and numbers go with the right form of their noun."""

from __future__ import annotations

import json
import re
from html import unescape

from support import ROOT, run_generator


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


def test_the_agreement_has_the_designated_management_remedy_not_cancellation(handbook):
    # A designated manager's agreement is not cancelled on a breach: the City revokes the
    # designation or orders the management work suspended (Local Autonomy Act 244-2(11)).
    hb = handbook
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


def test_the_subcontracting_article_lifts_its_prohibition_in_the_proviso(handbook):
    # ただし…この限りでない lifts the prohibition; この場合において adds the duty that comes
    # with it. The English mirrors the three sentences.
    hb = handbook
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


# Articles of laws: one citation form, written by the generator from `{law:ID:ARTICLE[:PARAGRAPH]}`.

LAW_LIKE_EN = re.compile(r"\bArt\.\s*\d|\b[Aa]rticle \d")
LAW_LIKE_JA = re.compile(r"(?<!「)(?:法|法律|民法|約款」?)第\d+条")


def test_no_data_text_writes_an_article_of_a_law_by_hand():
    from test_standard_text import bilingual_texts

    by_hand = [(where, ja, en) for where, ja, en in bilingual_texts(ROOT / "data")
               if not where.startswith("standard.yaml:")
               and (LAW_LIKE_EN.search(en) or LAW_LIKE_JA.search(ja))]
    assert by_hand == []


def test_a_law_is_cited_in_one_form_in_both_languages(site, handbook):
    hb = handbook
    lt = next(ct for ct in hb.contract_types if ct.id == "long_term_continuing")
    assert "地方自治法第234条の3" in lt.summary.ja and "Article 234-3 of the Local Autonomy Act" in lt.summary.en
    months = next(r for r in hb.audit.readings if r.id == "reading-months")
    assert "民法第143条" in months.text.ja and "Article 143 of the Civil Code" in months.text.en
    rules = (site / "en/tools/audit-rules.html").read_text(encoding="utf-8")
    assert "{law:" not in rules and "Article 143 of the Civil Code" in rules


def test_an_unknown_law_or_a_malformed_citation_is_reported_where_it_stands(data_copy):
    path = data_copy / "contract_types.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("{law:civil-code:143}") == 2
    text = text.replace("{law:civil-code:143}", "{law:civil-cod:143}", 1).replace("{law:civil-code:143}", "{law:civil-code:第143条}", 1)
    path.write_text(text, encoding="utf-8")
    result = run_generator("check", "--data", str(data_copy))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(r"contract_types\.yaml:\d+:\d+: \$\.audit\.readings\[\d+\]\.text\.ja: expected \{law:ID:ARTICLE\[:PARAGRAPH\]\} "
                     r".*found unknown law 'civil-cod'", result.stderr), result.stderr
    assert re.search(r"contract_types\.yaml:\d+:\d+: \$\.audit\.readings\[\d+\]\.text\.en: expected \{law:ID:ARTICLE\[:PARAGRAPH\]\} "
                     r".*found '\{law:civil-code:第143条\}'", result.stderr), result.stderr


# The handbook's readings of the standard: each with the other reading, cited where it applies.

def test_every_reading_is_shown_with_its_alternative_and_cited_by_its_types(site, handbook):
    hb = handbook
    rules = json.loads((site / "assets/handbook/rules.json").read_text(encoding="utf-8"))["schedule"]
    assert set(rules["readings"]) == {r.id for r in hb.audit.readings}
    for lang, root in (("ja", site), ("en", site / "en")):
        html = (root / "tools/audit-rules.html").read_text(encoding="utf-8")
        for reading in hb.audit.readings:
            item = re.search(rf'<li id="{reading.id}">(.*?)</li>', html, re.S)
            assert item, reading.id
            assert 'class="hb-reading__alternative"' in item.group(1), reading.id
            assert rules["readings"][reading.id]["title"][lang] in unescape(item.group(1)), reading.id
            for kind in reading.types:
                section = re.search(rf'<div class="hb-rules" id="rules-{kind}".*?</dl>', html, re.S).group(0)
                assert f'href="#{reading.id}"' in section, (kind, reading.id)
    for kind, rule in rules["types"].items():
        assert rule["readings"] == [r.id for r in hb.audit.readings if not r.types or kind in r.types]
    # The readings the issue of the standard's ambiguities asks for, each with its own id.
    for reading_id in ("reading-year", "reading-long-term-aim", "reading-midpoint", "reading-pre-contract",
                       "reading-multi-year", "reading-three-years-short", "reading-designation-yearly",
                       "reading-regulations", "reading-long-term-onsite", "reading-three-years"):
        assert reading_id in rules["readings"], reading_id


def test_the_calculator_and_the_plan_point_to_the_readings(site):
    for root in (site, site / "en"):
        for page in ("tools/schedule.html", "tools/plan.html"):
            html = (root / page).read_text(encoding="utf-8")
            assert re.search(r'id="hb-readings-note".*?href="[^"]*audit-rules\.html#readings"', html, re.S), page
