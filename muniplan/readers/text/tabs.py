"""Plans pasted from Word or a web page as tab-separated text.

Two shapes occur:

* cell per line (Tyumen 2026): every cell starts with a tab at the start of a line; lines
  without a leading tab continue the cell above; a row ends when it has as many cells as the
  header, or when a new row number or a band appears. A band is a tab alone on its line
  followed by the section title. Text after the last row separated by blank lines is outside
  the table (signatures).
* row per line (Smolensk 2022): cells separated by tabs on one line, the text above the first
  tabbed line being the title; lines without tabs continue the last cell.
"""

from __future__ import annotations

from muniplan.readers.draft import PlanDraft, ReadError
from muniplan.readers.plan.cells import is_funding, parse_number
from muniplan.readers.plan.mapper import plan_from_table
from muniplan.readers.table import Table


def read_tab_text(filename: str, text: str) -> PlanDraft:
    return plan_from_table(tab_table(filename, text))


def tab_table(filename: str, text: str) -> Table:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    tabbed = [line for line in lines if "\t" in line]
    if not tabbed:
        raise ReadError(
            f"Файл {filename}: в тексте нет таблицы (столбцов, разделённых табуляцией)."
        )
    leading = sum(line.startswith("\t") and line.count("\t") == 1 for line in tabbed)
    if leading * 2 > len(tabbed):
        return _cell_per_line(filename, lines)
    return _row_per_line(filename, lines)


def _row_per_line(filename: str, lines: list[str]) -> Table:
    first = next(i for i, line in enumerate(lines) if "\t" in line)
    rows: list[list[str]] = []
    for line in lines[first:]:
        if "\t" in line:
            rows.append(line.split("\t"))
        elif line.strip() and rows:
            rows[-1][-1] += "\n" + line
    return Table(rows=rows, preamble=lines[:first], source=filename)


class _CellReader:
    """Cells and continuation lines of the cell-per-line shape, assembled into rows."""

    def __init__(self) -> None:
        self.rows: list[list[str]] = []
        self.width = 0  # cells per row, known once the header row has ended
        self.blank_run = 0
        self.trailer: list[str] = []
        self.number: str | None = None  # the last row number, which a long number continues

    def cell(self, text: str) -> None:
        if not self.rows or self._starts_row(text):
            self.rows.append([])
            self.number = parse_number(text, self.number) or self.number
        self.rows[-1].append(text)
        self.blank_run = 0

    def _starts_row(self, text: str) -> bool:
        if not self.width:
            if not _opens_body(text):
                return False
            self.width = len(self.rows[0])
            return True
        row = self.rows[-1]
        # An empty cell in a short row is an empty cell, not a band: bands follow full rows.
        return (
            len(row) >= self.width or _is_band(row) or parse_number(text, self.number) is not None
        )

    def line(self, text: str) -> None:
        if not text.strip():
            self.blank_run += 1
            return
        if self.trailer or (self._row_full() and self.blank_run >= 2 and not is_funding(text)):
            self.trailer.append(text)
        elif self.rows:
            self.rows[-1][-1] += "\n" + text
        self.blank_run = 0

    def _row_full(self) -> bool:
        return bool(self.width) and len(self.rows[-1]) >= self.width


def _is_band(row: list[str]) -> bool:
    return len(row) == 1 and row[0].split("\n", 1)[0].strip() == ""


def _cell_per_line(filename: str, lines: list[str]) -> Table:
    first = next(i for i, line in enumerate(lines) if line.startswith("\t"))
    reader = _CellReader()
    for line in lines[first:]:
        if line.startswith("\t"):
            reader.cell(line[1:])
        else:
            reader.line(line)
    return Table(rows=reader.rows, preamble=lines[:first], source=filename, trailer=reader.trailer)


def _opens_body(cell: str) -> bool:
    """The first band or numbered cell ends the header row and fixes the table's width."""
    return cell.strip() == "" or parse_number(cell) is not None
