"""Bar charts drawn on the server as SVG: no script, no chart library, readable on a phone.

A chart is a list of rows, each with a label and stacked parts (value, kind); the kinds are CSS
classes of muniplan.css (done, overdue, missing, planned), so colours live in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Small enough that a phone shows the chart at nearly its own size, so 13-pixel text stays readable.
ROW_HEIGHT = 24
LABEL_WIDTH = 170
BAR_WIDTH = 190
VALUE_WIDTH = 70
LABEL_CHARACTERS = 22


@dataclass
class Part:
    kind: str
    value: int
    x: float = 0
    width: float = 0


@dataclass
class Row:
    label: str
    parts: list[Part]
    total: int
    note: str = ""
    url: str = ""
    y: int = 0

    @property
    def text_y(self) -> int:
        return self.y + ROW_HEIGHT // 2 + 4

    @property
    def short_label(self) -> str:
        return (
            self.label
            if len(self.label) <= LABEL_CHARACTERS
            else self.label[: LABEL_CHARACTERS - 1] + "…"
        )


@dataclass
class BarChart:
    title: str
    rows: list[Row] = field(default_factory=list)
    label_width: int = LABEL_WIDTH
    bar_width: int = BAR_WIDTH

    @property
    def has_links(self) -> bool:
        """Rows that link somewhere make the chart a group of links, not a picture, for screen readers."""
        return any(row.url for row in self.rows)

    @property
    def height(self) -> int:
        return ROW_HEIGHT * len(self.rows) + 4

    @property
    def width(self) -> int:
        return self.label_width + self.bar_width + VALUE_WIDTH

    @property
    def bar_x(self) -> int:
        return self.label_width

    @property
    def value_x(self) -> int:
        return self.label_width + self.bar_width + 6


def bar_chart(title: str, rows: list[Row]) -> BarChart:
    """Lay the rows out: every bar is scaled to the largest total, parts side by side."""
    scale = max((r.total for r in rows), default=0) or 1
    for index, row in enumerate(rows):
        row.y = index * ROW_HEIGHT + 2
        x = float(LABEL_WIDTH)
        for part in row.parts:
            part.x, part.width = x, BAR_WIDTH * part.value / scale
            x += part.width
    return BarChart(title=title, rows=rows)
