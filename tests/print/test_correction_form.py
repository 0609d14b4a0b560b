"""The corrective action plan form (是正計画書): its blank page printed and read back from
PDF, and its spreadsheet made for the round trip like the checklists (protected, date cells,
identity and fingerprint, the hidden id column)."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from generator.commands.load import load
from generator.site import spreadsheet_identity as ident
from printout import print_pdf, squeeze

from conftest import DATA

LANGS = ("ja", "en")


@pytest.fixture(scope="module")
def hb():
    return load(DATA)


def prefix(lang: str) -> str:
    return "en/" if lang == "en" else ""


@pytest.mark.http_only
@pytest.mark.parametrize("lang", LANGS)
def test_the_blank_plan_prints_on_one_a4_page_with_its_columns_and_review_block(page, base_url, tmp_path, hb, lang):
    plan = hb.checklists.correction.plan
    page.goto(f"{base_url}{prefix(lang)}forms/corrective-action-plan.html")
    pdf = print_pdf(page, tmp_path / "plan.pdf")
    width, height = pdf.page_size_pt
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)
    assert pdf.pages == 1
    text = squeeze(pdf.text)
    for label in [plan.title[lang], plan.review_title[lang], hb.t("correction.model", lang)]:
        assert squeeze(label) in text, label
    # The particulars stand two to a line and a label may wrap in its cell: the layout text
    # interleaves the lines of side-by-side cells, so each label is read in drawn order.
    drawn = squeeze(pdf.raw_text(1))
    for f in plan.fields + plan.review_fields:
        assert squeeze(f.label[lang]) in drawn, f.id
    for column in plan.columns.values():  # a header cell may wrap: each of its words is there
        assert all(squeeze(word) in text for word in column[lang].split()), column[lang]
    # the blank lines are numbered 1 … blank_rows
    assert squeeze(hb.t("correction.download", lang)) not in text  # nothing of the screen
    assert page.console_errors == []


def _book(site, lang):
    return (site / f"{prefix(lang)}forms/corrective-action-plan.xlsx").read_bytes()


@pytest.mark.parametrize("lang", LANGS)
def test_the_spreadsheet_says_what_it_is_in_both_places(site, hb, lang):
    data = _book(site, lang)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    expected = ident.plan_identity(hb, lang)
    hidden = wb[ident.IDENTITY_SHEET]
    assert hidden.sheet_state == "hidden" and hidden.protection.sheet
    said = {hidden.cell(row=r, column=1).value: hidden.cell(row=r, column=2).value for r in range(1, len(ident.IDENTITY_KEYS) + 1)}
    assert said == expected
    props = {p.name: p.value for p in wb.custom_doc_props.props}
    assert {k: props[ident.PROPERTY_PREFIX + k] for k in ident.IDENTITY_KEYS} == expected
    assert expected["checklist"] == hb.checklists.correction.plan.id


@pytest.mark.parametrize("lang", LANGS)
def test_only_the_particulars_and_the_lines_are_unlocked_and_dates_are_date_cells(site, hb, lang):
    plan = hb.checklists.correction.plan
    wb = openpyxl.load_workbook(io.BytesIO(_book(site, lang)))
    ws = wb[plan.sheet[lang]]
    assert ws.protection.sheet
    ids = {ws[f"{ident.PLAN_ID_COLUMN}{r}"].value: r for r in range(1, ws.max_row + 1) if ws[f"{ident.PLAN_ID_COLUMN}{r}"].value}
    lines = [r for i, r in ids.items() if i.startswith(ident.PLAN_LINE_PREFIX)]
    assert len(lines) >= plan.blank_rows
    unlocked = {c.coordinate for row in ws.iter_rows() for c in row if c.protection.locked is False}
    expected = set()
    for f in plan.fields:
        expected.add(f"{ident.PLAN_VALUE_COLUMN}{ids[f.id]}")
        if f.kind == "date":
            assert "ggge" in ws[f"{ident.PLAN_VALUE_COLUMN}{ids[f.id]}"].number_format or lang == "en"
    for r in lines:
        for key in ("item", "finding", "measure", "person", "completion"):
            expected.add(f"{ident.PLAN_COLUMNS[key]}{r}")
        assert ws[f"{ident.PLAN_COLUMNS['completion']}{r}"].number_format.endswith(";@")
    # merged particulars cells are unlocked too; the set of top-left cells must be covered
    assert expected <= unlocked
    assert not any(c.startswith(ident.PLAN_COLUMNS["number"]) for c in unlocked)
    # the completion dates refuse anything but a date
    rules = [dv for dv in ws.data_validations.dataValidation if dv.type == "date"]
    assert rules and ident.PLAN_COLUMNS["completion"] in str(rules[0].sqref)
    assert ws.column_dimensions[ident.PLAN_ID_COLUMN].hidden
    assert str(ws.page_setup.paperSize) == str(ws.PAPERSIZE_A4)


def test_the_spreadsheet_is_byte_deterministic(hb):
    from generator.site.spreadsheet import plan_workbook

    assert plan_workbook(hb, "ja") == plan_workbook(load(DATA), "ja")
    with zipfile.ZipFile(io.BytesIO(plan_workbook(hb, "en"))) as z:
        assert "docProps/custom.xml" in z.namelist()
