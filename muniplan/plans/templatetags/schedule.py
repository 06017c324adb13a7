"""How a schedule reads in Russian on a page."""

from __future__ import annotations

from django import template

from muniplan.audit.templatetags.history import field_label
from muniplan.periods.lexicon import MONTH_NAMES
from muniplan.periods.schedule import month_runs

register = template.Library()

CONDITIONS = {
    "as_needed": "по мере необходимости",
    "on_request": "по запросу",
    "on_instruction": "по поручению",
    "as_scheduled": "по мере проведения",
    "per_deadlines": "в установленные сроки",
    "as_received": "по мере поступления",
    "by_agreement": "по согласованию",
    "separate_plan": "по отдельному плану",
}
FREQUENCY_UNITS = {
    "week": "в неделю",
    "month": "в месяц",
    "two_months": "в два месяца",
    "quarter": "в квартал",
    "half_year": "в полугодие",
    "year": "в год",
}


@register.filter
def months_label(months: list[int]) -> str:
    """[1,2,3,4,9,10,11,12] → «январь–апрель, сентябрь–декабрь»; all twelve → «весь год»."""
    if len(months) == 12:
        return "весь год"
    runs = month_runs(months)
    return ", ".join(
        MONTH_NAMES[r[0] - 1]
        if len(r) == 1
        else f"{MONTH_NAMES[r[0] - 1]}–{MONTH_NAMES[r[-1] - 1]}"
        for r in runs
    )


@register.filter
def condition_label(code: str) -> str:
    return CONDITIONS.get(code, code)


@register.filter
def frequency_text(frequency: dict | None) -> str:
    """{"per": "quarter", "min": 1} → «не реже 1 раза в квартал»."""
    if not frequency:
        return ""
    return f"не реже {frequency.get('min') or 1} раза {FREQUENCY_UNITS.get(frequency['per'], frequency['per'])}"


@register.filter
def frequency_label(activity) -> str:
    if not activity.frequency_per:
        return ""
    return frequency_text({"per": activity.frequency_per, "min": activity.frequency_min})


@register.filter
def has_month(activity, month: int) -> bool:
    return activity.has_month(month)


@register.filter
def review_labels(activity) -> str:
    """The fields whose reading a person should check: «Период, Ответственный»."""
    names = (["period"] if activity.period_needs_review else []) + [
        name
        for name in activity.needs_review
        if name != "period" or not activity.period_needs_review
    ]
    return ", ".join(field_label(name) for name in names)
