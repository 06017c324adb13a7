"""Publishing and withdrawing a plan: one transaction with its history entry each."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from muniplan.audit.services import audit_record
from muniplan.plans.models import Plan

from .models import Publication
from .selectors import SHOWN_STATUSES


@transaction.atomic
def plan_publish(*, plan: Plan, by) -> Publication:
    if plan.status not in SHOWN_STATUSES:
        raise ValidationError("Опубликовать можно только утверждённый план.")
    publication, created = Publication.objects.get_or_create(plan=plan, defaults={"by": by})
    if created:
        audit_record(
            action="publishing.plan.published",
            obj=plan,
            by=by,
            plan=plan,
            summary="План опубликован на публичной странице",
        )
    return publication


@transaction.atomic
def plan_unpublish(*, plan: Plan, by) -> None:
    deleted, _ = Publication.objects.filter(plan=plan).delete()
    if deleted:
        audit_record(
            action="publishing.plan.unpublished",
            obj=plan,
            by=by,
            plan=plan,
            summary="План снят с публичной страницы",
        )
