"""The checklists' data and pages: where each question comes from, how model text is
marked, how each item links back to the standard, and how mistakes in the data are
reported."""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

import pytest

from support import DATA, run_generator

LANGS = ("ja", "en")
CHECKLISTS = ("pre-contract", "post-contract")


@pytest.fixture(scope="module")
def hb(handbook):
    return handbook


def page_file(site: Path, lang: str, checklist: str) -> Path:
    return site / ("en/" if lang == "en" else "") / "checklists" / f"{checklist}.html"


def test_before_the_contract_each_question_is_the_standards_own_confirmation_point(hb):
    rows = hb.checklists.get("pre-contract").rows
    assert [row.item for row in rows] == [item.id for item in hb.items]
    for row, item in zip(rows, hb.items):
        point_ids = [child.id for child in hb.record(item.source).items]
        assert row.source in point_ids
        assert not row.model
        assert row.text == hb.record(row.source).text
        assert row.text in item.confirm
        assert row.title == item.title


def test_after_the_contract_each_question_is_a_model_checking_the_current_state(hb):
    rows = hb.checklists.get("post-contract").rows
    assert [row.item for row in rows] == [item.id for item in hb.items]
    standard_texts = {getattr(r, "text", None) for r in hb.records.values()}
    for row, item in zip(rows, hb.items):
        assert row.model
        assert row.text not in standard_texts  # our words, not the standard's
        assert row.source == item.source  # tied to its item ①–⑨ of 3(1)
        assert row.text.ja.endswith("か。")  # asked as a question about now
        assert row.text.en.endswith("?")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("checklist", CHECKLISTS)
def test_model_wording_is_labelled_on_the_page(site, hb, lang, checklist):
    html = page_file(site, lang, checklist).read_text(encoding="utf-8")
    rows = hb.checklists.get(checklist).rows
    label = hb.t("notice.model_label", lang)
    assert (label in html) == any(row.model for row in rows)
    for row in rows:
        cell = re.search(rf'<tr class="hb-cl-row" id="{row.id}".*?<td class="hb-cl-c-q">(.*?)</td>', html, re.S).group(1)
        assert ("hb-cl-model-mark" in cell) == row.model, row.id


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("checklist", CHECKLISTS)
def test_each_item_links_back_to_its_clause_of_the_standard(site, hb, lang, checklist):
    path = page_file(site, lang, checklist)
    html = path.read_text(encoding="utf-8")
    for row in hb.checklists.get(checklist).rows:
        cell = re.search(rf'<tr class="hb-cl-row" id="{row.id}".*?<th scope="row" class="hb-cl-c-item"><a href="([^"]+)">(.*?)</a>', html, re.S)
        target, text = cell.group(1), unescape(cell.group(2))
        assert text == row.title[lang]
        file, anchor = target.split("#")
        assert anchor == row.source
        linked = (path.parent / file).resolve()
        assert linked.is_file()
        assert f'id="{anchor}"' in linked.read_text(encoding="utf-8")
        # Same language: the English page links to the English standard.
        assert linked.is_relative_to((site / "en").resolve()) == (lang == "en")


@pytest.mark.parametrize("lang", LANGS)
def test_the_checklists_are_a_group_of_the_navigation(site, hb, lang):
    home = (site / ("en/" if lang == "en" else "") / "index.html").read_text(encoding="utf-8")
    assert hb.t("nav.checklists", lang) in home
    for c in hb.checklists.checklists:
        assert re.search(rf'href="checklists/{c.id}.html"[^>]*>\s*(<span[^>]*>)?\s*{re.escape(c.short[lang])}', home), c.id


def _check(data: Path) -> tuple[int, list[str]]:
    result = run_generator("check", "--data", str(data))
    return result.returncode, [l for l in result.stderr.splitlines() if "checklists.yaml:" in l]


def _broken_copy(tmp_path_factory, edits: list[tuple[str, str]]) -> Path:
    data = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(DATA, data)
    path = data / "checklists.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return data


@pytest.fixture(scope="module")
def shape_errors(tmp_path_factory):
    """Mistakes the schema finds, all reported by one run of `check`."""
    data = _broken_copy(tmp_path_factory, [
        ("{id: cl-pre-3, item: item-3, source: s3-1-item3-c1}", "{id: cl-pre-3, item: item-12, source: s3-1-item3-c1}"),
        ("sheet: {ja: 遵守確認表（契約前）, en: Compliance (before contract)}",
         'sheet: {ja: 遵守確認表（契約前）, en: "Checklist: before the contract is made, self-assessment"}'),
        ("label: {ja: 該当なし, en: Not applicable}", 'label: {ja: 該当なし, en: "Not applicable, or not known"}'),
    ])
    return _check(data)


@pytest.fixture(scope="module")
def rule_errors(tmp_path_factory):
    """Mistakes only the checklist rules find (run once the data has the right shape)."""
    data = _broken_copy(tmp_path_factory, [
        ("        model: true\n        text:\n          ja: 内部", "        text:\n          ja: 内部"),
        ("{id: cl-pre-2, item: item-2, source: s3-1-item2-c1}", "{id: cl-pre-2, item: item-2, source: s4-4-overview}"),
    ])
    return _check(data)


def _one(lines: list[str], path: str) -> str:
    found = [l for l in lines if f": {path}: " in l]
    assert len(found) == 1, lines
    assert re.match(r"\S*checklists\.yaml:\d+:\d+: ", found[0]), found[0]
    return found[0].split(f": {path}: ", 1)[1]


def test_a_question_of_our_own_must_be_marked_as_model(rule_errors):
    code, lines = rule_errors
    assert code == 1 and len(lines) == 2
    assert _one(lines, "$.checklists[1].rows[0].model").startswith("expected model: true")


def test_a_question_without_text_must_point_at_words_of_the_standard(rule_errors):
    _, lines = rule_errors
    message = _one(lines, "$.checklists[0].rows[1].source")
    assert message.startswith("expected the id of a passage of the standard") and "'s4-4-overview'" in message


def test_each_row_names_one_of_the_nine_items(shape_errors):
    code, lines = shape_errors
    assert code == 1 and len(lines) == 3
    assert _one(lines, "$.checklists[0].rows[2].item") == "expected the id of a record in items.yaml, found unknown id 'item-12'"


def test_a_spreadsheet_tab_name_must_be_one_office_suites_accept(shape_errors):
    _, lines = shape_errors
    assert _one(lines, "$.checklists[0].sheet.en").startswith("expected a spreadsheet tab name")


def test_answer_labels_cannot_contain_the_list_separator_of_the_drop_down(shape_errors):
    _, lines = shape_errors
    message = _one(lines, "$.answers[2].label.en")
    assert message.startswith("expected a label without a comma")
