"""Excel: one row per activity, months as columns, the header frozen and filtered, and a
column of row codes by which an edited copy is matched back to the plan (transfer/roundtrip.py)."""

from __future__ import annotations

import io
from copy import copy

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from muniplan.documents.layouts import Column, PlanDocument
from muniplan.plans.models import MONTH_SHORT
from muniplan.readers.plan.headers import ID_HEADER

NOTES_SHEET = (
    "Примечания"  # muniplan.readers.sources.xlsx takes the notes under the table from here
)
_TABLE_WIDTH_CHARS = 260  # all columns together, in Excel's character widths
_WRAP = Alignment(wrap_text=True, vertical="top")
# a section's title runs on over the empty cells of its row instead of wrapping in the narrow first one
_BAND_TEXT = Alignment(wrap_text=False, vertical="top")
_CENTER = Alignment(horizontal="center", vertical="top")
_BOLD = Font(bold=True)
_BAND = PatternFill("solid", fgColor="E7EEF7")
# Row heights, in points: LibreOffice keeps a row one line high unless told, hiding wrapped text.
_LINE_POINTS = 15
_MAX_ROW_POINTS = 409  # Excel's limit


def sheet_columns(document: PlanDocument) -> list[Column]:
    """The layout's columns, then the months (a layout without a month grid gets one), then
    the row code."""
    columns = list(document.layout.columns)
    if not document.layout.is_grid:
        columns += [
            Column(name.capitalize(), f"month:{n}", 3) for n, name in enumerate(MONTH_SHORT, 1)
        ]
    return [*columns, Column(ID_HEADER, "id", 8)]


def render_xlsx(document: PlanDocument) -> bytes:
    columns = sheet_columns(document)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "План"
    for line in [*document.approval, document.title, ""]:
        sheet.append([line])
        if line:
            sheet.merge_cells(
                start_row=sheet.max_row,
                start_column=1,
                end_row=sheet.max_row,
                end_column=len(columns),
            )
    widths = [max(3.5, _TABLE_WIDTH_CHARS * c.width / 100 / 1.6) for c in columns]
    sheet.append([c.header for c in columns])
    header_row = sheet.max_row
    sheet.row_dimensions[header_row].height = _height([c.header for c in columns], widths)
    for cell in sheet[header_row]:
        cell.font, cell.alignment = _BOLD, _WRAP
    bands = []
    # rows are counted here: openpyxl's max_row scans every cell, once per row it would be quadratic
    for number, row in enumerate(document.rows, header_row + 1):
        if row.kind == "band":
            sheet.append([row.cells[0]])
            bands.append(number)
            continue
        values = _values(columns, document, row)
        sheet.append(values)
        sheet.row_dimensions[number].height = _height(values, widths)
    for index, (column, width) in enumerate(zip(columns, widths, strict=True), 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        _align_column(
            sheet, index, header_row + 1, _CENTER if column.field.startswith("month:") else _WRAP
        )
    for number in bands:
        for cell in sheet[number]:
            cell.fill = _BAND
        sheet.cell(number, 1).font, sheet.cell(number, 1).alignment = _BOLD, _BAND_TEXT
    sheet.freeze_panes = sheet.cell(header_row + 1, 3)
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(columns))}{sheet.max_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    # printed as the Word and PDF are: every column on the page's width, as many pages down as needed
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.print_title_rows = f"{header_row}:{header_row}"
    if document.notes:
        notes = workbook.create_sheet(NOTES_SHEET)
        for line in document.notes:
            notes.append([line])
    workbook.properties.title = document.title[:250]
    if document.plan.updated:
        workbook.properties.created = workbook.properties.modified = document.plan.updated.replace(
            tzinfo=None, microsecond=0
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _align_column(sheet, index: int, first_row: int, alignment: Alignment) -> None:
    """Setting a style through openpyxl's attribute hashes it for every cell (half the time of
    a long plan); one plain cell is styled and its style copied to the other plain cells."""
    cells = [cell for (cell,) in sheet.iter_rows(min_row=first_row, min_col=index, max_col=index)]
    styled = [cell for cell in cells if cell.has_style]  # the bold first cells of the bands
    plain = [cell for cell in cells if not cell.has_style]
    for cell in styled + plain[:1]:
        cell.alignment = alignment
    for cell in plain[1:]:
        cell._style = copy(plain[0]._style)


def _height(values: list, widths: list[float]) -> float:
    """Enough lines for the longest wrapped cell; a character is taken a little wider than Excel's
    width unit, so a long Russian word does not slip under the next row."""
    lines = 1
    for value, width in zip(values, widths, strict=True):
        if isinstance(value, str):
            per_line = max(1, int(width / 1.15))
            lines = max(lines, sum(-(-max(len(part), 1) // per_line) for part in value.split("\n")))
    return min(_MAX_ROW_POINTS, lines * _LINE_POINTS)


def _values(columns: list[Column], document: PlanDocument, row) -> list:
    cells = dict(zip(document.layout.fields, row.cells, strict=True))
    values = []
    for column in columns:
        if column.field == "id":
            values.append(row.activity.pk)
        elif column.field in cells:
            values.append(cells[column.field] or None)
        else:  # months added to a layout that has none: one mark a month, a whole year too
            values.append("+" if row.activity.has_month(int(column.field[6:])) else None)
    return values
