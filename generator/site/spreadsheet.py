"""A compliance checklist as a fillable spreadsheet (.xlsx), from the same model as its page.

The sheet has the particulars, the items in the data's order with a drop-down list of the
answers and a remarks cell, the notes, and the department's review block. It prints on
A4 portrait, one page wide, with the table header repeated on every page.

The file is byte-deterministic: the document properties carry the data's own date, and
every zip entry gets that date and fixed attributes, so the same data gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import unicodedata
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.writer.excel import ExcelWriter

from ..model import Checklist, Handbook, plain

# Column widths (in characters) of: number, item, point to check, answer, remarks.
WIDTHS = (6, 22, 50, 14, 28)
LAST_COL = get_column_letter(len(WIDTHS))
# Fonts that show Japanese well in office suites; the English form uses the default one.
FONT_NAME = {"ja": "游ゴシック", "en": "Calibri"}
FONT_SIZE = 10
LINE_HEIGHT = 15  # points per line of wrapped text at FONT_SIZE
# Space left for a handwritten or typed answer in a blank cell.
BLANK = {"ja": "　　", "en": "     "}

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


def era_blank(hb: Handbook, lang: str) -> str:
    """A blank era date to overwrite: 令和　　年　　月　　日."""
    d = hb.checklists.date
    gap = BLANK[lang]
    sep = "" if lang == "ja" else " "
    return sep.join([d.era[lang] + gap + d.year[lang], gap + d.month[lang], gap + d.day[lang]])


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

    row = 1

    def put(r: int, c: int, value, *, style=font, align=_WRAP_TOP, box=False):
        cell = ws.cell(row=r, column=c)
        if value is not None:
            text_cell(cell, value)
        cell.font = style
        cell.alignment = align
        if box:
            cell.border = _BOX
        return cell

    def merged(r: int, first: int, last: int, value, *, style=font, align=_WRAP_TOP, box=False):
        put(r, first, value, style=style, align=align, box=box)
        for c in range(first + 1, last + 1):
            put(r, c, None, style=style, align=align, box=box)
        if last > first:
            ws.merge_cells(start_row=r, start_column=first, end_row=r, end_column=last)

    def full_width(text: str, *, style=font, align=_WRAP_TOP, minimum=LINE_HEIGHT + 4):
        nonlocal row
        merged(row, 1, len(WIDTHS), text, style=style, align=align)
        ws.row_dimensions[row].height = max(minimum, lines_needed(text, sum(WIDTHS)) * LINE_HEIGHT + 4)
        row += 1

    def labelled(label: str, value, height: float = 26) -> int:
        nonlocal row
        merged(row, 1, 2, label, style=bold, align=Alignment(vertical="center", wrap_text=True), box=True)
        merged(row, 3, len(WIDTHS), value, align=Alignment(vertical="center", wrap_text=True), box=True)
        ws.row_dimensions[row].height = height
        row += 1
        return row - 1

    # Title, and for the English form the notice that the Japanese text prevails.
    full_width(checklist.title[lang], style=Font(name=FONT_NAME[lang], size=13, bold=True),
               align=_CENTER, minimum=30)
    if lang != "ja":
        full_width(hb.t("notice.reference_translation", lang), style=Font(name=FONT_NAME[lang], size=8))
    row += 1

    # Particulars.
    for f in forms.fields:
        labelled(f.label[lang], era_blank(hb, lang) if f.kind == "date" else None)
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
        question = plain(item.text[lang]) + (" " + t("checklist.model_mark") if item.model else "")
        title = plain(item.title[lang])
        put(row, 1, item.marker, align=Alignment(horizontal="center", vertical="top"), box=True)
        put(row, 2, title, box=True)
        put(row, 3, question, box=True)
        put(row, 4, None, align=_CENTER, box=True)
        put(row, 5, None, box=True)
        lines = max(lines_needed(title, WIDTHS[1]), lines_needed(question, WIDTHS[2]), 2)
        ws.row_dimensions[row].height = lines * LINE_HEIGHT + 8
        row += 1
    answers.add(f"D{first_item}:D{row - 1}")
    ws.add_data_validation(answers)
    row += 1

    # Notes under the table.
    for note_id in checklist.notes:
        note = hb.record(note_id)
        full_width(f"{note.marker} {plain(note.text[lang])}")
    if any(item.model for item in checklist.rows):
        full_width(f"{t('checklist.model_mark')} {t('notice.model_label')}")
    row += 1

    # The department's review block.
    full_width(forms.review_title[lang], style=bold)
    for f in forms.review_fields:
        labelled(f.label[lang], era_blank(hb, lang) if f.kind == "date" else None)
    result_row = labelled(forms.result_label[lang], None)
    results = dropdown([r.label[lang] for r in forms.results])
    results.add(f"C{result_row}")
    ws.add_data_validation(results)

    # Print: A4 portrait, one page wide, table header repeated, page numbers.
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_PORTRAIT
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_area = f"A1:{LAST_COL}{row - 1}"
    ws.oddFooter.center.text = "&P / &N"
    ws.sheet_view.showGridLines = False

    when = fixed_time(hb)
    wb.properties.creator = hb.document.site_name[lang]
    wb.properties.title = checklist.title[lang]
    wb.properties.created = when
    wb.properties.modified = when
    wb.properties.lastModifiedBy = None
    return _fixed_zip(_write(wb), when)


def _write(wb: Workbook) -> bytes:
    """The workbook's bytes, without openpyxl's save_workbook (which stamps 'now')."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).write_data()
    return buffer.getvalue()


def _fixed_zip(data: bytes, when: dt.datetime) -> bytes:
    """The same zip with every entry dated `when` and given fixed attributes."""
    out = io.BytesIO()
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 0
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()
