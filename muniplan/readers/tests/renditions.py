"""Gold readings rendered back into documents, in the layout their authors use.

A rendition read back must give the gold again: this is how the Word, Excel and CSV readers
are tested on real content without keeping binary fixtures in the repository. The PDF engineer
renders `plan_docx` output to PDF for the same purpose.
"""

from __future__ import annotations

import csv
import io

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from openpyxl import Workbook

# The three official layouts: Tyumen (council), Smolensk (VSMS branch) and Tula (month grid).
COUNCIL = (
    ("№\nп/п", "number"),
    ("Наименование мероприятия", "title"),
    ("Характеристика мероприятия", "description"),
    ("Период", "period"),
    ("Ответственный исполнитель/\nфинансовое обеспечение", "responsible"),
)
BRANCH = (
    ("№ п/п", "number"),
    ("ОРИЕНТИРОВОЧНАЯ ДАТА ПРОВЕДЕНИЯ МЕРОПРИЯТИЯ", "period"),
    ("НАЗВАНИЕ МЕРОПРИЯТИЯ, МЕСТО ПРОВЕДЕНИЯ МЕРОПРИЯТИЯ (регион, город)", "title"),
    ("ПЛАНИРУЕМОЕ КОЛИЧЕСТВО УЧАСТНИКОВ, КАТЕГОРИЯ УЧАСТНИКОВ", "participants"),
    ("ПРЕДВАРИТЕЛЬНАЯ ПРОГРАММА МЕРОПРИЯТИЯ, КРАТКОЕ ОПИСАНИЕ", "description"),
)

MONTHS = (
    "Январь",
    "Февраль",
    "Март",
    "Апрель",
    "Май",
    "Июнь",
    "Июль",
    "Август",
    "Сентябрь",
    "Октябрь",
    "Ноябрь",
    "Декабрь",
)
WHOLE_YEAR = tuple(range(1, 13))
# A mark «+» in a month column; «+» or the words («1 раз в год») in the whole-year column.
GRID = (
    ("№", "number"),
    ("Наименование мероприятия", "title"),
    *((month, f"month:{n}") for n, month in enumerate(MONTHS, 1)),
    ("В течение года", "month:all"),
)
# Fields only a column of its own can hold; a plan using none of them is a bare title list.
_TABLE_ONLY = ("description", "responsible", "funding", "participants", "partners", "location")


def layout_for(plan: dict) -> tuple[tuple[str, str], ...]:
    activities = _all_activities(plan)
    if any(a["participants"] or a["partners"] for a in activities):
        return BRANCH
    return GRID if is_grid(activities) else COUNCIL


def is_grid(activities: list[dict]) -> bool:
    """A month grid: months with no period words can only come from marks in month columns,
    and a grid has no column for anything but the number and title."""
    marked = any(a["period"]["months"] and not a["period"]["text"] for a in activities)
    return marked and not any(a[name] for a in activities for name in _TABLE_ONLY)


def _all_activities(plan: dict) -> list[dict]:
    out = []
    for section in plan["sections"]:
        for activity in section["activities"]:
            out += [activity, *activity["children"]]
    return out


def cell_text(activity: dict, field: str) -> str:
    """What the author typed in the cell, lines separated by "\\n"."""
    if field.startswith("month:"):
        return _grid_mark(activity["period"], field[6:])
    if field == "period":
        return activity["period"]["text"]
    if field == "responsible":
        return "\n".join([*activity["responsible"], *filter(None, [activity["funding"]])])
    if field == "participants":
        lines = [
            f"{p['category']} {p['count']} человек" if p["count"] is not None else p["category"]
            for p in activity["participants"]
        ]
        if activity["partners"]:
            lines.append("совместно с " + "; ".join(activity["partners"]))
        return "\n".join(lines)
    return activity[field]


def _grid_mark(period: dict, column: str) -> str:
    """A whole year is one mark in its own column, not twelve; words go there too."""
    whole_year = tuple(period["months"]) == WHOLE_YEAR
    if column == "all":
        return period["text"] or ("+" if whole_year else "")
    if period["text"] or whole_year:
        return ""
    return "+" if int(column) in period["months"] else ""


