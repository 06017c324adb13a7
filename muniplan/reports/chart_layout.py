"""The completion chart laid out for print, once for both documents (PDF draws it as SVG, Word as a
PNG picture): each row's name whole, wrapped on its own lines above its bar, so no bar covers it, and
a legend naming the colours under the bars."""

from __future__ import annotations

from dataclasses import dataclass, field

from muniplan.execution import charts
from muniplan.execution.charts import BarChart

FONT_SIZE = 12
WIDTH = 600  # 12-unit text at this width prints at about 10 pt on an A4 page
NOTE_WIDTH = 80  # «12 из 34» right of the bar
LINE, BAR, GAP, SWATCH = 15, 16, 9, 12
ASCENT = 11  # from a line's top to its baseline at FONT_SIZE
COLOURS = {"done": "#4caf6a", "overdue": "#d9534f", "missing": "#f0c040", "planned": "#9dbfe3"}
TRACK, INK = "#f0f3f6", "#1b1f24"
LEGEND = {
    "done": "выполнено",
    "overdue": "просрочено",
    "missing": "нет отчёта",
    "planned": "выполняется или запланировано",
}


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float
    fill: str


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # the baseline
    text: str


@dataclass
class PrintChart:
    width: int = WIDTH
    height: float = 0
    boxes: list[Box] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    labels: list[list[str]] = field(default_factory=list)  # each row's name, as wrapped


def text_width(text: str) -> float:
    return charts.text_width(text, FONT_SIZE)


def wrap(text: str, width: float) -> list[str]:
    return charts.wrap(text, width, FONT_SIZE)


def print_chart(chart: BarChart) -> PrintChart:
    out = PrintChart()
    bar_width = WIDTH - NOTE_WIDTH
    scale = max((row.total for row in chart.rows), default=0) or 1
    y = 2.0  # room for the breve of «Й» above the first line
    for row in chart.rows:
        out.labels.append(wrap(row.label, WIDTH))
        for line in out.labels[-1]:
            out.texts.append(Text(0, y + ASCENT, line))
            y += LINE
        y += 2
        out.boxes.append(Box(0, y, bar_width, BAR, TRACK))
        x = 0.0
        for part in row.parts:
            if part.value:
                width = bar_width * part.value / scale
                out.boxes.append(Box(x, y, width, BAR, COLOURS[part.kind]))
                x += width
        out.texts.append(Text(bar_width + 6, y + ASCENT + 1, row.note))
        y += BAR + GAP
    out.height = _legend(out, chart, y) + 4
    return out


def _legend(out: PrintChart, chart: BarChart, y: float) -> float:
    """A swatch and a name for each colour the chart uses; returns the bottom of the legend."""
    kinds = [kind for kind in COLOURS if any(p.kind == kind for r in chart.rows for p in r.parts)]
    x = 0.0
    for kind in kinds:
        width = SWATCH + 5 + text_width(LEGEND[kind])
        if x and x + width > WIDTH:
            x, y = 0.0, y + LINE + 2
        out.boxes.append(Box(x, y + 1, SWATCH, SWATCH, COLOURS[kind]))
        out.texts.append(Text(x + SWATCH + 5, y + ASCENT + 1, LEGEND[kind]))
        x += width + 20
    return y + LINE
