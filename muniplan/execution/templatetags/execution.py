"""Month marks of the grid and the calendar: one symbol per state, so the legend holds for both."""

from __future__ import annotations

from django import template

register = template.Library()

SYMBOLS = {"done": "✓", "overdue": "!", "missing": "○", "planned": "+"}
TITLES = {"done": "есть отчёт", "overdue": "срок истёк, отчёта нет", "missing": "месяц прошёл, отчёта пока нет",
          "planned": "запланировано"}


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