def plan_rows(plan: dict) -> list[tuple[str, list[str], dict | None]]:
    """(kind, cells, activity) in document order: kind is "header", "band" or "activity"."""
    layout = layout_for(plan)
    rows: list[tuple[str, list[str], dict | None]] = [("header", [h for h, _ in layout], None)]
    for section in plan["sections"]:
        if section["title"]:
            rows.append(("band", [section["title"]], None))
        for activity in section["activities"]:
            for item in (activity, *activity["children"]):
                rows.append(("activity", [cell_text(item, f) for _, f in layout], item))
    return rows


def plan_docx(plan: dict, *, list_numbering: bool = False) -> bytes:
    """The plan as a Word table: band rows are one cell merged across the table, multi-line
    cells are separate paragraphs; with `list_numbering` the numbers are Word list numbering
    (level 1 for activities, level 2 for sub-activities) instead of typed text."""
    document = Document()
    document.add_paragraph(plan["title"])
    rows = plan_rows(plan)
    width = len(rows[0][1])
    table = document.add_table(rows=len(rows), cols=width)
    num_id = _add_decimal_list(document) if list_numbering else None
    for row, (kind, cells, activity) in zip(table.rows, rows, strict=True):
        if kind == "band":
            merged = row.cells[0].merge(row.cells[width - 1])
            _write(merged, cells[0])
            continue
        for index, (cell, text) in enumerate(zip(row.cells, cells, strict=True)):
            if num_id is not None and kind == "activity" and index == 0:
                _write_list_number(cell, num_id, activity["number"].count("."))
            else:
                _write(cell, text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _write(cell, text: str) -> None:
    lines = text.split("\n")
    cell.paragraphs[0].text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def _add_decimal_list(document) -> int:
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1.%2."/></w:lvl></w:abstractNum>'
    )
    num = parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)  # abstract definitions must precede w:num elements
    else:
        numbering.append(abstract)
    numbering.append(num)
    return 90


def _write_list_number(cell, num_id: int, level: int) -> None:
    paragraph = cell.paragraphs[0]
    num_pr = parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
    )
    paragraph._p.get_or_add_pPr().append(num_pr)


def resolution_docx(resolution: dict) -> bytes:
    document = Document()
    for line in [resolution["event"], resolution["title"], *resolution["preamble"].split("\n")]:
        document.add_paragraph(line)
    for index, addressee in enumerate(resolution["addressees"], 1):
        document.add_paragraph("")
        document.add_paragraph(f"{index}. {addressee['name']}:")
        items = addressee["recommendations"]
        for number, item in enumerate(items, 1):
            end = "." if number == len(items) else ";"
            document.add_paragraph(f"{item['number']}) {item['text']}{end}")
    document.add_paragraph("")
    document.add_paragraph(resolution["closing"])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def sheet_rows(plan: dict) -> list[list[str]]:
    """The plan as spreadsheet rows: the title above the header, bands in the first column."""
    rows = plan_rows(plan)
    width = len(rows[0][1])
    out = [[plan["title"]] + [""] * (width - 1), [""] * width]
    for _, cells, _ in rows:
        out.append(cells + [""] * (width - len(cells)))
    return out


def plan_xlsx(plan: dict) -> bytes:
    """Title and band rows are merged across the sheet, as authors lay them out."""
    workbook = Workbook()
    sheet = workbook.active
    rows = sheet_rows(plan)
    width = len(rows[0])
    for index, row in enumerate(rows, 1):
        sheet.append(row)
        if row[0] and not any(row[1:]):
            sheet.merge_cells(start_row=index, start_column=1, end_row=index, end_column=width)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def plan_csv(plan: dict, *, encoding: str = "utf-8-sig", delimiter: str = ";") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(sheet_rows(plan))
    return buffer.getvalue().encode(encoding)
