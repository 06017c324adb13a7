"""Reader of a plan made as a PDF table: pages → one `Table` → `plan_from_table`.

pdfplumber finds the ruled tables of each page; the words of the page are then put into the
cell whose box holds their centre, so text drawn outside the grid (page numbers, running
headers) never reaches a cell, and link annotations, which are not drawn text, never do either.

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

import io
from dataclasses import dataclass

from muniplan.readers.draft import PlanDraft, ReadError
from muniplan.readers.plan_table import plan_from_table
from muniplan.readers.table import Table

PARAGRAPH_GAP = 1.4  # line pitch, in font sizes, above which a new paragraph starts
SPACE_WIDTH = 0.35  # a space, in font sizes
LINE_TOLERANCE = 0.4  # words whose tops differ by less than this many font sizes share a line


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
        return self.words[0].get("size") or (self.words[0]["bottom"] - self.words[0]["top"])

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
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return _table_of(filename, pdf)
    except ReadError:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError) as error:
        raise ReadError(f"Файл {filename} защищён паролем; снимите защиту и загрузите файл "
                        "снова.") from error
    except Exception as error:  # noqa: BLE001 — pdfminer raises many kinds on a broken file
        raise ReadError(f"Файл {filename} повреждён или не является PDF-документом "
                        "и не может быть прочитан.") from error


def _table_of(filename: str, pdf) -> Table:
    pages = []
    for page in pdf.pages:
        pages.append(_read_page(page))
        page.close()  # frees the page's layout objects: a 100-page plan stays small in memory
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
    words = page.extract_words(extra_attrs=["size"])
    tables = sorted(page.find_tables(_table_settings(page)), key=lambda t: t.bbox[1])
    rows = [row for table in tables for row in _table_rows(table, words)]
    outside = [w for w in words if not any(_inside(w, t.bbox) for t in tables)]
    top = tables[0].bbox[1] if tables else page.height
    bottom = tables[-1].bbox[3] if tables else page.height
    above = [line.text for line in _lines([w for w in outside if w["bottom"] <= top])]
    below = [line.text for line in _lines([w for w in outside if w["top"] >= bottom])]
    return _PageReading(rows, _drop_page_numbers(above), _drop_page_numbers(below),
                        has_text=bool(page.chars))


def _table_settings(page) -> dict:
    """Close the grid where a page break cut a row: the column rules run on past the last row
    border (or start before the first), and without a rule there the cut row is lost."""
    verticals = [e for e in page.edges if e["orientation"] == "v"]
    if not verticals:
        return {}
    ends = [min(e["top"] for e in verticals), max(e["bottom"] for e in verticals)]
    return {"explicit_horizontal_lines": ends}


def _drop_page_numbers(lines: list[str]) -> list[str]:
    return [line for line in lines if not line.strip().isdigit()]


def _table_rows(table, words: list[dict]) -> list[tuple[list[str], bool]]:
    result = []
    for row in table.rows:
        x0, top, x1, bottom = row.bbox
        in_row = [w for w in words if top <= _middle_y(w) <= bottom]
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
