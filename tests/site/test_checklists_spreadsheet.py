"""The checklists as spreadsheets a contractor can fill in and send back.

Four files (before/after contract, Japanese/English), generated from the same data as
the pages: the same items in the same order, a drop-down list of the answers, remarks
and particulars cells, and a print setup of A4 portrait one page wide. The same data
always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from support import run_generator
from generator.model import plain

LANGS = ("ja", "en")
CHECKLISTS = ("pre-contract", "post-contract")
CASES = [(lang, c) for lang in LANGS for c in CHECKLISTS]


@pytest.fixture(scope="module")
def hb(handbook):
    return handbook


def xlsx(site: Path, lang: str, checklist: str) -> Path:
    return site / ("en/" if lang == "en" else "") / "checklists" / f"{checklist}.xlsx"


def header_row(ws, hb, lang) -> int:
    wanted = [hb.t(f"checklist.col.{k}", lang) for k in ("number", "item", "question", "answer", "remarks")]
    for row in ws.iter_rows():
        if [c.value for c in row[:5]] == wanted:
            return row[0].row
    raise AssertionError("no table header in the sheet")


@pytest.mark.parametrize("lang,checklist", CASES)
def test_the_spreadsheet_has_the_items_of_the_data_in_order(site, hb, lang, checklist):
    wb = load_workbook(xlsx(site, lang, checklist))
    c = hb.checklists.get(checklist)
    assert wb.sheetnames[0] == c.sheet[lang]
    assert [wb[n].sheet_state for n in wb.sheetnames[1:]] == ["hidden"]  # the file's identity
    ws = wb.active
    first = header_row(ws, hb, lang) + 1
    found = [
        (ws.cell(r, 1).value, ws.cell(r, 2).value, ws.cell(r, 3).value)
        for r in range(first, first + len(c.rows))
    ]
    mark = " " + hb.t("checklist.model_mark", lang)
    expected = [
        (row.marker, plain(row.title[lang]), plain(row.text[lang]) + (mark if row.model else ""))
        for row in c.rows
    ]
    assert found == expected
    # Answer and remarks cells are empty, for the contractor.
    for r in range(first, first + len(c.rows)):
        assert ws.cell(r, 4).value is None and ws.cell(r, 5).value is None
    # Nothing else follows as an item row.
    assert ws.cell(first + len(c.rows), 1).value is None


@pytest.mark.parametrize("lang,checklist", CASES)
def test_answers_are_chosen_from_a_drop_down_list(site, hb, lang, checklist):
    ws = load_workbook(xlsx(site, lang, checklist)).active
    c = hb.checklists.get(checklist)
    first = header_row(ws, hb, lang) + 1
    answers = '"' + ",".join(a.label[lang] for a in hb.checklists.answers) + '"'
    lists = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    dv = lists[f"D{first}:D{first + len(c.rows) - 1}"]
    assert dv.type == "list" and dv.formula1 == answers
    assert dv.showErrorMessage and not dv.showDropDown  # the in-cell arrow is shown
    assert list(lists.values()) == [dv]  # no review result: that block is the review page's


@pytest.mark.parametrize("lang,checklist", CASES)
def test_the_particulars_have_cells_to_fill(site, hb, lang, checklist):
    ws = load_workbook(xlsx(site, lang, checklist)).active
    labels = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    forms = hb.checklists
    for f in forms.fields:
        r = labels[f.label[lang]]
        assert ws.cell(r, 3).value is None  # a date too: a real date cell, empty until filled
        assert any(str(m) == f"C{r}:E{r}" for m in ws.merged_cells.ranges)
    # How to answer: from the drop-down list, not by circling as on paper.
    instructions = [v for v in labels if isinstance(v, str) and v.startswith(forms.get(checklist).instructions[lang])]
    assert len(instructions) == 1 and hb.t("checklist.how_spreadsheet", lang) in instructions[0]


@pytest.mark.parametrize("lang,checklist", CASES)
def test_the_spreadsheet_prints_on_a4_portrait_one_page_wide(site, hb, lang, checklist):
    ws = load_workbook(xlsx(site, lang, checklist)).active
    assert ws.page_setup.paperSize in (9, "9")
    assert ws.page_setup.orientation == "portrait"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert int(ws.page_setup.fitToWidth) == 1
    assert int(ws.page_setup.fitToHeight) == 0  # as many pages down as needed
    head = header_row(ws, hb, lang)
    assert ws.print_title_rows.replace("$", "") == f"{head}:{head}"
    assert "&P" in ws.oddFooter.center.text


@pytest.mark.parametrize("lang,checklist", CASES)
def test_each_page_links_its_spreadsheet(site, lang, checklist):
    page = site / ("en/" if lang == "en" else "") / "checklists" / f"{checklist}.html"
    html = page.read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+\.xlsx)" download', html)
    assert links == [f"{checklist}.xlsx"]
    assert (page.parent / links[0]).is_file()


def test_every_timestamp_inside_the_file_is_the_datas_own_date(site, hb):
    day = dt.date.fromisoformat(hb.document.revised or hb.document.decided)
    for lang, checklist in CASES:
        path = xlsx(site, lang, checklist)
        with zipfile.ZipFile(path) as z:
            assert {info.date_time[:3] for info in z.infolist()} == {(day.year, day.month, day.day)}
        props = load_workbook(path).properties
        assert props.created.date() == day and props.modified.date() == day


def test_two_builds_give_byte_identical_spreadsheets(site, tmp_path):
    other = tmp_path / "site"
    result = run_generator("build", "--site", str(other))
    assert result.returncode == 0, result.stderr
    for lang, checklist in CASES:
        assert xlsx(other, lang, checklist).read_bytes() == xlsx(site, lang, checklist).read_bytes()
