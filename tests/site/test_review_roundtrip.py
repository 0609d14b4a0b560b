"""The checklist spreadsheet's round trip: the contractor fills in the handbook's own .xlsx
and returns it, perhaps after saving it again in a spreadsheet application, and the review
(assets/handbook/review.js) reads the same answers from it.

Files are filled with openpyxl (every answer kind, blanks, a value typed over the drop-down
list, a formula, remarks with line breaks, the particulars) and also opened and saved by
LibreOffice (headless), the closest here to a contractor's Excel; both give the same findings.
"""

from __future__ import annotations

import csv
import zipfile

import pytest
from openpyxl import load_workbook

from support import DATA
from generator.commands.load import load
from review_files import DATE, every_kind, fill, particulars, resave, review, rows_by_id, soffice, spreadsheet

CASES = [("ja", "pre-contract"), ("en", "post-contract"), ("ja", "post-contract"), ("en", "pre-contract")]

def test_libreoffice_is_there():
    """The round trip needs a real spreadsheet application: make test installs it."""
    assert soffice(), "no soffice: run make test (it installs libreoffice-calc-nogui)"


@pytest.fixture(scope="module")
def hb(handbook):
    return handbook


@pytest.fixture(scope="module")
def returned(site, hb, tmp_path_factory):
    """For each case: the filled file, the same file saved by LibreOffice, the expectation."""
    folder = tmp_path_factory.mktemp("returned")
    out = {}
    for lang, checklist in CASES:
        c = hb.checklists.get(checklist)
        kind = every_kind(lang, [r.id for r in c.rows], [a.label[lang] for a in hb.checklists.answers],
                          hb.t("checklist.excluded", lang))
        path = fill(spreadsheet(site, lang, checklist), folder / f"{checklist}-{lang}.xlsx",
                    particulars=particulars(hb), answers=kind["answers"], remarks=kind["remarks"],
                    formulas=kind["formulas"])
        out[(lang, checklist)] = {"filled": path, "kind": kind}
    saved = resave([v["filled"] for v in out.values()], folder / "libreoffice")
    for v, path in zip(out.values(), saved):
        v["saved"] = path
    return out


def test_only_the_answer_remark_and_particular_cells_can_be_changed(site, hb):
    for lang, checklist in CASES:
        wb = load_workbook(spreadsheet(site, lang, checklist))
        ws = wb.worksheets[0]
        assert ws.protection.sheet and not ws.protection.password
        where = rows_by_id(ws)
        c = hb.checklists.get(checklist)
        # A particular's value cell (C, merged with D and E) and each row's answer and remark.
        editable = {(where[f.id], col) for f in hb.checklists.fields for col in (3, 4, 5)}
        editable |= {(where[r.id], col) for r in c.rows for col in (4, 5)}
        unlocked = {(cell.row, cell.column) for row in ws.iter_rows() for cell in row if not cell.protection.locked}
        assert unlocked == editable
        # Nothing else: the questions, item names and headings are locked.
        texts = {(cell.row, cell.column) for row in ws.iter_rows() for cell in row if cell.value is not None}
        assert not texts & unlocked


def test_the_department_review_block_is_not_on_the_contractors_sheet(site, hb):
    forms = hb.checklists
    for lang, checklist in CASES:
        wb = load_workbook(spreadsheet(site, lang, checklist))
        texts = {cell.value for ws in wb.worksheets for row in ws.iter_rows() for cell in row if isinstance(cell.value, str)}
        assert forms.review_title[lang] not in texts
        assert not {f.label[lang] for f in forms.review_fields} & texts
        assert forms.result_label[lang] not in texts


def test_answers_come_from_a_list_that_keeps_not_applicable(site, hb):
    for lang, checklist in CASES:
        ws = load_workbook(spreadsheet(site, lang, checklist)).worksheets[0]
        (dv,) = ws.data_validations.dataValidation
        assert dv.formula1 == '"' + ",".join(a.label[lang] for a in hb.checklists.answers) + '"'
        assert hb.checklists.answers[-1].finding == "not_applicable"
        where = rows_by_id(ws)
        rows = sorted(where[r.id] for r in hb.checklists.get(checklist).rows)
        assert str(dv.sqref) == f"D{rows[0]}:D{rows[-1]}"


def test_dates_are_date_cells_and_english_prints_no_era_words(site, hb):
    d = hb.checklists.date
    for lang, checklist in CASES:
        ws = load_workbook(spreadsheet(site, lang, checklist)).worksheets[0]
        where = rows_by_id(ws)
        for f in hb.checklists.fields:
            cell = ws.cell(where[f.id], 3)
            assert cell.value is None
            if f.kind == "date":
                assert cell.number_format.startswith("[$-411]ggge") if lang == "ja" else "yyyy" in cell.number_format
        texts = " ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
        assert d.year[lang] not in texts and d.month[lang] not in texts if lang == "en" else True


