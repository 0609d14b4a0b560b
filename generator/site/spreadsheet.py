"""A compliance checklist as a spreadsheet (.xlsx) made for the round trip: the contractor
fills it in and returns it, and the review page (assets/handbook/review.js) reads it back.

The sheet has the particulars, the items in the data's order with a drop-down list of the
answers and a remarks cell, and the notes. Only the particulars, answer and remark cells
are unlocked; the sheet is protected without a password (the department can still adapt a
copy). The department's review block is not on it: the review page makes that.
A hidden column (ID_COLUMN) holds the id of each particular and row, so the review finds
them even where rows were moved. Dates are real date cells shown as the language writes
them (令和7年4月1日). The file says what it is twice, in the custom document properties and
on a hidden, protected sheet, and both survive re-saving by LibreOffice
(tests/test_review_roundtrip.py): the checklist id, the language, the data revision, the
handbook, and a fingerprint of the rows' ids and texts, with the rows themselves on the sheet.

It prints on A4 portrait, one page wide, with the table header repeated on every page;
rows with remarks grow to fit them (no fixed height is stored for the item rows).

The file is byte-deterministic: the document properties carry the data's own date, and
every zip entry gets that date and fixed attributes, so the same data gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import unicodedata
import zipfile

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, Protection, Side
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.writer.excel import ExcelWriter

from ..model import Checklist, Handbook, plain
from .spreadsheet_identity import (
    ANSWER_COLUMN, ID_COLUMN, IDENTITY_KEYS, IDENTITY_SHEET, PROPERTY_PREFIX, QUESTION_COLUMN, REMARK_COLUMN,
    PLAN_COLUMNS, PLAN_ID_COLUMN, PLAN_LINE_PREFIX, PLAN_VALUE_COLUMN, VALUE_COLUMN, identity, plan_identity, row_text,
)

# Column widths (in characters) of: number, item, point to check, answer, remarks.
WIDTHS = (6, 22, 50, 14, 28)
LAST_COL = get_column_letter(len(WIDTHS))
# The hidden column with the id of each particular and row.
ID_COL = column_index_from_string(ID_COLUMN)
VALUE_COL, QUESTION_COL, ANSWER_COL, REMARK_COL = (
    column_index_from_string(c) for c in (VALUE_COLUMN, QUESTION_COLUMN, ANSWER_COLUMN, REMARK_COLUMN))
# Number formats of the date cells: the Japanese era (令和7年4月1日), and a plain date.
DATE_FORMAT = {"ja": '[$-411]ggge"年"m"月"d"日";@', "en": "d mmmm yyyy;@"}
# Fonts that show Japanese well in office suites; the English form uses the default one.
FONT_NAME = {"ja": "游ゴシック", "en": "Calibri"}
FONT_SIZE = 10
LINE_HEIGHT = 15  # points per line of wrapped text at FONT_SIZE

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def fixed_time(hb: Handbook) -> dt.datetime:
    """The moment every timestamp in the file is set to: the data's own date."""
    return dt.datetime.fromisoformat(hb.document.revised or hb.document.decided)


def text_width(text: str) -> float:
    """Approximate width in spreadsheet characters: full-width characters count double."""
    return sum(2.0 if unicodedata.east_asian_width(ch) in "WF" else 1.1 for ch in text)


def lines_needed(text: str, width: float) -> int:
    return max(1, math.ceil(text_width(text) / max(width - 1, 1)))


# Starts that a spreadsheet program reads as a formula when a cell is typed or edited.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_cell(cell, text: str) -> None:
    """Put a data text into a cell as text, never as a formula: data text is text.

    openpyxl stores a string starting with "=" as a formula; the cell is set to a string
    cell instead, and text that a spreadsheet program would read as a formula when the
    cell is edited gets the quote prefix (shown as typed, kept as text).
    """
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True


def _writers(ws, font):
    """put(row, col, value, ...) and merged(row, first, last, value, ...) for one sheet: a
    value written as text (never a formula), in `font` unless told, top-aligned and wrapped,
    boxed and left editable (the sheet is protected) when asked."""
    unlocked = Protection(locked=False)

    def put(r: int, c: int, value, *, style=font, align=_WRAP_TOP, box=False, editable=False):
        cell = ws.cell(row=r, column=c)
        if value is not None:
            text_cell(cell, value)
        cell.font = style
        cell.alignment = align
        if box:
            cell.border = _BOX
        if editable:
            cell.protection = unlocked
        return cell

    def merged(r: int, first: int, last: int, value, **kw):
        put(r, first, value, **kw)
        if last > first:  # the other cells become openpyxl's merged cells, boxed like the first
            ws.merge_cells(start_row=r, start_column=first, end_row=r, end_column=last)

    return put, merged


