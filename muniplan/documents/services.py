"""Writes of the documents app: an organization's default layout and its own Word form."""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from muniplan.accounts.models import Organization
from muniplan.audit.services import audit_record

from .layouts import LAYOUTS, PlanDocument, get_layout
from .letterhead import LetterheadError, letterhead_check
from .models import Letterhead


@transaction.atomic
def organization_layout_set(*, organization: Organization, layout: str, by) -> Organization:
    if layout not in LAYOUTS:
        raise ValidationError(f"Оформление «{layout}» неизвестно.")
    old = organization.get_plan_layout_display()
    organization.plan_layout = layout
    organization.save(update_fields=["plan_layout"])
    audit_record(action="documents.layout.changed", obj=organization, by=by, organization=organization,
                 summary=f"Оформление плана: {organization.get_plan_layout_display()}",
                 changes={"plan_layout": [old, organization.get_plan_layout_display()]})
    return organization


@transaction.atomic
def letterhead_upload(*, organization: Organization, name: str, data: bytes, by) -> Letterhead:
    """Keep the form only if it renders a plan of this organization; the error names the bad tag."""
    try:
        letterhead_check(data, name, _sample_document(organization))
    except LetterheadError as error:
        raise ValidationError(str(error)) from error
    letterhead = Letterhead.objects.filter(organization=organization).first() or Letterhead(organization=organization)
    if letterhead.pk:
        letterhead.file.delete(save=False)
    letterhead.original_name, letterhead.error = name[:255], ""
    letterhead.sha256 = hashlib.sha256(data).hexdigest()
    letterhead.uploaded_by = by
    letterhead.file.save(name, ContentFile(data), save=False)
    letterhead.save()
    audit_record(action="documents.letterhead.uploaded", obj=letterhead, by=by, organization=organization,
                 summary=f"Бланк для документов Word: {letterhead.original_name}")
    return letterhead


@transaction.atomic
def letterhead_delete(*, organization: Organization, by) -> None:
    letterhead = Letterhead.objects.filter(organization=organization).first()
    if letterhead is None:
        return
    audit_record(action="documents.letterhead.deleted", obj=letterhead, by=by, organization=organization,
                 summary=f"Бланк удалён: {letterhead.original_name}")
    letterhead.file.delete(save=False)
    letterhead.delete()


def _sample_document(organization: Organization) -> PlanDocument:
    """The organization's latest plan, or an empty one, to try a form on before keeping it."""
    from muniplan.plans.models import Plan

    from .layouts import plan_document

    plan = organization.plans.order_by("-year", "-id").first()
    if plan is not None:
        return plan_document(plan, get_layout(None, organization))
    blank = Plan(organization=organization, year=2026, title="План работы")
    return PlanDocument(blank, get_layout(None, organization), blank.title, [], [], [])


