"""The dashboard's bar charts as PNG pictures, for Word (which shows no SVG): the same rows and colours."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from muniplan.execution.charts import ROW_HEIGHT, BarChart

COLOURS = {"done": "#4caf6a", "overdue": "#d9534f", "missing": "#f0c040", "planned": "#9dbfe3"}
TRACK, INK = "#f0f3f6", "#1b1f24"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # Debian fonts-dejavu-core: Cyrillic
SCALE = 2  # drawn at twice the SVG's size so the picture stays sharp in print


def chart_png(chart: BarChart) -> bytes:
    font = ImageFont.truetype(str(FONT), 12 * SCALE) if FONT.exists() else ImageFont.load_default()
    image = Image.new("RGB", (chart.width * SCALE, chart.height * SCALE), "white")
    draw = ImageDraw.Draw(image)
    for row in chart.rows:
        top, bottom = row.y * SCALE, (row.y + ROW_HEIGHT - 4) * SCALE
        draw.text((0, top + 2 * SCALE), row.short_label, fill=INK, font=font)
        draw.rectangle(
            (chart.bar_x * SCALE, top, (chart.bar_x + chart.bar_width) * SCALE, bottom), fill=TRACK
        )
        for part in row.parts:
            if part.value:
                draw.rectangle(
                    (part.x * SCALE, top, (part.x + part.width) * SCALE, bottom),
                    fill=COLOURS[part.kind],
                )
        draw.text((chart.value_x * SCALE, top + 2 * SCALE), row.note, fill=INK, font=font)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
