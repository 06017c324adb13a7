"""The dashboard's bar charts: every name readable, none under a bar, at any width."""

from __future__ import annotations

from muniplan.execution.charts import BAR_HEIGHT, FONT_SIZE, Part, Row, bar_chart, text_width

LONG = "ОРГАНИЗАЦИОННО-МЕТОДИЧЕСКОЕ И ИНФОРМАЦИОННОЕ ОБЕСПЕЧЕНИЕ ДЕЯТЕЛЬНОСТИ СОВЕТА"


def _row(label: str, done: int = 1, total: int = 9) -> Row:
    return Row(
        label, [Part("done", done), Part("planned", total - done)], total, f"{done} из {total}"
    )


def _overlaps(chart) -> list[str]:
    """Label lines whose box (baseline minus ascent to baseline plus descent) meets a bar."""
    hits = []
    for row in chart.rows:
        for line in row.lines:
            top, bottom = line.y - FONT_SIZE, line.y + FONT_SIZE * 0.3
            left, right = line.x, line.x + text_width(line.text)
            for other in chart.rows:
                vertical = top < other.bar_y + BAR_HEIGHT and other.bar_y < bottom
                horizontal = left < chart.bar_x + chart.bar_width and chart.bar_x < right
                if vertical and horizontal:
                    hits.append(line.text)
    return hits


def test_long_section_names_stand_whole_above_their_bars():
    chart = bar_chart("Выполнение по разделам", [_row(LONG), _row("ВЗАИМОДЕЙСТВИЕ С ВАРМСУ")])
    assert _overlaps(chart) == []
    assert " ".join(line.text for line in chart.rows[0].lines) == LONG  # whole, not cut
    assert all(text_width(line.text) <= chart.width for row in chart.rows for line in row.lines)
    first, second = chart.rows
    assert first.lines[-1].y < first.bar_y < second.lines[0].y  # each name above its own bar


def test_short_names_sit_in_a_column_left_of_the_bars():
    months = bar_chart("По месяцам", [_row(name) for name in ("янв", "фев", "мар")])
    assert _overlaps(months) == []
    assert all(row.lines[0].y > row.bar_y for row in months.rows)  # beside the bar, not above
    assert months.bar_x >= max(text_width(r.label) for r in months.rows)


def test_an_empty_chart_has_a_size():
    chart = bar_chart("Пусто", [])
    assert chart.width > 0 and chart.height > 0
