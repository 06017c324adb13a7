"""Excel (.xlsx) plans.

A merged range in a sheet keeps its value in the top-left cell only, which is exactly the
`Table` convention for horizontal merges. openpyxl's read-only mode (which does not load the
whole workbook in memory) knows nothing of merges, so the sheet's `<mergeCell>` list is read
separately and a range merged downwards repeats its value in every row it covers, as the
`Table` conventions ask. The title rows above the header stay in `rows`: the mapper reads the
rows above the header it finds as the preamble.
"""

from __future__ import annotations

import datetime as dt
import io
from xml.etree.ElementTree import iterparse

from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

from muniplan.readers.draft import PlanDraft, ReadError
from muniplan.readers.plan.headers import find_header
from muniplan.readers.plan.mapper import plan_from_table
from muniplan.readers.table import Table

MAX_ROWS = 5000  # a plan has dozens of rows; a sheet of millions is not a plan
MAX_COLUMNS = 60
# A sheet of this name holds the text under the plan table (who prepared it, signatures), as
# MuniPlan's own Excel export writes it.
NOTES_SHEET = "примечания"


def read_xlsx(filename: str, data: bytes) -> PlanDraft:
    return plan_from_table(xlsx_table(filename, data))


def xlsx_table(filename: str, data: bytes) -> Table:
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        tables = [_sheet_table(filename, sheet) for sheet in workbook.worksheets]
        titles = [sheet.title.strip().lower() for sheet in workbook.worksheets]
    finally:
        workbook.close()
    if not tables:
        raise ReadError(f"Файл {filename}: в книге нет листов.")
    # The plan is on the first sheet whose header is recognized (others hold notes, lists).
    table = next((t for t in tables if find_header(t) is not None), tables[0])
    if NOTES_SHEET in titles and tables[titles.index(NOTES_SHEET)] is not table:
        table.trailer = [
            " ".join(filter(None, row)) for row in tables[titles.index(NOTES_SHEET)].rows
        ]
    return table


def _sheet_table(filename: str, sheet) -> Table:
    table = Table(rows=[], preamble=[], source=filename)
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()  # the stored dimension is often wrong in generated files
    for values in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
        row = [_cell(v) for v in values]
        while row and not row[-1]:
            row.pop()  # iterating up to MAX_COLUMNS pads every row with empty cells
        if len(table.rows) == MAX_ROWS:
            if row:
                table.warnings.append(rows_beyond_limit(filename, f" на листе «{sheet.title}»"))
                break
            continue
        table.rows.append(row)
    while table.rows and not any(table.rows[-1]):
        table.rows.pop()
    _repeat_merged_down(table.rows, _merged_ranges(sheet))
    return table


def rows_beyond_limit(filename: str, where: str = "") -> str:
    """A sheet longer than any plan is read up to the limit, and the user is told so."""
    limit = f"{MAX_ROWS:,}".replace(",", "\u00a0")
    return (
        f"Файл {filename}:{where} больше {limit} строк; прочитаны только первые {limit}, "
        f"остальные не загружены. Разделите план на несколько файлов."
    )


def _merged_ranges(sheet) -> list[tuple[int, int, int, int]]:
    """(first column, first row, last column, last row), 1-based, of the sheet's merges."""
    if not hasattr(sheet, "_get_source"):
        return [tuple(r.bounds) for r in sheet.merged_cells.ranges]
    ranges = []
    with sheet._get_source() as source:
        for _, element in iterparse(source):
            if element.tag.endswith("}mergeCell") and element.get("ref"):
                ranges.append(range_boundaries(element.get("ref")))
            element.clear()
    return ranges


def _repeat_merged_down(rows: list[list[str]], ranges) -> None:
    for first_column, first_row, _, last_row in ranges:
        column = first_column - 1
        if first_row > len(rows) or column >= MAX_COLUMNS:
            continue
        top = rows[first_row - 1]
        value = top[column] if column < len(top) else ""
        for row in rows[first_row : min(last_row, len(rows))]:
            if value and column >= len(row):
                row.extend([""] * (column + 1 - len(row)))
            if value and not row[column]:
                row[column] = value


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # «1» typed in a number column comes back as 1.0
    return str(value).replace("\r\n", "\n")
