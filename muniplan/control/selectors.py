"""Read queries of the control pages, each a fixed number of queries however many items there are."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from muniplan.accounts.access import visible_organizations
from muniplan.resolutions.models import Addressee, Recommendation, Resolution

from .models import ControlItem, ExecutionNote, StatusChange


@dataclass
class AddresseeGroup:
    addressee: Addressee
    own: bool
    recommendations: list[Recommendation] = field(default_factory=list)


def follow_up(resolution: Resolution, is_own) -> list[AddresseeGroup]:
    """Every recommendation of the resolution with its item under control (if any), notes and activity;
    a closed item carries its `closing` StatusChange (the reason it was taken off control)."""
    groups = {a.pk: AddresseeGroup(a, is_own(a)) for a in resolution.addressees.all()}
    notes = Prefetch(
        "control_item__notes", queryset=ExecutionNote.objects.prefetch_related("evidence")
    )
    rows = (
        Recommendation.objects.filter(addressee__resolution=resolution)
        .select_related("control_item__executor_unit", "control_item__controller", "activity__plan")
        .prefetch_related(notes)
        .order_by("addressee__position", "position", "id")
    )
    items = []
    for recommendation in rows:
        groups[recommendation.addressee_id].recommendations.append(recommendation)
        if (item := getattr(recommendation, "control_item", None)) is not None:
            item.closing = None
            items.append(item)
    # why a closed item was taken off control, for the page and the document alike (one query)
    closings = StatusChange.objects.filter(item__in=items, new=ControlItem.Status.CLOSED)
    latest = {change.item_id: change for change in closings.order_by("created", "id")}
    for item in items:
        if item.status == ControlItem.Status.CLOSED:
            item.closing = latest.get(item.pk)
    return list(groups.values())


def items_visible_to(user, *, status: str = "") -> QuerySet[ControlItem]:
    items = ControlItem.objects.filter(organization__in=visible_organizations(user)).select_related(
        "organization", "executor_unit", "controller", "recommendation__addressee__resolution"
    )
    if status == "open":
        return items.filter(status__in=ControlItem.OPEN)
    if status in ControlItem.Status.values:
        return items.filter(status=status)
    return items


def is_overdue(item: ControlItem, today: dt.date) -> bool:
    return item.is_open and item.deadline < today


def status_label(item: ControlItem, as_of: dt.date) -> str:
    """The item's status as of a date, saying when an open item is past its deadline (as the pages do)."""
    label = item.get_status_display()
    return f"{label} — просрочено" if is_overdue(item, as_of) else label
