"""Scans: a PDF without a text layer, or an image, read by Tesseract (Debian `tesseract-ocr`
with `tesseract-ocr-rus`) as positioned words, then through the PDF reader's own row and
column algorithm (`layout.py`).

The ruling lines of a scanned table are found in the image: runs of dark pixels longer than
`MIN_RULE` points, horizontally and vertically. Tesseract's words take the top and bottom of
the line Tesseract put them on, as pdfium's loose boxes do, so that «Мониторинг» and «за» sit
on one line. Tesseract reads the small item numbers of a narrow first column badly among the
words («т.» for «1.»), so each cell of that column is read again on its own, as a line of
digits.
Recognized text is a guess letter by letter, so the table comes back with `review` set: every
cell of every activity is marked for review in the preview.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess

from muniplan.readers.draft import ReadError
from muniplan.readers.sources.layout import (
    PageReading,
    edge,
    page_reading,
    ruled_tables,
    table_of_pages,
)
from muniplan.readers.table import Table

DPI = 300
POINT = 72 / DPI  # points per pixel at the resolution pages are rendered and scans assumed
MIN_RULE = 20.0  # points: a dark run this long is a ruling line (a dash is shorter)
DARK = 140  # grey level below which a pixel is ink
TIME_LIMIT = float(os.environ.get("MUNIPLAN_OCR_SECONDS", "120"))
MAX_PAGES = 30  # OCR of a page takes seconds; a scanned plan longer than this is refused
MAX_PIXELS = 60_000_000
NARROW = 0.1  # a first column narrower than this share of the page holds item numbers
NUMBER_CHARS = "0123456789."
INSET = 1.0  # points kept off a cell's rules when it is read again
PAD = 30  # pixels of white around that cell: Tesseract finds nothing in a crop without margins
INSTALL_HINT = "установите Tesseract (Debian: tesseract-ocr и tesseract-ocr-rus)"


def tesseract() -> str | None:
    return shutil.which("tesseract")


def image_table(filename: str, data: bytes) -> Table:
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # a larger image raises instead of exhausting memory
    try:
        image = Image.open(io.BytesIO(data))
        pages = [
            _page(filename, _frame(image, index)) for index in range(min(_frames(image), MAX_PAGES))
        ]
    except (OSError, Image.DecompressionBombError) as error:
        raise ReadError(f"Файл {filename} повреждён или не является изображением.") from error
    return table_of_pages(filename, pages, review=True)


def scanned_pdf_pages(filename: str, pdf) -> list[PageReading]:
    if len(pdf) > MAX_PAGES:
        raise ReadError(
            f"Файл {filename} — скан без текстового слоя на {len(pdf)} страницах; распознаётся "
            f"не более {MAX_PAGES} страниц. Загрузите план с текстовым слоем (.docx, .pdf)."
        )
    pages = []
    for index in range(len(pdf)):
        page = pdf[index]
        try:
            pages.append(_page(filename, page.render(scale=DPI / 72).to_pil()))
        finally:
            page.close()
    return pages


def _frames(image) -> int:
    return getattr(image, "n_frames", 1)


def _frame(image, index: int):
    image.seek(index)
    return image.convert("L")


def _page(filename: str, image) -> PageReading:
    grey = image.convert("L")
    edges = _rules(grey)
    words = _words(filename, grey)
    for box in _number_cells(edges, grey.width * POINT):
        numbers = _cell_words(filename, grey, box)
        if numbers:
            words = [w for w in words if not _centred_in(w, box)] + numbers
    return page_reading(words, edges, grey.height * POINT)


def _number_cells(edges: list[dict], width: float) -> list[tuple[float, float, float, float]]:
    """The cells of a narrow first column, which holds the item numbers."""
    cells = []
    for table in ruled_tables(edges):
        firsts = [row.cells[0] for row in table.rows if row.cells and row.cells[0]]
        narrow = [c for c in firsts if c[2] - c[0] < NARROW * width]
        if len(narrow) * 2 > len(firsts):
            cells += narrow
    return cells


def _cell_words(filename: str, image, box: tuple[float, float, float, float]) -> list[dict]:
    """One number cell read as a single line of digits."""
    from PIL import ImageOps

    x0, top, x1, bottom = box
    left, upper = int((x0 + INSET) / POINT), int((top + INSET) / POINT)
    crop = image.crop((left, upper, int((x1 - INSET) / POINT), int((bottom - INSET) / POINT)))
    if crop.width < 2 or crop.height < 2 or crop.getextrema()[0] >= DARK:
        return []  # an empty cell
    found = _words(
        filename, ImageOps.expand(_without_rules(crop), PAD, fill=255), chars=NUMBER_CHARS, psm=7
    )
    dx, dy = (left - PAD) * POINT, (upper - PAD) * POINT
    return [
        {
            **w,
            "x0": w["x0"] + dx,
            "x1": w["x1"] + dx,
            "top": w["top"] + dy,
            "bottom": w["bottom"] + dy,
        }
        for w in found
    ]


def _without_rules(crop):
    """The cell in black and white with the remains of its borders whitened: a sliver of rule
    beside «1» makes Tesseract lose the digit."""
    import numpy as np
    from PIL import Image

    ink = np.asarray(crop) < DARK
    ink[:, ink.mean(axis=0) > 0.5] = False
    ink[ink.mean(axis=1) > 0.5, :] = False
    return Image.fromarray(np.where(ink, 0, 255).astype(np.uint8))


def _centred_in(word: dict, box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    return (
        x0 <= (word["x0"] + word["x1"]) / 2 <= x1
        and top <= (word["top"] + word["bottom"]) / 2 <= bottom
    )


def _words(filename: str, image, chars: str | None = None, psm: int = 4) -> list[dict]:
    program = tesseract()
    if program is None:
        raise ReadError(
            f"Файл {filename} — скан без текстового слоя; чтобы распознать его, {INSTALL_HINT}."
        )
    png = io.BytesIO()
    image.save(png, format="PNG", dpi=(DPI, DPI))
    try:
        result = subprocess.run(
            [
                program,
                "stdin",
                "stdout",
                "-l",
                "rus",
                "--dpi",
                str(DPI),
                "--psm",
                str(psm),
                *(["-c", f"tessedit_char_whitelist={chars}"] if chars else []),
                "tsv",
            ],
            input=png.getvalue(),
            capture_output=True,
            timeout=TIME_LIMIT,
            check=True,
            env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "OMP_THREAD_LIMIT": "1"},
        )
    except subprocess.TimeoutExpired as error:
        raise ReadError(
            f"Файл {filename}: распознавание страницы не уложилось в {TIME_LIMIT:.0f} с."
        ) from error
    except subprocess.CalledProcessError as error:
        raise ReadError(
            f"Файл {filename}: распознать скан не удалось ({INSTALL_HINT}, с русским языком)."
        ) from error
    return _positioned(result.stdout.decode("utf-8", "replace"))


def _positioned(tsv: str) -> list[dict]:
    """Tesseract's TSV words in points; each word spans the height of its recognized line."""
    rows = [
        r
        for r in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
        if r.get("level") == "5" and (r.get("text") or "").strip()
    ]
    lines: dict[tuple[str, str, str, str], list[dict]] = {}
    for r in rows:
        left, top, width, height = (int(r[k]) for k in ("left", "top", "width", "height"))
        word = {
            "text": r["text"].strip(),
            "x0": left * POINT,
            "x1": (left + width) * POINT,
            "top": top * POINT,
            "bottom": (top + height) * POINT,
        }
        lines.setdefault((r["page_num"], r["block_num"], r["par_num"], r["line_num"]), []).append(
            word
        )
    words = []
    for line in lines.values():
        top, bottom = min(w["top"] for w in line), max(w["bottom"] for w in line)
        words += [{**w, "top": top, "bottom": bottom} for w in line]
    return words


def _rules(image) -> list[dict]:
    """Ruling lines of a scanned page: long runs of ink, as edges in points."""
    import numpy as np

    ink = np.asarray(image) < DARK
    minimum = int(MIN_RULE / POINT)
    edges = []
    for y, x0, x1 in _runs(ink, minimum):
        edges.append(edge("h", x0 * POINT, x1 * POINT, y * POINT))
    for x, y0, y1 in _runs(ink.T, minimum):
        edges.append(edge("v", y0 * POINT, y1 * POINT, x * POINT))
    return edges


def _runs(ink, minimum: int) -> list[tuple[int, int, int]]:
    """(row, start, end) of every run of True at least `minimum` long, row by row."""
    import numpy as np

    padded = np.zeros((ink.shape[0], ink.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = ink
    changes = np.diff(padded, axis=1)
    starts_r, starts_c = np.nonzero(changes == 1)
    ends_r, ends_c = np.nonzero(changes == -1)
    long = (ends_c - starts_c) >= minimum
    return list(
        zip(starts_r[long].tolist(), starts_c[long].tolist(), ends_c[long].tolist(), strict=True)
    )
