"""Month marks of the grid and the calendar: one symbol per state, so the legend holds for both."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

register = template.Library()

SYMBOLS = {"done": "✓", "overdue": "!", "missing": "○", "planned": "+"}
TITLES = {
    "done": "есть отчёт",
    "overdue": "срок истёк, отчёта нет",
    "missing": "месяц прошёл, отчёта пока нет",
    "planned": "запланировано",
}


@register.filter
def month_mark(status, month: int) -> str:
    """The status's mark for month 1..12 (empty when nothing is planned then)."""
    return (status.mark(month) or "") if status and 1 <= month <= 12 else ""


@register.filter
def mark_symbol(mark: str) -> str:
    return SYMBOLS.get(mark, "")


@register.filter
def mark_title(mark: str) -> str:
    return TITLES.get(mark, "")


@register.filter
def status_badge(status) -> str:
    """The status as a badge; a filter, not an include, because plan pages show hundreds."""
    if status is None:
        return ""
    if status.override:
        return format_html(
            '<span class="status {}" title="Установлен вручную: {}">{}*</span>',
            status.code,
            status.override.reason,
            status.label,
        )
    return format_html('<span class="status {}">{}</span>', status.code, status.label)
