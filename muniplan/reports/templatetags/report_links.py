"""Links to a plan's execution documents, for the pages that show its progress."""

from __future__ import annotations

from django import template

from muniplan.reports.periods import CHOICES

register = template.Library()


@register.inclusion_tag("reports/_plan_report_links.html")
def plan_report_links(plan):
    return {"plan": plan, "report_periods": CHOICES}
