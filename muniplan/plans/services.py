"""Writes to plans, sections and activities. Each is one transaction with its audit entry."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from muniplan.accounts.models import Organization, Unit
from muniplan.audit.services import audit_record, diff_fields
from muniplan.lib.locking import StaleVersion, claim_version
from muniplan.lib.search import search_key
from muniplan.periods.parser import parse_period
from muniplan.periods.schedule import Schedule, months_to_mask

from .bin import bin_delete
from .models import Activity, BinEntry, Participation, Plan, PlanReopening, Section
from .selectors import activity_subtree


@dataclass
class ActivityInput:
    """Everything a person or an importer says about an activity."""

    title: str
    number: str = ""
    description: str = ""
    location: str = ""
    format: str = ""
    responsible_units: list[Unit] = field(default_factory=list)
    responsible_text: str = ""
    partners: list[str] = field(default_factory=list)
    funding_text: str = ""
    funding_amount: Decimal | None = None
    period_text: str = ""
    months: list[int] | None = None  # a person's correction of the months read from the text
    schedule: Schedule | None = None  # a reading made elsewhere (an importer), used as is
    participants: list[tuple[int | None, str]] = field(default_factory=list)
    needs_review: list[str] = field(default_factory=list)


# --- plans -----------------------------------------------------------------------------------


def _plan_snapshot(plan: Plan) -> dict:
    return {
        "title": plan.title,
        "year": plan.year,
        "status": plan.get_status_display(),
        "approved_on": plan.approved_on,
        "approval_decision": plan.approval_decision,
        "notes": plan.notes,
    }


@transaction.atomic
def plan_create(
    *,
    organization: Organization,
    year: int,
    title: str,
    by,
    notes: str = "",
    source_plan: Plan | None = None,
) -> Plan:
    plan = Plan.objects.create(
        organization=organization, year=year, title=title, notes=notes, source_plan=source_plan
    )
    audit_record(
        action="plans.plan.created",
        obj=plan,
        by=by,
        plan=plan,
        summary=title,
        changes=diff_fields({}, _plan_snapshot(plan)),
    )
    return plan


@transaction.atomic
def plan_update(
    *, plan: Plan, by, title: str, year: int, notes: str, expected_version: int | None = None
) -> Plan:
    claim_version(plan, expected_version)
    before = _plan_snapshot(plan)
    plan.title, plan.year, plan.notes = title, year, notes
    plan.save()
    _audit_plan(plan, by, "plans.plan.updated", before)
    return plan


def _audit_plan(plan: Plan, by, action: str, before: dict, summary: str = "") -> None:
    audit_record(
        action=action,
        obj=plan,
        by=by,
        plan=plan,
        summary=summary,
        changes=diff_fields(before, _plan_snapshot(plan)),
    )


@transaction.atomic
def plan_approve(*, plan: Plan, by, decision: str, approved_on: dt.date | None) -> Plan:
    if plan.status != Plan.Status.DRAFT:
        raise ValidationError("Утвердить можно только проект плана.")
    if not decision.strip():
        raise ValidationError(
            {
                "decision": "Укажите решение об утверждении, например «решение Президиума от 15.12.2025 № 12»."
            }
        )
    if approved_on and approved_on > timezone.localdate():
        raise ValidationError(f"Дата утверждения {approved_on:%d.%m.%Y} ещё не наступила.")
    if approved_on and approved_on.year < plan.year - 1:
        raise ValidationError(
            f"Дата утверждения {approved_on:%d.%m.%Y}: план на {plan.year} год не утверждают "
            f"раньше {plan.year - 1} года."
        )
    claim_version(plan, None)  # a form opened on the draft is stale once the plan is approved
    before = _plan_snapshot(plan)
    plan.status, plan.approval_decision, plan.approved_on = (
        Plan.Status.APPROVED,
        decision.strip(),
        approved_on,
    )
    plan.save()
    _audit_plan(plan, by, "plans.plan.approved", before, summary=plan.approval_decision)
    return plan


@transaction.atomic
def plan_reopen(*, plan: Plan, by, reason: str) -> Plan:
    if plan.status != Plan.Status.APPROVED:
        raise ValidationError("Открыть для изменений можно только утверждённый план.")
    if not reason.strip():
        raise ValidationError(
            {"reason": "Укажите причину, по которой утверждённый план открывается для изменений."}
        )
    claim_version(plan, None)
    before = _plan_snapshot(plan)
    PlanReopening.objects.create(
        plan=plan, by=by, reason=reason.strip(), previous_decision=plan.approval_decision
    )
    plan.status = Plan.Status.DRAFT
    plan.save()
    _audit_plan(plan, by, "plans.plan.reopened", before, summary=reason.strip())
    return plan


@transaction.atomic
def plan_archive(*, plan: Plan, by) -> Plan:
    if plan.status != Plan.Status.APPROVED:
        raise ValidationError("В архив переносится только утверждённый план.")
    claim_version(plan, None)
    before = _plan_snapshot(plan)
    plan.status = Plan.Status.ARCHIVED
    plan.save()
    _audit_plan(plan, by, "plans.plan.archived", before)
    return plan


def _removed(snapshot: dict) -> dict:
    return diff_fields(snapshot, dict.fromkeys(snapshot))


# --- sections --------------------------------------------------------------------------------


def _next_position(queryset) -> int:
    return (queryset.aggregate(m=Max("position"))["m"] or 0) + 1


@transaction.atomic
def section_create(*, plan: Plan, title: str, by) -> Section:
    section = Section.objects.create(
        plan=plan, title=title.strip(), position=_next_position(plan.sections)
    )
    audit_record(
        action="plans.section.created",
        obj=section,
        by=by,
        plan=plan,
        summary=section.title,
        changes={"title": [None, section.title]},
    )
    return section


@transaction.atomic
def section_update(
    *, section: Section, title: str, by, expected_version: int | None = None
) -> Section:
    claim_version(section, expected_version)
    changes = diff_fields({"title": section.title}, {"title": title.strip()})
    section.title = title.strip()
    section.save(update_fields=["title", "version"])
    audit_record(
        action="plans.section.updated",
        obj=section,
        by=by,
        plan=section.plan,
        summary=section.title,
        changes=changes,
    )
    return section


@transaction.atomic
def section_delete(
    *,
    section: Section,
    by,
    expected_version: int | None = None,
    expected_activities: set[int] | None = None,
) -> BinEntry:
    """The section and everything in it go to the bin as one entry, from which an administrator restores
    them whole; the history records the section and each of its activities.

    `expected_version` and `expected_activities` are the section's version and activities the confirmation
    page showed: a section renamed since, or with activities added or removed since, refuses the delete
    (`StaleVersion`), so nobody deletes what they have not seen."""
    if not section.plan.is_editable:
        raise ValidationError("План утверждён: откройте его для изменений, затем удалите раздел.")
    claim_version(section, expected_version)
    activities = list(
        section.activities.select_related("section").prefetch_related(
            "responsible_units", "participations"
        )
    )
    if expected_activities is not None and {a.pk for a in activities} != expected_activities:
        raise StaleVersion(Section.objects.get(pk=section.pk))
    for each in activities:
        _audit_activity_deleted(each, section.plan, by)
    audit_record(
        action="plans.section.deleted",
        obj=section,
        by=by,
        plan=section.plan,
        summary=section.title,
        changes=_removed({"title": section.title}),
    )
    entry, _ = bin_delete(obj=section, plan=section.plan, by=by, summary=section.title)
    return entry


@transaction.atomic
def section_move(*, section: Section, position: int, by) -> Section:
    siblings = list(section.plan.sections.exclude(pk=section.pk))
    _reposition([*siblings[:position], section, *siblings[position:]])
    audit_record(
        action="plans.section.moved",
        obj=section,
        by=by,
        plan=section.plan,
        summary=section.title,
    )
    return section


def _reposition(items: list) -> None:
    for index, item in enumerate(items, start=1):
        if item.position != index:
            item.position = index
            item.save(update_fields=["position"])


# --- activities ------------------------------------------------------------------------------


def activity_snapshot(activity: Activity) -> dict:
    """The activity as a person reads it, for history diffs."""
    return {
        "number": activity.number,
        "title": activity.title,
        "description": activity.description,
        "location": activity.location,
        "format": activity.format,
        "responsible_units": sorted(u.name for u in activity.responsible_units.all()),
        "responsible_text": activity.responsible_text,
        "partners": list(activity.partners),
        "funding_text": activity.funding_text,
        "funding_amount": str(activity.funding_amount)
        if activity.funding_amount is not None
        else None,
        "period_text": activity.period_text,
        "months": activity.months,
        "participants": [str(p) for p in activity.participations.all()],
        "section": activity.section.title,
    }


def _apply_schedule(activity: Activity, data: ActivityInput) -> None:
    text = data.period_text.replace("\r\n", "\n").strip()
    schedule = data.schedule or parse_period(text, year=activity.plan.year)
    activity.period_text = text if data.schedule is None else schedule.text
    activity.months_mask = schedule.months_mask
    activity.frequency_per = schedule.frequency.per if schedule.frequency else ""
    activity.frequency_min = schedule.frequency.min if schedule.frequency else None
    activity.condition = schedule.condition or ""
    activity.dates = list(schedule.dates)
    activity.period_needs_review = schedule.needs_review
    if data.months is not None and months_to_mask(data.months) != schedule.months_mask:
        # A person set the months: that is the reading now, and it needs no further review.
        activity.months_mask = months_to_mask(data.months)
        activity.period_needs_review = False


def _apply_fields(activity: Activity, data: ActivityInput) -> None:
    if not data.title.strip():
        raise ValidationError({"title": "Укажите наименование мероприятия."})
    for name in (
        "number",
        "title",
        "description",
        "location",
        "format",
        "responsible_text",
        "funding_text",
    ):
        # Browsers send «\r\n» in text areas; stored text keeps one kind of line break.
        setattr(activity, name, (getattr(data, name) or "").replace("\r\n", "\n").strip())
    activity.partners = [p.strip() for p in data.partners if p.strip()]
    activity.funding_amount = data.funding_amount
    activity.needs_review = list(data.needs_review)
    _apply_schedule(activity, data)
    activity.search_text = search_key(
        activity.number,
        activity.title,
        activity.description,
        activity.period_text,
        activity.location,
        activity.funding_text,
        activity.responsible_text,
        *activity.partners,
        *(unit.name for unit in data.responsible_units),
        *(category for _, category in data.participants),
    )


def _save_relations(activity: Activity, data: ActivityInput) -> None:
    foreign = [
        u for u in data.responsible_units if u.organization_id != activity.plan.organization_id
    ]
    if foreign:
        raise ValidationError(
            {
                "responsible_units": "Ответственным может быть только подразделение своей организации."
            }
        )
    activity.responsible_units.set(data.responsible_units)
    activity.participations.all().delete()
    Participation.objects.bulk_create(
        Participation(activity=activity, position=i, count=count, category=category.strip())
        for i, (count, category) in enumerate(data.participants)
        if category.strip() or count
    )


@transaction.atomic
def activity_create(
    *,
    section: Section,
    by,
    data: ActivityInput,
    parent: Activity | None = None,
    source_activity: Activity | None = None,
    audit: bool = True,
) -> Activity:
    if parent is not None and parent.section_id != section.pk:
        raise ValidationError("Подпункт должен находиться в разделе своего мероприятия.")
    siblings = Activity.objects.filter(section=section, parent=parent)
    activity = Activity(
        plan=section.plan,
        section=section,
        parent=parent,
        position=_next_position(siblings),
        source_activity=source_activity,
    )
    _apply_fields(activity, data)
    activity.save()
    _save_relations(activity, data)
    if audit:
        audit_record(
            action="plans.activity.created",
            obj=activity,
            by=by,
            plan=section.plan,
            summary=str(activity),
            changes=diff_fields({}, activity_snapshot(activity)),
        )
    return activity


@transaction.atomic
def activity_update(
    *, activity: Activity, by, data: ActivityInput, expected_version: int | None = None
) -> Activity:
    """Save a person's changes; `expected_version` is the version their form was opened at."""
    claim_version(activity, expected_version)
    before = activity_snapshot(activity)
    _apply_fields(activity, data)
    activity.save()
    _save_relations(activity, data)
    changes = diff_fields(before, activity_snapshot(activity))
    if changes:
        audit_record(
            action="plans.activity.updated",
            obj=activity,
            by=by,
            plan=activity.plan,
            summary=str(activity),
            changes=changes,
        )
    return activity


