"""Every format the importer reads, in one table: suffix → how it is read.

The upload form, its hint and the readers' dispatch all come from here, so a new format is one
line. Readers are named as "module:function" and imported when first used: a server that
never sees a PDF never loads pdfium.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module


@dataclass(frozen=True)
class Format:
    label: str  # how the upload form and messages name the format
    table: str  # "module:function" (filename, data) → Table
    # A format that may hold more than a plan table (a resolution, text of several shapes)
    # is read whole by this function instead, (filename, data) → PlanDraft | ResolutionDraft.
    document: str | None = None
    convert_to: str | None = None  # LibreOffice converts the file to this suffix first
    zip_member: str | None = None  # the part an Office zip must hold
    parsed_parts: tuple[str, ...] = ()  # parts a reader parses whole (their size is limited)


_S = "muniplan.readers.sources"
_DOCX = Format(
    "Word",
    table=f"{_S}.docx:docx_body_table",
    document=f"{_S}.docx:read_docx",
    zip_member="word/document.xml",
    parsed_parts=("word/document.xml", "word/numbering.xml", "word/styles.xml"),
)
_XLSX = Format(
    "Excel",
    table=f"{_S}.xlsx:xlsx_table",
    zip_member="xl/workbook.xml",
    # the sheets are streamed row by row; the shared strings are loaded whole
    parsed_parts=("xl/sharedStrings.xml",),
)
_OCR = Format("изображение (скан)", table=f"{_S}.ocr:image_table")
_HTML = Format("веб-страница", table=f"{_S}.html:html_table")

FORMATS: dict[str, Format] = {
    ".docx": _DOCX,
    ".doc": Format("Word 97–2003", table="", convert_to=".docx"),
    ".rtf": Format("RTF", table="", convert_to=".docx"),
    ".odt": Format("OpenDocument (Writer, Р7-Офис)", table="", convert_to=".docx"),
    ".pdf": Format("PDF", table=f"{_S}.pdf:pdf_table"),
    ".xlsx": _XLSX,
    ".xls": Format("Excel 97–2003", table="", convert_to=".xlsx"),
    ".ods": Format("OpenDocument (Calc)", table="", convert_to=".xlsx"),
    ".csv": Format("CSV", table=f"{_S}.csv:csv_table"),
    ".txt": Format(
        "текст",
        table="muniplan.readers.text:text_table",
        document="muniplan.readers.text:read_text_file",
    ),
    ".html": _HTML,
    ".htm": _HTML,
    ".png": _OCR,
    ".jpg": _OCR,
    ".jpeg": _OCR,
    ".tif": _OCR,
    ".tiff": _OCR,
}
SUPPORTED = tuple(FORMATS)


def load(path: str):
    module, function = path.split(":")
    return getattr(import_module(module), function)


def describe() -> str:
    """The formats for the upload form's hint, grouped by label."""
    labels: dict[str, list[str]] = {}
    for suffix, fmt in FORMATS.items():
        labels.setdefault(fmt.label, []).append(suffix)
    return "; ".join(f"{label} ({', '.join(suffixes)})" for label, suffixes in labels.items())
