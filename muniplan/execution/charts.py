"""Bar charts drawn on the server as SVG: no script, no chart library, readable on a phone.

A chart is a list of rows, each with a label and stacked parts (value, kind); the kinds are CSS
classes of muniplan.css (done, overdue, missing, planned), so colours live in one place.

No bar ever covers a name (as in the printed chart, `reports/chart_layout.py`): short names (months)
stand in a column as wide as the widest of them, left of the bars; when one is too long for that, each
name stands whole, wrapped on its own lines, above its bar.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

# Narrow enough that a 390-pixel phone shows the chart at nearly its own size, so 13-pixel text
# stays readable; on a desktop it is drawn at its own size.
WIDTH = 340
NOTE_WIDTH = 64  # «12 из 34» right of the bar
FONT_SIZE = 13  # .chart-label in muniplan.css
LINE, BAR_HEIGHT, GAP, COLUMN_GAP = 16, 16, 8, 6
ASCENT = 12  # from a line's top to its baseline at FONT_SIZE
COLUMN_MAX = 110  # the widest name that still leaves the bars room beside it
# The page's first font (muniplan.css); browsers without it fall back to narrower fonts, so
# measuring with it leaves room to spare.
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


@lru_cache(maxsize=4)
def chart_font(size: int = FONT_SIZE) -> ImageFont.FreeTypeFont | None:
    return ImageFont.truetype(str(FONT), size) if FONT.exists() else None


def text_width(text: str, size: int = FONT_SIZE) -> float:
    font = chart_font(size)
    return font.getlength(text) if font else 0.75 * size * len(text)


def wrap(text: str, width: float, size: int = FONT_SIZE) -> list[str]:
    """Words into lines no wider than `width` at `size` (a longer word stands alone on its line);
    the printed chart (`reports/chart_layout.py`) wraps its names with this too, at its own size."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines or [""]


@dataclass
class Part:
    kind: str
    value: int
    x: float = 0
    width: float = 0


@dataclass(frozen=True)
class Line:
    x: float
    y: float  # the baseline
    text: str


@dataclass
class Row:
    label: str
    parts: list[Part]
    total: int
    note: str = ""
    url: str = ""
    lines: list[Line] = field(default_factory=list)  # the label, as laid out
    bar_y: float = 0

    @property
    def note_y(self) -> float:
        return self.bar_y + ASCENT


@dataclass
class BarChart:
    title: str
    rows: list[Row] = field(default_factory=list)
    width: int = WIDTH
    height: float = 0
    bar_x: float = 0
    bar_width: float = WIDTH - NOTE_WIDTH

    @property
    def has_links(self) -> bool:
        """Rows that link somewhere make the chart a group of links, not a picture, for screen readers."""
        return any(row.url for row in self.rows)

    @property
    def bar_height(self) -> int:
        return BAR_HEIGHT

    @property
    def value_x(self) -> float:
        return self.bar_x + self.bar_width + 6


def bar_chart(title: str, rows: list[Row]) -> BarChart:
    """Lay the rows out: names in a column or above their bars, every bar scaled to the largest
    total, parts side by side."""
    widest = max((text_width(r.label) for r in rows), default=0)
    column = widest <= COLUMN_MAX
    chart = BarChart(title=title, rows=rows)
    chart.bar_x = math.ceil(widest) + 8 if column else 0
    chart.bar_width = WIDTH - chart.bar_x - NOTE_WIDTH
    y = 2.0  # room for the breve of «Й» above the first line
    for row in rows:
        y = _beside(row, y) if column else _above(row, y)
    chart.height = math.ceil(y)
    _scale(chart)
    return chart


def _beside(row: Row, y: float) -> float:
    row.bar_y = y
    row.lines = [Line(0, y + ASCENT, row.label)]
    return y + BAR_HEIGHT + COLUMN_GAP


def _above(row: Row, y: float) -> float:
    row.lines = []
    for text in wrap(row.label, WIDTH):
        row.lines.append(Line(0, y + ASCENT, text))
        y += LINE
    row.bar_y = y + 2
    return row.bar_y + BAR_HEIGHT + GAP


def _scale(chart: BarChart) -> None:
    scale = max((r.total for r in chart.rows), default=0) or 1
    for row in chart.rows:
        x = chart.bar_x
        for part in row.parts:
            part.x, part.width = x, chart.bar_width * part.value / scale
            x += part.width
