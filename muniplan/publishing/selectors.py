"""Which plans a caller outside the product (or the API) may read."""

from __future__ import annotations

from django.db.models import QuerySet

from muniplan.plans.models import Plan
from muniplan.plans.selectors import plans_visible_to

SHOWN_STATUSES = (Plan.Status.APPROVED, Plan.Status.ARCHIVED)


def public_plans() -> QuerySet[Plan]:
    """Published plans that are approved: a reopened (draft) plan leaves the public page at once."""
    return Plan.objects.filter(publication__isnull=False, status__in=SHOWN_STATUSES).select_related(
        "organization"
    )


def readable_plans(user) -> QuerySet[Plan]:
    """Signed-in users read what their roles allow; anonymous callers only public plans."""
    if user.is_authenticated:
        return plans_visible_to(user)
    return public_plans().order_by("organization__name", "-year", "id")
