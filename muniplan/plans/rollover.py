"""Copy a plan to the next year: years inside titles and texts move on, links to the source stay."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from muniplan.audit.services import audit_record
from muniplan.execution.selectors import moved_to_next_year
from muniplan.lib.search import fold
from muniplan.lib.years import shift_years
from muniplan.periods.schedule import Frequency, Schedule

from .models import Activity, Plan, Section
from .services import ActivityInput, activity_create, plan_create, section_create

TEXT_FIELDS = (
    "title",
    "description",
    "location",
    "period_text",
    "funding_text",
    "responsible_text",
)


def _shift_date(value: str, by: int) -> str:
    # ISO dates carry a year; month-day pairs («--04-21») repeat every year as they are.
    return f"{int(value[:4]) + by}{value[4:]}" if value[:4].isdigit() else value


CARRIED_OVER = "carried_over"  # in `needs_review`: moved here from last year's plan, not done there


def _rolled_input(activity: Activity, year: int, carried: bool = False) -> ActivityInput:
    shifted = {name: shift_years(getattr(activity, name), year) for name in TEXT_FIELDS}
    schedule = Schedule(
        text=shifted["period_text"],
        months=tuple(activity.months),
        frequency=_frequency(activity),
        condition=activity.condition or None,
        dates=tuple(_shift_date(d, 1) for d in activity.dates),
        needs_review=activity.period_needs_review,
    )
    return ActivityInput(
        number=activity.number,
        format=activity.format,
        responsible_units=list(activity.responsible_units.all()),
        partners=[shift_years(p, year) for p in activity.partners],
        funding_amount=activity.funding_amount,
        schedule=schedule,
        participants=[
            (p.count, shift_years(p.category, year)) for p in activity.participations.all()
        ],
        needs_review=[*activity.needs_review, *([CARRIED_OVER] if carried else [])],
        **shifted,
    )


def _frequency(activity: Activity) -> Frequency | None:
    if not activity.frequency_per:
        return None
    return Frequency(per=activity.frequency_per, min=activity.frequency_min or 1)


def plans_of_next_year(plan: Plan) -> list[Plan]:
    """The organization's plans for the year a roll-over of `plan` would fill."""
    return list(
        Plan.objects.filter(organization=plan.organization_id, year=plan.year + 1).order_by("id")
    )


@transaction.atomic
def plan_rollover(*, plan: Plan, by, second: bool = False) -> Plan:
    """A draft for the next year with every section and activity of `plan`, linked to its source.

    When the organization already has a plan for that year, a second one is made only with
    `second=True` (a person saw the existing plan and confirmed).
    """
    year = plan.year + 1
    if not second and plans_of_next_year(plan):
        raise ValidationError(
            f"У организации уже есть план на {year} год. Откройте его, дополните "
            "недостающими мероприятиями или подтвердите создание второго плана."
        )
    new_plan = plan_create(
        organization=plan.organization,
        year=year,
        by=by,
        notes=plan.notes,
        title=shift_years(plan.title, plan.year),
        source_plan=plan,
    )
    copies: dict[int, Activity] = {}
    activities = plan.activities.select_related("parent").prefetch_related(
        "responsible_units", "participations"
    )
    by_section: dict[int, list[Activity]] = {}
    for activity in activities:
        by_section.setdefault(activity.section_id, []).append(activity)
    carried = moved_to_next_year(plan)
    for section in plan.sections.all():
        new_section = section_create(
            plan=new_plan, title=shift_years(section.title, plan.year), by=by
        )
        _copy_activities(
            by_section.get(section.pk, []), new_section, plan.year, copies, carried, by
        )
    audit_record(
        action="plans.plan.rolled_over",
        obj=new_plan,
        by=by,
        organization=plan.organization,
        plan_id=new_plan.pk,
        summary=f"Скопирован из плана на {plan.year} год",
        changes={"source_plan": [None, str(plan)], "activities": [None, len(copies)]},
    )
    return new_plan


