"""A plan read from a document (a PlanDraft) becomes a plan in the database, in one transaction."""

from __future__ import annotations

from django.db import transaction

from muniplan.accounts.models import Organization, Unit
from muniplan.audit.services import audit_record
from muniplan.readers.draft import ActivityDraft, PlanDraft

from .models import Plan, Section
from .services import ActivityInput, activity_create, plan_create, section_create


def activity_input_from_draft(draft: ActivityDraft, units: dict[str, Unit]) -> ActivityInput:
    known = [units[name] for name in draft.responsible if name in units]
    others = [name for name in draft.responsible if name not in units]
    return ActivityInput(
        number=draft.number, title=draft.title, description=draft.description,
        location=draft.location or "", responsible_units=known, responsible_text="; ".join(others),
        partners=list(draft.partners), funding_text=draft.funding or "",
        period_text=draft.period.text, schedule=draft.period,
        participants=[(p.count, p.category) for p in draft.participants],
        needs_review=list(draft.needs_review),
    )


def _units_for(organization: Organization, draft: PlanDraft) -> dict[str, Unit]:
    names = {name for s in draft.sections for a in _walk(s.activities) for name in a.responsible}
    return {name: Unit.objects.get_or_create(organization=organization, name=name)[0] for name in sorted(names)}


def _walk(activities: list[ActivityDraft]):
    for activity in activities:
        yield activity
        yield from _walk(activity.children)


def _create_activities(section: Section, drafts: list[ActivityDraft], units, by, parent=None) -> int:
    count = 0
    for draft in drafts:
        activity = activity_create(section=section, by=by, data=activity_input_from_draft(draft, units),
                                   parent=parent, audit=False)
        count += 1 + _create_activities(section, draft.children, units, by, parent=activity)
    return count


@transaction.atomic
def plan_create_from_draft(*, organization: Organization, draft: PlanDraft, by,
                           year: int | None = None, source: str = "") -> Plan:
    """Create the whole plan; one audit entry says where it came from (activities are not audited one by one)."""
    plan = plan_create(organization=organization, year=year or draft.year, title=draft.title, by=by,
                       notes=draft.notes)
    units = _units_for(organization, draft)
    count = sum(
        _create_activities(section_create(plan=plan, title=s.title, by=by), s.activities, units, by)
        for s in draft.sections
    )
    audit_record(action="plans.plan.imported", obj=plan, by=by, organization=organization, plan_id=plan.pk,
                 summary=f"Загружен из {source or 'документа'}: мероприятий {count}",
                 changes={"activities": [None, count]})
    return plan
