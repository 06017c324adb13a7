"""The chart «Выполнение по разделам» of the printed report: every section's name whole and clear of
the bars, a legend naming the colours, and the heading once."""

from __future__ import annotations

import datetime as dt
import io

import pdfplumber
import pytest
from docx import Document
from PIL import Image

from muniplan.execution.tests.conftest import add_report
from muniplan.reports import pdf, word
from muniplan.reports.chart_image import SCALE
from muniplan.reports.chart_layout import COLOURS, LEGEND, print_chart
from muniplan.reports.periods import report_period
from muniplan.reports.selectors import plan_report

pytestmark = pytest.mark.django_db

LONG = "ОРГАНИЗАЦИОННО-МЕТОДИЧЕСКОЕ И ИНФОРМАЦИОННОЕ ОБЕСПЕЧЕНИЕ ДЕЯТЕЛЬНОСТИ СОВЕТА"
LEGEND_NAMES = [LEGEND[kind] for kind in ("done", "overdue", "planned")]


@pytest.fixture
def report(plan, admin_user):
    plan.sections.filter(title="АНАЛИТИЧЕСКОЕ НАПРАВЛЕНИЕ").update(title=LONG)
    add_report(plan.activities.get(number="11"), admin_user, dt.date(2026, 7, 1))
    return plan_report(plan, period=report_period(2026, "year"), today=dt.date(2027, 1, 15))


def _chart_region(page) -> tuple[float, float]:
    top = page.search("3. Выполнение по разделам")[0]["bottom"]
    bottom = page.search("4. Выполнение мероприятий плана")[0]["top"]
    return top, bottom


def test_the_pdf_chart_names_each_section_whole_above_its_bar_with_a_legend(report):
    with pdfplumber.open(io.BytesIO(pdf.plan_report_pdf(report))) as document:
        page = document.pages[0]
        top, bottom = _chart_region(page)
        chart = page.crop((0, top, page.width, bottom))
        text = " ".join(chart.extract_text().split())
        bars = [r for r in chart.rects if r["non_stroking_color"] not in (None, (1, 1, 1))]
        whole = " ".join(p.extract_text() for p in document.pages)
    assert whole.count("Выполнение по разделам") == 1
    assert LONG in text and "…" not in text
    assert all(name in text for name in LEGEND_NAMES)
    assert len(bars) >= 2 * len(report.charts[0].rows)
    for char in chart.chars:
        for bar in bars:  # no letter lies under a bar
            assert (
                char["x1"] <= bar["x0"] + 0.5
                or char["x0"] >= bar["x1"] - 0.5
                or char["bottom"] <= bar["top"] + 0.5
                or char["top"] >= bar["bottom"] - 0.5
            ), (char["text"], bar)


def test_the_word_chart_is_the_same_layout_names_whole_clear_of_bars_legend_coloured(report):
    chart = report.charts[0]
    layout = print_chart(chart)
    assert [" ".join(lines) for lines in layout.labels] == [row.label for row in chart.rows]
    assert all(name in [t.text for t in layout.texts] for name in LEGEND_NAMES)
    document = Document(io.BytesIO(word.plan_report_docx(report)))
    (shape,) = document.inline_shapes
    image = Image.open(io.BytesIO(_picture(document, shape))).convert("RGB")
    assert image.size == (layout.width * SCALE, round(layout.height * SCALE))
    colours = {_rgb(COLOURS[kind]) for kind in ("done", "overdue", "planned")}
    assert colours <= {colour for _, colour in image.getcolors(1 << 20)}
    for text in layout.texts:  # where a name is written, no bar colour
        if text.text in (row.note for row in chart.rows):
            continue
        box = (0, int((text.y - 10) * SCALE), layout.width * SCALE, int((text.y + 2) * SCALE))
        inked = {colour for _, colour in image.crop(box).getcolors(1 << 20)}
        if text.text not in LEGEND_NAMES:
            assert not inked & colours, text.text


def _picture(document, shape) -> bytes:
    blip = shape._inline.graphic.graphicData.pic.blipFill.blip
    return document.part.related_parts[blip.embed].blob


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
