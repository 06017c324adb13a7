"""Which plans a caller outside the product (or the API) may read, and the API's activities."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import F, Q, QuerySet

from muniplan.accounts.access import visible_organizations
from muniplan.periods.schedule import mask_to_months
from muniplan.plans.models import Activity, Participation, Plan

SHOWN_STATUSES = (Plan.Status.APPROVED, Plan.Status.ARCHIVED)


def _published() -> Q:
    """Published and approved: a reopened (draft) plan leaves the public page at once."""
    return Q(publication__isnull=False, status__in=SHOWN_STATUSES)


def public_plans() -> QuerySet[Plan]:
    return Plan.objects.filter(_published()).select_related("organization")


def readable_plans(user) -> QuerySet[Plan]:
    """Anonymous callers read public plans; signed-in users those too (the public page is open to
    them) and whatever their roles allow."""
    plans = public_plans()
    if user.is_authenticated:
        plans = Plan.objects.filter(
            Q(organization__in=visible_organizations(user)) | _published()
        ).select_related("organization")
    return plans.order_by("organization__name", "-year", "id")


def api_activities(activities: QuerySet[Activity]) -> list[dict]:
    """The activities as the API gives them, in plain values from three queries whatever their
    number (the activities with their section's title, their responsible units, their planned
    participants): turning model objects into the API's fields one attribute at a time was most
    of the time of a 300-activity page."""
    rows = list(
        activities.values(
            *_AS_STORED, "funding_text", *_SCHEDULE_FIELDS, section_title=F("section__title")
        )
    )
    ids = [row["id"] for row in rows]
    units: dict[int, list[str]] = defaultdict(list)
    for activity_id, name in (
        Activity.responsible_units.through.objects.filter(activity_id__in=ids)
        .order_by("unit__name", "unit_id")
        .values_list("activity_id", "unit__name")
    ):
        units[activity_id].append(name)
    participants: dict[int, list[dict]] = defaultdict(list)
    for activity_id, count, category in Participation.objects.filter(
        activity_id__in=ids
    ).values_list("activity_id", "count", "category"):
        participants[activity_id].append({"count": count, "category": category})
    return [
        {
            **{name: row[name] for name in _AS_STORED},
            "section": row["section_title"],
            "schedule": _schedule(row),
            "responsible": units[row["id"]],
            "funding": row["funding_text"],
            "participants": participants[row["id"]],
        }
        for row in rows
    ]


_SCHEDULE_FIELDS = (
    "period_text",
    "months_mask",
    "frequency_per",
    "frequency_min",
    "condition",
    "dates",
    "period_needs_review",
)
_AS_STORED = (  # the API's fields that are the activity's own, under the same names
    "id",
    "plan_id",
    "section_id",
    "parent_id",
    "number",
    "title",
    "description",
    "responsible_text",
    "partners",
    "location",
    "format",
)


def _schedule(row: dict) -> dict:
    return {
        "text": row["period_text"],
        "months": mask_to_months(row["months_mask"]),
        "frequency": (
            {"per": row["frequency_per"], "min": row["frequency_min"] or 1}
            if row["frequency_per"]
            else None
        ),
        "condition": row["condition"] or None,
        "dates": row["dates"],
        "needs_review": row["period_needs_review"],
    }