@transaction.atomic
def activity_delete(*, activity: Activity, by) -> None:
    """The activity and its sub-activities go to the bin; the history records each of them."""
    for each in activity_subtree(activity):
        _audit_activity_deleted(each, activity.plan, by)
    bin_delete(obj=activity, plan=activity.plan, by=by, summary=str(activity))


def _audit_activity_deleted(activity: Activity, plan: Plan, by) -> None:
    audit_record(
        action="plans.activity.deleted",
        obj=activity,
        by=by,
        plan=plan,
        summary=str(activity),
        changes=_removed(activity_snapshot(activity)),
    )


@transaction.atomic
def activity_move(*, activity: Activity, section: Section, position: int, by) -> Activity:
    """Put the activity at `position` (0-based) among its siblings in `section`; sub-items follow."""
    if section.plan_id != activity.plan_id:
        raise ValidationError("Мероприятие можно перенести только в раздел того же плана.")
    if activity.parent_id and section.pk != activity.section_id:
        raise ValidationError("Подпункт переносится вместе со своим мероприятием.")
    old_section = activity.section
    siblings = list(
        Activity.objects.filter(section=section, parent=activity.parent_id).exclude(pk=activity.pk)
    )
    wanted, position = position, max(0, min(position, len(siblings)))
    here = sum(1 for s in siblings if (s.position, s.pk) < (activity.position, activity.pk))
    if section.pk == old_section.pk and wanted != position == here:
        # ↑ on the first or ↓ on the last: say so rather than report a move that did not happen
        edge = "первым" if wanted < position else "последним"
        place = "среди подпунктов" if activity.parent_id else f"в разделе «{section.title}»"
        name = activity.number or f"«{activity.title[:60]}»"
        raise ValidationError(f"Мероприятие {name} уже стоит {edge} {place}.")
    activity.section = section
    activity.save(update_fields=["section"])
    activity.children.update(section=section)
    _reposition([*siblings[:position], activity, *siblings[position:]])
    changes = diff_fields({"section": old_section.title}, {"section": section.title})
    audit_record(
        action="plans.activity.moved",
        obj=activity,
        by=by,
        plan=activity.plan,
        summary=str(activity),
        changes=changes,
    )
    return activity