def _copy_activities(
    activities: list[Activity], section: Section, year: int, copies: dict, carried: set[int], by
) -> None:
    # Parents first, so that each sub-item finds its parent's copy.
    for activity in sorted(activities, key=lambda a: (a.parent_id is not None, a.position)):
        copies[activity.pk] = activity_create(
            section=section,
            by=by,
            data=_rolled_input(activity, year, activity.pk in carried),
            parent=copies.get(activity.parent_id),
            source_activity=activity,
            audit=False,
        )


@dataclass
class RolloverChange:
    activity: Activity
    source: Activity
    fields: list[tuple[str, str, str]]  # (field label, old, new)


FIELD_LABELS = {
    "title": "Наименование",
    "description": "Характеристика",
    "location": "Место проведения",
    "period_text": "Период",
    "funding_text": "Финансовое обеспечение",
    "responsible_text": "Ответственный",
}


def carried_over(plan: Plan) -> list[Activity]:
    """The activities of a rolled-over plan that last year's plan moved to this one."""
    return [
        a
        for a in plan.activities.order_by("section__position", "position")
        if CARRIED_OVER in a.needs_review
    ]


def rollover_changes(plan: Plan) -> list[RolloverChange]:
    """What the roll-over changed in each activity of `plan` compared with its source, for review."""
    changes = []
    for activity in plan.activities.select_related("source_activity").order_by(
        "section__position", "position"
    ):
        source = activity.source_activity
        if source is None:
            continue
        fields = [
            (FIELD_LABELS[name], getattr(source, name), getattr(activity, name))
            for name in TEXT_FIELDS
            if getattr(source, name) != getattr(activity, name)
        ]
        if fields:
            changes.append(RolloverChange(activity=activity, source=source, fields=fields))
    return changes


def _title_key(text: str) -> str:
    # Titles are compared by their words: a comma or a quote more in next year's plan is the same title.
    return " ".join(re.findall(r"\w+", fold(text)))


def rollover_missing(*, plan: Plan, target: Plan) -> list[Activity]:
    """The activities of `plan` that `target` (a plan of the next year) lacks, matched by title:
    a title is found when the target has it as written or with its years moved on."""
    present = {_title_key(title) for title in target.activities.values_list("title", flat=True)}
    activities = plan.activities.select_related("section").order_by(
        "section__position", "position", "id"
    )
    return [
        a
        for a in activities
        if _title_key(a.title) not in present
        and _title_key(shift_years(a.title, plan.year)) not in present
    ]


@transaction.atomic
def plan_rollover_missing(
    *, plan: Plan, target: Plan, activities: list[Activity], by
) -> list[Activity]:
    """Copy the chosen missing activities of `plan` into `target`, each into the section of the same
    title (made at the end when there is none) and under its parent's match, years moved on."""
    if not target.is_editable:
        raise ValidationError(
            f"План на {target.year} год утверждён: откройте его для изменений, чтобы дополнить."
        )
    if target.organization_id != plan.organization_id or target.year != plan.year + 1:
        raise ValidationError("Дополнять можно только план той же организации на следующий год.")
    sections = {_title_key(s.title): s for s in target.sections.all()}
    matches = {_title_key(a.title): a for a in target.activities.filter(parent=None)}
    copies: dict[int, Activity] = {}
    for activity in sorted(
        activities, key=lambda a: (a.parent_id is not None, a.section.position, a.position)
    ):
        section_title = shift_years(activity.section.title, plan.year)
        section = sections.get(_title_key(section_title)) or sections.get(
            _title_key(activity.section.title)
        )
        parent = copies.get(activity.parent_id) or (
            activity.parent
            and (
                matches.get(_title_key(shift_years(activity.parent.title, plan.year)))
                or matches.get(_title_key(activity.parent.title))
            )
        )
        if parent is not None:
            section = parent.section
        if section is None:
            section = sections[_title_key(section_title)] = section_create(
                plan=target, title=section_title, by=by
            )
        copies[activity.pk] = activity_create(
            section=section,
            by=by,
            data=_rolled_input(activity, plan.year),
            parent=parent,
            source_activity=activity,
        )
    audit_record(
        action="plans.plan.completed_from",
        obj=target,
        by=by,
        plan=target,
        summary=f"Добавлены недостающие мероприятия плана на {plan.year} год",
        changes={"activities": [None, len(copies)]},
    )
    return list(copies.values())
