"""Web pages (.html, .htm) and HTML pasted into the upload form.

The plan is the longest innermost `<table>` (sites wrap their content in layout tables);
`rowspan` and `colspan` follow the `Table` conventions: a cell merged across is written once,
a cell merged down is repeated in every row it covers. Headings and paragraphs before the
table are its preamble, text after it the trailer. Scripts and styles are never read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from muniplan.readers.draft import ReadError
from muniplan.readers.intake.decode import decode_text
from muniplan.readers.table import Table

_BREAKS = {"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table"}
_SKIP = {"script", "style", "head", "template", "noscript"}
MAX_SPAN = 100  # a span beyond this is damage, not layout


@dataclass
class _Cell:
    text: list[str] = field(default_factory=list)
    rowspan: int = 1
    colspan: int = 1


@dataclass
class _Table:
    rows: list[list[_Cell]] = field(default_factory=list)
    nested: bool = False  # holds another table: a layout table
    before: list[str] = field(default_factory=list)  # page text before the table opened


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[_Table] = []
        self.stack: list[_Table] = []
        self.cell: _Cell | None = None
        self.cells: list[_Cell | None] = []  # the open cell of each open table
        self.outside: list[str] = [""]  # page text by lines, outside every table
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag == "table":
            if self.stack:
                self.stack[-1].nested = True
            table = _Table(before=[line for line in self.outside if line.strip()])
            self.tables.append(table)
            self.stack.append(table)
            self.cells.append(self.cell)
            self.cell = None
        elif tag == "tr" and self.stack:
            self.stack[-1].rows.append([])
        elif tag in ("td", "th") and self.stack:
            values = dict(attrs)
            self.cell = _Cell(
                rowspan=_span(values.get("rowspan")), colspan=_span(values.get("colspan"))
            )
            if not self.stack[-1].rows:
                self.stack[-1].rows.append([])
            self.stack[-1].rows[-1].append(self.cell)
        elif tag in _BREAKS:
            self._break()

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag == "br":
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "table" and self.stack:
            self.stack.pop()
            self.cell = self.cells.pop()
            self._break()
        elif tag in ("td", "th"):
            self.cell = None
        elif tag in _BREAKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        target = self.cell.text if self.cell is not None else (None if self.stack else self.outside)
        if target is None:
            return
        if not target:
            target.append("")
        target[-1] += data

    def _break(self) -> None:
        target = self.cell.text if self.cell is not None else (None if self.stack else self.outside)
        if target is not None and (not target or target[-1].strip()):
            target.append("")


def _span(value: str | None) -> int:
    return max(1, min(int(value), MAX_SPAN)) if value and value.strip().isdigit() else 1


def html_table(filename: str, data: bytes) -> Table:
    return html_text_table(filename, decode_text(filename, data))


def html_text_table(filename: str, text: str) -> Table:
    parser = _Parser()
    parser.feed(text)
    parser.close()
    candidates = [t for t in parser.tables if not t.nested and t.rows]
    if not candidates:
        raise ReadError(f"Файл {filename}: на странице нет таблицы (разметки <table>).")
    table = max(candidates, key=lambda t: len(t.rows))
    lines = [" ".join(line.split()) for line in parser.outside]
    before = len(table.before)
    preamble = [line for line in table.before if line.strip()]
    trailer = [line for line in lines[before:] if line.strip()] if table is candidates[-1] else []
    return Table(
        rows=_grid(table.rows),
        preamble=[" ".join(p.split()) for p in preamble],
        source=filename,
        trailer=trailer,
    )


def _grid(rows: list[list[_Cell]]) -> list[list[str]]:
    grid: list[list[str]] = []
    pending: dict[tuple[int, int], str] = {}  # (row, column) → text of a cell merged down
    for r, row in enumerate(rows):
        out: list[str] = []
        for cell in row:
            while (r, len(out)) in pending:
                out.append(pending.pop((r, len(out))))
            text = "\n".join(" ".join(line.split()) for line in cell.text if line.strip())
            column = len(out)
            out.extend([text] + [""] * (cell.colspan - 1))
            for below in range(r + 1, min(r + cell.rowspan, len(rows))):
                pending[(below, column)] = text
        while (r, len(out)) in pending:
            out.append(pending.pop((r, len(out))))
        grid.append(out)
    return grid
