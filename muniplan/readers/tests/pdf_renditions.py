"""PDF renditions of gold plans in their official layout, for reading back with `read_pdf`.

WeasyPrint lays out an HTML table like the councils' own: a heading, a header row repeated on
every page, band rows for the sections, one paragraph per line of a multi-paragraph cell and a
page number in the footer. The layout follows what the gold holds: a month grid (Tula), the
VSMS branch table with participants (Smolensk) or the responsible/funding table (Tyumen).
"""

from __future__ import annotations

from html import escape

from muniplan.readers.tests.renditions import GRID, cell_text

CSS = """
@page { size: A4 landscape; margin: 1.2cm; @bottom-center { content: counter(page); } }
body { font-family: 'DejaVu Sans'; font-size: 8pt; }
h1 { font-size: 10pt; text-align: center; margin: 0 0 8pt; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.6pt solid #000; padding: 2pt 3pt; vertical-align: top; text-align: left; }
th { font-weight: bold; }
p { margin: 0 0 0.5em; line-height: 1.2; }
p:last-child { margin-bottom: 0; }
td.band { font-weight: bold; }
td.mark { text-align: center; }
"""
SMOLENSK_HEADER = (
    "№ п/п",
    "ОРИЕНТИРОВОЧНАЯ ДАТА ПРОВЕДЕНИЯ МЕРОПРИЯТИЯ",
    "НАЗВАНИЕ МЕРОПРИЯТИЯ, МЕСТО ПРОВЕДЕНИЯ МЕРОПРИЯТИЯ (регион, город)",
    "ПЛАНИРУЕМОЕ КОЛИЧЕСТВО УЧАСТНИКОВ, КАТЕГОРИЯ УЧАСТНИКОВ",
    "ПРЕДВАРИТЕЛЬНАЯ ПРОГРАММА МЕРОПРИЯТИЯ, КРАТКОЕ ОПИСАНИЕ",
)
SMOLENSK_WIDTHS = (5, 12, 22, 18, 43)
TYUMEN_HEADER = (
    "№ п/п",
    "Наименование мероприятия",
    "Характеристика мероприятия",
    "Период",
    "Ответственный исполнитель/ финансовое обеспечение",
)
TYUMEN_WIDTHS = (5, 28, 37, 12, 18)


def plan_pdf(gold: dict) -> bytes:
    from weasyprint import HTML

    return HTML(string=plan_html(gold)).write_pdf()


def plan_html(gold: dict) -> str:
    layout = _layout(gold)
    header, widths = {
        "grid": (("№", "Мероприятие", *(h for h, _ in GRID[2:])), (4, 40, *[4] * 12, 8)),
        "smolensk": (SMOLENSK_HEADER, SMOLENSK_WIDTHS),
        "tyumen": (TYUMEN_HEADER, TYUMEN_WIDTHS),
    }[layout]
    cols = "".join(f'<col style="width:{w}%">' for w in widths)
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = []
    for section in gold["sections"]:
        band = _paragraphs(section["title"])
        body.append(f'<tr><td class="band" colspan="{len(header)}">{band}</td></tr>')
        for activity in section["activities"]:
            for item in (activity, *activity["children"]):
                body.append(_row(layout, item))
    return (
        f"<html><head><meta charset='utf-8'><style>{CSS}</style></head><body>"
        f"<h1>{escape(gold['title'])}</h1><table><colgroup>{cols}</colgroup>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></body></html>"
    )


def _layout(gold: dict) -> str:
    activities = [a for s in gold["sections"] for a in s["activities"]]
    if any(a["participants"] for a in activities):
        return "smolensk"
    if any(a["responsible"] or a["description"] for a in activities):
        return "tyumen"
    return "grid"


def _row(layout: str, activity: dict) -> str:
    cells = {"grid": _grid_cells, "smolensk": _smolensk_cells, "tyumen": _tyumen_cells}[layout]
    return "<tr>" + "".join(cells(activity)) + "</tr>"


def _grid_cells(activity: dict) -> list[str]:
    marks = (cell_text(activity, field) for _, field in GRID[2:])  # as in the Word rendition
    return [
        _cell(activity["number"]),
        _cell(activity["title"]),
        *(f'<td class="mark">{escape(m)}</td>' for m in marks),
    ]


def _smolensk_cells(activity: dict) -> list[str]:
    groups = [
        " ".join(filter(None, [p["category"], _count(p["count"])]))
        for p in activity["participants"]
    ]
    return [
        _cell(activity["number"]),
        _cell(activity["period"]["text"]),
        _cell(activity["title"]),
        _cell("\n".join([*groups, *activity["partners"]])),
        _cell(activity["description"]),
    ]


def _tyumen_cells(activity: dict) -> list[str]:
    number = activity["number"] + ("" if "." in activity["number"] else ".")
    responsible = "\n".join(filter(None, [*activity["responsible"], activity["funding"]]))
    return [
        _cell(number),
        _cell(activity["title"]),
        _cell(activity["description"]),
        _cell(activity["period"]["text"]),
        _cell(responsible),
    ]


def _count(count: int | None) -> str:
    return f"{count} человек" if count is not None else ""


def _cell(text: str) -> str:
    return f"<td>{_paragraphs(text)}</td>"


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{escape(line)}</p>" for line in text.split("\n"))