def dropdown(options: list[str]) -> DataValidation:
    """A drop-down list of these options that refuses anything else."""
    dv = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True)
    dv.showDropDown = False  # (sic) False shows the in-cell arrow
    dv.showErrorMessage = True
    return dv


def checklist_workbook(hb: Handbook, checklist: Checklist, lang: str) -> bytes:
    forms = hb.checklists
    t = lambda key: hb.t(key, lang)  # noqa: E731
    wb = Workbook()
    ws = wb.active
    ws.title = checklist.sheet[lang]
    font = Font(name=FONT_NAME[lang], size=FONT_SIZE)
    bold = Font(name=FONT_NAME[lang], size=FONT_SIZE, bold=True)
    for i, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.column_dimensions[get_column_letter(ID_COL)].hidden = True

    row = 1

    put, merged = _writers(ws, font)

    def full_width(text: str, *, style=font, align=_WRAP_TOP, minimum=LINE_HEIGHT + 4):
        nonlocal row
        merged(row, 1, len(WIDTHS), text, style=style, align=align)
        ws.row_dimensions[row].height = max(minimum, lines_needed(text, sum(WIDTHS)) * LINE_HEIGHT + 4)
        row += 1

    # Title, and for the English form the notice that the Japanese text prevails.
    full_width(checklist.title[lang], style=Font(name=FONT_NAME[lang], size=13, bold=True),
               align=_CENTER, minimum=30)
    if lang != "ja":
        full_width(hb.t("notice.reference_translation", lang), style=Font(name=FONT_NAME[lang], size=8))
    row += 1

    # Particulars: the label, the cell to fill in (a date cell for a date), the field's id.
    middle = Alignment(vertical="center", wrap_text=True)
    for f in forms.fields:
        merged(row, 1, VALUE_COL - 1, f.label[lang], style=bold, align=middle, box=True)
        merged(row, VALUE_COL, len(WIDTHS), None, align=Alignment(horizontal="left", vertical="center", wrap_text=True),
               box=True, editable=True)
        if f.kind == "date":
            ws.cell(row=row, column=VALUE_COL).number_format = DATE_FORMAT[lang]
        text_cell(ws.cell(row=row, column=ID_COL), f.id)
        ws.row_dimensions[row].height = 26
        row += 1
    row += 1

    space = "" if lang == "ja" else " "
    full_width(checklist.instructions[lang] + space + t("checklist.how_spreadsheet"))

    # The items.
    header_row = row
    for c, key in enumerate(("number", "item", "question", "answer", "remarks"), start=1):
        put(row, c, t(f"checklist.col.{key}"), style=bold, align=_CENTER, box=True)
    ws.row_dimensions[row].height = 22
    row += 1
    answers = dropdown([a.label[lang] for a in forms.answers])
    first_item = row
    for item in checklist.rows:
        question = row_text(hb, item, lang)
        title = plain(item.title[lang])
        put(row, 1, item.marker, align=Alignment(horizontal="center", vertical="top"), box=True)
        put(row, 2, title, box=True)
        put(row, QUESTION_COL, question, box=True)
        put(row, ANSWER_COL, None, align=_CENTER, box=True, editable=True)
        put(row, REMARK_COL, None, box=True, editable=True)
        text_cell(ws.cell(row=row, column=ID_COL), item.id)
        lines = max(lines_needed(title, WIDTHS[1]), lines_needed(question, WIDTHS[2]), 2)
        ws.row_dimensions[row].height = lines * LINE_HEIGHT + 8
        row += 1
    last_item = row - 1
    answers.add(f"{ANSWER_COLUMN}{first_item}:{ANSWER_COLUMN}{last_item}")
    ws.add_data_validation(answers)
    row += 1

    # Notes under the table.
    for note_id in checklist.notes:
        note = hb.record(note_id)
        full_width(f"{note.marker} {plain(note.text[lang])}")
    if any(item.model for item in checklist.rows):
        full_width(f"{t('checklist.model_mark')} {t('notice.model_label')}")

    # Only the unlocked cells can be changed; no password, so a department can adapt a copy.
    ws.protection.sheet = True
    ws.protection.formatRows = False  # rows may still be made taller for long remarks
    ws.protection.formatColumns = False

    _print_setup(ws, header_row, f"A1:{LAST_COL}{row - 1}")
    when = _identify(hb, wb, identity(hb, checklist, lang),
                     [(item.id, row_text(hb, item, lang)) for item in checklist.rows], checklist.title[lang], lang)
    return _fixed_zip(_write(wb), when, growing=(first_item, last_item))


