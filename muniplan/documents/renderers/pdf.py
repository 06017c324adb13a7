"""PDF: WeasyPrint lays out the same table as the Word file, in DejaVu Sans (a font with
Cyrillic, embedded in the file), the header repeated on every page, page numbers below.

WeasyPrint's cost grows much faster than linearly with the rows of one table (2,000 activities
in one table did not finish in 20 minutes), so the table is cut into page-sized tables: each
has its own header and starts on a new page. Every cell is written in the lines the font's widths
break it into (`text_metrics.py`), and the rows per page come from those lines; a chunk that
still overflows its page is paginated by WeasyPrint as before (the header repeats), only with a
shorter last page.

A long plan is cut into runs of pages laid out at once, each in a child process on a core of its
own (`renderers/weasy.py`), and the files joined; each run's page numbers continue the
last's."""

from __future__ import annotations

import math
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from muniplan.documents.layouts import Layout, PlanDocument, Row

from .text_metrics import broken_lines, line_count
from .weasy import Helper, helpers, join, render, render_parts

# Geometry of plan_pdf.html, in points: A4 landscape less the page margins (the body has none), 8 pt DejaVu Sans.
_PAGE_WIDTH = 841.9 - 2 * 34.0
_PAGE_HEIGHT = 595.3 - 34.0 - 39.7
_LINE = 8 * 1.2  # line-height of a cell paragraph
_PARAGRAPH_GAP = 4.0  # the 0.5em between paragraphs of one cell
_CELL_EXTRA = 4.0 + 1.2  # padding above and below plus the border
_CELL_INSET = 6.0 + 1.2  # padding left and right plus the border
_SIZE, _TITLE_SIZE, _BLOCK_GAP = 8.0, 10.0, 8.0  # body and h1 font sizes; margin under each
_FILL = 0.97  # lines are counted from the font's widths; leave a little for rounding
# A long plan is laid out in parts on as many cores as there are (up to MAX_PARTS), each part
# at least this many pages: a child process takes most of a second to load WeasyPrint.
PAGES_PER_PART = 20
MAX_PARTS = 4
# Activities that surely take two parts' pages (a page holds some 13 rows of a usual plan): the
# children are started before the plan is read and measured, and load WeasyPrint meanwhile.
EARLY_HELPERS_FROM_ROWS = 2 * PAGES_PER_PART * 13


@contextmanager
def early_helpers(activities: int) -> Iterator[list[Helper]]:
    """Child processes for a plan of this many activities, started before it is read (none for
    a plan that may fit in one part); any left unused are stopped at the end."""
    cores = _cores()
    with helpers(cores if cores > 1 and activities >= EARLY_HELPERS_FROM_ROWS else 0) as started:
        yield started


