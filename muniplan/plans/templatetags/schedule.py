"""How a schedule reads in Russian on a page."""

from __future__ import annotations

from django import template

from muniplan.plans.models import MONTH_NAMES

register = template.Library()

CONDITIONS = {
    "as_needed": "по мере необходимости",
    "on_request": "по запросу",
    "separate_plan": "по отдельному плану",
    "as_scheduled": "по мере проведения",
    "per_deadlines": "в установленные сроки",
}
FREQUENCY_UNITS = {"week": "в неделю", "month": "в месяц", "quarter": "в квартал",
                   "half_year": "в полугодие", "year": "в год"}


@register.filter
def months_label(months: list[int]) -> str:
    """[1,2,3,4,9,10,11,12] → «январь–апрель, сентябрь–декабрь»; all twelve → «весь год»."""
    if len(months) == 12:
        return "весь год"
    runs: list[list[int]] = []
    for m in months:
        if runs and runs[-1][-1] == m - 1:
            runs[-1].append(m)
        else:
            runs.append([m])
    return ", ".join(
        MONTH_NAMES[r[0] - 1] if len(r) == 1 else f"{MONTH_NAMES[r[0] - 1]}–{MONTH_NAMES[r[-1] - 1]}" for r in runs
    )


@register.filter
def condition_label(code: str) -> str:
    return CONDITIONS.get(code, code)


@register.filter
def frequency_label(activity) -> str:
    if not activity.frequency_per:
        return ""
    return f"не реже {activity.frequency_min or 1} раза {FREQUENCY_UNITS.get(activity.frequency_per, activity.frequency_per)}"


@register.filter
def has_month(activity, month: int) -> bool:
    return activity.has_month(month)
