"""How the handbook words what it computes and cites: every page cites a record of the
standard the same way (one function, one UI string per language, the same strings in
rules.json for the page scripts), and numbers go with the right form of their noun."""

from __future__ import annotations

import json
import re
from html import unescape

from conftest import run_generator

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
    assert "By 1 day before the first day of the period of performance" in en
    assert "day(s)" not in en
    path = data_copy / "contract_types.yaml"
    text = path.read_text(encoding="utf-8")
    assert "    days_before_start: 1\n" in text
    path.write_text(text.replace("    days_before_start: 1\n", "    days_before_start: 2\n"), encoding="utf-8")
    out = tmp_path / "site"
    result = run_generator("build", "--data", str(data_copy), "--site", str(out))
    assert result.returncode == 0, result.stderr
    assert "By 2 days before the first day" in (out / "en/tools/audit-rules.html").read_text(encoding="utf-8")
