"""A plan as a file: the one function behind the download buttons and `muniplan export`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from muniplan.execution.models import Status
from muniplan.execution.status import overrides_in_force
from muniplan.plans.models import TABLE_ORDER, Activity, Plan

from .layouts import get_layout, plan_document

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ics": "text/calendar; charset=utf-8",
}
FORMATS = tuple(CONTENT_TYPES)


@dataclass
class ExportFile:
    filename: str
    content_type: str
    data: bytes
    warning: str = ""  # e.g. the organization's own Word form is broken and was not used


def export_plan(
    plan: Plan,
    fmt: str,
    *,
    layout: str | None = None,
    section_id: int | None = None,
    unit_id: int | None = None,
    base_url: str | None = None,
) -> ExportFile:
    if fmt not in CONTENT_TYPES:
        raise ValueError(f"Формат «{fmt}» не поддерживается; допустимы: {', '.join(FORMATS)}.")
    if fmt == "ics":
        data = plan_calendar(plan, section_id=section_id, unit_id=unit_id, base_url=base_url)
        return ExportFile(export_filename(plan, fmt), CONTENT_TYPES[fmt], data)
    plan_layout = get_layout(layout, plan.organization)
    if fmt == "pdf":
        from .renderers.pdf import early_helpers, render_pdf

        # a long plan's child processes load WeasyPrint while the plan is read
        with early_helpers(plan.activities.count()) as started:
            data = render_pdf(plan_document(plan, plan_layout, section_id=section_id), started)
        return ExportFile(export_filename(plan, fmt), CONTENT_TYPES[fmt], data)
    document = plan_document(plan, plan_layout, section_id=section_id)
    warning = ""
    if fmt == "docx":
        from .letterhead import render_plan_docx

        data, warning = render_plan_docx(document)
    else:
        from .renderers.sheet import render_xlsx

        data = render_xlsx(document)
    return ExportFile(export_filename(plan, fmt), CONTENT_TYPES[fmt], data, warning)


def file_stem(*words: str) -> str:
    """Words joined into a file name readable and safe on every file system, without quotes:
    «Совет МО Тюменской области», «2026» → «Совет_МО_Тюменской_области_2026»."""
    return "_".join(re.sub(r'[\\/:*?"<>|«»„“”\'\s]+', "_", w).strip("_") for w in words if w)


def export_filename(plan: Plan, extension: str) -> str:
    """«План_работы_СМО_Тюменской_области_2026.docx»."""
    return f"{file_stem('План_работы', str(plan.organization), str(plan.year))}.{extension}"


def plan_calendar(
    plan: Plan,
    *,
    section_id: int | None = None,
    unit_id: int | None = None,
    base_url: str | None = None,
) -> bytes:
    from .renderers.calendar import render_ics

    # only what the events show: a large plan's descriptions and search texts are most of its rows
    activities = plan.activities.order_by(*TABLE_ORDER).only(
        "plan",
        "number",
        "title",
        "location",
        "period_text",
        "months_mask",
        "frequency_per",
        "dates",
    )
    if section_id:
        activities = activities.filter(section_id=section_id)
    if unit_id:
        activities = activities.filter(responsible_units=unit_id)
    activities = _as_decided(list(activities))
    root = (base_url or settings.MUNIPLAN_SITE_URL).rstrip("/")
    pattern = root + reverse(
        "plans-activity-detail", args=[999999999]
    )  # reversed once, not per activity
    return render_ics(
        name=f"{plan.organization} — план на {plan.year} год",
        activities=activities,
        year=plan.year,
        url_of=lambda a: pattern.replace("999999999", str(a.pk)),
        stamp=plan.updated,
    )


def _as_decided(activities: list[Activity]) -> list[Activity]:
    """The schedule as people last decided it («Изменить статус»): a cancelled activity, or one moved
    to next year, has no event this year; one moved to a month has its event in that month."""
    overrides = overrides_in_force(activities)
    kept = []
    for activity in activities:
        override = overrides.get(activity.pk)
        if override and (override.new == Status.CANCELLED or override.to_next_year):
            continue
        if override and override.new == Status.MOVED:
            activity.months_mask = 1 << (override.moved_to_month - 1)
            activity.dates, activity.frequency_per = [], ""
        kept.append(activity)
    return kept
