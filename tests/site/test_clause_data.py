"""The clause generator's data: the contract clause is the standard's own, written once;
model texts are marked as models; mistakes in data/clauses.yaml are reported with their place."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from support import DATA, ROOT, run_generator, standard_block


def _rules(site: Path) -> dict:
    return json.loads((site / "assets/handbook/rules.json").read_text(encoding="utf-8"))["clause"]


def test_contract_template_with_defaults_is_the_standards_clause(site):
    block = standard_block("s4-3-clause")
    contract = _rules(site)["variants"]["contract"]
    assert contract["fromClause"] == "s4-3-clause"
    assert contract["model"] is False
    for lang in ("ja", "en"):
        text = contract["text"][lang]
        for name, value in contract["parties"].items():
            assert "{" + name + "}" in text
            text = text.replace("{" + name + "}", value[lang])
        assert text == block["text"][lang]
        assert contract["heading"][lang] == block["heading"][lang]
        assert _rules(site)["article"]["blank"][lang] == block["article"][lang]
    assert block["heading"]["ja"] == "（個人情報の保護）"
    assert block["article"]["ja"] == "第〇条"
    # The standard's sentence is written in standard.yaml only.
    assert block["text"]["ja"] not in (DATA / "clauses.yaml").read_text(encoding="utf-8")


def test_texts_not_in_the_standard_are_marked_as_models(site):
    rules = _rules(site)
    assert rules["variants"]["agreement"]["model"] is True
    assert rules["variants"]["without_contract_document"]["model"] is True
    assert rules["variants"]["without_contract_document"]["numbered"] is False
    clauses = yaml.safe_load((DATA / "clauses.yaml").read_text(encoding="utf-8"))
    assert clauses["outline"]["model"] is True


def test_the_agreement_names_the_municipality_from_the_data_only(site):
    document = yaml.safe_load((DATA / "document.yaml").read_text(encoding="utf-8"))
    city = document["municipality"]
    party_b = _rules(site)["variants"]["agreement"]["parties"]["partyB"]
    assert party_b == {"ja": city["ja"], "en": city["en"]}
    assert city["ja"] not in (DATA / "clauses.yaml").read_text(encoding="utf-8")
    for path in [*(ROOT / "generator").rglob("*.py"), *(ROOT / "generator").rglob("*.j2"),
                 *(ROOT / "theme/assets/handbook").glob("clause*")]:
        assert city["ja"] not in path.read_text(encoding="utf-8"), path


def test_the_outline_has_one_article_per_item(site):
    items = yaml.safe_load((DATA / "items.yaml").read_text(encoding="utf-8"))["items"]
    outline = _rules(site)["outline"]
    assert [a["item"] for a in outline["articles"]] == [i["id"] for i in items]
    assert [a["source"] for a in outline["articles"]] == [i["source"] for i in items]
    assert [a["heading"] for a in outline["articles"]] == [i["short"] for i in items]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_mistakes_in_the_clause_data_are_all_reported_with_their_place(data_copy):
    clauses = data_copy / "clauses.yaml"
    # The standard's clause no longer names the contractor as 受注者.
    _edit(data_copy / "standard.yaml", "ja: 受注者及び発注者は、この契約", "ja: 乙及び発注者は、この契約")
    # A model text without its model mark, and with an unknown placeholder.
    _edit(clauses, "    source: s4-1-p1\n    model: true\n", "    source: s4-1-p1\n")
    _edit(clauses, 'ja: "{partyA}及び{partyB}は、この協定', 'ja: "{partyC}及び{partyB}は、この協定')
    # An English sentence that would start with a lower-case party name.
    _edit(clauses, "contract. Where {partyA} handles personal information in order to perform",
          "contract. {partyA} handles personal information in order to perform")
    # Two outline articles swapped.
    _edit(clauses, "    - item: item-1\n", "    - item: item-X\n")
    _edit(clauses, "    - item: item-2\n", "    - item: item-1\n")
    _edit(clauses, "    - item: item-X\n", "    - item: item-2\n")
    # A hand-over step that is an action.
    _edit(clauses, "steps: [step-notify, step-select, step-contract]", "steps: [step-notify, act-notify-specs]")
    result = run_generator("check", "--data", str(data_copy))
    assert result.returncode == 1
    err = result.stderr
    shown = data_copy.as_posix()
    expected = [
        (_line_of(clauses, "partyA: {ja: 受注者, en: the contractor}"), "$.variants[0].parties.partyA.ja",
         "expected a party name that occurs in the clause's text, found '受注者'"),
        (None, "$.variants[1]", "expected model: true on a text that is not the standard's wording"),
        (_line_of(clauses, "{partyC}及び"), "$.variants[1].text.ja", "found {partyC}"),
        (_line_of(clauses, "contract. {partyA} handles personal"), "$.variants[2].text.en",
         "expected a word at the start of each English sentence"),
        (None, "$.outline.articles", "expected one article per item in the order of items.yaml"),
        (_line_of(clauses, "steps: [step-notify, act-notify-specs]"), "$.handover.steps[1]",
         "expected the id of a step in procedure.yaml, found 'act-notify-specs'"),
    ]
    for line, where, message in expected:
        prefix = f"{shown}/clauses.yaml:{line}:" if line else f"{shown}/clauses.yaml:"
        matching = [ln for ln in err.splitlines() if ln.startswith(prefix) and f" {where}: " in ln and message in ln]
        assert matching, f"missing {where}: {message}\n{err}"
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1] == f"{len(expected)} problems found; nothing was written"


def test_a_clause_file_that_breaks_the_schema_is_reported(data_copy):
    clauses = data_copy / "clauses.yaml"
    _edit(clauses, "  digits: 一二三四五六七八九\n", "  digits: 一二三\n")
    _edit(clauses, "  max: 9999\n", "  max: 10000\n")
    _edit(clauses, "document_type: agreement", "document_type: lease")
    result = run_generator("check", "--data", str(data_copy))
    assert result.returncode == 1
    err = result.stderr
    assert re.search(r"clauses\.yaml:\d+:\d+: \$\.kanji\.digits: expected the nine digit characters 1–9, found '一二三'", err), err
    assert re.search(r"clauses\.yaml:\d+:\d+: \$\.article\.max: .*10000", err), err
    assert re.search(r"clauses\.yaml:\d+:\d+: \$\.variants\[1\]\.document_type: expected one of 'contract', 'agreement', 'without_contract_document'; found 'lease'", err), err


def test_the_clause_page_is_built_in_both_languages_under_tools(site):
    ja = (site / "tools/clause.html").read_text(encoding="utf-8")
    en = (site / "en/tools/clause.html").read_text(encoding="utf-8")
    for html, group, title in ((ja, "ツール", "契約条項の作成"), (en, "Tools", "Contract clause generator")):
        assert f"<title>{title} - " in html
        # In the navigation, under the group "Tools", as the current page.
        nav = re.search(rf'<label class="md-nav__title" for="(__nav_\d+)">\s*<span[^>]*></span>\s*{group}\s*</label>', html)
        assert nav, group
        assert re.search(r'class="md-nav__link md-nav__link--active"[^>]*>\s*<span class="md-ellipsis">\s*' + title, html[nav.end():])
        # The checklist pages are linked with plain relative addresses.
        assert 'href="../checklists/pre-contract.html"' in html
        assert 'href="../checklists/post-contract.html"' in html
        assert '<script src="../assets/handbook/clause.js"></script>' in html
        assert 'id="handbook-rules" type="application/json"' in html
        assert "onclick" not in html and "onerror" not in html
