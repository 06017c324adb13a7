"""Reader of a plan made as a PDF table: pages → one `Table` → `plan_from_table`.

pdfium (pypdfium2, which pdfplumber itself depends on) gives each page's characters and ruling
lines; pdfplumber's grid algorithm turns the lines into table cells. On a 143-page plan,
pdfplumber's own text extraction (pdfminer) took 33–46 s just to list the cells; this reader
reads and maps the plan in about 3 s (bench/import_speed.py). The words
of the page are then put into the cell whose box holds their centre, so text drawn outside the
grid (page numbers, running headers) never reaches a cell, and link annotations, which are not
drawn text, never do either.

Inside a cell the wrapped lines are joined with spaces and paragraphs are kept as "\\n", the
convention of `Table`. A new paragraph is told by geometry, not by guessing from words: either
the gap to the next line is larger than the line spacing, or the first word of the next line
would have fitted at the end of the previous one — a line that wraps only ends early when the
next word is too long for the room left.

A table running over several pages repeats its header row on each page (dropped here), and a
row cut by a page break continues at the top of the next page with an empty number cell
(merged back into the row above); the cut edge often has no rule drawn, so one is added where
the column rules end.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from muniplan.readers.draft import PlanDraft, ReadError
from muniplan.readers.plan.mapper import plan_from_table
from muniplan.readers.table import Table

# Distances in line heights: the height of a character's font box (ascent to descent), which,
# unlike the nominal font size, does not depend on how the PDF writer scales its text.
PARAGRAPH_GAP = 1.3  # line pitch above which a new paragraph starts
SPACE_WIDTH = 0.3  # a space
LINE_TOLERANCE = 0.4  # words whose tops differ by less than this share a line
WORD_GAP = 1.0  # points between two characters of one word, at most
# pdfium reports a hyphen that ends a line as 0x02 (one character at a time) or U+FFFE (in the
# page text, with no line break after it), and a character it cannot decode as 0.
PDFIUM_CHARS = str.maketrans({"\x02": "-", "\ufffe": "-", "\x00": " "})
WORD = re.compile(r"[^\s\x00\ufffe]+\ufffe?")
RULE_WIDTH = 3.0  # points: a path thinner than this is a ruling line
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
class _PageReading:
    rows: list[tuple[list[str], bool]]  # cell texts, and whether the row is one merged cell
    above: list[str]  # lines above the first table
    below: list[str]  # lines below the last table
    has_text: bool


def read_pdf(filename: str, data: bytes) -> PlanDraft:
    return plan_from_table(pdf_table(filename, data))


def pdf_table(filename: str, data: bytes) -> Table:
    import pypdfium2 as pdfium

    if not data.startswith(b"%PDF"):
        raise ReadError(f"Файл {filename} повреждён или не является PDF-документом.")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise ReadError(f"Файл {filename} защищён паролем; снимите защиту и загрузите файл "
                            "снова.") from error
        raise ReadError(f"Файл {filename} повреждён или не является PDF-документом "
                        "и не может быть прочитан.") from error
    try:
        return _table_of(filename, pdf)
    except ReadError:
        raise
    except Exception as error:  # noqa: BLE001 — a damaged page fails in any way at all
        raise ReadError(f"Файл {filename} повреждён и не может быть прочитан.") from error
    finally:
        pdf.close()


def _table_of(filename: str, pdf) -> Table:
    pages = []
    for index in range(len(pdf)):
        page = pdf[index]
        try:
            pages.append(_read_page(page))
        finally:
            page.close()  # a 100-page plan stays small in memory
    if not any(p.has_text for p in pages):
        raise ReadError(f"Файл {filename} — скан без текстового слоя; распознавание (OCR) не "
                        "поддерживается.")
    rows = _join_pages(pages)
    if not rows:
        raise ReadError(f"Файл {filename}: в PDF не найдено таблицы плана (таблицы с линиями "
                        "сетки).")
    first_table = next(p for p in pages if p.rows)
    last_table = next(p for p in reversed(pages) if p.rows)
    return Table(rows=rows, preamble=first_table.above, source=filename, trailer=last_table.below)


def _join_pages(pages: list[_PageReading]) -> list[list[str]]:
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
    return merged + above[len(rest):]


def _read_page(page) -> _PageReading:
    height = page.get_height()
    textpage = page.get_textpage()
    try:
        words = _words(textpage, height)
    finally:
        textpage.close()
    tables = _tables(_edges(page, height))
    boxes = [table.bbox for table in tables]  # a computed property in pdfplumber: read once
    words.sort(key=_middle_y)
    middles = [_middle_y(w) for w in words]
    rows = [row for table in tables for row in _table_rows(table, words, middles)]
    outside = [w for w in words if not any(_inside(w, box) for box in boxes)]
    top = boxes[0][1] if boxes else height
    bottom = boxes[-1][3] if boxes else height
    above = [line.text for line in _lines([w for w in outside if w["bottom"] <= top])]
    below = [line.text for line in _lines([w for w in outside if w["top"] >= bottom])]
    return _PageReading(rows, _drop_page_numbers(above), _drop_page_numbers(below),
                        has_text=bool(words))


def _words(textpage, height: float) -> list[dict]:
    """The page's words with their boxes (top-down coordinates).

    The page text comes from pdfium in one call, with the spaces and line breaks pdfium puts
    between words and lines; only the first and last character of each word are then asked for
    their box. The loose box (font ascent to descent) gives every word of a line the same top.
    """
    import pypdfium2.raw as pdfium_c

    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count else ""
    if len(text) != count:  # characters outside the basic plane shift the indices
        return _words_char_by_char(textpage, height)
    box = pdfium_c.FS_RECTF()

    def edges(index: int) -> tuple[float, float, float, float]:
        pdfium_c.FPDFText_GetLooseCharBox(textpage.raw, index, box)
        return box.left, box.right, height - box.top, height - box.bottom

    words = []
    for match in WORD.finditer(text):
        x0, _, top, bottom = edges(match.start())
        x1 = edges(match.end() - 1)[1]
        words.append({"text": match.group().translate(PDFIUM_CHARS), "x0": x0, "x1": max(x0, x1), "top": top,
                      "bottom": bottom})
    return words


def _words_char_by_char(textpage, height: float) -> list[dict]:
    """The same words, one character at a time: slower, for text pdfium counts unevenly."""
    import pypdfium2.raw as pdfium_c

    box = pdfium_c.FS_RECTF()
    words: list[dict] = []
    current: dict | None = None
    for index in range(textpage.count_chars()):
        char = chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, index)).translate(PDFIUM_CHARS)
        if char.isspace() or not pdfium_c.FPDFText_GetLooseCharBox(textpage.raw, index, box):
            current = None
            continue
        top, x0, x1 = height - box.top, box.left, box.right
        if current and abs(top - current["top"]) < 1 and -1 < x0 - current["x1"] < WORD_GAP:
            current["text"] += char
            current["x1"] = max(current["x1"], x1)
            continue
        current = {"text": char, "x0": x0, "x1": x1, "top": top, "bottom": height - box.bottom}
        words.append(current)
    return words


def _edges(page, height: float) -> list[dict]:
    """Ruling lines of the page: thin path objects, and the sides of drawn rectangles."""
    import pypdfium2.raw as pdfium_c

    edges = []
    for path in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH]):
        left, bottom, right, top = path.get_bounds()
        top, bottom = height - top, height - bottom
        if bottom - top <= RULE_WIDTH < right - left:
            edges.append(_edge("h", left, right, (top + bottom) / 2))
        elif right - left <= RULE_WIDTH < bottom - top:
            edges.append(_edge("v", top, bottom, (left + right) / 2))
        elif right - left > RULE_WIDTH and bottom - top > RULE_WIDTH:
            edges += [_edge("h", left, right, top), _edge("h", left, right, bottom),
                      _edge("v", top, bottom, left), _edge("v", top, bottom, right)]
    return edges


def _edge(orientation: str, start: float, end: float, at: float) -> dict:
    if orientation == "h":
        return {"orientation": "h", "x0": start, "x1": end, "top": at, "bottom": at,
                "width": end - start, "height": 0}
    return {"orientation": "v", "x0": at, "x1": at, "top": start, "bottom": end,
            "width": 0, "height": end - start}


def _tables(edges: list[dict]) -> list:
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
    edges = edges + [_edge("h", left, right, min(e["top"] for e in verticals)),
                     _edge("h", left, right, max(e["bottom"] for e in verticals))]
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
        in_row = words[bisect_left(middles, top):bisect_right(middles, bottom)]
        texts = [_cell_text([w for w in in_row if _inside(w, cell)], cell) if cell else ""
                 for cell in row.cells]
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
