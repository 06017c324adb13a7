"""Reader of a plan made as a PDF table: pages → one `Table` → `plan_from_table`.

pdfium (pypdfium2, which pdfplumber itself depends on) gives each page's characters and ruling
lines; `layout.py` turns them into table rows (cells, lines, paragraphs, page breaks). On a
143-page plan, pdfplumber's own text extraction (pdfminer) took 33–46 s just to list the
cells; this reader reads and maps the plan in about 3 s (bench/import_speed.py). A PDF
without any text is a scan and goes to OCR (`ocr.py`).
"""

from __future__ import annotations

import re

from muniplan.readers.draft import ReadError
from muniplan.readers.sources.layout import PageReading, edge, page_reading, table_of_pages
from muniplan.readers.table import Table

WORD_GAP = 1.0  # points between two characters of one word, at most
# pdfium reports a hyphen that ends a line as 0x02 (one character at a time) or U+FFFE (in the
# page text, with no line break after it), and a character it cannot decode as 0.
PDFIUM_CHARS = str.maketrans({"\x02": "-", "\ufffe": "-", "\x00": " "})
WORD = re.compile(r"[^\s\x00\ufffe]+\ufffe?")
RULE_WIDTH = 3.0  # points: a path thinner than this is a ruling line


def pdf_table(filename: str, data: bytes) -> Table:
    import pypdfium2 as pdfium

    if not data.startswith(b"%PDF"):
        raise ReadError(f"Файл {filename} повреждён или не является PDF-документом.")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise ReadError(
                f"Файл {filename} защищён паролем; снимите защиту и загрузите файл снова."
            ) from error
        raise ReadError(
            f"Файл {filename} повреждён или не является PDF-документом и не может быть прочитан."
        ) from error
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
        from muniplan.readers.sources.ocr import scanned_pdf_pages

        return table_of_pages(filename, scanned_pdf_pages(filename, pdf), review=True)
    return table_of_pages(filename, pages)


def _read_page(page) -> PageReading:
    height = page.get_height()
    textpage = page.get_textpage()
    try:
        words = _words(textpage, height)
    finally:
        textpage.close()
    return page_reading(words, _edges(page, height), height)


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
        words.append(
            {
                "text": match.group().translate(PDFIUM_CHARS),
                "x0": x0,
                "x1": max(x0, x1),
                "top": top,
                "bottom": bottom,
            }
        )
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
            edges.append(edge("h", left, right, (top + bottom) / 2))
        elif right - left <= RULE_WIDTH < bottom - top:
            edges.append(edge("v", top, bottom, (left + right) / 2))
        elif right - left > RULE_WIDTH and bottom - top > RULE_WIDTH:
            edges += [
                edge("h", left, right, top),
                edge("h", left, right, bottom),
                edge("v", top, bottom, left),
                edge("v", top, bottom, right),
            ]
    return edges