def test_a_date_shows_in_the_era_in_libreoffice(returned, tmp_path):
    """The era number format is LibreOffice's too: the filled date prints as 令和7年4月1日."""
    path = returned[("ja", "pre-contract")]["filled"]
    (text,) = resave([path], tmp_path, "csv")
    cells = [c for row in csv.reader(text.read_text(encoding="utf-8").splitlines()) for c in row]
    assert "令和7年4月1日" in cells
    path = returned[("en", "post-contract")]["filled"]
    (text,) = resave([path], tmp_path / "en", "csv")
    cells = [c for row in csv.reader(text.read_text(encoding="utf-8").splitlines()) for c in row]
    assert "1 April 2025" in cells


def test_remarks_wrap_and_item_rows_grow(site, hb):
    for lang, checklist in CASES:
        path = spreadsheet(site, lang, checklist)
        ws = load_workbook(path).worksheets[0]
        where = rows_by_id(ws)
        for r in hb.checklists.get(checklist).rows:
            assert ws.cell(where[r.id], 5).alignment.wrap_text
        sheet = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
        for r in hb.checklists.get(checklist).rows:
            tag = sheet[sheet.index(f'<row r="{where[r.id]}"'):]
            tag = tag[:tag.index(">")]
            assert "customHeight" not in tag, tag


@pytest.mark.parametrize("where", ["properties", "sheet"])
def test_the_identity_survives_libreoffice(returned, hb, where):
    """Both places that say what the file is survive LibreOffice's re-save."""
    for (lang, checklist), v in returned.items():
        for path in (v["filled"], v["saved"]):
            with zipfile.ZipFile(path) as z:
                if where == "properties":
                    custom = z.read("docProps/custom.xml").decode()
                    assert 'name="handbook.checklist"' in custom and f">{checklist}<" in custom
                    assert 'name="handbook.lang"' in custom
                    assert 'name="handbook.fingerprint"' in custom
                else:
                    wb = load_workbook(path)
                    ws = wb["handbook"]
                    assert ws.sheet_state == "hidden" and ws.protection.sheet
                    values = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(1, 6)}
                    assert values["checklist"] == checklist and values["lang"] == lang
                    c = hb.checklists.get(checklist)
                    ids = [ws.cell(r, 1).value for r in range(7, 7 + len(c.rows))]
                    assert ids == [r.id for r in c.rows]


def test_filled_and_resaved_files_give_the_same_findings(site, hb, returned):
    results = review(site, [p for v in returned.values() for p in (v["filled"], v["saved"])])
    expected_particulars = {k: (DATE.isoformat() if not isinstance(v, str) else v) for k, v in particulars(hb).items()}
    for i, ((lang, checklist), v) in enumerate(returned.items()):
        filled, saved = results[2 * i], results[2 * i + 1]
        assert filled["ok"] and saved["ok"], (filled["problems"], saved["problems"])
        for r in (filled, saved):
            assert r["checklist"] == checklist and r["lang"] == lang
            assert {row["id"]: row["finding"] for row in r["rows"]} == v["kind"]["findings"]
            assert r["particulars"] == expected_particulars
            correction = next(x.id for x in hb.checklists.results if x.correction)
            assert r["result"] == correction
        # The same answers and remarks, but for the formula: openpyxl stores none of its value,
        # LibreOffice calculates it and stores it; neither is evaluated by the review.
        formula_rows = set(v["kind"]["formulas"])
        strip = lambda r, formula_rows=formula_rows: [(x["id"], None if x["id"] in formula_rows else x["answer"], x["remark"], x["finding"], x["tailored"]) for x in r["rows"]]  # noqa: E731
        assert strip(filled) == strip(saved)
        yes = hb.checklists.answers[0].label[lang]
        assert [x["answer"] for x in saved["rows"] if x["id"] in formula_rows] == [yes]
        first = next(x for x in filled["rows"] if x["id"] == hb.checklists.get(checklist).rows[0].id)
        assert first["remark"].count("\n") == 2
        # The formula's cached value is shown as text, never evaluated, and named by cell.
        codes = [p["code"] for p in saved["problems"]]
        assert codes == ["formula"], saved["problems"]


def test_the_same_return_saved_as_xls_or_ods_is_named_as_such(site, returned, tmp_path):
    """A contractor who saves the file in another format gets told which: LibreOffice's own
    .xls and .ods, not hand-made look-alikes."""
    path = returned[("ja", "pre-contract")]["filled"]
    (xls,) = resave([path], tmp_path / "xls", "xls")
    (ods,) = resave([path], tmp_path / "ods", "ods")
    results = review(site, [xls, ods])
    assert [[p["code"] for p in r["problems"]] for r in results] == [["xls"], ["ods"]]
    assert not any(r["ok"] for r in results)
