"""Text tables drawn with characters: cells separated by `|` (markdown, e-mail), rows
separated by `+---+---+` or `|---|---|` lines (ASCII grids), and, translated by `boxes.py`,
box-drawing frames.

Where rule lines separate every row, the lines between two rules are one row. Inside a cell,
a line is told from a paragraph by the width, as the PDF reader does: when the next line's
first word would have fitted at the end of the line, the line ended a paragraph ("\\n");
otherwise the text wrapped at the column's edge (joined with a space, or glued after a hyphen). Where only the header is ruled off
(markdown), each line is a row, and a line continuing a wrapped cell has an empty number cell,
which the mapper reads as the continuation of the row above. A line with fewer separators than
the header (a section band merged across) has its cells placed by position under the header's
columns.
"""

from __future__ import annotations

from muniplan.readers.draft import ReadError
from muniplan.readers.table import Table

_RULE_CHARS = set("|+-=: ")


def looks_like_pipes(lines: list[str]) -> bool:
    return sum(line.count("|") >= 2 for line in lines) >= 3


def is_rule(line: str) -> bool:
    """A line of dashes and joints only (`+---+`, `|---|:--:|`, a translated `├──┼──┤`)."""
    return ("-" in line or "=" in line) and set(line.strip()) <= _RULE_CHARS


def pipe_table(filename: str, text: str) -> Table:
    return grid_table(filename, text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def grid_table(filename: str, lines: list[str]) -> Table:
    first = next((i for i, line in enumerate(lines) if line.count("|") >= 2 or is_rule(line)), None)
    if first is None:
        raise ReadError(f"Файл {filename}: в тексте нет таблицы со столбцами, разделёнными «|».")
    last = max(i for i, line in enumerate(lines) if line.count("|") >= 2 or is_rule(line))
    body = lines[first : last + 1]
    blocks = _blocks(body)
    columns = _columns(next(line for block in blocks for line in block))
    widths = [b - a - 1 for a, b in zip(columns, columns[1:], strict=False)]
    if sum(1 for _ in blocks) > 2:
        rows = [_join([_cells(line, columns) for line in block], widths) for block in blocks]
    else:  # only the header ruled off: a row per line
        rows = (
            [_join([_cells(line, columns) for line in blocks[0]], widths)]
            if len(blocks) == 2
            else []
        )
        rows += [_cells(line, columns) for line in blocks[-1]]
    preamble = [line for line in lines[:first] if line.strip()]
    trailer = [line for line in lines[last + 1 :] if line.strip()]
    return Table(rows=rows, preamble=preamble, source=filename, trailer=trailer)


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if is_rule(line):
            if blocks[-1]:
                blocks.append([])
        elif line.strip():
            blocks[-1].append(line)
    return [b for b in blocks if b]


def _columns(line: str) -> list[int]:
    """Positions of the separators of the first table line: the column borders."""
    return [i for i, char in enumerate(line) if char == "|"]


def _cells(line: str, borders: list[int]) -> list[str]:
    """A line's cells, placed under the header's columns by where each cell starts."""
    inner = line.strip()
    parts = inner.strip("|").split("|")
    if inner.count("|") == len(borders) or len(borders) < 2:
        return [p.strip() for p in parts]
    cells = [""] * (len(borders) - 1)
    starts = [i for i, char in enumerate(line) if char == "|"]
    for start, part in zip(starts, parts, strict=False):
        column = max((k for k, border in enumerate(borders[:-1]) if border <= start + 1), default=0)
        cells[column] = " ".join(filter(None, [cells[column], part.strip()]))
    return cells


def _join(lines: list[list[str]], widths: list[int]) -> list[str]:
    """The lines of one ruled row: each column's pieces joined as the lines of its cell."""
    count = max(len(cells) for cells in lines)
    return [
        join_wrapped(
            [cells[k] for cells in lines if k < len(cells) and cells[k]],
            widths[k] if k < len(widths) else 0,
        )
        for k in range(count)
    ]


def join_wrapped(pieces: list[str], width: int) -> str:
    """A cell's lines: wrapped lines joined into their paragraph, paragraphs kept apart.
    The room is the column's inner width less a space of padding on each side."""
    text = ""
    room = width - 2
    for index, piece in enumerate(pieces):
        if not index:
            text = piece
            continue
        last_line = text.rsplit("\n", 1)[-1]
        first_word = piece.split(" ", 1)[0]
        if room <= 0 or len(pieces[index - 1]) + 1 + len(first_word) <= room:
            text += "\n" + piece
        elif last_line.endswith("-") and not last_line.endswith(" -"):
            text += piece
        else:
            text += " " + piece
    return text
