"""Plain text in the shapes people bring: tab-separated (pasted from Word or a web page),
`|` pipes, box drawing (legal-database exports), ASCII `+---+` grids, columns aligned by
spaces, the month-grid and PDF-dump flattenings, and resolutions.

`text_table` finds the table of a text, whatever its shape; `read_text` reads the whole text,
which may also be a resolution or one of the two flattenings that have readers of their own.
"""

from __future__ import annotations

import re

from muniplan.readers.draft import PlanDraft, ReadError, ResolutionDraft
from muniplan.readers.intake.decode import decode_text
from muniplan.readers.table import Table

# Month-grid text: lines of «+» marks, the flattened ticks of twelve month columns.
_GRID_MARKS = re.compile(r"^\s*(\+\s*){1,12}$|(\s\+){2,}\s*$")
_PDF_HEADER_WORDS = re.compile(r"(?i)^(ОРИЕН-?|ПРОВЕДЕ|МЕРОПРИ|ПЛАНИРУЕМ|п/п)\s*$")


def read_text_file(filename: str, data: bytes) -> PlanDraft | ResolutionDraft:
    return read_text(filename, decode_text(filename, data))


def text_table(filename: str, data: bytes) -> Table:
    return table_of_text(filename, decode_text(filename, data))


def table_of_text(filename: str, text: str) -> Table:
    """The plan table of a text, by the first shape whose marks it carries."""
    lines = _lines(text)
    for looks_like, path in _TABLE_SHAPES:
        if looks_like(lines):
            module, function = path.split(":")
            reader = getattr(__import__(module, fromlist=[function]), function)
            return reader(filename, text)
    raise ReadError(
        f"Файл {filename}: в тексте не найдено таблицы — ни столбцов, разделённых табуляцией "
        f"или знаком «|», ни рамок таблицы, ни столбцов, выровненных пробелами."
    )


def read_text(name: str, text: str) -> PlanDraft | ResolutionDraft:
    """Text files come in several shapes; each has its reader."""
    from muniplan.readers.resolution import looks_like_resolution, read_resolution_text

    lines = _lines(text)
    if looks_like_resolution(lines):
        return read_resolution_text(name, text)
    if _has_boxes(lines) or _has_pipes(lines) or _has_tabs(lines):
        return _plan(table_of_text(name, text))
    if sum(bool(_GRID_MARKS.search(line)) for line in lines) >= 3:
        from muniplan.readers.text.month_grid import read_grid_text

        return read_grid_text(name, text)
    if sum(bool(_PDF_HEADER_WORDS.match(line.strip())) for line in lines[:80]) >= 2:
        from muniplan.readers.text.pdf_dump import read_pdf_dump

        return read_pdf_dump(name, text)
    if _has_aligned_columns(lines):
        return _plan(table_of_text(name, text))
    raise ReadError(
        f"Файл {name}: не удалось распознать в тексте ни таблицу плана, ни резолюцию. "
        f"Сохраните план как .docx или .xlsx и загрузите снова."
    )


def _plan(table: Table) -> PlanDraft:
    from muniplan.readers.plan.mapper import plan_from_table

    return plan_from_table(table)


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _has_tabs(lines: list[str]) -> bool:
    return sum("\t" in line for line in lines) >= 3


def _has_boxes(lines: list[str]) -> bool:
    from muniplan.readers.text.boxes import looks_like_boxes

    return looks_like_boxes(lines)


def _has_pipes(lines: list[str]) -> bool:
    from muniplan.readers.text.pipes import looks_like_pipes

    return looks_like_pipes(lines)


def _has_aligned_columns(lines: list[str]) -> bool:
    from muniplan.readers.text.fixed_width import looks_like_columns

    return looks_like_columns(lines)


_TABLE_SHAPES = (
    (_has_boxes, "muniplan.readers.text.boxes:box_table"),
    (_has_pipes, "muniplan.readers.text.pipes:pipe_table"),
    (_has_tabs, "muniplan.readers.text.tabs:tab_table"),
    (_has_aligned_columns, "muniplan.readers.text.fixed_width:column_table"),
)