def _print_setup(ws, header_row: int, area: str) -> None:
    """A4 portrait, one page wide, table header repeated, page numbers."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_PORTRAIT
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_area = area
    ws.oddFooter.center.text = "&P / &N"
    ws.sheet_view.showGridLines = False


def _identify(hb: Handbook, wb: Workbook, ident: dict, rows: list, title: str, lang: str) -> dt.datetime:
    """What the file is, on a hidden, protected sheet and in the custom document properties,
    and the document properties set to the data's own date (returned)."""
    hidden = wb.create_sheet(IDENTITY_SHEET)
    for r, key in enumerate(IDENTITY_KEYS, start=1):
        text_cell(hidden.cell(row=r, column=1), key)
        text_cell(hidden.cell(row=r, column=2), ident[key])
    for r, (row_id, text) in enumerate(rows, start=len(IDENTITY_KEYS) + 2):
        text_cell(hidden.cell(row=r, column=1), row_id)
        text_cell(hidden.cell(row=r, column=2), text)
    hidden.sheet_state = "hidden"
    hidden.protection.sheet = True
    for key in IDENTITY_KEYS:
        wb.custom_doc_props.append(StringProperty(name=PROPERTY_PREFIX + key, value=ident[key]))
    when = fixed_time(hb)
    wb.properties.creator = hb.document.site_name[lang]
    wb.properties.title = title
    wb.properties.created = when
    wb.properties.modified = when
    wb.properties.lastModifiedBy = None
    return when


# The corrective action plan: widths of number, item, finding, measure, person, completion date.
PLAN_WIDTHS = (5, 18, 30, 34, 14, 17)


def plan_lines(hb: Handbook) -> int:
    """How many item lines the plan's sheet has: the data's blank lines, or more when a
    checklist has more rows (a pre-filled plan may list every row)."""
    forms = hb.checklists
    return max([forms.correction.plan.blank_rows] + [len(c.rows) for c in forms.checklists])


def plan_workbook(hb: Handbook, lang: str) -> bytes:
    """The corrective action plan (是正計画書) as a spreadsheet made for the round trip like
    the checklists: particulars, one line per finding (item and finding filled by the review
    page, or by hand on the blank form; measure, person and completion date by the
    contractor), the hidden id column, identity and fingerprint, protection, A4."""
    plan = hb.checklists.correction.plan
    wb = Workbook()
    ws = wb.active
    ws.title = plan.sheet[lang]
    font = Font(name=FONT_NAME[lang], size=FONT_SIZE)
    bold = Font(name=FONT_NAME[lang], size=FONT_SIZE, bold=True)
    last = len(PLAN_WIDTHS)
    for i, width in enumerate(PLAN_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    id_col = column_index_from_string(PLAN_ID_COLUMN)
    value_col = column_index_from_string(PLAN_VALUE_COLUMN)
    ws.column_dimensions[PLAN_ID_COLUMN].hidden = True

    put, merged = _writers(ws, font)

    row = 1

    def full_width(text, *, style=font, align=_WRAP_TOP, minimum=LINE_HEIGHT + 4):
        nonlocal row
        merged(row, 1, last, text, style=style, align=align)
        ws.row_dimensions[row].height = max(minimum, lines_needed(text, sum(PLAN_WIDTHS)) * LINE_HEIGHT + 4)
        row += 1

    full_width(plan.title[lang], style=Font(name=FONT_NAME[lang], size=13, bold=True), align=_CENTER, minimum=30)
    full_width(hb.t("correction.model", lang), style=Font(name=FONT_NAME[lang], size=8))
    if lang != "ja":
        full_width(hb.t("notice.reference_translation", lang), style=Font(name=FONT_NAME[lang], size=8))
    row += 1
    middle = Alignment(vertical="center", wrap_text=True)
    for f in plan.fields:
        merged(row, 1, value_col - 1, f.label[lang], style=bold, align=middle, box=True)
        merged(row, value_col, last, None, align=Alignment(horizontal="left", vertical="center", wrap_text=True),
               box=True, editable=True)
        if f.kind == "date":
            ws.cell(row=row, column=value_col).number_format = DATE_FORMAT[lang]
        text_cell(ws.cell(row=row, column=id_col), f.id)
        ws.row_dimensions[row].height = 26
        row += 1
    row += 1
    full_width(plan.instructions[lang])

    header_row = row
    put(row, 1, hb.t("checklist.col.number", lang), style=bold, align=_CENTER, box=True)
    for key, letter in PLAN_COLUMNS.items():
        if key != "number":
            put(row, column_index_from_string(letter), plan.columns[key][lang], style=bold, align=_CENTER, box=True)
    ws.row_dimensions[row].height = 22
    row += 1
    first_line = row
    cols = {k: column_index_from_string(v) for k, v in PLAN_COLUMNS.items()}
    for n in range(1, plan_lines(hb) + 1):
        put(row, cols["number"], str(n), box=True)
        for key in ("item", "finding", "measure", "person"):
            put(row, cols[key], None, box=True, editable=True)
        put(row, cols["completion"], None, align=_CENTER, box=True, editable=True).number_format = DATE_FORMAT[lang]
        text_cell(ws.cell(row=row, column=id_col), f"{PLAN_LINE_PREFIX}{n}")
        ws.row_dimensions[row].height = 3 * LINE_HEIGHT + 8
        row += 1
    last_line = row - 1
    dates = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True)
    dates.showErrorMessage = True
    dates.add(f"{PLAN_COLUMNS['completion']}{first_line}:{PLAN_COLUMNS['completion']}{last_line}")
    ws.add_data_validation(dates)
    row += 1

    ws.protection.sheet = True
    ws.protection.formatRows = False
    ws.protection.formatColumns = False
    _print_setup(ws, header_row, f"A1:{get_column_letter(last)}{row - 1}")
    when = _identify(hb, wb, plan_identity(hb, lang), [], plan.title[lang], lang)
    return _fixed_zip(_write(wb), when, growing=(first_line, last_line))