def render_pdf(document: PlanDocument, started: Sequence[Helper] = ()) -> bytes:
    """The plan's PDF; `started`: child processes already loading WeasyPrint (`early_helpers`)."""
    chunks = paginate(document)
    parts = min(_cores(), len(chunks) // PAGES_PER_PART)
    if parts < 2:
        for helper in started:  # not needed: off the cores before the plan is laid out here
            helper.stop()
        return render(_html(document, chunks, first_page=1))[0]
    with helpers(max(0, parts - len(started))) as more:
        return _render_in_parts(document, chunks, parts, [*started, *more][:parts])


def _cores() -> int:
    return min(MAX_PARTS, len(os.sched_getaffinity(0)))


def _render_in_parts(
    document: PlanDocument, chunks: list[list[Row]], parts: int, children: list[Helper]
) -> bytes:
    size = math.ceil(len(chunks) / parts)
    runs = [chunks[start : start + size] for start in range(0, len(chunks), size)]
    # Each chunk is sized to take one page: a run starts on the page after the chunks before it.
    starts = [1 + index * size for index in range(len(runs))]
    last = len(runs) - 1
    htmls = [
        _html(document, run, first_page=start, closes=index == last)
        for index, (run, start) in enumerate(zip(runs, starts, strict=True))
    ]
    rendered = render_parts(htmls, children[: len(htmls)])
    pdfs, page = [], 1
    for index, (run, start, (pdf, pages)) in enumerate(zip(runs, starts, rendered, strict=True)):
        if start != page:  # a chunk before ran over its page: number this run again
            pdf, pages = render(_html(document, run, first_page=page, closes=index == last))
        pdfs.append(pdf)
        page += pages
    return join(pdfs)


def _html(
    document: PlanDocument, chunks: list[list[Row]], *, first_page: int, closes: bool = True
) -> str:
    """The HTML of a run of chunks; the title and approval open the plan (on page 1), the notes
    close it."""
    return render_to_string(
        "documents/plan_pdf.html",
        {
            "doc": document,
            "layout": document.layout,
            "chunks": [[_row_html(document.layout, row) for row in chunk] for chunk in chunks],
            "first_page": first_page,
            "opens": first_page == 1,
            "closes": closes,
        },
    )


def _row_html(layout: Layout, row: Row) -> SafeString:
    """A table row's markup, written here rather than in the template: the template language's
    loops over every line of every cell were a tenth of the time of a 2,000-activity plan. Each
    cell holds its text in the lines it is measured in (cells keep their line breaks, see
    plan_pdf.html), a cell of several paragraphs a paragraph each."""
    if row.kind == "band":
        return mark_safe(
            f'<tr class="band"><td class="band" colspan="{len(layout.columns)}">'
            f"{_cell_lines(row.cells[0], 100, bold=True)}</td></tr>"
        )
    mark = '<td class="mark">'  # the month columns of a grid layout
    cells = "".join(
        f"{mark if layout.is_grid and index > 1 else '<td>'}{_cell_lines(text, column.width)}</td>"
        for index, (text, column) in enumerate(zip(row.cells, layout.columns, strict=False))
    )
    return mark_safe(f"<tr>{cells}</tr>")


def _cell_lines(text: str, width_percent: float, *, bold: bool = False) -> str:
    paragraphs = [escape("\n".join(lines)) for lines in _measured(text, width_percent, bold)]
    if len(paragraphs) == 1:
        return paragraphs[0]
    return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


@lru_cache(maxsize=4096)
def _measured(text: str, width_percent: float, bold: bool) -> tuple[tuple[str, ...], ...]:
    """A cell's paragraphs in their lines; once per text (a plan repeats its units and periods),
    for both its height and its markup."""
    width = _PAGE_WIDTH * width_percent / 100 - _CELL_INSET
    return tuple(
        tuple(broken_lines(paragraph, width, _SIZE, bold=bold))
        for paragraph in text.splitlines() or [""]
    )


def paginate(document: PlanDocument) -> list[list[Row]]:
    """The rows cut into runs that each fit one page under the repeated header; a section's band
    row is never the last of a run (it moves to the next page with its first activity)."""
    layout = document.layout
    header = _header_height(layout)
    budget = (_PAGE_HEIGHT - header) * _FILL
    first_budget = budget - _heading_height(document)
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


def _cell_height(text: str, width_percent: float, *, bold: bool = False) -> float:
    paragraphs = _measured(text, width_percent, bold)
    lines = sum(len(p) for p in paragraphs)
    return lines * _LINE + (len(paragraphs) - 1) * _PARAGRAPH_GAP + _CELL_EXTRA


def _row_height(layout: Layout, row: Row) -> float:
    if row.kind == "band":
        return _cell_height(row.cells[0], 100, bold=True)
    return max(
        _cell_height(text, column.width)
        for text, column in zip(row.cells, layout.columns, strict=False)
    )


def _header_height(layout: Layout) -> float:
    """The header row (bold, broken by hand), and the month row under a grouped header."""
    height = max(
        _cell_height(c.header, c.width, bold=True)
        for c in layout.columns
        if not c.field.startswith("month:")
    )
    return height + (_cell_height("Сен", 4.2, bold=True) if layout.group else 0)


def _heading_height(document: PlanDocument) -> float:
    """The approval block and the title above the first table."""
    approval = len(document.approval) * _LINE + (_BLOCK_GAP if document.approval else 0)
    title_lines = line_count(document.title, _PAGE_WIDTH, _TITLE_SIZE, bold=True)
    return approval + title_lines * _TITLE_SIZE * 1.2 + _BLOCK_GAP
