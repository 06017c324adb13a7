"""The completion chart as a PNG picture, for Word (which shows no SVG): the layout the PDF draws."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from muniplan.execution.charts import BarChart, chart_font

from .chart_layout import FONT_SIZE, INK, print_chart

SCALE = 3  # drawn at three times the layout's size so the picture stays sharp in print


def chart_png(chart: BarChart) -> bytes:
    layout = print_chart(chart)
    font = chart_font(FONT_SIZE * SCALE) or ImageFont.load_default()
    image = Image.new("RGB", (layout.width * SCALE, round(layout.height * SCALE)), "white")
    draw = ImageDraw.Draw(image)
    for box in layout.boxes:
        x, y = box.x * SCALE, box.y * SCALE
        draw.rectangle((x, y, x + box.width * SCALE - 1, y + box.height * SCALE - 1), fill=box.fill)
    for text in layout.texts:
        draw.text((text.x * SCALE, text.y * SCALE), text.text, fill=INK, font=font, anchor="ls")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