def plan_cell_map(data: bytes) -> dict:
    """Where the review page writes into the plan's file: the sheet's part, each line's item,
    finding and id cells in order, each particular's value cell by id, and the style of a
    locked, boxed cell (a pre-filled item and finding get it)."""
    import xml.etree.ElementTree as ET

    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
    cells = {c.get("r"): c for c in sheet.iterfind(".//m:c", ns)}
    lines, fields = [], {}
    for ref, c in cells.items():
        if ref.startswith(PLAN_ID_COLUMN) and ref[len(PLAN_ID_COLUMN):].isdigit():
            n = ref[len(PLAN_ID_COLUMN):]
            text = "".join(t.text or "" for t in c.iterfind(".//m:t", ns))
            if text.startswith(PLAN_LINE_PREFIX):
                lines.append((int(n), {"item": PLAN_COLUMNS["item"] + n, "finding": PLAN_COLUMNS["finding"] + n, "id": ref}))
            else:
                fields[text] = PLAN_VALUE_COLUMN + n
    lines.sort(key=lambda x: x[0])
    return {
        "sheet": "xl/worksheets/sheet1.xml",
        "lines": [where for _n, where in lines],
        "fields": dict(sorted(fields.items())),
        "lockedStyle": cells[PLAN_COLUMNS["number"] + str(lines[0][0])].get("s"),
        "excelEpoch": 25569,
    }


def cell_map(data: bytes, checklist: Checklist) -> dict:
    """Where the checklist page writes into a built file (checklist.js, tailored download):
    the sheet's part, each particular's value cell and each row's answer cell by id, and the
    style of a locked, boxed cell of the table (an excluded row's answer gets it)."""
    import xml.etree.ElementTree as ET

    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
    cells = {c.get("r"): c for c in sheet.iterfind(".//m:c", ns)}
    ids = {}
    for ref, c in cells.items():
        if ref.startswith(ID_COLUMN) and ref[len(ID_COLUMN):].isdigit():
            text = "".join(t.text or "" for t in c.iterfind(".//m:t", ns))
            ids[text] = ref[len(ID_COLUMN):]
    return {
        "sheet": "xl/worksheets/sheet1.xml",
        "ids": {key: {"value": VALUE_COLUMN + n, "answer": ANSWER_COLUMN + n} for key, n in sorted(ids.items())},
        "lockedStyle": cells[f"A{ids[checklist.rows[0].id]}"].get("s"),
        "excelEpoch": 25569,  # the serial number of 1970-01-01 in Excel's 1900 date system
    }


def _write(wb: Workbook) -> bytes:
    """The workbook's bytes, without openpyxl's save_workbook (which stamps 'now')."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).write_data()
    return buffer.getvalue()


def _grow(sheet: bytes, first: int, last: int) -> bytes:
    """The sheet with rows first…last free to grow: their height is kept as a start, but
    not marked custom, so Excel and LibreOffice fit it to a long remark."""
    def free(match: re.Match) -> bytes:
        number = int(match.group(1))
        return match.group(0).replace(b' customHeight="1"', b"") if first <= number <= last else match.group(0)

    return re.sub(rb'<row r="(\d+)"[^>]*>', free, sheet)


def _fixed_zip(data: bytes, when: dt.datetime, growing: tuple[int, int]) -> bytes:
    """The same zip with every entry dated `when` and given fixed attributes, and the
    item rows of the first sheet free to grow."""
    out = io.BytesIO()
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 0
            content = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = _grow(content, *growing)
            dst.writestr(entry, content)
    return out.getvalue()
