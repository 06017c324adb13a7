"""Words with their boxes and ruling lines → table rows: the geometry shared by the PDF reader
(words and lines drawn by the PDF) and OCR (words recognized by Tesseract, lines found in the
image).

pdfplumber's grid algorithm turns the lines into table cells. The words of the page are then
put into the cell whose box holds their centre, so text drawn outside the grid (page numbers,
running headers) never reaches a cell.

Inside a cell the wrapped lines are joined with spaces and paragraphs are kept as "\\n", the
convention of `Table`. A new paragraph is told by geometry, not by guessing from words: either
the gap to the next line is larger than the line spacing, or the first word of the next line
would have fitted at the end of the previous one — a line that wraps only ends early when the
next word is too long for the room left.

A table running over several pages repeats its header row on each page (dropped here), and a
row cut by a page break continues at the top of the next page with an empty number cell
(merged back into the row above); the cut edge often has no rule drawn, so one is added where
the column rules end.

Coordinates are points, top-down; a word is a dict with text, x0, x1, top and bottom.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from muniplan.readers.draft import ReadError
from muniplan.readers.table import Table

# Distances in line heights: the height of a character's font box (ascent to descent), which,
# unlike the nominal font size, does not depend on how the PDF writer scales its text.
PARAGRAPH_GAP = 1.3  # line pitch above which a new paragraph starts
SPACE_WIDTH = 0.3  # a space
LINE_TOLERANCE = 0.4  # words whose tops differ by less than this share a line
SNAP = 3.0  # points within which ruling lines are one line (pdfplumber's default)


@dataclass
class _Line:
    words: list[dict]

    @property
    def top(self) -> float:
        return self.words[0]["top"]

    @property
    def x0(self) -> float:
        return self.words[0]["x0"]

    @property
    def x1(self) -> float:
        return self.words[-1]["x1"]

    @property
    def size(self) -> float:
        return self.words[0]["bottom"] - self.words[0]["top"]

    @property
    def text(self) -> str:
        return " ".join(w["text"] for w in self.words)


@dataclass
class PageReading:
    rows: list[tuple[list[str], bool]]  # cell texts, and whether the row is one merged cell
    above: list[str]  # lines above the first table
    below: list[str]  # lines below the last table
    has_text: bool


def join_pages(pages: list[PageReading]) -> list[list[str]]:
    rows: list[list[str]] = []
    header: list[str] | None = None
    for page in pages:
        page_rows = list(page.rows)
        if header is not None:
            while page_rows and page_rows[0][0] == header:
                page_rows.pop(0)
        elif page_rows:
            header = page_rows[0][0]
        if rows and page_rows and _continues(page_rows[0]):
            rows[-1] = _merge(rows[-1], page_rows.pop(0)[0])
        rows += [cells for cells, _ in page_rows]
    return rows


def _continues(row: tuple[list[str], bool]) -> bool:
    """A row cut by the page break: no number, yet separate (not merged) cells with text."""
    cells, merged = row
    return not merged and not cells[0] and any(cells[1:])


def _merge(above: list[str], rest: list[str]) -> list[str]:
    merged = []
    for top, bottom in zip(above, rest, strict=False):
        if top and bottom:
            # The cut falls inside a paragraph unless the next part starts a new sentence.
            separator = "\n" if bottom[:1].isupper() else " "
            merged.append(top + separator + bottom)
        else:
            merged.append(top or bottom)
    return merged + above[len(rest) :]


def edge(orientation: str, start: float, end: float, at: float) -> dict:
    if orientation == "h":
        return {
            "orientation": "h",
            "x0": start,
            "x1": end,
            "top": at,
            "bottom": at,
            "width": end - start,
            "height": 0,
        }
    return {
        "orientation": "v",
        "x0": at,
        "x1": at,
        "top": start,
        "bottom": end,
        "width": 0,
        "height": end - start,
    }


def ruled_tables(edges: list[dict]) -> list:
    """Ruled tables from the edges, by pdfplumber's own grid algorithm.

    Where a page break cut a row, the column rules run on past the last row border (or start
    before the first) with no rule drawn across: one is added there, or the cut row is lost.
    """
    from pdfplumber.table import Table as Grid
    from pdfplumber.table import (
        cells_to_tables,
        edges_to_intersections,
        intersections_to_cells,
        merge_edges,
    )

    verticals = [e for e in edges if e["orientation"] == "v"]
    if not verticals:
        return []
    left, right = min(e["x0"] for e in verticals), max(e["x1"] for e in verticals)
    edges = edges + [
        edge("h", left, right, min(e["top"] for e in verticals)),
        edge("h", left, right, max(e["bottom"] for e in verticals)),
    ]
    merged = merge_edges(edges, SNAP, SNAP, SNAP, SNAP)
    merged = [e for e in merged if max(e["width"], e["height"]) >= SNAP]
    cells = intersections_to_cells(edges_to_intersections(merged, SNAP, SNAP))
    grids = [Grid(None, group) for group in cells_to_tables(cells) if len(group) > 1]
    return sorted(grids, key=lambda grid: grid.bbox[1])


def _drop_page_numbers(lines: list[str]) -> list[str]:
    return [line for line in lines if not line.strip().isdigit()]


def _table_rows(table, words: list[dict], middles: list[float]) -> list[tuple[list[str], bool]]:
    """Cell texts row by row; `words` are sorted by their middle height, given in `middles`."""
    result = []
    for row in table.rows:
        _, top, _, bottom = row.bbox
        in_row = words[bisect_left(middles, top) : bisect_right(middles, bottom)]
        texts = [
            _cell_text([w for w in in_row if _inside(w, cell)], cell) if cell else ""
            for cell in row.cells
        ]
        if any(texts):
            result.append((texts, None in row.cells))
    return result


def _middle_y(word: dict) -> float:
    return (word["top"] + word["bottom"]) / 2


def _inside(word: dict, box) -> bool:
    x0, top, x1, bottom = box
    return x0 <= (word["x0"] + word["x1"]) / 2 <= x1 and top <= _middle_y(word) <= bottom


def _lines(words: list[dict]) -> list[_Line]:
    lines: list[_Line] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        line = lines[-1] if lines else None
        if line and abs(word["top"] - line.top) <= LINE_TOLERANCE * line.size:
            line.words.append(word)
        else:
            lines.append(_Line([word]))
    for line in lines:
        line.words.sort(key=lambda w: w["x0"])
    return lines


def _cell_text(words: list[dict], cell) -> str:
    lines = _lines(words)
    if not lines:
        return ""
    # Text is set off the cell border by a padding; the same padding is assumed on the right.
    padding = max(0.0, min(line.x0 for line in lines) - cell[0])
    right = cell[2] - padding
    paragraphs = [lines[0].text]
    for previous, line in zip(lines, lines[1:], strict=False):
        if _new_paragraph(previous, line, right):
            paragraphs.append(line.text)
        else:
            paragraphs[-1] = _glue(paragraphs[-1], line.text)
    return "\n".join(paragraphs)


def _new_paragraph(previous: _Line, line: _Line, right: float) -> bool:
    if line.top - previous.top > PARAGRAPH_GAP * previous.size:
        return True
    first = line.words[0]
    room = right - previous.x1
    return room > (first["x1"] - first["x0"]) + SPACE_WIDTH * previous.size + 1


def _glue(text: str, continuation: str) -> str:
    """A line broken after a hyphen is one compound word («семинара-совещания»)."""
    if text.endswith("-") and not text.endswith(" -"):
        return text + continuation
    return f"{text} {continuation}"


def page_reading(words: list[dict], edges: list[dict], height: float) -> PageReading:
    """One page: the rows of its ruled tables, and the lines above and below them."""
    tables = ruled_tables(edges)
    boxes = [table.bbox for table in tables]  # a computed property in pdfplumber: read once
    words.sort(key=_middle_y)
    middles = [_middle_y(w) for w in words]
    rows = [row for table in tables for row in _table_rows(table, words, middles)]
    outside = [w for w in words if not any(_inside(w, box) for box in boxes)]
    top = boxes[0][1] if boxes else height
    bottom = boxes[-1][3] if boxes else height
    above = [line.text for line in _lines([w for w in outside if w["bottom"] <= top])]
    below = [line.text for line in _lines([w for w in outside if w["top"] >= bottom])]
    return PageReading(
        rows, _drop_page_numbers(above), _drop_page_numbers(below), has_text=bool(words)
    )


def table_of_pages(filename: str, pages: list[PageReading], *, review: bool = False) -> Table:
    rows = join_pages(pages)
    if not rows:
        raise ReadError(f"Файл {filename}: не найдено таблицы плана (таблицы с линиями сетки).")
    first_table = next(p for p in pages if p.rows)
    last_table = next(p for p in reversed(pages) if p.rows)
    return Table(
        rows=rows,
        preamble=first_table.above,
        source=filename,
        trailer=last_table.below,
        review=review,
    )
