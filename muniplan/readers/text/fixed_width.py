"""Columns lined up with spaces, as text pasted from an e-mail or printed by an old program.

The columns are the gaps every row shares: positions that are blank in each line holding two
or more cells (a section band written across the row takes no part). Each run of text is put
in the column it starts in; a run crossing a column border at a space is split there. The
header may wrap over several lines (all lines up to the first numbered row), and its lines
are joined per column. Below it, a line whose first column is empty continues the cells of
the row above (one line of each cell's text), and a lone text starting at the margin that is
not numbered is a section title.
"""

from __future__ import annotations

import re

from muniplan.readers.draft import ReadError
from muniplan.readers.table import Table
from muniplan.readers.text.pipes import join_wrapped

_RUN = re.compile(r"\S+(?: \S+)*")  # text with single spaces inside
_RULE = re.compile(r"^\s*[-=_]{3,}[-=_ ]*$")
_NUMBERED = re.compile(r"^\s*(\d+[.)]?|[IVXLC]+\.?)(\s|$)")
MIN_GAP = 2  # a column border is at least two spaces wide in every row


def looks_like_columns(lines: list[str]) -> bool:
    return sum(len(_runs(line)) >= 3 for line in lines) >= 3


def _runs(line: str) -> list[tuple[int, str]]:
    """The pieces of a line separated by two or more spaces, with where each starts."""
    return [(m.start(), m.group()) for m in _RUN.finditer(line.replace("\t", "  "))]


def column_table(filename: str, text: str) -> Table:
    lines = [line.replace("\t", "    ").rstrip() for line in text.replace("\r", "").split("\n")]
    table_lines = [i for i, line in enumerate(lines) if len(_runs(line)) >= 2]
    if len(table_lines) < 2:
        raise ReadError(f"Файл {filename}: в тексте нет столбцов, выровненных пробелами.")
    first, last = table_lines[0], table_lines[-1]
    while last + 1 < len(lines) and lines[last + 1][:1].isspace() and lines[last + 1].strip():
        last += 1  # the last row's cells continue on indented lines
    zone = [line for line in lines[first : last + 1] if line.strip() and not _RULE.match(line)]
    starts = _column_starts([line for line in zone if len(_runs(line)) >= 2])
    cells = [_cells(line, starts) for line in zone]
    header_end = next(
        (
            i
            for i, line in enumerate(zone)
            if i and (_NUMBERED.match(line) or _is_band(line, starts))
        ),
        1,
    )
    # the room of a column: to the next column's start, less the two spaces of the gap
    widths = [b - a for a, b in zip(starts, starts[1:], strict=False)] + [0]
    rows = [_joined(cells[:header_end], [0] * len(starts))]
    pieces: list[list[str]] = []  # the current row's lines, column by column
    for line, row in zip(zone[header_end:], cells[header_end:], strict=True):
        band = len(_runs(line)) == 1 and not line[0].isspace() and not _NUMBERED.match(line)
        if pieces and not row[0] and not band:
            pieces.append(row)
            rows[-1] = _joined(pieces, widths)
        else:
            rows.append([line.strip()] if band else row)
            pieces = [] if band else [row]
    return Table(
        rows=rows,
        preamble=[line for line in lines[:first] if line.strip()],
        source=filename,
        trailer=[line for line in lines[last + 1 :] if line.strip()],
    )


def _joined(rows: list[list[str]], widths: list[int]) -> list[str]:
    return [
        join_wrapped(list(filter(None, column)), width)
        for column, width in zip(zip(*rows, strict=False), widths, strict=False)
    ]


def _is_band(line: str, starts: list[int]) -> bool:
    """One text running across column borders: a section title, not a header's second line."""
    runs = _runs(line)
    if len(runs) != 1:
        return False
    start, text = runs[0]
    return any(start < border < start + len(text) for border in starts)


def _column_starts(lines: list[str]) -> list[int]:
    width = max(len(line) for line in lines)
    blank = [all(k >= len(line) or line[k] == " " for line in lines) for k in range(width)]
    starts = [0]
    run = 0
    for k, is_blank in enumerate(blank):
        if is_blank:
            run += 1
            continue
        if run >= MIN_GAP and k - run > 0:
            starts.append(k)
        run = 0
    return starts


def _cells(line: str, starts: list[int]) -> list[str]:
    cells = [""] * len(starts)
    for start, text in _runs(line):
        for piece_start, piece in _split_at_borders(start, text, starts):
            column = max(k for k, border in enumerate(starts) if border <= piece_start)
            cells[column] = " ".join(filter(None, [cells[column], piece]))
    return cells


def _split_at_borders(start: int, text: str, starts: list[int]) -> list[tuple[int, str]]:
    """A run that crosses a column border at a space is two cells written one space apart."""
    cuts = [
        b - start for b in starts if start < b < start + len(text) and text[b - start - 1] == " "
    ]
    pieces, begin = [], 0
    for cut in [*cuts, len(text)]:
        if text[begin:cut].strip():
            pieces.append((start + begin, text[begin:cut].strip()))
        begin = cut
    return pieces
