"""A plan read from a document (a PlanDraft) becomes a plan in the database, in one transaction."""

from __future__ import annotations

from django.db import transaction

from muniplan.accounts.models import Organization, Unit
from muniplan.accounts.services import unit_create
from muniplan.audit.services import audit_record
from muniplan.lib.search import fold
from muniplan.readers.draft import ActivityDraft, PlanDraft

from .models import Plan, Section
from .services import ActivityInput, activity_create, plan_create, section_create


def activity_input_from_draft(draft: ActivityDraft, units: dict[str, Unit]) -> ActivityInput:
    known = [units[name] for name in draft.responsible if name in units]
    others = [name for name in draft.responsible if name not in units]
    return ActivityInput(
        number=draft.number,
        title=draft.title,
        description=draft.description,
        location=draft.location or "",
        responsible_units=known,
        responsible_text="; ".join(others),
        partners=list(draft.partners),
        funding_text=draft.funding or "",
        period_text=draft.period.text,
        schedule=draft.period,
        participants=[(p.count, p.category) for p in draft.participants],
        needs_review=list(draft.needs_review),
    )


NEW_UNIT, AS_TEXT = "new", "text"


def responsible_names(draft: PlanDraft) -> list[str]:
    return sorted(
        {name for s in draft.sections for a in _walk(s.activities) for name in a.responsible}
    )


def unknown_unit_names(organization: Organization, draft: PlanDraft) -> list[str]:
    """The responsible names of the draft that are not yet units of the organization."""
    known = {fold(unit.name) for unit in organization.units.all()}
    return [name for name in responsible_names(draft) if fold(name) not in known]


def _units_for(
    organization: Organization, draft: PlanDraft, by, choices: dict | None
) -> dict[str, Unit]:
    """Each responsible name → its unit. An unknown name follows `choices` (an existing Unit, NEW_UNIT or
    AS_TEXT); without choices (the command line) it becomes a new unit; a name missing from the choices
    a person made stays text, so that nothing is created that nobody saw."""
    existing = {fold(unit.name): unit for unit in organization.units.all()}
    units = {}
    for name in responsible_names(draft):
        choice = NEW_UNIT if choices is None else choices.get(name, AS_TEXT)
        if fold(name) in existing:
            units[name] = existing[fold(name)]
        elif isinstance(choice, Unit):
            units[name] = choice
        elif choice == NEW_UNIT:
            units[name] = existing[fold(name)] = unit_create(
                organization=organization, name=name, kind=Unit.Kind.STAFF, by=by
            )
    return units


def _walk(activities: list[ActivityDraft]):
    for activity in activities:
        yield activity
        yield from _walk(activity.children)


def _create_activities(
    section: Section, drafts: list[ActivityDraft], units, by, parent=None
) -> int:
    count = 0
    for draft in drafts:
        activity = activity_create(
            section=section,
            by=by,
            data=activity_input_from_draft(draft, units),
            parent=parent,
            audit=False,
        )
        count += 1 + _create_activities(section, draft.children, units, by, parent=activity)
    return count


@transaction.atomic
def plan_create_from_draft(
    *,
    organization: Organization,
    draft: PlanDraft,
    by,
    year: int | None = None,
    source: str = "",
    unit_choices: dict | None = None,
) -> Plan:
    """Create the whole plan; one audit entry says where it came from (activities are not audited one by one)."""
    plan = plan_create(
        organization=organization,
        year=year or draft.year,
        title=draft.title,
        by=by,
        notes=draft.notes,
    )
    units = _units_for(organization, draft, by, unit_choices)
    count = sum(
        _create_activities(section_create(plan=plan, title=s.title, by=by), s.activities, units, by)
        for s in draft.sections
    )
    audit_record(
        action="plans.plan.imported",
        obj=plan,
        by=by,
        plan=plan,
        summary=f"Загружен из {source or 'документа'}: мероприятий {count}",
        changes={"activities": [None, count]},
    )
    return plan
