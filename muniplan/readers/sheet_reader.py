"""Excel (.xlsx) and CSV plans.

A merged range in a sheet keeps its value in the top-left cell only, which is exactly the
`Table` convention for horizontal merges, so openpyxl's read-only mode (which knows nothing of
merges but does not load the whole workbook in memory) is enough. The title rows above the
header stay in `rows`: the mapper reads the rows above the header it finds as the preamble.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from openpyxl import load_workbook

from muniplan.readers.draft import PlanDraft, ReadError
from muniplan.readers.headers import find_header
from muniplan.readers.plan_table import plan_from_table
from muniplan.readers.table import Table

MAX_ROWS = 5000  # a plan has dozens of rows; a sheet of millions is not a plan
MAX_COLUMNS = 60
# A sheet of this name holds the text under the plan table (who prepared it, signatures), as
# MuniPlan's own Excel export writes it.
NOTES_SHEET = "примечания"


def read_xlsx(filename: str, data: bytes) -> PlanDraft:
    return plan_from_table(xlsx_table(filename, data))


def read_csv(filename: str, data: bytes) -> PlanDraft:
    return plan_from_table(csv_table(filename, data))


def xlsx_table(filename: str, data: bytes) -> Table:
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        tables = [
            Table(rows=_sheet_rows(sheet), preamble=[], source=filename)
            for sheet in workbook.worksheets
        ]
        titles = [sheet.title.strip().lower() for sheet in workbook.worksheets]
    finally:
        workbook.close()
    if not tables:
        raise ReadError(f"Файл {filename}: в книге нет листов.")
    # The plan is on the first sheet whose header is recognized (others hold notes, lists).
    table = next((t for t in tables if find_header(t) is not None), tables[0])
    if NOTES_SHEET in titles and tables[titles.index(NOTES_SHEET)] is not table:
        table.trailer = [" ".join(filter(None, row)) for row in tables[titles.index(NOTES_SHEET)].rows]
    return table


def _sheet_rows(sheet) -> list[list[str]]:
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()  # the stored dimension is often wrong in generated files
    rows = []
    for values in sheet.iter_rows(max_row=MAX_ROWS, max_col=MAX_COLUMNS, values_only=True):
        row = [_cell(v) for v in values]
        while row and not row[-1]:
            row.pop()  # iterating up to MAX_COLUMNS pads every row with empty cells
        rows.append(row)
    while rows and not any(rows[-1]):
        rows.pop()
    return rows


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


def csv_table(filename: str, data: bytes) -> Table:
    text = decode_text(filename, data)
    dialect = _dialect(text)
    rows = [row[:MAX_COLUMNS] for row in csv.reader(io.StringIO(text), dialect)][:MAX_ROWS]
    return Table(rows=rows, preamble=[], source=filename)


def decode_text(filename: str, data: bytes) -> str:
    """UTF-8 (with or without BOM) or Windows-1251, the encodings Russian offices save in."""
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise ReadError(
        f"Файл {filename} не является текстовым файлом в кодировке UTF-8 или Windows-1251."
    )


def _dialect(text: str):
    sample = "\n".join(text.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t")
    except csv.Error:
        # Too few rows to sniff: take the separator that occurs most.
        delimiter = max(";,\t", key=sample.count)

        class Fallback(csv.excel):
            pass

        Fallback.delimiter = delimiter
        return Fallback
