"""PDF: WeasyPrint lays out the same table as the Word file, in DejaVu Sans (a font with
Cyrillic, embedded in the file), the header repeated on every page, page numbers below.

WeasyPrint's cost grows much faster than linearly with the rows of one table (2,000 activities
in one table did not finish in 20 minutes), so the table is cut into page-sized tables: each
has its own header and starts on a new page. The rows per page come from a conservative
estimate of each row's height from its text lengths; a chunk that still overflows its page is
paginated by WeasyPrint as before (the header repeats), only with a shorter last page."""

from __future__ import annotations

import math

from django.template.loader import render_to_string

from muniplan.documents.layouts import Layout, PlanDocument, Row

# Geometry of plan_pdf.html, in points: A4 landscape less the page margins, 8 pt DejaVu Sans.
_PAGE_WIDTH = 841.9 - 2 * 34.0
_PAGE_HEIGHT = 595.3 - 34.0 - 39.7
_LINE = 8 * 1.2  # line-height of a cell paragraph
_PARAGRAPH_GAP = 4.0  # the 0.5em between paragraphs of one cell
_CELL_EXTRA = 4.0 + 1.2  # padding above and below plus the border
_CHAR = 5.8  # wider than DejaVu Sans' Cyrillic letters at 8 pt (5.1–5.6 measured), so lines are over-counted
_HEADING = 60.0  # the approval block and the title over the first table, per line of them
_FILL = 0.92  # leave a margin for what the estimate misses


def render_pdf(document: PlanDocument) -> bytes:
    from weasyprint import HTML

    chunks = paginate(document)
    html = render_to_string(
        "documents/plan_pdf.html", {"doc": document, "layout": document.layout, "chunks": chunks}
    )
    return HTML(string=html).write_pdf()


def paginate(document: PlanDocument) -> list[list[Row]]:
    """The rows cut into runs that each fit one page under the repeated header; a section's band
    row is never the last of a run (it moves to the next page with its first activity)."""
    layout = document.layout
    header = _header_height(layout)
    budget = (_PAGE_HEIGHT - header) * _FILL
    first_budget = budget - _HEADING * (1 + len(document.approval)) / 3
    chunks: list[list[Row]] = []
    current: list[Row] = []
    used = 0.0
    for row in document.rows:
        height = _row_height(layout, row)
        limit = first_budget if not chunks else budget
        if current and used + height > limit:
            carried = [current.pop()] if current[-1].kind == "band" and len(current) > 1 else []
            chunks.append(current)
            current, used = carried, sum(_row_height(layout, r) for r in carried)
        current.append(row)
        used += height
    if current or not chunks:
        chunks.append(current)
    return chunks


def _lines(text: str, width_percent: float) -> tuple[int, int]:
    """Lines and paragraphs a cell's text takes in a column of that share of the table width,
    wrapping whole words the way the layout does."""
    per_line = max(1, int((_PAGE_WIDTH * width_percent / 100 - 7) / _CHAR))
    paragraphs = text.splitlines() or [""]
    lines = 0
    for paragraph in paragraphs:
        lines += 1
        filled = 0
        for word in paragraph.split():
            if filled and filled + 1 + len(word) > per_line:
                lines += 1
                filled = 0
            lines += max(
                0, math.ceil(len(word) / per_line) - 1
            )  # a word longer than the column breaks
            filled = (filled + 1 if filled else 0) + (len(word) % per_line or per_line)
    return lines, len(paragraphs)


def _cell_height(text: str, width_percent: float) -> float:
    lines, paragraphs = _lines(text, width_percent)
    return lines * _LINE + (paragraphs - 1) * _PARAGRAPH_GAP + _CELL_EXTRA


def _row_height(layout: Layout, row: Row) -> float:
    if row.kind == "band":
        return _cell_height(row.cells[0], 100)
    return max(
        _cell_height(text, column.width)
        for text, column in zip(row.cells, layout.columns, strict=False)
    )


def _header_height(layout: Layout) -> float:
    # Headers are bold and broken by hand; count the month row under a grouped header too.
    height = max(
        _cell_height(c.header, c.width) * 1.15
        for c in layout.columns
        if not c.field.startswith("month:")
    )
    return height + (_cell_height("Сен", 4.2) if layout.group else 0)
